// `aidc plan PLAN.yaml [-o plan.h5|plan.json] [--json] [--threads T] [--max-designs N]`: evaluates the full
// factorial of a plan's design choices (tools/plan/plan_runner.hpp), applies its constraints, prints the Pareto
// front and the recommended design with its bill of materials and TCO breakdown.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "tools/cli/commands.hpp"
#include "tools/plan/plan_runner.hpp"
#include "tools/results/atomic_file.hpp"
#include "tools/results/h5_writer.hpp"

namespace aidc::cli {
namespace {

struct PlanArgs {
  std::string plan;
  std::string output;
  bool json = false;
  int threads = 0;
  int64_t max_designs = tools::kDefaultMaxDesigns;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string num(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string money(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  if (std::fabs(v) >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2f M", v / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

double value(const tools::DesignResult& d, const char* name) {
  return d.values[static_cast<size_t>(tools::design_value_index(name))];
}

void print_table(const tools::PlanSpec& spec, const tools::PlanResult& r) {
  std::printf("plan: %s  (%zu designs, base %s)\n", spec.path.c_str(), r.designs.size(), spec.base_path.c_str());
  std::printf("  objectives:");
  for (const auto& o : spec.objectives) {
    std::printf(" %s %s", o.goal == tools::Goal::minimize ? "minimize" : "maximize", o.metric.c_str());
  }
  std::printf("\n\n  %-5s %-8s %-6s", "#", "status", "front");
  for (const auto& o : spec.objectives) std::printf(" %14s", o.metric.c_str());
  std::printf("  options\n");
  for (const auto& d : r.designs) {
    std::printf("  %-5lld %-8s %-6s", static_cast<long long>(d.index), d.status().c_str(), d.pareto ? "*" : "");
    for (const auto& o : spec.objectives) std::printf(" %14s", num(value(d, o.metric.c_str())).c_str());
    std::printf(" ");
    for (size_t c = 0; c < spec.choices.size(); ++c) {
      std::printf(" %s=%s", spec.choices[c].name.c_str(),
                  spec.choices[c].options[static_cast<size_t>(d.options[c])].name.c_str());
    }
    std::printf("\n");
    if (!d.reason.empty()) std::printf("        reason: %s\n", d.reason.c_str());
    for (const auto& v : d.violations) std::printf("        violates %s\n", v.c_str());
  }
  if (!r.recommended) {
    std::printf("\nno feasible design: relax the constraints or add options\n");
    return;
  }
  const tools::DesignResult& d = r.designs[static_cast<size_t>(*r.recommended)];
  std::printf("\nrecommended: design %lld (grade %s)\n", static_cast<long long>(d.index),
              d.grade ? d.grade->c_str() : "-");
  for (const auto& o : spec.overrides_of(d.index)) std::printf("  set %s = %s\n", o.path.c_str(), o.value.c_str());
  for (int k = 0; k < tools::kDesignValueCount; ++k) {
    std::printf("  %-28s %s %s\n", tools::kDesignValues[k].name, num(d.values[static_cast<size_t>(k)]).c_str(),
                tools::kDesignValues[k].unit);
  }
  const models::BillOfMaterials& b = d.bom;
  std::printf(
      "  bill of materials: %lld %s nodes + %lld spares, %lld racks (%lld compute, %lld storage, %lld network),"
      " switches %lld leaf / %lld spine / %lld core / %lld storage, %lld links, %lld optics, %lld storage nodes\n",
      static_cast<long long>(b.compute_nodes), b.gpu_type.c_str(), static_cast<long long>(b.spare_nodes),
      static_cast<long long>(b.racks()), static_cast<long long>(b.compute_racks),
      static_cast<long long>(b.storage_racks), static_cast<long long>(b.network_racks),
      static_cast<long long>(b.leaf_switches), static_cast<long long>(b.spine_switches),
      static_cast<long long>(b.core_switches), static_cast<long long>(b.storage_switches),
      static_cast<long long>(b.links), static_cast<long long>(b.optics), static_cast<long long>(b.storage_nodes));
  if (d.tco) {
    std::printf("  CAPEX (%s):\n", spec.costs.currency.c_str());
    for (const auto& l : d.tco->capex_lines) {
      std::printf("    %-9s %-34s %12s %-6s x %10s = %12s\n", l.category.c_str(), l.item.c_str(),
                  num(l.quantity).c_str(), l.unit.c_str(), num(l.unit_price).c_str(), money(l.cost).c_str());
    }
    std::printf(
        "    total %s; OPEX per year %s (energy %s, water %s, maintenance %s, staff %s); TCO over %g years %s\n",
        money(d.tco->capex_total).c_str(), money(d.tco->opex_per_year).c_str(), money(d.tco->energy_cost).c_str(),
        money(d.tco->water_cost).c_str(), money(d.tco->maintenance_cost).c_str(), money(d.tco->staff_cost).c_str(),
        spec.costs.lifetime_years, money(d.tco->tco).c_str());
  }
  std::printf("  Pareto front: ");
  for (int64_t i : r.pareto) std::printf("%lld ", static_cast<long long>(i));
  std::printf("\n");
}

}  // namespace

void add_plan_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd =
      app.add_subcommand("plan", "Evaluate a plan's design choices: TCO, constraints, Pareto front, recommendation");
  auto a = std::make_shared<PlanArgs>();
  cmd->add_option("PLAN", a->plan, "Plan YAML file (schema aidc-plan/1)")->required();
  cmd->add_option("-o,--output", a->output, "Write the results atomically: HDF5, or JSON when the name ends in .json");
  cmd->add_flag("--json", a->json, "Print the JSON document on stdout instead of the table");
  cmd->add_option("--threads", a->threads, "Designs evaluated in parallel (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-designs", a->max_designs, "Refuse plans with more designs than this")
      ->check(CLI::PositiveNumber);
  cmd->callback([a, &g] {
    const tools::PlanSpec spec = tools::load_plan(a->plan, a->max_designs);
    tools::PlanRunOptions options;
    options.threads = a->threads;
    // A progress line only for a person watching a terminal: never in pipes, logs or CI.
    if (!g.quiet && ::isatty(STDERR_FILENO)) {
      options.progress = [](int64_t done, int64_t total) {
        std::fprintf(stderr, "\rplan %lld/%lld designs", static_cast<long long>(done), static_cast<long long>(total));
        if (done == total) std::fprintf(stderr, "\n");
      };
    }
    const tools::PlanResult r = tools::run_plan(spec, options);
    const tools::Json doc = tools::plan_json(spec, r);
    if (!a->output.empty()) {
      if (ends_with(a->output, ".json")) {
        tools::write_file_atomic(a->output, doc.dump() + "\n");
      } else {
        // The recommended design's full results (re-evaluated: deterministic, same seed) plus the design table.
        tools::ResultsFile out;
        if (r.recommended) (void)tools::evaluate_plan_design(spec, *r.recommended, &out);
        out.scenario_path = spec.path;
        out.tables.emplace_back("plan_designs", tools::plan_table(spec, r));
        tools::write_results_h5(a->output, out);
      }
      if (g.verbose) std::cerr << "wrote " << a->output << "\n";
    }
    if (a->json) {
      std::cout << doc.dump() << "\n";
    } else if (!g.quiet) {
      print_table(spec, r);
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
