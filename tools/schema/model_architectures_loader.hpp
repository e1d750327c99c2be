#pragma once
// Reader for the published architectures of named models (`aidc-model-architectures/1`,
// models/validation/architectures.yaml). Validation cases that give only a model's name (the NeMo performance
// tables, the DGX Cloud recipes) leave its dimensions `unknown`; the case reader fills those, and only those,
// from this file and records the assumption with the entry's source. Strict: unknown keys, wrong types and
// non-positive sizes are ConfigErrors naming file:line:col.
#include <map>
#include <string>

#include "models/perf/model_spec.hpp"

namespace aidc::tools {

struct NamedArchitecture {
  std::string name;
  aidc::models::ModelSpec spec;  // seq_len is the config's; a case's own seq_len wins
  bool has_moe = false;
  std::string source;  // where the numbers come from (repository, path, commit, or paper)
};

class YamlNode;
// Entries by name; throws ConfigError on malformed input or a duplicated name.
std::map<std::string, NamedArchitecture> load_model_architectures(const std::string& path);
std::map<std::string, NamedArchitecture> parse_model_architectures(const YamlNode& root);

// The architectures file for a case file: `architectures.yaml` beside it, else the project's
// models/validation/architectures.yaml found by walking up from it; empty when there is none.
std::string find_model_architectures(const std::string& cases_path);

}  // namespace aidc::tools
