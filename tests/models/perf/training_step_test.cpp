// Closed forms and properties of the training-step model (models/perf/training_step.hpp, scaling.hpp).
#include "models/perf/training_step.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "models/perf/scaling.hpp"
#include "test_profiles.hpp"

namespace aidc::models {
namespace {

ModelSpec gpt(int layers, int hidden, int heads, int seq = 2048, int vocab = 51200) {
  ModelSpec m;
  m.arch = ModelArch::gpt;
  m.layers = layers;
  m.hidden = hidden;
  m.ffn_hidden = 4 * hidden;
  m.heads = heads;
  m.seq_len = seq;
  m.vocab = vocab;
  return m;
}

TrainingJob job_of(const ModelSpec& m, ParallelConfig p, int micro, int global) {
  TrainingJob j;
  j.name = "test";
  j.model = m;
  j.parallel = p;
  j.micro_batch = micro;
  j.global_batch = global;
  j.precision = Precision::fp16;
  j.fused_attention = false;
  return j;
}

TEST(ModelSpec, Gpt3ParameterCountMatchesThePaper) {
  // GPT-3 175B (Brown et al. 2020): 96 layers, h 12288; Narayanan et al. quote 174.6 B with biases.
  // Ours, without biases: 96 (12 h^2 + 2 h) + V h = 1.7395e11 + 6.29e8 = 1.7458e11.
  EXPECT_NEAR(total_params(gpt(96, 12288, 96)), 174.6e9, 174.6e9 * 0.002);
}

ModelSpec mixtral_like() {
  ModelSpec m;
  m.arch = ModelArch::moe;
  m.gated_mlp = true;
  m.tied_embeddings = false;
  m.layers = 32;
  m.hidden = 4096;
  m.ffn_hidden = 14336;
  m.heads = 32;
  m.kv_heads = 8;
  m.seq_len = 4096;
  m.vocab = 32000;
  m.moe.experts = 8;
  m.moe.active_experts = 2;
  m.moe.expert_ffn_hidden = 14336;
  return m;
}

TEST(ModelSpec, MoeActiveParametersExcludeUnusedExperts) {
  const auto m = mixtral_like();
  // Inactive weights: 32 layers x (8 - 2) experts x 3 matrices x 4096 x 14336; the input embedding is also
  // not in the 6N count (the output layer is).
  const double inactive = 32.0 * 6.0 * 3.0 * 4096.0 * 14336.0;
  EXPECT_NEAR(total_params(m) - active_params_for_flops(m), inactive + 32000.0 * 4096.0, 1.0);
}

TEST(TrainingStep, ExpertParallelAllToAllOnlyWithEp) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 64, 8, 0, 0.0);
  auto job = job_of(mixtral_like(), {1, 4, 16, 1, 1, 1}, 1, 64);
  job.precision = Precision::bf16;
  job.fused_attention = true;
  job.recompute = Recompute::full;
  job.distributed_optimizer = true;
  const auto no_ep = evaluate_step(job, cluster);
  ASSERT_TRUE(no_ep.fits) << no_ep.reason;
  EXPECT_EQ(no_ep.breakdown.ep_comm_s, 0.0);
  job.parallel.ep = 16;  // spans two nodes: dispatch and combine cross the network
  const auto with_ep = evaluate_step(job, cluster);
  ASSERT_TRUE(with_ep.fits) << with_ep.reason;
  EXPECT_GT(with_ep.breakdown.ep_comm_s, 0.0);
  EXPECT_LT(with_ep.memory.weights_and_optimizer_bytes, no_ep.memory.weights_and_optimizer_bytes);
  // Same model FLOPs either way: parallelism does not change the work.
  EXPECT_DOUBLE_EQ(with_ep.model_flops, no_ep.model_flops);
}

TEST(TrainingStep, ModelFlopsMatchMegatronFormula) {
  // 72 B s l h^2 (1 + s/(6h) + V/(12 l h)) (Narayanan et al. Eq. 3 without the recompute pass); ours adds
  // 6 x the 2h norm weights per layer: relative difference 1/(6h) ~ 3e-5.
  const auto m = gpt(48, 6144, 64);
  const double B = 4, s = 2048, l = 48, h = 6144, V = 51200;
  const double megatron = 72.0 * B * s * l * h * h * (1.0 + s / (6.0 * h) + V / (12.0 * l * h));
  EXPECT_NEAR(model_flops_per_sequence(m) * B, megatron, megatron * 1e-4);
}

