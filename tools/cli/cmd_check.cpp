// Placeholder, replaced by the foundation work.
#include "tools/cli/commands.hpp"

namespace aidc::cli {
void add_check_command(CLI::App& /*app*/, GlobalOptions& /*g*/) {}
}  // namespace aidc::cli
