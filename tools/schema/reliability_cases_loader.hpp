#pragma once
// Reader of failure/goodput case files (schema `aidc-validation-reliability/1`, format in
// models/validation/README.reliability.md) and the prediction of one case with the reliability simulation.
//
// A case's `job` inputs override the defaults when present: gpus, nodes, duration_days,
// failures_per_1000_node_days, checkpoint_interval_min, checkpoint_blocking, checkpoint_save_s,
// restart_min, queue_min_per_failure (plus step_time_s). Unknown keys are ignored (cases carry notes);
// the keys used are validated (a number, `unknown`, or a bool where a bool is expected).
// Predicted keys are named as the `reported` keys they answer; keys ending _lower_bound/_upper_bound
// are bounds (rel_error still (pred - bound) / bound; `within` says whether the bound holds).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/reliability/reliability_inputs.hpp"

namespace aidc::tools {

struct ReliabilityCase {
  std::string id;
  std::string source;
  std::string role;  // calibration | validation | reference
  std::optional<double> cluster_gpus, cluster_gpus_lower_bound, gpus_per_node, spare_nodes;
  std::optional<double> gpus, nodes, duration_days, step_time_s;
  std::optional<double> failures_per_1000_node_days, checkpoint_interval_min, checkpoint_save_s, restart_min,
      queue_min_per_failure;
  std::optional<bool> checkpoint_blocking;
  std::vector<std::pair<std::string, double>> reported;  // numeric reported values, root_causes.<name> flattened
};

std::vector<ReliabilityCase> load_reliability_cases(const std::string& path);

struct ReliabilityKeyResult {
  std::string key;
  double predicted = 0.0;
  double reported = 0.0;
  double rel_error = 0.0;
  bool bound = false;   // reported value is a lower/upper bound
  bool within = false;  // bound satisfied (bounds only)
};

struct ReliabilityPrediction {
  std::string id;
  std::string role;
  bool predictable = true;
  std::string reason;
  std::vector<std::string> assumptions;
  std::vector<ReliabilityKeyResult> keys;
};

// Predicts one case: the table gives the failure classes (IT-side classes only: the cases describe no
// power or cooling plant), `defaults` the job/checkpoint defaults that the case does not override.
ReliabilityPrediction predict_reliability_case(const ReliabilityCase& c, const models::FailureTable& table,
                                               const models::JobSpec& defaults, int64_t replications, int threads,
                                               uint64_t seed);

// Finds models/validation/reliability_cases.yaml and scenarios/reliability/h100_default.yaml above `start`.
std::string find_repo_root(const std::string& start);

}  // namespace aidc::tools
