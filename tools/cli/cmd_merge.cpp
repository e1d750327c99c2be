// `aidc merge SHARD.h5... -o results.h5`: joins the shard files of `aidc sweep --shard k/n` runs into the file
// a single run writes, byte for byte (tools/sweep/sweep_runner.hpp checks they belong together).
#include <iostream>
#include <memory>

#include "tools/cli/commands.hpp"
#include "tools/sweep/sweep_runner.hpp"

namespace aidc::cli {

void add_merge_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("merge", "Join the shard files of a sharded sweep into one results file");
  auto files = std::make_shared<std::vector<std::string>>();
  auto output = std::make_shared<std::string>();
  cmd->add_option("SHARDS", *files, "Shard files written by aidc sweep --shard k/n")->required();
  cmd->add_option("-o,--output", *output, "Merged results file (written atomically)")->required();
  cmd->callback([files, output, &g] {
    tools::merge_sweep_shards(*files, *output);
    if (!g.quiet) std::cout << "merged " << files->size() << " shards into " << *output << "\n";
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
