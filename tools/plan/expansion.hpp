#pragma once
// Expansion: "add N cards to this site": what else must be added, what headroom the existing plant had, and how
// the headline metrics change. Behind `aidc expand SCENARIO --add-gpus N`.
//
// What grows, in order (each step re-uses the topology builder's own sizing rules, so the answer is what
// `aidc topology` would build for the expanded file):
//  1. compute.gpus += N (a whole number of NVLink domains).
//  2. The reference job (workloads[0]) takes the new cards: its GPUs become the largest multiple of
//     tp x pp x cp within (old job GPUs + N), i.e. its data-parallel size grows; batch.global grows with it so that
//     each data-parallel rank keeps its micro-batches (weak scaling).
//  3. Storage nodes grow with the GPU count (raw capacity per GPU kept): ceil(nodes x new GPUs / old GPUs).
//  4. The fabrics: leaves, spines and cores follow from the node count (topology/fabric_plan.hpp). When the tier
//     count cannot reach the new size, tiers + 1 is tried and reported; if that fails too, the expansion is
//     refused with the builder's message (radix, planes or oversubscription must change).
//  5. Power and cooling layers: a layer sized from the load (`units` absent or 0) is re-sized by the builder. A
//     layer with explicit `units` keeps its units per group and side unless the new load needs more (N from the
//     largest group load, plus the redundancy's spares); new groups (rows, racks) get the same count.
// Headroom before, per layer: the smallest over its groups of (units per side - spares) x unit_kw - group load,
// i.e. what the layer could still absorb with its redundancy intact; `absorbed` says whether the expanded site
// needs no new unit of that layer.
//
// The expanded scenario is the base with section-level overrides (tools/schema/scenario_override.hpp) loaded
// through the validated schema; the same edits produce the expanded YAML file, whose relative paths are
// rewritten for the output file's folder so that it loads from there (and `aidc report before.yaml
// expanded.yaml` compares the two).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/plan/design_eval.hpp"
#include "tools/results/json.hpp"

namespace aidc::tools {

struct ExpansionRequest {
  std::string scenario_path;
  int64_t add_gpus = 0;
  std::string output_path;  // where the expanded YAML will be written (relative paths are rewritten for it)
  cli::RunOverrides run;    // replications, threads, seed for both evaluations
};

struct FieldChange {
  std::string path;
  std::string before;
  std::string after;
};

struct LayerDelta {
  std::string path;  // e.g. "power.ups"
  bool auto_sized = false;
  std::string redundancy;
  double unit_kw = 0.0;
  int64_t groups_before = 0, groups_after = 0;
  int64_t units_before = 0, units_after = 0;
  double max_group_load_before_kw = 0.0, max_group_load_after_kw = 0.0;
  double headroom_before_kw = 0.0;  // negative: the redundancy was already short
  bool absorbed = false;            // no unit added
};

struct FabricDelta {
  std::string path;  // "network.fabric" or "network.storage_network"
  int64_t tiers_before = 0, tiers_after = 0;
  int64_t leaves_before = 0, leaves_after = 0;
  int64_t spines_before = 0, spines_after = 0;
  int64_t cores_before = 0, cores_after = 0;
};

struct ExpansionResult {
  std::string scenario_path;
  int64_t gpus_before = 0, gpus_after = 0;
  std::vector<FieldChange> changes;         // every field the expansion set
  std::vector<ScenarioOverride> overrides;  // section-level overrides of the base that give the expanded site
  std::vector<FabricDelta> fabrics;
  std::vector<LayerDelta> layers;  // present layers, chain order
  int64_t storage_nodes_before = 0, storage_nodes_after = 0;
  DesignEvaluation before, after;
  std::vector<std::string> notes;
  std::string expanded_yaml;  // the expanded scenario file's text
};

// Throws ConfigError for a bad scenario or request (N < 1, not a whole number of NVLink domains, a size the
// fabric cannot reach even with one more tier, a distributed-redundant layer that cannot be re-sized).
ExpansionResult expand_site(const ExpansionRequest& request, const models::CostTable* costs);

Json expansion_json(const ExpansionResult& r, const models::CostTable* costs);

}  // namespace aidc::tools
