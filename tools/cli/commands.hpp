#pragma once
// The `aidc` subcommands. Each lives in its own file cli/cmd_<name>.cpp and is registered explicitly in
// aidc_main.cpp (no registration macros, STYLE.md §15).
//
// Exit codes, for every subcommand:
//   0  success
//   1  the run itself failed (I/O error, internal error)
//   2  bad input: the message names file:line:column: field.path (ConfigError); nothing is written
//   3  a check did not pass (e.g. a validation target missed, a calibration check over tolerance)
#include <CLI/CLI.hpp>

namespace aidc::cli {

// Options every subcommand shares.
struct GlobalOptions {
  bool quiet = false;    // no progress line, no informational messages
  bool verbose = false;  // extra diagnostics on stderr
  int exit_code = 0;     // set by the subcommand that ran
};

void add_check_command(CLI::App& app, GlobalOptions& g);
void add_run_command(CLI::App& app, GlobalOptions& g);
void add_topology_command(CLI::App& app, GlobalOptions& g);
void add_predict_command(CLI::App& app, GlobalOptions& g);
void add_validate_command(CLI::App& app, GlobalOptions& g);
void add_calibrate_command(CLI::App& app, GlobalOptions& g);
void add_energy_command(CLI::App& app, GlobalOptions& g);
void add_score_command(CLI::App& app, GlobalOptions& g);
void add_report_command(CLI::App& app, GlobalOptions& g);
void add_sweep_command(CLI::App& app, GlobalOptions& g);
void add_merge_command(CLI::App& app, GlobalOptions& g);
void add_plan_command(CLI::App& app, GlobalOptions& g);
void add_expand_command(CLI::App& app, GlobalOptions& g);

}  // namespace aidc::cli
