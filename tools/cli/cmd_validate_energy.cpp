// `aidc validate energy [--json]`: runs the reference scenarios (air DX, chilled water with economiser, cold plate
// with dry coolers, immersion) in a cold and a hot climate and prints predicted annual PUE and WUE next to the
// published figures (models/validation/energy_references.yaml). Exits 0 when it ran; the tolerances
// (models/energy/VALIDATION.md) are enforced by tests/models/energy.
#include <filesystem>
#include <iostream>
#include <memory>

#include "tools/cli/commands.hpp"
#include "tools/cli/energy_report.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::cli {

void add_validate_energy_command(CLI::App& validate, GlobalOptions& g) {
  auto* cmd = validate.add_subcommand("energy",
                                      "Predict annual PUE/WUE of the reference plants and compare with "
                                      "published figures");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json,
                "Print {\"cases\": [{id, climate, predicted_pue, predicted_wue_l_per_kwh, "
                "reference_pue, ...}]}");
  cmd->callback([json, &g]() {
    const auto dir = find_plant_dir(".");
    if (dir.empty()) throw tools::ConfigError(".", 0, 0, "", "no scenarios/plant folder above the working directory");
    const auto rows = run_energy_validation(std::filesystem::path(dir).parent_path().parent_path().string());
    if (*json) {
      std::cout << energy_validation_json(rows).dump() << "\n";
    } else {
      print_energy_validation(std::cout, rows);
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
