#pragma once
// Job-interruption simulation: a training job on the event engine, interrupted by the failure classes of
// a FailureTable, recovering by detection, spare swap (or waiting for a repair), restart and checkpoint
// reload, and losing the work done since its last committed checkpoint.
//
// Failure processes. An exponential class with rate r per unit-day and U units in the job is simulated as
// one Poisson process of rate r U (the minimum of U independent exponentials; a replaced unit is as good
// as new, so the job always holds U units and the superposed rate stays r U). A Weibull class keeps one
// age per unit and renews a unit when it fails (the spare or repaired node is new), so 16,384 GPUs of a
// Weibull class are 16,384 pending events. Failures keep arriving while the job is down; one that arrives
// during recovery counts as an interruption and starts the recovery again (Daly 2006, see young_daly.hpp).
//
// Outputs per replication (JobRunResult), definitions:
//   ettr          useful training time / window (useful = committed work + the work of the last segment,
//                 which no failure destroyed); the MegaScale / Llama 3 definition
//   mtbf_hours    window / interruptions (all causes, planned included), as Llama 3's "one interruption
//                 every 2.8 h" is computed
//   mttr_hours    mean over outages of (interruption -> training again), the CAICT report's MTTR; an
//                 outage extended by further failures counts once
// The study over replications runs them in parallel with sim::run_replications and reports Student-t
// confidence intervals; the per-replication results and every aggregate are bit-identical for any thread
// count (streams keyed by (seed, replication, class, unit), aggregation in replication order).
//
// Cost: O(events log) per replication, events = interruptions + repairs (+ one pending event per unit of
// each Weibull class).
#include <cstdint>
#include <vector>

#include "models/reliability/failure_table.hpp"
#include "models/reliability/job_spec.hpp"
#include "sim/stats.hpp"

namespace aidc::models::reliability {

struct JobRunResult {
  double window_s = 0.0;
  double useful_work_s = 0.0;
  double lost_work_s = 0.0;      // work done but destroyed by failures
  double checkpoint_s = 0.0;     // time spent in blocking saves
  double downtime_s = 0.0;       // detection + waiting + restart + reload
  double wait_for_node_s = 0.0;  // part of downtime spent waiting for a repaired node (no spare free)
  int64_t interruptions = 0;     // all causes, including those during recovery
  int64_t outages = 0;           // interruptions that hit a running job (recoveries started)
  int64_t lossy_interruptions = 0;
  std::vector<int64_t> by_class;  // interruptions per FailureTable class, same order

  double ettr() const { return useful_work_s / window_s; }
  double mtbf_hours() const;  // window / interruptions; the window itself when there is none
  double mttr_hours() const;  // downtime / outages; 0 when there is none
  double interruptions_per_day() const;
};

// One replication. Deterministic in (table, job, seed, replication).
JobRunResult simulate_job(const FailureTable& table, const JobSpec& job, uint64_t seed, uint32_t replication);

struct JobStudy {
  int64_t replications = 0;
  aidc::sim::ConfidenceInterval ettr;
  aidc::sim::ConfidenceInterval mtbf_hours;
  aidc::sim::ConfidenceInterval mttr_hours;
  aidc::sim::ConfidenceInterval interruptions;
  aidc::sim::ConfidenceInterval interruptions_per_day;
  aidc::sim::ConfidenceInterval lost_work_hours_per_lossy_interruption;
  std::vector<aidc::sim::ConfidenceInterval> by_class;  // interruptions per class
  std::vector<JobRunResult> runs;                       // per replication, in index order
};

// `replications` replications on `threads` threads (0 = all), 95 % confidence intervals.
JobStudy study_job(const FailureTable& table, const JobSpec& job, int64_t replications, int threads, uint64_t seed);

// Interruption rate of the job (all classes, per second): sum over classes of rate x units / 86400.
double job_interruption_rate_per_s(const FailureTable& table, const JobSpec& job);

struct IntervalPoint {
  double interval_s = 0.0;
  aidc::sim::ConfidenceInterval ettr;
};
// ETTR at each candidate checkpoint interval (same seed for every point: common random numbers).
std::vector<IntervalPoint> sweep_checkpoint_interval(const FailureTable& table, const JobSpec& job,
                                                     const std::vector<double>& intervals_s, int64_t replications,
                                                     int threads, uint64_t seed);

}  // namespace aidc::models::reliability
