// `aidc plan`: placeholder while it is being written.
#include "tools/cli/commands.hpp"

namespace aidc::cli {

void add_plan_command(CLI::App& app, GlobalOptions& g) {
  (void)app;
  (void)g;
}

}  // namespace aidc::cli
