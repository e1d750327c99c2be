#pragma once
// Scaling metrics of a training job: linearity curves and cluster effective compute.
//
// Linearity (INDICATORS.md §1): throughput(N) / (N / N0 * throughput(N0)), N0 = the first GPU count of the
// curve; 1 is perfect. Two curves:
//   weak scaling   - fixed per-GPU batch: global_batch grows with the data-parallel size (tp, pp, cp fixed);
//   strong scaling - fixed global batch: dp grows, micro-batches per step shrink; a count where the global batch
//                    no longer fills one micro-batch per data-parallel rank is reported infeasible.
// A point whose configuration does not fit in memory, or whose GPU count is not a multiple of tp * pp * cp, is
// reported with feasible = false (no throughput).
//
// Cluster effective compute (our definition, from INDICATORS.md §1 "actual maximum compute the cluster
// delivers / theoretical maximum"):
//     CEC = MFU(N_cluster) * goodput
//         = MFU(N0) * linearity(N_cluster) * goodput
//   where MFU(N_cluster) is the reference job's model-FLOP utilisation when it spans the whole cluster (so
//   network and scale effects are inside it), and goodput in [0, 1] is the share of wall-clock time the
//   cluster trains productively (availability x ETTR from the reliability model; 1 when not modelled).
// Units: tokens/s, fractions.
#include <cstdint>
#include <span>
#include <vector>

#include "models/perf/cluster_view.hpp"
#include "models/perf/training_job.hpp"
#include "models/perf/training_step.hpp"

namespace aidc::models {

enum class ScalingMode : std::uint8_t { weak, strong };

struct ScalingPoint {
  std::int64_t gpus = 0;
  bool feasible = false;
  double tokens_per_s = 0.0;
  double mfu = 0.0;
  double step_time_s = 0.0;
  double linearity = 0.0;  // relative to the first feasible point
};

// `base` gives the model, tp/pp/cp/ep, micro-batch and the per-GPU (weak) or total (strong) batch at its own
// GPU count base.parallel.gpus(). Complexity: one evaluate_step per GPU count.
std::vector<ScalingPoint> linearity_curve(const TrainingJob& base, const ClusterView& cluster,
                                          std::span<const std::int64_t> gpu_counts, ScalingMode mode);

// CEC as defined above; goodput defaults to 1 (no reliability losses).
double cluster_effective_compute(const StepResult& at_cluster_scale, double goodput = 1.0);

}  // namespace aidc::models