TEST(TrainingStep, HardwareFlopsWithFullRecomputeAreMegatronEq3) {
  // 96 B s l h^2 (1 + s/(6h) + V/(16 l h)) exactly: four forward-equivalents per layer, three for the logits.
  const auto hw = aidc::test::shipped_profile("a100-sxm4-80gb");
  const auto cluster = make_cluster_view(hw, 8, 8, 0, 0.0);
  auto job = job_of(gpt(48, 6144, 64), {8, 1, 1, 1, 1, 1}, 4, 4);
  job.recompute = Recompute::full;
  const auto r = evaluate_step(job, cluster);
  ASSERT_TRUE(r.fits) << r.reason;
  const double B = 4, s = 2048, l = 48, h = 6144, V = 51200;
  const double eq3 = 96.0 * B * s * l * h * h * (1.0 + s / (6.0 * h) + V / (16.0 * l * h));
  EXPECT_NEAR(r.hardware_flops, eq3, eq3 * 1e-9);
}

TEST(TrainingStep, OneFOneBBubbleIsPMinusOneOverM) {
  const auto hw = aidc::test::shipped_profile("a100-sxm4-80gb");
  const auto cluster = make_cluster_view(hw, 4, 8, 0, 0.0);
  // No TP/CP/EP communication, so each micro-batch costs exactly its compute: bubble / compute = (p-1)/(v m).
  for (int v : {1, 2}) {
    auto job = job_of(gpt(48, 2048, 16), {1, 4, 1, 1, 1, v}, 1, 8);
    const auto r = evaluate_step(job, cluster);
    ASSERT_TRUE(r.fits) << r.reason;
    const double expected = 3.0 / (v * 8.0);  // p = 4, m = 8
    EXPECT_NEAR(r.breakdown.bubble_s / r.breakdown.compute_s, expected, 1e-12) << "interleave " << v;
  }
}

// Selective recomputation re-runs the attention core in the backward pass, also when it is a fused kernel
// (Megatron-Core checkpoints core attention whatever the backend), so it is never free.
TEST(TrainingStep, SelectiveRecomputeRerunsFusedAttention) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 8, 8, 0, 0.0);
  auto job = job_of(gpt(32, 4096, 32, 8192), {8, 1, 1, 1, 1, 1}, 1, 8);
  job.precision = Precision::bf16;
  job.fused_attention = true;
  job.sequence_parallel = true;
  const auto none = evaluate_step(job, cluster);
  job.recompute = Recompute::selective;
  const auto selective = evaluate_step(job, cluster);
  ASSERT_TRUE(none.fits && selective.fits);
  EXPECT_GT(selective.breakdown.recompute_s, 0.0);
  EXPECT_NEAR(selective.step_time_s - none.step_time_s, selective.breakdown.recompute_s, 1e-9 * selective.step_time_s);
  EXPECT_GT(selective.hfu, selective.mfu);
}

// The vocabulary-parallel cross entropy moves 40 bytes per logit (fp32 upcast, max, exp-sum, normalise; backward
// scale and cast back). With a narrow model the extra logits of a larger vocabulary cost mostly that traffic.
TEST(TrainingStep, CrossEntropyTrafficGrowsWithTheVocabulary) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 1, 8, 0, 0.0);
  auto small = job_of(gpt(1, 128, 1, 4096, 65536), {1, 1, 1, 1, 1, 1}, 1, 1);
  small.precision = Precision::bf16;
  auto large = small;
  large.model.vocab = 131072;
  const auto a = evaluate_step(small, cluster);
  const auto b = evaluate_step(large, cluster);
  ASSERT_TRUE(a.fits && b.fits);
  const double traffic_s = 4096.0 * 65536.0 * 40.0 / hw.achieved_hbm_bytes_per_s();
  EXPECT_GT(b.step_time_s - a.step_time_s, traffic_s);
  EXPECT_LT(b.step_time_s - a.step_time_s, 1.5 * traffic_s);  // the rest is the narrow logits GEMM
}

// Pipeline transfers: 2 v m per stage plus 2 (p - 1) to fill and drain. Without interleaving they are blocking;
// the interleaved schedule's asynchronous ones hide behind the next chunk's compute, the fill and drain do not.
TEST(TrainingStep, PipelineTransfersOverlapOnlyWhenInterleaved) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 32, 8, 8, 400.0);
  auto job = job_of(gpt(32, 4096, 32), {8, 4, 1, 1, 1, 1}, 1, 8);
  job.precision = Precision::bf16;
  job.sequence_parallel = true;
  const auto grp = make_group(cluster, 2, 1);  // stages are whole nodes apart
  const double act = 2048.0 * 4096.0 * 2.0 / 8.0;
  const double t = predict_collective(CollectiveOp::send_recv, act, grp, cluster.collectives).time_s;
  const double m = 8.0;
  EXPECT_NEAR(evaluate_step(job, cluster).breakdown.pp_comm_s, 2.0 * m * t + 2.0 * 3.0 * t, 1e-12);
  job.parallel.interleave = 2;
  job.overlap_p2p_comm = false;
  EXPECT_NEAR(evaluate_step(job, cluster).breakdown.pp_comm_s, 2.0 * 2.0 * m * t + 2.0 * 3.0 * t, 1e-12);
  job.overlap_p2p_comm = true;
  EXPECT_NEAR(evaluate_step(job, cluster).breakdown.pp_comm_s, 2.0 * 3.0 * t, 1e-12);  // ~1 ms chunks hide them
}

