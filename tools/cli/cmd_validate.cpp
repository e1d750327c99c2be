// `aidc validate SUBJECT`: compares predictions with published figures. Each subject registers itself
// as a sub-subcommand from its own file (cmd_validate_<subject>.cpp).
#include "tools/cli/commands.hpp"

namespace aidc::cli {

void add_validate_mfu_command(CLI::App& validate, GlobalOptions& g);
void add_validate_reliability_command(CLI::App& validate, GlobalOptions& g);
void add_validate_energy_command(CLI::App& validate, GlobalOptions& g);

void add_validate_command(CLI::App& app, GlobalOptions& g) {
  auto* v = app.add_subcommand("validate", "Compare predictions with published figures (prints the error table)");
  v->require_subcommand(1);
  add_validate_mfu_command(*v, g);
  add_validate_reliability_command(*v, g);
  add_validate_energy_command(*v, g);
}

}  // namespace aidc::cli
