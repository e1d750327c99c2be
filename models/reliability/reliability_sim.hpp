#pragma once
// Failure, repair and training-goodput simulation of one site and one training job.
//
// One replication is a discrete-event run on aidc::sim::Engine over `horizon_hours`:
//  - Exponential classes are one superposed Poisson process per class at rate n*lambda (n = all units of
//    the class); a drawn unit that is already down is skipped (thinning), which is exact for "rate =
//    units up * lambda" and needs one pending event per class instead of one per component.
//  - Weibull classes keep one pending failure per unit (renewal: a repaired unit is as good as new).
//  - Redundancy groups hold state: a group is down while fewer than `required` units are up, so a second
//    failure before the first repair can drop load (N, N+1, N+X, 2N alike).
//  - The utility feed fails site-wide; each standby generator fails to start with its probability and,
//    running, fails at its rate; load drops when fewer than `required` run for longer than the UPS
//    ride-through.
//  - A cooling group below `required` trips the racks it serves after the thermal ride-through (shutdown),
//    or slows the job (throttle).
//  - The job: a failure that touches its nodes interrupts it (if running); it restarts after detection +
//    restart cost (relaunch + communicator init ~ N + checkpoint reload + queueing), after a hot-spare swap
//    or, with no spare free, after the repair. Work since the last completed checkpoint is lost.
// Checkpoint accounting (interval tau, save delta): blocking saves cost delta of wall time per cycle;
// asynchronous saves cost none but a checkpoint is valid only delta after its interval ends.
//
// Determinism: replication r draws only from RandomStream{seed, r, entity, stream}; results are
// bit-identical for any thread count (sim::run_replications + in-order aggregation).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/reliability/reliability_inputs.hpp"

namespace aidc::models {

struct ReplicationResult {
  int64_t interruptions = 0;                    // unexpected job interruptions
  int64_t planned_interruptions = 0;            // maintenance windows
  std::vector<int64_t> interruptions_by_class;  // indexed like FailureTable::classes
  std::vector<int64_t> failures_by_class;       // all failures at the site (masked or not)
  double running_hours = 0.0;                   // job running (incl. blocking checkpoint saves and lost work)
  double useful_hours = 0.0;                    // training progress kept
  double lost_work_hours = 0.0;                 // work since the last checkpoint, lost at interruptions
  double checkpoint_overhead_hours = 0.0;
  double throttle_loss_hours = 0.0;
  double recovery_hours_total = 0.0;  // sum over completed recoveries (interruption -> running)
  int64_t recoveries = 0;
  double gpu_hours_lost = 0.0;                                     // GPU-hours of nodes that were down (site)
  std::array<double, kReliabilityLayers> layer_down_node_hours{};  // node-hours lost per layer
  double storage_down_hours = 0.0;                                 // fraction-weighted hours with a storage group down
  int64_t load_drops = 0;                                          // power or cooling group outages that dropped load
  int64_t spare_waits = 0;  // interruptions that found no free spare and waited for repair
  // Fraction of each hour of the horizon the job was running (useful work, checkpoint saves and work later
  // lost all keep the GPUs busy), for the first min(horizon, 8,760) hours; the energy model's load follows it.
  std::vector<float> job_running_by_hour;
  uint64_t events = 0;       // events the engine fired
  uint64_t event_trace = 0;  // sim::Engine::trace_hash() at the horizon
};

// Determinism fingerprint of a set of replications: a TraceHash over, in replication order, each one's event
// trace hash, event count and integer counters (interruptions, per-class failures and interruptions,
// recoveries, load drops, spare waits). No double enters it, so it is stable across compilers and printing;
// golden values live in tests/determinism/golden.tsv.
uint64_t reliability_fingerprint(const std::vector<ReplicationResult>& results);

struct Estimate {
  double mean = 0.0;
  double lower = 0.0;  // 95 % confidence interval over replications
  double upper = 0.0;
};

struct ReliabilitySummary {
  int64_t replications = 0;
  double horizon_hours = 0.0;
  Estimate interruptions;
  Estimate mtbf_hours;            // horizon / interruptions (wall time between interruptions)
  Estimate mttf_hours;            // job running time / interruptions
  Estimate mttr_hours;            // interruption to running again
  Estimate ettr;                  // useful training time / wall time
  Estimate goodput;               // = ettr, for a job that owns the horizon
  Estimate effective_mfu_factor;  // ettr x throttling; multiply a step-time MFU by it
  Estimate lost_work_per_interruption_hours;
  Estimate gpu_hour_availability;  // site
  std::array<Estimate, kReliabilityLayers> layer_availability;
  std::array<double, kReliabilityLayers> layer_nines{};  // -log10(1 - mean availability); 99 if no down time
  Estimate storage_availability;
  std::vector<std::string> class_names;
  std::vector<std::string> root_causes;
  std::vector<double> interruptions_by_class_mean;
  std::vector<double> failures_by_class_mean;
  double spare_waits_mean = 0.0;
  double load_drops_mean = 0.0;
  uint64_t fingerprint = 0;                 // reliability_fingerprint of the replications summarised
  std::vector<double> job_running_by_hour;  // mean over replications of ReplicationResult::job_running_by_hour
};

// One replication (index `replication`, streams keyed by in.seed).
ReplicationResult simulate_replication(const ReliabilityInputs& in, uint32_t replication);

// All replications on `threads` threads (0 = all), aggregated in index order.
ReliabilitySummary run_reliability(const ReliabilityInputs& in, int64_t replications, int threads);
std::vector<ReplicationResult> run_replication_results(const ReliabilityInputs& in, int64_t replications, int threads);
ReliabilitySummary summarize(const ReliabilityInputs& in, const std::vector<ReplicationResult>& results);

// Sweeps checkpoint intervals (minutes) with common random numbers and returns the one with the highest
// mean ETTR, with that ETTR.
struct IntervalSweepPoint {
  double interval_min = 0.0;
  double ettr = 0.0;
};
struct IntervalOptimum {
  double best_interval_min = 0.0;
  double best_ettr = 0.0;
  std::vector<IntervalSweepPoint> sweep;
};
IntervalOptimum optimal_checkpoint_interval(const ReliabilityInputs& in, const std::vector<double>& intervals_min,
                                            int64_t replications, int threads);

}  // namespace aidc::models
