#include "models/energy/plant_params.hpp"

#include <cmath>
#include <stdexcept>

namespace aidc::models {
namespace {

constexpr double kCelsiusToKelvin = 273.15;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("plant: " + what);
}

bool fraction(double v) {
  return std::isfinite(v) && v >= 0.0 && v <= 1.0;
}

}  // namespace

double DxParams::cop(double dry_bulb_c) const {
  const double t_evap = evaporating_c + kCelsiusToKelvin;
  const double t_cond = std::fmax(dry_bulb_c + condenser_approach_k, min_condensing_c) + kCelsiusToKelvin;
  return carnot_fraction * t_evap / (t_cond - t_evap);
}

double w_class_max_supply_c(const std::string& w_class) {
  if (w_class == "W17") return 17.0;
  if (w_class == "W27") return 27.0;
  if (w_class == "W32") return 32.0;
  if (w_class == "W40") return 40.0;
  if (w_class == "W45") return 45.0;
  throw std::invalid_argument("unknown ASHRAE liquid class '" + w_class + "' (W17, W27, W32, W40, W45)");
}

void validate_plant(const PlantParams& p) {
  const auto& e = p.electrical;
  for (const auto* c : {&e.transformer, &e.ups_double_conversion, &e.ups_eco, &e.pdu}) {
    require(c->no_load >= 0.0 && c->proportional >= 0.0 && c->square >= 0.0 && c->loss_fraction(1.0) < 0.5,
            "loss coefficients must be >= 0 and lose < 50 % at full load");
  }
  require(e.transformer_unit_kw > 0 && e.ups_unit_kw > 0 && e.pdu_unit_kw > 0, "electrical unit_kw must be > 0");
  require(fraction(e.chain_loss_to_cooling), "chain_loss_to_cooling must be in [0, 1]");
  require(fraction(e.misc_fraction_of_it), "misc_fraction_of_it must be in [0, 1]");
  require(p.dx.carnot_fraction > 0 && p.dx.carnot_fraction < 1, "dx.carnot_fraction must be in (0, 1)");
  require(p.dx.min_condensing_c > p.dx.evaporating_c + 5.0, "dx.min_condensing_c must exceed evaporating_c by 5 K");
  require(fraction(p.dx.fan_fraction) && p.dx.unit_kw > 0, "dx.fan_fraction in [0, 1], dx.unit_kw > 0");
  const auto& w = p.chilled_water;
  require(w.chiller.cop_nominal > 0 && w.chiller_unit_kw > 0, "chiller cop and unit_kw must be > 0");
  require(w.stage_up_plr > 0.1 && w.stage_up_plr <= 1.0, "chilled_water.stage_up_plr must be in (0.1, 1]");
  require(w.return_c > w.supply_c, "chilled_water.return_c must exceed supply_c");
  require(fraction(w.crah_fan_fraction) && fraction(w.chw_pump_fraction) && fraction(w.cw_pump_fraction),
          "chilled-water fan and pump fractions must be in [0, 1]");
  require(w.economiser_approach_k >= 0 && w.crah_unit_kw > 0, "economiser_approach_k >= 0, crah_unit_kw > 0");
  const auto& t = p.tower;
  require(!t.approach_k.x.empty() && t.approach_k.x.size() == t.approach_k.y.size(), "tower approach table");
  for (std::size_t i = 1; i < t.approach_k.x.size(); ++i) {
    require(t.approach_k.x[i] > t.approach_k.x[i - 1], "tower approach table x must increase");
  }
  for (double a : t.approach_k.y) require(a >= 0.0, "tower approach must be >= 0");
  require(fraction(t.fan_fraction) && fraction(t.latent_fraction) && t.latent_heat_kj_per_kg > 0,
          "tower fan/latent fractions in [0, 1], latent heat > 0");
  require(t.cycles_of_concentration > 1.0, "tower.cycles_of_concentration must be > 1");
  require(t.drift_fraction_of_evaporation >= 0 && t.unit_kw > 0, "tower drift >= 0, unit_kw > 0");
  require(p.dry_cooler.approach_k >= 0 && fraction(p.dry_cooler.fan_fraction) && p.dry_cooler.unit_kw > 0,
          "dry cooler approach >= 0, fan fraction in [0, 1], unit_kw > 0");
  const auto& l = p.liquid;
  require(fraction(l.liquid_fraction), "liquid.liquid_fraction must be in [0, 1]");
  require(l.facility_supply_c <= w_class_max_supply_c(l.w_class) + 1e-9,
          "liquid.facility_supply_c exceeds its ASHRAE class limit");
  require(l.facility_delta_k > 0 && l.cdu_approach_k >= 0 && l.cdu_unit_kw > 0, "liquid temperatures/capacity");
  require(fraction(l.cdu_pump_fraction) && fraction(l.fw_pump_fraction), "liquid pump fractions in [0, 1]");
}

}  // namespace aidc::models
