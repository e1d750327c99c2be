#pragma once
// JobSpec: the training job whose interruptions the reliability simulation follows, as plain numbers.
//
// The job runs on `gpus` GPUs (gpus_per_node per node) for an observation window of window_hours of wall
// clock. It checkpoints after every checkpoint.interval_s of training work:
//   - blocking save: training stops for save_s per checkpoint (the checkpoint commits at the end);
//   - asynchronous save: training continues; the checkpoint of the work done at its start commits save_s
//     later (a failure in between falls back to the previous one). Requires save_s <= interval_s.
// After an interruption: detection_s until the failure is noticed, then (if a node is needed) a spare is
// taken or the job waits for a repaired node, then restart_s (relaunch, communicator init) plus reload_s
// (checkpoint read). A failure during any of these phases starts the recovery again from detection, as
// in Daly's model (Daly, "A higher order estimate of the optimum checkpoint interval for restart dumps",
// Future Generation Computer Systems 22(3), 2006).
// Units: seconds and hours as named. Invariants are checked by validate().
#include <cstdint>

namespace aidc::models::reliability {

struct CheckpointParams {
  double interval_s = 0.0;  // training work between checkpoints, > 0
  double save_s = 0.0;      // time to save one checkpoint, >= 0
  bool async_save = false;
};

struct RecoveryParams {
  double detection_s = 0.0;  // failure -> noticed
  double restart_s = 0.0;    // relaunch + communicator init
  double reload_s = 0.0;     // checkpoint read
};

struct JobSpec {
  int64_t gpus = 0;
  int64_t gpus_per_node = 8;
  int64_t spare_nodes = 0;  // hot spares free at the start
  double window_hours = 0.0;
  CheckpointParams checkpoint;
  RecoveryParams recovery;

  int64_t nodes() const { return (gpus + gpus_per_node - 1) / gpus_per_node; }
  double downtime_per_restart_s() const { return recovery.detection_s + recovery.restart_s + recovery.reload_s; }
};

// Throws std::invalid_argument naming the field when a value is out of range.
void validate(const JobSpec& job);

}  // namespace aidc::models::reliability
