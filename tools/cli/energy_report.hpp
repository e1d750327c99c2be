#pragma once
// Energy reports for the CLI: the reference-scenario validation table of `aidc validate energy` (and
// `aidc energy --validate`), and the text / JSON forms of one energy evaluation.
//
// Reference scenarios (issue 7): the four shipped plants (scenarios/plant/{air-dx, air-chilled-water,
// liquid-cold-plate, immersion}.yaml) with the same IT load (10,240 H100 GPUs, scenarios/plant/it-power.yaml) in a
// cold and a hot climate (scenarios/climate/synthetic-cold.csv, synthetic-hot-dry.csv), next to the published
// figures of models/validation/energy_references.yaml. Tolerances are in models/energy/VALIDATION.md.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "models/energy/energy_model.hpp"
#include "tools/results/json.hpp"

namespace aidc::cli {

// Folder `scenarios/plant` found from `start` or one of its parents; empty if none.
std::string find_plant_dir(const std::string& start);

struct EnergyValidationRow {
  std::string id;  // plant / scenario id: air-dx, air-chilled-water, liquid-cold-plate, immersion
  std::string climate;
  std::string reference_id;  // case id in energy_references.yaml
  double predicted_pue = 0.0;
  double predicted_wue_l_per_kwh = 0.0;
  double cooling_kwh = 0.0;
  std::optional<double> reference_pue;
  std::optional<double> reference_lo, reference_hi;
  double tolerance = 0.0;  // ± around reference_pue, or widening of [lo, hi]; 0 = informational
  bool checked = false;
  bool pass = true;
};

// Runs the 4 x 2 reference scenarios. `repo_root` holds scenarios/ and models/validation/.
std::vector<EnergyValidationRow> run_energy_validation(const std::string& repo_root);

void print_energy_validation(std::ostream& os, const std::vector<EnergyValidationRow>& rows);
tools::Json energy_validation_json(const std::vector<EnergyValidationRow>& rows);

// One evaluation: annual metrics, headroom per layer.
void print_energy_result(std::ostream& os, const models::EnergyResult& r, const std::string& plant,
                         const std::string& climate);
tools::Json energy_result_json(const models::EnergyResult& r, const std::string& plant, const std::string& climate);

}  // namespace aidc::cli
