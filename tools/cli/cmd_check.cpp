// `aidc check SCENARIO`: validates a scenario (every section, every referenced file) and writes nothing.
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/schema/energy_loader.hpp"
#include "tools/schema/rubric_loader.hpp"
#include "tools/schema/scenario.hpp"
#include "tools/schema/scoring_loader.hpp"

namespace aidc::cli {

void add_check_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("check", "Validate a scenario file without running it (exit 0 if valid, 2 if not)");
  auto path = std::make_shared<std::string>();
  cmd->add_option("SCENARIO", *path, "Scenario YAML file")->required();
  cmd->callback([path, &g] {
    const tools::Scenario sc = tools::load_scenario(*path);
    const topo::Site site = tools::build_site(sc);
    // load_scenario only checks that these referenced files exist; `run` parses them after the simulation, so
    // without this a broken climate, plant, IT power or rubric file passed `check` and failed `run` with exit 2.
    if (sc.site.climate) (void)tools::load_climate_file(*sc.site.climate);
    if (sc.energy) {
      (void)tools::load_plant_file(sc.energy->plant_path);
      (void)tools::load_it_power_file(sc.energy->it_power_path);
    }
    if (sc.root) {
      if (const auto rubric = tools::load_scoring_spec(*sc.root).rubric) (void)tools::load_rubric(*rubric);
    }
    if (!g.quiet) {
      std::cout << *path << ": valid scenario '" << sc.site.name << "' (" << site.gpus() << " GPUs, " << site.nodes()
                << " nodes, " << site.racks() << " racks)\n";
      for (const auto& w : site.warnings()) std::cout << "warning: " << w << "\n";
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
