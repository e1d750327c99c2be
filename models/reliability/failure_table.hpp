#pragma once
// FailureTable: what fails, how often, and what a failure does to a training job.
//
// One FailureClass per root cause (faulty GPU, HBM, software bug, NIC, planned maintenance, ...). A class
// is attached to a scope, which decides how many independent units of it a job holds:
//   gpu  -> one unit per GPU of the job;   node -> one unit per node;   job -> one unit (e.g. maintenance).
// Rates are failures per unit per day (the unit of the published cluster studies, e.g. Llama 3 Table 5
// divided by GPU-days). The time to failure of a unit is exponential (memoryless) or Weibull with shape k
// (k < 1 infant mortality, k > 1 wear-out) and the same mean 1 / rate, so a Weibull class changes when
// failures happen, not how many happen in the long run.
//
// A failure interrupts the job. `replaces_node` says whether the job needs another node (a spare, or the
// repaired one) before it can restart; the failed node then goes to repair for a lognormal time
// (median, sigma of the underlying normal) and comes back to the spare pool. `loses_work` is false for
// planned interruptions, where the operator checkpoints before stopping the job.
//
// The rate values themselves live in scenarios/reliability/*.yaml with their sources; this header holds
// no numbers. The structs are plain so that callers (the site simulation, tests, the CLI) fill them from
// any source without depending on the YAML loader or on the topology module.
#include <cstdint>
#include <string>
#include <vector>

namespace aidc::models::reliability {

enum class FailureScope { gpu, node, job };
enum class FailureDistribution { exponential, weibull };

struct FailureClass {
  std::string name;      // root cause, e.g. "faulty_gpu"
  std::string category;  // grouping used in reports, e.g. "gpu", "host", "network", "software", "planned"
  FailureScope scope = FailureScope::gpu;
  FailureDistribution distribution = FailureDistribution::exponential;
  double failures_per_unit_day = 0.0;  // mean rate, >= 0
  double weibull_shape = 1.0;          // only for weibull, > 0
  bool replaces_node = true;           // the job needs a spare (or the repaired node) to restart
  bool loses_work = true;              // false: a checkpoint is taken before the interruption
  double repair_median_hours = 0.0;    // lognormal repair time of the failed node (replaces_node only)
  double repair_sigma = 0.0;           // sigma of ln(repair time), >= 0
};

struct FailureTable {
  std::string name;
  std::vector<FailureClass> classes;
};

// Throws std::invalid_argument naming the class and field when a value is out of range (negative or
// non-finite rate, shape <= 0, repair median <= 0 for a class that replaces nodes, duplicate names).
void validate(const FailureTable& table);

}  // namespace aidc::models::reliability
