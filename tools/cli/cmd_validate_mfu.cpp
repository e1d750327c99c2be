// Placeholder: the performance-model owner replaces this file.
#include "tools/cli/commands.hpp"

namespace aidc::cli {
void add_validate_mfu_command(CLI::App& /*validate*/, GlobalOptions& /*g*/) {}
}  // namespace aidc::cli
