// `aidc expand`: placeholder while it is being written.
#include "tools/cli/commands.hpp"

namespace aidc::cli {

void add_expand_command(CLI::App& app, GlobalOptions& g) {
  (void)app;
  (void)g;
}

}  // namespace aidc::cli
