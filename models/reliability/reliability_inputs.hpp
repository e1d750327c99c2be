#pragma once
// Reliability inputs: plain structs describing what fails, how it is repaired, which failures stop a
// training job, and the job's checkpoint/restart behaviour. They do not depend on the topology module's
// internals: a loader (tools/schema/reliability_loader) or an adapter (reliability_from_site) fills them.
//
// Units: rates as mean time between failures per unit in hours (`mtbf_hours`), repair times in hours,
// detection in minutes, checkpoint save/restore in seconds, intervals in minutes. Every number that is
// not a count comes from a YAML table with its source (scenarios/reliability/*.yaml).
//
// Failure scopes (what one "unit" of a class is, and how many the site and the job hold):
//   gpu, nic, optic  - units_per_node per node (gpus_per_node, nics_per_node, nics_per_node*optics_per_nic);
//                      a failure takes the whole node out of the job.
//   node             - one per node (host CPU, DIMM, SSD, PSU, chassis, unplanned host maintenance).
//   spine_switch, core_switch - counts from SiteCounts; a failure restarts the job (flows cross every
//                      spine) but removes no node.
//   job_gpu          - software/NCCL faults: rate per GPU-hour of the running job; restart only.
//   group_unit       - a unit of a redundancy group (RedundancyGroupSpec): leaf switches (dual-ToR =
//                      groups of 2 needing 1), storage servers, transformers, UPS modules, PDUs,
//                      generators, CDUs, pumps, chillers, towers, CRAHs.
//   utility          - the utility feed of the whole site (outage = "failure", restoration = "repair").
//
// Invariants checked by validate_inputs(): counts >= 0, 1 <= required <= units, shapes and rates > 0,
// every group names an existing class of scope group_unit.
#include <cstdint>
#include <string>
#include <vector>

namespace aidc::models {

enum class FailureScope { gpu, nic, optic, node, spine_switch, core_switch, job_gpu, group_unit, utility };
enum class LifeDistribution { exponential, weibull };
enum class RepairDistribution { fixed, exponential, lognormal };
// Layers for per-layer availability; `software` has no hardware down time.
enum class ReliabilityLayer { compute, network, storage, power, cooling, software };
inline constexpr int kReliabilityLayers = 6;
const char* layer_name(ReliabilityLayer layer);

struct FailureClass {
  std::string name;        // table key, e.g. "gpu_hbm"
  std::string root_cause;  // name used in interruption counts (e.g. Llama 3 Table 5 names)
  std::string category;    // coarse category: gpu, host, network, dependency, power, cooling, storage, ...
  bool hardware = true;    // counts towards the "hardware share" of interruptions
  ReliabilityLayer layer = ReliabilityLayer::compute;
  FailureScope scope = FailureScope::gpu;
  LifeDistribution life = LifeDistribution::exponential;
  double mtbf_hours = 1.0;     // per unit; for Weibull the scale is chosen so the mean equals this
  double weibull_shape = 1.0;  // < 1 infant mortality, > 1 wear-out
  RepairDistribution repair = RepairDistribution::lognormal;
  double repair_median_hours = 1.0;        // fixed: the time; exponential: the mean; lognormal: exp(mu)
  double repair_sigma = 0.0;               // lognormal shape
  double detection_min = 0.0;              // failure to detection (job interruptions)
  double fail_to_start_probability = 0.0;  // generators: probability of failing to start on demand
};

struct FailureTable {
  std::string source;  // file it came from (for messages)
  std::vector<FailureClass> classes;
  // Index of the class with this name, or -1.
  int find(const std::string& name) const;
};

// What a redundancy group feeds, and what happens when it has fewer than `required` units up.
enum class GroupServes { nodes, storage };
enum class GroupAction { immediate, thermal, standby_generator };
enum class ThermalAction { shutdown, throttle };

// `groups` identical groups of `units` units of class `class_name`, each group needing `required`
// units up (N: units = required; N+X: units = required + X; 2N of one unit per side: units 2, required 1).
// The groups split the site's nodes evenly and in order (group g serves nodes [g*nodes/groups, ...)).
struct RedundancyGroupSpec {
  std::string name;
  std::string class_name;
  int64_t groups = 1;
  int units = 1;
  int required = 1;
  GroupServes serves = GroupServes::nodes;
  GroupAction action = GroupAction::immediate;
  double thermal_ride_through_min = 0.0;  // thermal: minutes from loss of cooling to trip
  ThermalAction thermal_action = ThermalAction::shutdown;
  double throttle_speed_fraction = 1.0;  // throttle: fraction of normal speed while throttled
};

struct SiteCounts {
  int64_t nodes = 0;
  int gpus_per_node = 8;
  int nics_per_node = 8;
  int optics_per_nic = 2;  // transceivers on the NIC-to-leaf link (one per end)
  int64_t spine_switches = 0;
  int64_t core_switches = 0;
  double ups_ride_through_min = 5.0;  // UPS battery time at load, minutes
};

struct JobSpec {
  int64_t gpus = 0;          // placed on the first gpus/gpus_per_node nodes of the site
  double step_time_s = 0.0;  // 0 = unknown; checkpoints then fall on exact interval boundaries
  double checkpoint_interval_min = 30.0;
  bool checkpoint_blocking = true;  // false: saving overlaps training (the checkpoint is valid save_s later)
  double checkpoint_save_s = 60.0;
  double checkpoint_restore_s = 60.0;
  double relaunch_min = 5.0;                  // scheduler relaunch, container start, health checks
  double comm_init_s_per_1k_gpus = 3.0;       // communicator initialisation grows linearly with GPUs
  double queue_min_per_failure = 0.0;         // extra wait for resources per interruption
  double restart_min_override = -1.0;         // >= 0: interruption-to-training time replaces detection+restart
  int64_t spare_nodes = 0;                    // hot spares: a failed job node is swapped if one is free
  double spare_swap_min = 0.0;                // extra time when a swap is needed
  double failures_per_1000_node_days = -1.0;  // >= 0: one measured job-interrupting process replaces the table
};

// Planned maintenance: every `interval_hours`, the job stops for `duration_hours` (0 = none).
struct MaintenanceSpec {
  double interval_hours = 0.0;
  double duration_hours = 0.0;
};

struct ReliabilityInputs {
  FailureTable table;
  SiteCounts site;
  std::vector<RedundancyGroupSpec> groups;
  JobSpec job;
  MaintenanceSpec maintenance;
  double horizon_hours = 24.0 * 30.0;
  uint64_t seed = 1;
  int64_t replications = 100;
  int threads = 0;
};

// Throws std::invalid_argument naming the offending field.
void validate_inputs(const ReliabilityInputs& in);

// Rewrites inputs for a measured job-interrupting rate (JobSpec::failures_per_1000_node_days >= 0):
// the table becomes a single exponential node-scope class "measured" with that rate, no groups.
ReliabilityInputs with_measured_rate(const ReliabilityInputs& in);

}  // namespace aidc::models
