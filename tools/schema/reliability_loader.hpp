#pragma once
// Strict loaders for reliability inputs (keys and units: scenarios/docs/reliability.md).
//  - load_failure_table: a failure-rate table (schema `aidc-reliability-table/1`, scenarios/reliability/).
//  - load_reliability_section: the scenario's `reliability` section (table path, checkpointing, restart,
//    hot spares, maintenance), applied on top of JobSpec defaults.
// Unknown keys, wrong types and impossible values raise ConfigError "file:line:col: path: message".
#include <optional>
#include <string>

#include "models/reliability/reliability_inputs.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

inline constexpr const char* kReliabilityTableSchema = "aidc-reliability-table/1";

models::FailureTable load_failure_table(const std::string& path);
models::FailureTable parse_failure_table(const YamlNode& root);

struct ReliabilitySection {
  std::string table_path;  // resolved against the scenario directory
  models::FailureTable table;
  models::JobSpec job;
  models::MaintenanceSpec maintenance;
  // checkpoint.size_gb: when given, the save and restore times come from the storage model
  // (topo::Site::checkpoint_write_s / checkpoint_read_s) instead of save_s / restore_s.
  std::optional<double> checkpoint_size_bytes;
};

// `node` is the `reliability` mapping; `base_dir` resolves the table path.
ReliabilitySection parse_reliability_section(const YamlNode& node, const std::string& base_dir);

}  // namespace aidc::tools