TEST(TrainingStep, BreakdownSumsToStepTime) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 256, 8, 0, 0.0);
  auto job = job_of(gpt(48, 8192, 64), {8, 4, 8, 1, 1, 2}, 1, 512);
  job.precision = Precision::bf16;
  job.sequence_parallel = true;
  job.distributed_optimizer = true;
  job.overlap_grad_reduce = true;
  job.recompute = Recompute::selective;
  const auto r = evaluate_step(job, cluster);
  ASSERT_TRUE(r.fits) << r.reason;
  const auto& b = r.breakdown;
  EXPECT_NEAR(
      r.step_time_s,
      b.compute_s + b.tp_comm_s + b.cp_comm_s + b.ep_comm_s + b.pp_comm_s + b.bubble_s + b.dp_comm_s + b.optimizer_s,
      1e-9 * r.step_time_s);
  EXPECT_GT(r.mfu, 0.0);
  EXPECT_LT(r.mfu, 1.0);
  EXPECT_GE(r.hfu, r.mfu * 0.99);  // selective recompute executes at least the model FLOPs (causal aside)
}

// Without overlap the data-parallel time is the gradient reduce-scatter plus the parameter all_gather of the
// distributed optimizer. Gradients travel in the main-grad dtype: fp32 for bf16 training (Megatron-LM's default),
// fp16 for fp16; parameters in 16 bits either way.
TEST(TrainingStep, GradientsAreReducedInTheMainGradDtype) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 16, 8, 0, 0.0);
  auto job = job_of(gpt(24, 2048, 16), {1, 1, 16, 1, 1, 1}, 1, 16);
  job.distributed_optimizer = true;
  job.overlap_grad_reduce = false;
  job.overlap_param_gather = false;
  const auto grp = make_group(cluster, 16, 8);
  // One stage holds every parameter: the layers, the two norms' vectors and the tied embedding.
  const auto m = job.model;
  const double params =
      m.layers * (attention_params(m) + dense_mlp_params(m) + 2.0 * m.hidden) + static_cast<double>(m.vocab) * m.hidden;
  auto expect_dp = [&](Precision p, double grad_bytes) {
    job.precision = p;
    const auto r = evaluate_step(job, cluster);
    ASSERT_TRUE(r.fits) << r.reason;
    const auto rs = predict_collective(CollectiveOp::reduce_scatter, params * grad_bytes, grp, cluster.collectives);
    const auto ag = predict_collective(CollectiveOp::all_gather, params * 2.0, grp, cluster.collectives);
    EXPECT_NEAR(r.breakdown.dp_comm_s, rs.time_s + ag.time_s, 1e-9 * r.breakdown.dp_comm_s) << to_string(p);
  };
  expect_dp(Precision::bf16, 4.0);
  expect_dp(Precision::fp16, 2.0);
}

// The step uses the chunk-wise overlap rule (dp_overlap.hpp): on a slow network, where the gradient reduce cannot
// hide behind one micro-batch, interleaving the same stage into chunks hides more of it, and with fewer
// micro-batches than pipeline stages (no interleaved schedule) it changes nothing.
TEST(TrainingStep, InterleavingHidesMoreDataParallelTime) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 128, 8, 8, 100.0);
  auto job = job_of(gpt(32, 4096, 32), {8, 4, 4, 1, 1, 1}, 4, 128);
  job.precision = Precision::bf16;
  job.distributed_optimizer = true;
  job.overlap_grad_reduce = true;
  job.overlap_param_gather = true;
  const auto plain = evaluate_step(job, cluster);
  job.parallel.interleave = 2;
  const auto chunked = evaluate_step(job, cluster);
  ASSERT_TRUE(plain.fits && chunked.fits);
  EXPECT_GT(plain.breakdown.dp_comm_s, 0.01);
  EXPECT_LT(chunked.breakdown.dp_comm_s, 0.9 * plain.breakdown.dp_comm_s);
  job.global_batch = 32;  // 2 micro-batches per replica, fewer than pp = 4
  const auto few = evaluate_step(job, cluster);
  job.parallel.interleave = 1;
  EXPECT_DOUBLE_EQ(few.breakdown.dp_comm_s, evaluate_step(job, cluster).breakdown.dp_comm_s);
}

