#pragma once
// EnergyInputs: everything the hourly energy model takes besides the plant parameters and the climate. Plain data,
// no dependency on topology/, so the model is testable alone; models/energy/energy_from_site.hpp (when present)
// fills it from a topo::Site.
//
// Units: kW, kg CO2e/kWh, FLOP/s. Invariants (validate_inputs): at least one IT component with count > 0;
// utilisation empty or 8,760 values in [0, 1]; renewable_share in [0, 1]; layers valid (equipment_layer.hpp).
#include <vector>

#include "models/energy/equipment_layer.hpp"
#include "models/energy/it_power.hpp"

namespace aidc::models {

struct EnergyInputs {
  std::vector<ItComponent> it;
  // Hourly fraction of GPUs busy (8,760 values); empty = constant_utilisation every hour.
  std::vector<double> utilisation;
  // Default 1.0: every GPU allocated to jobs all year (an AI training site's design point); the reliability model
  // lowers it with restarts and failures.
  double constant_utilisation = 1.0;

  // Equipment layers; units = 0 sizes the layer from the year's peak load under its redundancy. unit_kw = 0 takes
  // the plant file's unit capacity.
  EquipmentLayer transformers{"transformers", 0, 0.0, RedundancyKind::two_n};
  EquipmentLayer ups{"ups", 0, 0.0, RedundancyKind::two_n};
  EquipmentLayer pdus{"pdus", 0, 0.0, RedundancyKind::two_n};
  EquipmentLayer cdus{"cdus", 0, 0.0, RedundancyKind::n_plus_x, 1};
  EquipmentLayer air_units{"air_units", 0, 0.0, RedundancyKind::n_plus_x, 1};  // CRAHs or DX CRACs
  EquipmentLayer chillers{"chillers", 0, 0.0, RedundancyKind::n_plus_x, 1};
  EquipmentLayer heat_rejection{"heat_rejection", 0, 0.0, RedundancyKind::n_plus_x, 1};  // towers or dry coolers

  // Grid carbon intensity, kg CO2e per kWh (annual average; the climate's hourly series wins when present) and the
  // share of the site's electricity that is renewable and counted at zero emissions (contracts, on-site).
  double grid_kg_per_kwh = 0.0;
  double renewable_share = 0.0;

  // Composite compute (INDICATORS.md §6 "CEE"): see energy_result.hpp. Delivered FLOP/s of one busy GPU; general-
  // purpose servers' delivered FLOP/s (constant) and their weight against AI FLOP.
  double gpu_delivered_flops = 0.0;
  double general_delivered_flops = 0.0;
  double general_weight = 1.0;
};

void validate_inputs(const EnergyInputs& in);

}  // namespace aidc::models
