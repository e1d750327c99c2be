#include "models/perf/scaling.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/perf/training_step.hpp"

namespace aidc::models {

std::vector<ScalingPoint> linearity_curve(const TrainingJob& base, const ClusterView& cluster,
                                          std::span<const std::int64_t> gpu_counts, ScalingMode mode) {
  std::vector<ScalingPoint> out;
  out.reserve(gpu_counts.size());
  const auto& P = base.parallel;
  const std::int64_t model_parallel = static_cast<std::int64_t>(P.tp) * P.pp * P.cp;
  const double per_dp_batch = static_cast<double>(base.global_batch) / P.dp;
  double ref_per_gpu = 0.0;
  for (const std::int64_t n : gpu_counts) {
    ScalingPoint pt;
    pt.gpus = n;
    out.push_back(pt);
    if (n < model_parallel || n % model_parallel != 0 || n > cluster.gpus) continue;
    TrainingJob job = base;
    job.parallel.dp = static_cast<int>(n / model_parallel);
    if (mode == ScalingMode::weak) {
      job.global_batch = static_cast<int>(per_dp_batch * job.parallel.dp);
    }
    if (job.global_batch % (job.micro_batch * job.parallel.dp) != 0) continue;
    if ((job.parallel.dp * job.parallel.cp) % job.parallel.ep != 0) continue;
    ClusterView sub = cluster;
    sub.gpus = n;
    const StepResult r = evaluate_step(job, sub);
    if (!r.fits) continue;
    auto& p = out.back();
    p.feasible = true;
    p.tokens_per_s = r.tokens_per_s;
    p.mfu = r.mfu;
    p.step_time_s = r.step_time_s;
    const double per_gpu = r.tokens_per_s / static_cast<double>(n);
    if (ref_per_gpu == 0.0) ref_per_gpu = per_gpu;
    p.linearity = per_gpu / ref_per_gpu;
  }
  return out;
}

double cluster_effective_compute(const StepResult& r, double goodput) {
  if (goodput < 0.0 || goodput > 1.0) throw std::invalid_argument("goodput must be in [0, 1]");
  return r.fits ? r.mfu * goodput : 0.0;
}

}  // namespace aidc::models
