#pragma once
// Running a plan (plan_spec.hpp): evaluate every design of the full factorial, apply the constraints, compute
// the Pareto front over the objectives and recommend one design.
//
//  1. Design i (0 <= i < design_count) = the base scenario with the overrides of its options
//     (load_scenario(base, overrides): the validated schema), the plan's replications and horizon, and the plan's
//     seed for every design (common random numbers: two designs differ by their design, not by their luck).
//     Designs run in parallel with oneTBB (each design single-threaded inside); results are stored at index i,
//     so the output is the same for any thread count.
//  2. A design that does not load or build (an override the schema rejects, a radix too small, a layer that
//     cannot carry its load) or whose reference job does not fit is infeasible: listed with the reason.
//  3. Constraints: facility_power_mw <= power_budget_mw, pue <= pue_max, grade >= grade_min, mtbf_hours >=
//     mtbf_min_h, max_rack_kw <= rack_density_kw_max, racks <= racks_max. A constrained value the pipeline did
//     not produce is a violation ("pue not modelled"), never a pass.
//  4. Pareto front over the objectives among feasible designs with every objective value available; the
//     recommended design is the best on the first objective, ties broken by the next objectives, then by the
//     lowest index (pareto.hpp).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tools/plan/design_eval.hpp"
#include "tools/plan/plan_spec.hpp"
#include "tools/results/json.hpp"

namespace aidc::tools {

struct DesignResult {
  int64_t index = 0;
  std::vector<int> options;  // option index per choice
  bool evaluated = false;    // loaded, built and ran through the pipeline
  std::string reason;        // why the design is infeasible (empty when it is not)
  std::vector<std::string> violations;
  std::array<double, kDesignValueCount> values{};
  std::optional<std::string> grade;
  std::vector<std::string> notes;
  models::BillOfMaterials bom;
  std::optional<models::TcoResult> tco;
  bool pareto = false;
  bool feasible() const { return evaluated && reason.empty() && violations.empty(); }
  std::string status() const {
    return !evaluated || !reason.empty() ? "infeasible" : violations.empty() ? "ok" : "violates";
  }
};

struct PlanResult {
  std::vector<DesignResult> designs;
  std::vector<int64_t> pareto;         // design indices on the front, ascending
  std::optional<int64_t> recommended;  // design index
};

struct PlanRunOptions {
  int threads = 0;  // 0: all hardware threads
  // Called after each design with (done, total); serialised.
  std::function<void(int64_t, int64_t)> progress;
};

// The pipeline settings every design of the plan runs with (one thread inside a design).
cli::RunOverrides plan_run_overrides(const PlanSpec& spec);

// Evaluates design `index`; never throws for a bad design (its reason says why). With `full`, also returns the
// design's complete results (hourly series included) for writing.
DesignResult evaluate_plan_design(const PlanSpec& spec, int64_t index, ResultsFile* full = nullptr);

// Fills `d.violations` from its values and grade.
void apply_constraints(const PlanConstraints& c, DesignResult& d);

// Pareto front and recommendation over `r.designs` (sets DesignResult::pareto, r.pareto, r.recommended).
void select_designs(const PlanSpec& spec, PlanResult& r);

// Everything: evaluate (parallel), constrain, select.
PlanResult run_plan(const PlanSpec& spec, const PlanRunOptions& options);

// The JSON document of `aidc plan --json` (no timings: identical for any thread count).
Json plan_json(const PlanSpec& spec, const PlanResult& r);

// The per-design table of the plan's HDF5 file: one row per design keyed by its index, with option indices,
// status flags and every design value (NaN where missing).
Table plan_table(const PlanSpec& spec, const PlanResult& r);

}  // namespace aidc::tools
