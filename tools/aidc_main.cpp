// aidc: the command-line front end of aidcsim. See README.md and `aidc --help`.
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/schema/config_error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"aidc: simulate and score AI computing centres before they are built"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "aidc 0.1.0");
  aidc::cli::GlobalOptions g;
  app.add_flag("-q,--quiet", g.quiet, "No progress line or informational messages");
  app.add_flag("-v,--verbose", g.verbose, "Extra diagnostics on stderr");

  aidc::cli::add_check_command(app, g);
  aidc::cli::add_run_command(app, g);
  aidc::cli::add_topology_command(app, g);
  aidc::cli::add_predict_command(app, g);
  aidc::cli::add_validate_command(app, g);
  aidc::cli::add_calibrate_command(app, g);
  aidc::cli::add_energy_command(app, g);
  aidc::cli::add_score_command(app, g);
  aidc::cli::add_report_command(app, g);
  aidc::cli::add_sweep_command(app, g);
  aidc::cli::add_merge_command(app, g);
  aidc::cli::add_plan_command(app, g);
  aidc::cli::add_expand_command(app, g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const aidc::tools::ConfigError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return g.exit_code;
}
