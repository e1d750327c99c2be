// `aidc expand SCENARIO --add-gpus N [-o expanded.yaml] [--json] [--costs COSTS.yaml]`: what an existing site
// needs to take N more cards (tools/plan/expansion.hpp): fabric switches or a new tier, power and cooling units,
// storage nodes; the headroom each layer had; and how MFU, PUE, MTBF, ETTR and the score change. The expanded
// scenario is written atomically, so `aidc report SCENARIO expanded.yaml` shows before and after.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "tools/cli/commands.hpp"
#include "tools/plan/expansion.hpp"
#include "tools/results/atomic_file.hpp"
#include "tools/schema/cost_loader.hpp"

namespace aidc::cli {
namespace {

struct ExpandArgs {
  std::string scenario;
  int64_t add_gpus = 0;
  std::string output;
  std::string costs;
  bool json = false;
  int64_t replications = 0;
  int threads = -1;
  int64_t seed = -1;
};

std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

void print_report(const tools::ExpansionResult& r) {
  std::printf("expansion of %s: %lld -> %lld GPUs\n", r.scenario_path.c_str(), static_cast<long long>(r.gpus_before),
              static_cast<long long>(r.gpus_after));
  std::printf("  changed fields:\n");
  for (const auto& c : r.changes)
    std::printf("    %-34s %s -> %s\n", c.path.c_str(), c.before.c_str(), c.after.c_str());
  std::printf("  fabrics:\n");
  for (const auto& f : r.fabrics) {
    std::printf("    %-24s tiers %lld -> %lld%s; leaves %lld -> %lld, spines %lld -> %lld, cores %lld -> %lld\n",
                f.path.c_str(), static_cast<long long>(f.tiers_before), static_cast<long long>(f.tiers_after),
                f.tiers_before > 0 && f.tiers_after > f.tiers_before ? " (tier added)" : "",
                static_cast<long long>(f.leaves_before), static_cast<long long>(f.leaves_after),
                static_cast<long long>(f.spines_before), static_cast<long long>(f.spines_after),
                static_cast<long long>(f.cores_before), static_cast<long long>(f.cores_after));
  }
  std::printf("  storage nodes %lld -> %lld\n", static_cast<long long>(r.storage_nodes_before),
              static_cast<long long>(r.storage_nodes_after));
  std::printf("  power and cooling (headroom before = what the layer could still take with its redundancy):\n");
  std::printf("    %-22s %-8s %9s %13s %16s %13s  %s\n", "layer", "redund.", "unit kW", "units", "max group kW",
              "headroom kW", "");
  for (const auto& l : r.layers) {
    char units[32], load[48];
    std::snprintf(units, sizeof units, "%lld -> %lld", static_cast<long long>(l.units_before),
                  static_cast<long long>(l.units_after));
    std::snprintf(load, sizeof load, "%.0f -> %.0f", l.max_group_load_before_kw, l.max_group_load_after_kw);
    std::printf("    %-22s %-8s %9g %13s %16s %13.0f  %s\n", l.path.c_str(), l.redundancy.c_str(), l.unit_kw, units,
                load, l.headroom_before_kw,
                l.absorbed ? "absorbed by the existing plant"
                           : ("add " + std::to_string(l.units_after - l.units_before) + " unit(s)").c_str());
  }
  std::printf("  metrics              before        after\n");
  for (const char* k : {"mfu", "pue", "mtbf_hours", "ettr", "availability", "cluster_effective_compute", "score",
                        "facility_power_mw", "tco", "capex"}) {
    std::printf("    %-26s %12s %12s\n", k, num(tools::design_value(r.before, k)).c_str(),
                num(tools::design_value(r.after, k)).c_str());
  }
  std::printf("    %-26s %12s %12s\n", "grade", r.before.grade ? r.before.grade->c_str() : "null",
              r.after.grade ? r.after.grade->c_str() : "null");
  for (const auto& n : r.notes) std::printf("  note: %s\n", n.c_str());
}

}  // namespace

void add_expand_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd =
      app.add_subcommand("expand", "What a site needs to add N cards, its headroom, and the metrics before/after");
  auto a = std::make_shared<ExpandArgs>();
  cmd->add_option("SCENARIO", a->scenario, "Scenario YAML of the existing site")->required();
  cmd->add_option("--add-gpus", a->add_gpus, "GPUs to add (whole NVLink domains)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("-o,--output", a->output, "Write the expanded scenario YAML here (atomically)");
  cmd->add_option("--costs", a->costs, "Cost table (aidc-costs/1) for TCO before/after");
  cmd->add_flag("--json", a->json, "Print the JSON report on stdout instead of the table");
  cmd->add_option("--replications", a->replications, "Override simulation.replications")->check(CLI::PositiveNumber);
  cmd->add_option("--threads", a->threads, "Override simulation.threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", a->seed, "Override simulation.seed")->check(CLI::NonNegativeNumber);
  cmd->callback([a, &g] {
    tools::ExpansionRequest req;
    req.scenario_path = a->scenario;
    req.add_gpus = a->add_gpus;
    req.output_path = a->output;
    if (a->replications > 0) req.run.replications = a->replications;
    if (a->threads >= 0) req.run.threads = a->threads;
    if (a->seed >= 0) req.run.seed = static_cast<uint64_t>(a->seed);
    std::optional<models::CostTable> costs;
    if (!a->costs.empty()) costs = tools::load_cost_table(a->costs);
    const tools::ExpansionResult r = tools::expand_site(req, costs ? &*costs : nullptr);
    if (!a->output.empty()) {
      tools::write_file_atomic(a->output, r.expanded_yaml);
      if (g.verbose) std::cerr << "wrote " << a->output << "\n";
    }
    if (a->json) {
      std::cout << tools::expansion_json(r, costs ? &*costs : nullptr).dump() << "\n";
    } else if (!g.quiet) {
      print_report(r);
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
