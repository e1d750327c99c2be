// Placeholder: the owner of this subcommand replaces this file.
#include "tools/cli/commands.hpp"

namespace aidc::cli {
void add_score_command(CLI::App& /*app*/, GlobalOptions& /*g*/) {}
}  // namespace aidc::cli