TEST(TrainingStep, ConfigurationThatDoesNotFitIsReportedNotTimed) {
  const auto hw = aidc::test::shipped_profile("a100-sxm4-80gb");
  const auto cluster = make_cluster_view(hw, 8, 8, 0, 0.0);
  // GPT-3 175B on one node: 175e9 x 20 bytes / 8 GPUs = 437 GB of weights and optimizer per GPU > 80 GiB.
  const auto big = evaluate_step(job_of(gpt(96, 12288, 96), {8, 1, 1, 1, 1, 1}, 1, 1), cluster);
  EXPECT_FALSE(big.fits);
  EXPECT_FALSE(big.reason.empty());
  EXPECT_EQ(big.step_time_s, 0.0);
  // 22B with tensor parallelism 8 and full recomputation fits (Korthikanti et al. ran it on 8 A100 80GB).
  auto small = job_of(gpt(48, 6144, 64), {8, 1, 1, 1, 1, 1}, 4, 4);
  small.recompute = Recompute::full;
  EXPECT_TRUE(evaluate_step(small, cluster).fits);
}

TEST(TrainingStep, MoreNetworkBandwidthIsNeverSlower) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  auto job = job_of(gpt(32, 4096, 32), {2, 2, 16, 1, 1, 1}, 2, 256);
  job.precision = Precision::bf16;
  double previous = 1e300;
  for (double gbps : {50.0, 100.0, 200.0, 400.0, 800.0}) {
    const auto r = evaluate_step(job, make_cluster_view(hw, 64, 8, 8, gbps));
    ASSERT_TRUE(r.fits);
    EXPECT_LE(r.step_time_s, previous * (1.0 + 1e-12)) << gbps << " Gb/s";
    previous = r.step_time_s;
  }
}

TEST(Scaling, WeakScalingNeverBeatsTheSingleNode) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto cluster = make_cluster_view(hw, 8192, 8, 0, 0.0);
  auto job = job_of(gpt(40, 6144, 48), {8, 1, 1, 1, 1, 1}, 2, 8);
  job.precision = Precision::bf16;
  job.recompute = Recompute::selective;
  const std::array<std::int64_t, 10> counts{8, 16, 32, 64, 128, 256, 512, 1024, 2048, 8192};
  const auto curve = linearity_curve(job, cluster, counts, ScalingMode::weak);
  ASSERT_TRUE(curve.front().feasible);
  for (const auto& p : curve) {
    ASSERT_TRUE(p.feasible) << p.gpus;
    EXPECT_LE(p.mfu, curve.front().mfu * (1.0 + 1e-12)) << p.gpus;
    EXPECT_LE(p.linearity, 1.0 + 1e-12) << p.gpus;
  }
  EXPECT_LT(curve.back().linearity, 1.0);
}

TEST(Scaling, StrongScalingRunsOutOfMicroBatches) {
  const auto hw = aidc::test::shipped_profile("a100-sxm4-80gb");
  const auto cluster = make_cluster_view(hw, 1024, 8, 0, 0.0);
  auto job = job_of(gpt(40, 6144, 48), {8, 1, 1, 1, 1, 1}, 1, 16);
  job.recompute = Recompute::full;
  const std::array<std::int64_t, 3> counts{8, 64, 256};  // dp 1, 8, 32: 32 ranks cannot share 16 sequences
  const auto curve = linearity_curve(job, cluster, counts, ScalingMode::strong);
  EXPECT_TRUE(curve[0].feasible);
  EXPECT_TRUE(curve[1].feasible);
  EXPECT_FALSE(curve[2].feasible);
  EXPECT_LT(curve[1].linearity, 1.0);
}

TEST(Scaling, ClusterEffectiveComputeIsMfuTimesGoodput) {
  StepResult r;
  r.fits = true;
  r.mfu = 0.4;
  EXPECT_DOUBLE_EQ(cluster_effective_compute(r, 0.9), 0.36);
  r.fits = false;
  EXPECT_DOUBLE_EQ(cluster_effective_compute(r, 0.9), 0.0);
}

TEST(NetworkFigures, LatencyAndEffectiveBandwidth) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  const auto f = network_figures(make_cluster_view(hw, 1024, 8, 0, 0.0));
  // Same switch: NIC pair 1.0 + one switch 0.13 + two cables 0.1 each = 1.33 us; three hops: 1.0 + 3 x 0.13
  // + 4 x 0.1 = 1.79 us.
  EXPECT_NEAR(f.latency_same_switch_us, 1.33, 1e-9);
  EXPECT_NEAR(f.latency_three_hops_us, 1.79, 1e-9);
  // Point-to-point RDMA at 1 GiB reaches the profile's net efficiency (0.98) up to the latency term.
  EXPECT_NEAR(f.p2p_effective_bandwidth, 0.98, 0.005);
  EXPECT_GT(f.all_gather_effective_bandwidth, 0.9);
}

}  // namespace
}  // namespace aidc::models
