// `aidc run SCENARIO`: evaluates a scenario through the whole pipeline and writes the results.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/results/h5_writer.hpp"
#include "tools/results/json.hpp"

namespace aidc::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string output;
  int64_t replications = 0;
  int threads = -1;
  int64_t seed = -1;
  bool json = false;
  double max_memory_gb = -1.0;
  double max_seconds = -1.0;
};

tools::Json summary_json(const tools::ResultsFile& r) {
  tools::Json j = tools::Json::object();
  j.set("scenario", r.scenario_path);
  j.set("seed", r.seed);
  j.set("replications", r.replications);
  j.set("fingerprint", r.fingerprint.empty() ? tools::Json() : tools::Json(r.fingerprint));
  for (const auto& [key, mv] : r.metrics.entries()) {
    j.set(key, tools::Json(mv.value));
    if (mv.ci95_half_width) j.set(key + "_ci95", *mv.ci95_half_width);
  }
  j.set("grade", r.metrics.grade ? tools::Json(*r.metrics.grade) : tools::Json());
  tools::Json notes = tools::Json::array();
  for (const auto& n : r.notes) notes.push(n);
  j.set("notes", notes);
  return j;
}

void print_table(const tools::ResultsFile& r) {
  std::cout << "scenario: " << r.scenario_path << "  (seed " << r.seed << ", " << r.replications << " replications)\n";
  for (const auto& [key, mv] : r.metrics.entries()) {
    std::printf("  %-32s ", key.c_str());
    if (mv.value) {
      std::printf("%.6g", *mv.value);
      if (mv.ci95_half_width) std::printf(" ± %.3g (95%% CI)", *mv.ci95_half_width);
    } else {
      std::printf("null (not modelled yet)");
    }
    std::printf("\n");
  }
  std::printf("  %-32s %s\n", "grade", r.metrics.grade ? r.metrics.grade->c_str() : "null (not modelled yet)");
  if (!r.fingerprint.empty()) std::printf("  %-32s %s\n", "fingerprint", r.fingerprint.c_str());
  for (const auto& n : r.notes) std::printf("  note: %s\n", n.c_str());
}

}  // namespace

void add_run_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("run", "Evaluate a scenario: performance, reliability, energy and score");
  auto a = std::make_shared<RunArgs>();
  cmd->add_option("SCENARIO", a->scenario, "Scenario YAML file")->required();
  cmd->add_option("-o,--output", a->output, "Write results to this HDF5 file (atomically)");
  cmd->add_option("--replications", a->replications, "Override simulation.replications")->check(CLI::PositiveNumber);
  cmd->add_option("--threads", a->threads, "Override simulation.threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", a->seed, "Override simulation.seed")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", a->json, "Print the JSON summary on stdout instead of the table");
  cmd->add_option("--max-memory-gb", a->max_memory_gb,
                  "Refuse scenarios estimated to need more (default 80 % of "
                  "available memory; 0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-seconds", a->max_seconds,
                  "Refuse scenarios whose simulation is estimated to take longer "
                  "(default 3600; 0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([a, &g] {
    const tools::Scenario sc = tools::load_scenario(a->scenario);
    RunOverrides o;
    if (a->replications > 0) o.replications = a->replications;
    if (a->threads >= 0) o.threads = a->threads;
    if (a->seed >= 0) o.seed = static_cast<uint64_t>(a->seed);
    if (a->max_memory_gb >= 0) o.limits.max_memory_gb = a->max_memory_gb;
    if (a->max_seconds >= 0) o.limits.max_seconds = a->max_seconds;
    // A progress line only for a person watching a terminal: never in pipes, logs or CI.
    const bool show_progress = !g.quiet && ::isatty(STDERR_FILENO);
    Progress progress;
    if (show_progress) {
      progress = [](const std::string& stage, int64_t done, int64_t total) {
        std::fprintf(stderr, "\r%-12s %lld/%lld", stage.c_str(), static_cast<long long>(done),
                     static_cast<long long>(total));
        if (done == total) std::fprintf(stderr, "\n");
      };
    }
    const tools::ResultsFile r = evaluate(sc, o, progress);
    if (!a->output.empty()) {
      tools::write_results_h5(a->output, r);
      if (g.verbose) std::cerr << "wrote " << a->output << "\n";
    }
    if (a->json) {
      std::cout << summary_json(r).dump() << "\n";
    } else if (!g.quiet) {
      print_table(r);
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
