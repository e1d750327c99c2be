#pragma once
// Scenario overrides: "set field F of the base scenario to value V" before the scenario is validated. Sweep
// axes and plan design choices are lists of overrides, so every variant of a scenario goes through the one
// validated schema (STYLE.md §8) exactly as a hand-edited copy of the file would.
//
// A field path is dotted map keys with [i] for sequence elements: `cooling.cdus.redundancy`,
// `workloads[0].parallel.dp`, `simulation.seed`. An override may only change a field the base scenario
// already sets (its parent maps and the key itself must exist): a misspelt path is then an error at once,
// instead of an "unknown key" in every variant. The value is YAML text (`N+1`, `2048`, `{leaf: 2}`), so
// a whole section can be replaced too.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace aidc::tools {

struct ScenarioOverride {
  std::string path;   // dotted field path
  std::string value;  // YAML text of the new value
};

// One step of a field path: a map key, or a sequence index when `is_index`.
struct FieldStep {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;
};

// Splits a field path into steps. Throws std::invalid_argument with a message naming the path when it is
// malformed (empty component, unbalanced bracket, non-numeric index).
std::vector<FieldStep> parse_field_path(const std::string& path);

// Whether `path` names an existing field of `root`.
bool field_exists(const YAML::Node& root, const std::string& path);

// Applies the overrides in order. Throws std::invalid_argument naming the path when it is malformed or does
// not exist in `root`, or when the value is not valid YAML.
void apply_overrides(YAML::Node& root, const std::vector<ScenarioOverride>& overrides);

// "path=value, path=value": how a variant is named in messages and tables.
std::string describe(const std::vector<ScenarioOverride>& overrides);

}  // namespace aidc::tools
