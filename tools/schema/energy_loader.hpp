#pragma once
// Energy loaders: plant parameter files (scenarios/plant/*.yaml, schema `aidc-plant/1`), the IT power library
// (scenarios/plant/it-power.yaml, `aidc-it-power/1`), grid carbon intensities (scenarios/plant/grid-carbon.yaml,
// `aidc-grid-carbon/1`), hourly climate files (CSV or EPW) and the energy validation references
// (models/validation/energy_references.yaml, `aidc-validation-energy/1`). Keys, units and defaults:
// scenarios/docs/energy.md.
//
// Every error is a ConfigError "file:line:col: field.path: message". Climate files are strict: exactly 8,760 hourly
// rows, every value finite and within physical bounds, no missing-value markers (EPW 99.9 / 999999), hours in order.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/energy/climate.hpp"
#include "models/energy/it_power.hpp"
#include "models/energy/plant_params.hpp"

namespace aidc::tools {

models::PlantParams load_plant_file(const std::string& path);

struct ItPowerLibrary {
  std::map<std::string, models::GpuPowerProfile> gpus;
  models::PhaseMix phase_mix;
  models::ItSupportPower support;
};
ItPowerLibrary load_it_power_file(const std::string& path);

struct GridRegion {
  double kg_per_kwh = 0.0;
  std::string source;
};
std::map<std::string, GridRegion> load_grid_carbon_file(const std::string& path);

// CSV (`.csv`) or EPW (`.epw`) by extension.
models::Climate load_climate_file(const std::string& path);
models::Climate load_climate_csv(const std::string& path);
models::Climate load_climate_epw(const std::string& path);
// Writes a climate as the CSV format load_climate_csv reads (used to ship the synthetic files).
void write_climate_csv(const models::Climate& c, const std::string& path, const std::vector<std::string>& comments);

struct EnergyReferenceCase {
  std::string id;
  std::string source;
  std::string cooling;
  std::optional<double> pue;
  std::optional<double> pue_lo, pue_hi;
  std::optional<double> wue_l_per_kwh;
  std::optional<double> cooling_energy_reduction_min;
};
std::vector<EnergyReferenceCase> load_energy_references(const std::string& path);

}  // namespace aidc::tools
