#pragma once
// A plan file (schema `aidc-plan/1`, documented in scenarios/docs/plan.md): a base scenario, design choices, the
// cost table, objectives and constraints. `aidc plan` evaluates the full factorial of the choices.
//
//   schema: aidc-plan/1
//   base: base-1k-h100.yaml            # relative to the plan file
//   costs: ../costs/default.yaml
//   replications: 2                    # reliability replications per design (default: the base scenario's)
//   seed: 1                            # one seed for every design: common random numbers (default: base's)
//   horizon_hours: 168                 # optional: simulated hours per replication
//   train_tokens: 3.0e11               # optional: tokens to train, for the time_to_train objective
//   choices:
//     - name: cooling
//       options:
//         - {name: air}                                    # no override: the base as it is
//         - name: cold-plate
//           set: {cooling: {kind: cold_plate, ...}, energy.plant: ../plant/liquid-cold-plate.yaml}
//   objectives: [{minimize: tco}, {maximize: score}]
//   constraints: {power_budget_mw: 3, pue_max: 1.4, grade_min: 2A, mtbf_min_h: 5, rack_density_kw_max: 45,
//                 racks_max: 80}
//
// An option is a set of overrides applied together (tools/schema/scenario_override.hpp): each key is a field
// path of the base scenario, each value any YAML (scalar, map or list). Every path must exist in the base
// scenario, so a misspelt path is an error at load time with the plan file's line, not an infeasible design.
// Strict like every loader: unknown keys, empty choices or options, duplicate names, unknown objectives, a
// time_to_train objective without train_tokens, or more designs than the limit raise ConfigError
// "file:line:col: field.path: message".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/tco/tco_model.hpp"
#include "tools/schema/scenario_override.hpp"

namespace aidc::tools {

inline constexpr const char* kPlanSchema = "aidc-plan/1";
// Default refusal threshold for the full factorial (`--max-designs` raises it): 2,000 designs at about 0.5 s each
// is a quarter of an hour on two cores.
inline constexpr int64_t kDefaultMaxDesigns = 2000;

struct PlanOption {
  std::string name;
  std::vector<ScenarioOverride> overrides;  // in file order
};

struct PlanChoice {
  std::string name;
  std::vector<PlanOption> options;
};

enum class Goal { minimize, maximize };

struct Objective {
  std::string metric;  // a design value (plan_values.hpp), e.g. "tco", "score"
  Goal goal = Goal::minimize;
};

struct PlanConstraints {
  std::optional<double> power_budget_mw;  // facility peak power
  std::optional<double> pue_max;
  std::optional<int> grade_min;  // 1..5 (from "1A".."5A")
  std::optional<double> mtbf_min_h;
  std::optional<double> rack_density_kw_max;  // densest rack's IT power
  std::optional<int64_t> racks_max;           // floor space, in racks
};

struct PlanSpec {
  std::string path;        // the plan file
  std::string name;        // optional label
  std::string base_path;   // resolved
  std::string costs_path;  // resolved
  models::CostTable costs;
  std::optional<int64_t> replications;
  std::optional<uint64_t> seed;
  std::optional<double> horizon_hours;
  std::optional<double> train_tokens;
  std::vector<PlanChoice> choices;
  std::vector<Objective> objectives;
  PlanConstraints constraints;

  // Number of designs of the full factorial (saturates at INT64_MAX).
  int64_t design_count() const;
  // Option index of every choice for design `index` (the last choice varies fastest).
  std::vector<int> options_of(int64_t index) const;
  // The overrides of design `index`: the chosen options' overrides, in choice order.
  std::vector<ScenarioOverride> overrides_of(int64_t index) const;
};

// Loads and validates a plan file and its cost table; refuses more than `max_designs` designs.
PlanSpec load_plan(const std::string& path, int64_t max_designs = kDefaultMaxDesigns);

// "1A".."5A" -> 1..5; nullopt for anything else.
std::optional<int> grade_level(const std::string& grade);

}  // namespace aidc::tools
