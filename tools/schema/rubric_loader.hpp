#pragma once
// Rubric loader: a scoring rubric YAML (schema `aidc-rubric/1`, format in scenarios/docs/scoring.md) ->
// models::Rubric. Strict: unknown or duplicate keys, a curve that is not monotone in its direction or scores
// outside 0..100, a weight that is not positive, an input key not in models::kScoreInputKeys, a duplicate
// indicator id, an empty dimension, grades out of order or a cap naming an unknown grade all raise
// ConfigError "file:line:col: path: message".
#include <string>

#include "models/score/rubric.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

inline constexpr const char* kRubricSchema = "aidc-rubric/1";

models::Rubric load_rubric(const std::string& path);
// Parses an already-loaded document (tests and embedded rubrics).
models::Rubric load_rubric(const YamlNode& root);

}  // namespace aidc::tools
