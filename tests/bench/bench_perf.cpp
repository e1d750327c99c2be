// Performance-model benchmarks: training-step evaluations per second (target >= 100,000 on one core for a
// 3D-parallel dense model) and a 10-point linearity curve (target < 1 ms), plus one collective prediction.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>

#include "models/perf/scaling.hpp"
#include "models/perf/training_step.hpp"
#include "tools/schema/hardware_loader.hpp"

namespace {

using namespace aidc::models;

HardwareProfile h100() {
  return aidc::tools::load_hardware_profile(aidc::tools::hardware_profile_path(AIDC_SOURCE_DIR, "h100-sxm5-80gb"));
}

TrainingJob gpt3_175b_3d() {
  TrainingJob j;
  j.name = "gpt3-175b";
  j.model.arch = ModelArch::gpt;
  j.model.layers = 96;
  j.model.hidden = 12288;
  j.model.ffn_hidden = 49152;
  j.model.heads = 96;
  j.model.seq_len = 2048;
  j.model.vocab = 51200;
  j.parallel = {8, 8, 16, 1, 1, 3};  // tp 8, pp 8, dp 16, interleave 3: 1024 GPUs
  j.micro_batch = 1;
  j.global_batch = 1536;
  j.precision = Precision::bf16;
  j.recompute = Recompute::selective;
  j.sequence_parallel = true;
  j.distributed_optimizer = true;
  j.overlap_grad_reduce = true;
  j.overlap_param_gather = true;
  return j;
}

void BM_StepEvaluation(benchmark::State& state) {
  const auto cluster = make_cluster_view(h100(), 1024, 8, 0, 0.0);
  auto job = gpt3_175b_3d();
  for (auto _ : state) {
    benchmark::DoNotOptimize(job);
    const auto r = evaluate_step(job, cluster);
    benchmark::DoNotOptimize(r.step_time_s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StepEvaluation);

void BM_LinearityCurve10(benchmark::State& state) {
  const auto cluster = make_cluster_view(h100(), 16384, 8, 0, 0.0);
  auto job = gpt3_175b_3d();
  job.parallel.dp = 1;
  job.global_batch = 96;
  const std::array<std::int64_t, 10> counts{64, 128, 256, 512, 1024, 2048, 4096, 8192, 12288, 16384};
  for (auto _ : state) {
    const auto curve = linearity_curve(job, cluster, counts, ScalingMode::weak);
    benchmark::DoNotOptimize(curve.back().linearity);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinearityCurve10)->Unit(benchmark::kMicrosecond);

void BM_CollectivePrediction(benchmark::State& state) {
  const auto cluster = make_cluster_view(h100(), 1024, 8, 0, 0.0);
  const auto group = make_group(cluster, 128, 8);
  double bytes = 1 << 20;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bytes);
    const auto r = predict_collective(CollectiveOp::all_reduce, bytes, group, cluster.collectives);
    benchmark::DoNotOptimize(r.time_s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CollectivePrediction);

}  // namespace
