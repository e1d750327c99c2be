#pragma once
// EnergyResult: hour-by-hour and annual outputs of the energy model, and the capacity headroom of every
// equipment layer.
//
// Identities (tests/models/energy check them every hour):
//   facility_kw = it_kw + pdu_loss_kw + ups_loss_kw + transformer_loss_kw + cooling_kw() + misc_kw
//   cooling_kw() = air_fan_kw + dx_kw + cdu_pump_kw + pump_kw + chiller_kw + rejection_fan_kw
//   rejected_kw  = heat entering the water loops + chiller power + pump heat  (heat leaves the site)
//
// Metrics (INDICATORS.md §6; The Green Grid WP#49 PUE, WUE 2011, WP#32 CUE):
//   PUE  = Σ facility kWh / Σ IT kWh                          (annual, energy-weighted; hourly values too)
//   WUE  = Σ site water L (tower evaporation + blowdown + drift) / Σ IT kWh
//   CUE  = Σ facility kWh x grid kg/kWh x (1 - renewable share) / Σ IT kWh
//   per-card efficiency = delivered FLOP/s of a busy GPU / its busy power (card), and / its share of facility
//                         power (site view)
//   composite compute C = Σ_h [u(h) N_gpu F_gpu + w_gen F_gen] x 3600 s    (FLOP)
//     The CAICT report defines composite compute as general servers, AI servers, storage and network weighted by
//     actual use and capability, normalised, without giving weights. Our definition: delivered FLOP of AI
//     accelerators (weight 1, scaled by the hourly utilisation) plus delivered FLOP of general-purpose servers
//     (weight w_gen, default 1); storage and network carry weight 0 because they do not deliver FLOP, while their
//     energy and emissions stay in the denominators. Overridable through EnergyInputs.
//   CEE  = C / Σ facility kWh    (reported in PFLOP per kWh)
//   CCUE = C / Σ emitted kg      (reported in PFLOP per kg CO2e; infinite emissions-free sites report 0 kg)
#include <string>
#include <vector>

namespace aidc::models {

struct HourEnergy {
  double utilisation = 0.0;
  double it_kw = 0.0;
  double gpu_kw = 0.0;
  double pdu_loss_kw = 0.0;
  double ups_loss_kw = 0.0;
  double transformer_loss_kw = 0.0;
  double misc_kw = 0.0;
  double air_fan_kw = 0.0;  // CRAH or CRAC fans
  double dx_kw = 0.0;       // DX compressors (and their condenser fans, inside the COP)
  double cdu_pump_kw = 0.0;
  double pump_kw = 0.0;  // chilled-water, condenser-water and facility-water pumps
  double chiller_kw = 0.0;
  double rejection_fan_kw = 0.0;  // tower or dry-cooler fans
  double facility_kw = 0.0;
  double heat_air_kw = 0.0;      // heat into room air (IT air share + in-space electrical losses)
  double heat_liquid_kw = 0.0;   // heat into the CDU secondary loops
  double chiller_load_kw = 0.0;  // heat the chillers move (after the economiser)
  double free_cooling_kw = 0.0;  // heat removed without compressors (economiser, direct warm-water)
  double rejected_kw = 0.0;      // heat rejected by towers / dry coolers
  double ups_load_fraction = 0.0;
  double water_l = 0.0;
  double co2_kg = 0.0;
  double composite_flop = 0.0;

  double cooling_kw() const { return air_fan_kw + dx_kw + cdu_pump_kw + pump_kw + chiller_kw + rejection_fan_kw; }
  double pue() const { return facility_kw / it_kw; }
};

struct AnnualEnergy {
  double it_kwh = 0.0;
  double gpu_kwh = 0.0;
  double facility_kwh = 0.0;
  double cooling_kwh = 0.0;
  double electrical_loss_kwh = 0.0;
  double misc_kwh = 0.0;
  double water_l = 0.0;
  double co2_kg = 0.0;
  double composite_flop = 0.0;
  double pue = 0.0;
  double wue_l_per_kwh = 0.0;
  double cue_kg_per_kwh = 0.0;
  double renewable_share = 0.0;
  double cee_pflop_per_kwh = 0.0;
  double ccue_pflop_per_kg = 0.0;
  double card_gflops_per_w = 0.0;       // delivered FLOP/s per W of the busy card itself
  double card_gflops_per_w_site = 0.0;  // annual GPU FLOP per J of facility energy per GPU
  double pue_min_hour = 0.0;
  double pue_max_hour = 0.0;
  int free_cooling_hours = 0;  // hours with no compressor work
  int partial_free_hours = 0;  // hours where the economiser carried part of the load
  double peak_it_kw = 0.0;
  double peak_facility_kw = 0.0;
};

// Capacity check of one equipment layer at its peak hour.
struct LayerHeadroom {
  std::string name;
  std::string redundancy;
  long long units = 0;
  double unit_kw = 0.0;
  bool auto_sized = false;
  double peak_load_kw = 0.0;  // highest hourly load over the year
  int peak_hour = 0;
  double hottest_hour_load_kw = 0.0;
  double installed_kw = 0.0;
  double degraded_capacity_kw = 0.0;  // with the design failures (X out, one side out)
  double headroom_kw = 0.0;           // degraded capacity - peak load (negative: not redundant at peak)
  double peak_load_fraction = 0.0;    // per running unit, all units healthy
  // Load this layer gains per kW of extra IT (at the peak hour); used for "how many more racks fit".
  double load_per_it_kw_air = 0.0;     // per kW of air-cooled IT
  double load_per_it_kw_liquid = 0.0;  // per kW of liquid-cooled IT
};

struct EnergyResult {
  std::vector<HourEnergy> hours;
  AnnualEnergy annual;
  std::vector<LayerHeadroom> layers;
  int hottest_hour = 0;
};

// Racks of `rack_it_kw` IT power with `rack_liquid_fraction` of their heat to liquid that every layer can still
// take with its redundancy intact; the limiting layer's name goes to `limiting_layer` when given.
long long racks_that_fit(const EnergyResult& r, double rack_it_kw, double rack_liquid_fraction,
                         std::string* limiting_layer = nullptr);

}  // namespace aidc::models
