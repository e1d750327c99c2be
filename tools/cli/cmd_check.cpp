// `aidc check SCENARIO`: validates a scenario (every section, every referenced file) and writes nothing.
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::cli {

void add_check_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("check", "Validate a scenario file without running it (exit 0 if valid, 2 if not)");
  auto path = std::make_shared<std::string>();
  cmd->add_option("SCENARIO", *path, "Scenario YAML file")->required();
  cmd->callback([path, &g] {
    const tools::Scenario sc = tools::load_scenario(*path);
    const topo::Site site = tools::build_site(sc);
    if (!g.quiet) {
      std::cout << *path << ": valid scenario '" << sc.site.name << "' (" << site.gpus() << " GPUs, " << site.nodes()
                << " nodes, " << site.racks() << " racks)\n";
      for (const auto& w : site.warnings()) std::cout << "warning: " << w << "\n";
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
