#include "models/perf/training_step.hpp"

#include <algorithm>
#include <cmath>

#include "models/perf/compute_model.hpp"
#include "models/perf/dp_overlap.hpp"

namespace aidc::models {

namespace {

constexpr double kActivationBytes = 2.0;  // activations are kept in 16-bit, also for fp8 GEMMs
constexpr double kMaskBytes = 1.0;        // dropout masks are bytes
constexpr double kMainGradBytes = 4.0;    // fp32 main gradients (every precision but fp16)
constexpr double kLogitsBytes = 4.0;      // vocab-parallel cross entropy works on fp32 logits
// Bytes per logit the vocab-parallel cross entropy moves (Megatron-Core tensor_parallel/cross_entropy.py, fused
// variant): forward upcast of the 16-bit logits to fp32 (read 2, write 4), max (read 4), subtract-exp-sum (read
// 4, write 4), normalise (read 4, write 4): 26 bytes in 4 kernels; backward scale of the saved softmax (read 4,
// write 4) and the cast of the gradient back to 16 bits (read 4, write 2): 14 bytes in 2 kernels.
constexpr double kCrossEntropyFwdBytesPerLogit = 26.0;
constexpr double kCrossEntropyBwdBytesPerLogit = 14.0;
constexpr double kCausalFraction = 0.5;       // share of the s x s score matrix a causal kernel computes
constexpr double kFlashBackwardRatio = 2.5;   // FlashAttention-2 backward: 5 matmuls vs 2 forward
constexpr double kBackwardMemoryRatio = 2.0;  // backward element-wise kernels read saved input and gradient
constexpr double kGradBucketParams = 40e6;    // Megatron-Core default DDP bucket size (parameters)
// Adam with fp32 master weights: read+write master (8), m (8), v (8), read fp32 grad (4), write 16-bit
// weight (2), plus one read of the gradients for the norm/clipping pass (4).
constexpr double kAdamBytesPerParam = 34.0;
// Memory-bound kernels per layer and pass (norms, residual/dropout, activation, RoPE, softmax): a launch
// count for the per-kernel overhead.
constexpr double kElementwiseKernelsPerLayer = 8.0;

struct Dims {
  double b, s_loc, s_full, h, a, g, d, f, t, v;
  double tokens;  // b * s_loc
  double sp_div;  // t with sequence parallelism, else 1
};

struct LayerCost {
  double fwd_compute = 0.0;  // GEMMs + attention + memory-bound
  double bwd_compute = 0.0;
  double recompute = 0.0;
  double attn_fwd = 0.0;   // attention core, forward (the CP overlap window)
  double gemm_fwd = 0.0;   // the TP overlap window
  double fwd_flops = 0.0;  // executed forward FLOPs (Megatron counting: non-causal attention)
  double attn_core_flops = 0.0;
  double tp_fwd = 0.0;  // TP collectives of one forward
  double cp_fwd = 0.0;  // CP exchange of one forward (raw)
  double ep_fwd = 0.0;  // EP all_to_all of one forward
};

bool is_gpt(const ModelSpec& m) {
  return m.arch == ModelArch::gpt;
}

// GEMM forward time + its backward (dgrad M x K x N and wgrad K x N x M shapes).
struct GemmPair {
  double fwd = 0.0;
  double bwd = 0.0;
  double flops = 0.0;
};
GemmPair gemm_pair(const HardwareProfile& hw, Precision p, double m, double n, double k, double batch = 1.0) {
  GemmPair r;
  r.fwd = gemm_time_s(hw, p, m, n, k, batch);
  r.bwd = gemm_time_s(hw, p, m, k, n, batch) + gemm_time_s(hw, p, k, n, m, batch);
  r.flops = 2.0 * m * n * k * batch;
  return r;
}

int ranks_per_domain_with_stride(int domain, int stride, int size) {
  return std::clamp(domain / std::max(stride, 1), 1, size);
}

LayerCost layer_cost(const TrainingJob& job, const ClusterView& c, const Dims& x, bool moe_layer) {
  const auto& hw = c.gpu;
  const auto& m = job.model;
  const Precision p = job.precision;
  const Precision p16 = sixteen_bit(hw);
  LayerCost L;
  double gemm_f = 0.0;
  double gemm_b = 0.0;
  double flops = 0.0;
  auto add = [&](const GemmPair& g) {
    gemm_f += g.fwd;
    gemm_b += g.bwd;
    flops += g.flops;
  };
  const double T = x.tokens;
  // Attention projections.
  add(gemm_pair(hw, p, T, (x.h + 2.0 * x.g * x.d) / x.t, x.h));
  add(gemm_pair(hw, p, T, x.h, x.h / x.t));
  // Attention core: (a/t) heads, queries s_loc, keys s_full.
  const double heads_local = x.a / x.t;
  const double core_flops_full = 4.0 * x.b * heads_local * x.s_loc * x.s_full * x.d;
  double attn_f = 0.0;
  double attn_b = 0.0;
  double mem_f = 0.0;  // bytes, forward element-wise
  if (job.fused_attention) {
    attn_f = fused_attention_time_s(hw, core_flops_full * kCausalFraction);
    attn_b = kFlashBackwardRatio * (attn_f - hw.gemm.kernel_overhead_us * 1e-6) + hw.gemm.kernel_overhead_us * 1e-6;
  } else {
    const auto qk = gemm_pair(hw, p16, x.s_loc, x.s_full, x.d, x.b * heads_local);
    const auto av = gemm_pair(hw, p16, x.s_loc, x.d, x.s_full, x.b * heads_local);
    const double scores = x.b * heads_local * x.s_loc * x.s_full;
    // scale-mask-softmax (read, write) and, for GPT, dropout on the probabilities (read, write, mask).
    const double softmax_bytes = scores * 2.0 * kActivationBytes;
    const double dropout_bytes = is_gpt(m) ? scores * (2.0 * kActivationBytes + kMaskBytes) : 0.0;
    const double sm_t = memory_time_s(hw, softmax_bytes + dropout_bytes, is_gpt(m) ? 2.0 : 1.0);
    attn_f = qk.fwd + av.fwd + sm_t;
    attn_b = qk.bwd + av.bwd + kBackwardMemoryRatio * sm_t;
  }
  L.attn_fwd = attn_f;
  L.attn_core_flops = core_flops_full;
  flops += core_flops_full;
  // MLP or MoE block.
  const double mats = m.mlp_matrices();
  if (moe_layer) {
    const double k_active = m.moe.active_experts;
    const double experts_local = static_cast<double>(m.moe.experts) / job.parallel.ep;
    const double routed_tokens = T * k_active / x.t;  // tokens this GPU's experts process
    const double fe = m.moe.expert_ffn_hidden;
    add(gemm_pair(hw, p16, T / x.sp_div, m.moe.experts, x.h));  // router
    const double per_expert = std::max(routed_tokens / experts_local, 1.0);
    add(gemm_pair(hw, p, per_expert, (mats - 1.0) * fe, x.h, experts_local));
    add(gemm_pair(hw, p, per_expert, x.h, fe, experts_local));
    if (m.moe.shared_experts > 0) {
      const double fs = fe * m.moe.shared_experts / x.t;
      add(gemm_pair(hw, p, T, (mats - 1.0) * fs, x.h));
      add(gemm_pair(hw, p, T, x.h, fs));
    }
    mem_f += routed_tokens * fe * (mats + 1.0) * kActivationBytes;  // activation function
    // Dispatch and combine: each routed token's hidden vector leaves and comes back.
    const int ep = job.parallel.ep;
    if (ep > 1) {
      const int stride = job.parallel.tp * job.parallel.cp;
      const auto grp = make_group(c, ep, ranks_per_domain_with_stride(c.scale_up_domain_gpus, stride, ep));
      const double a2a_bytes = routed_tokens * x.h * kActivationBytes;
      L.ep_fwd = 2.0 * predict_collective(CollectiveOp::all_to_all, a2a_bytes, grp, c.collectives).time_s;
    }
  } else {
    add(gemm_pair(hw, p, T, (mats - 1.0) * x.f / x.t, x.h));
    add(gemm_pair(hw, p, T, x.h, x.f / x.t));
    mem_f += T * x.f / x.t * (mats + 1.0) * kActivationBytes;  // activation function reads (mats-1)f, writes f
  }
  // Norms (2: read + write), residual adds (2: read 2, write 1), dropout masks (GPT), RoPE (llama-style).
  const double tok_sp = T / x.sp_div;
  mem_f += 2.0 * 2.0 * tok_sp * x.h * kActivationBytes;
  mem_f += 2.0 * 3.0 * tok_sp * x.h * kActivationBytes;
  if (is_gpt(m)) mem_f += 2.0 * tok_sp * x.h * (2.0 * kActivationBytes + kMaskBytes);
  if (!is_gpt(m)) mem_f += 2.0 * T * (x.a + x.g) * x.d / x.t * kActivationBytes;
  // fp8 GEMMs cast (and transpose) their activation inputs: read 16-bit, write 8-bit, per GEMM input.
  if (p == Precision::fp8 || p == Precision::fp4) {
    const double inputs = T * (2.0 * x.h + x.h / x.t + x.f / x.t);
    mem_f += inputs * (kActivationBytes + element_bytes(p));
  }
  const double mem_t = memory_time_s(hw, mem_f, kElementwiseKernelsPerLayer);
  L.gemm_fwd = gemm_f;
  L.fwd_compute = gemm_f + attn_f + mem_t;
  L.bwd_compute = gemm_b + attn_b + kBackwardMemoryRatio * mem_t;
  L.fwd_flops = flops;
  switch (job.recompute) {
    case Recompute::none:
      break;
    case Recompute::selective:
      // The attention core is re-run in the backward pass whatever its kernel: Megatron-Core checkpoints the core
      // attention for selective recomputation (transformer/attention.py, checkpoint_core_attention), also when
      // the backend is a fused FlashAttention-style kernel.
      L.recompute = attn_f;
      break;
    case Recompute::full:
      L.recompute = L.fwd_compute;
      break;
  }
  // Tensor parallelism: two all_reduce-equivalents per layer and direction (attention out, MLP out); with
  // sequence parallelism each is an all_gather plus a reduce_scatter of the same total bytes.
  if (job.parallel.tp > 1) {
    const auto grp = make_group(c, job.parallel.tp, std::min(job.parallel.tp, c.scale_up_domain_gpus));
    const double bytes = T * x.h * kActivationBytes;
    double one;
    if (job.sequence_parallel) {
      one = predict_collective(CollectiveOp::all_gather, bytes, grp, c.collectives).time_s +
            predict_collective(CollectiveOp::reduce_scatter, bytes, grp, c.collectives).time_s;
    } else {
      one = predict_collective(CollectiveOp::all_reduce, bytes, grp, c.collectives).time_s;
    }
    L.tp_fwd = 2.0 * one;
  }
  // Context parallelism: cp-1 ring steps, each passing this rank's K and V chunk to the next.
  if (job.parallel.cp > 1) {
    const int cp = job.parallel.cp;
    const int per_domain = ranks_per_domain_with_stride(c.scale_up_domain_gpus, job.parallel.tp, cp);
    const auto grp = make_group(c, 2, per_domain >= cp ? 2 : 1);
    const double kv_bytes = 2.0 * x.b * x.s_loc * x.g * x.d / std::min(x.t, x.g) * kActivationBytes;
    L.cp_fwd = (cp - 1) * predict_collective(CollectiveOp::send_recv, kv_bytes, grp, c.collectives).time_s;
  }
  return L;
}

double params_per_gpu_max_stage(const TrainingJob& job, double* expert_params) {
  const auto& m = job.model;
  const auto& P = job.parallel;
  const double layers_per_stage = static_cast<double>(m.layers) / P.pp;
  const double moe_share = m.layers > 0 ? static_cast<double>(m.moe_layer_count()) / m.layers : 0.0;
  const double dense = attention_params(m) / P.tp + 2.0 * m.hidden + (1.0 - moe_share) * dense_mlp_params(m) / P.tp;
  const double expert = moe_share * (moe_block_params(m) / P.ep / P.tp);
  const double embed = static_cast<double>(m.vocab) * m.hidden / P.tp;
  // The first stage holds the embedding, the last the output layer (the same matrix when tied and pp = 1).
  const double embed_on_stage = (P.pp == 1 && !m.tied_embeddings) ? 2.0 * embed : embed;
  if (expert_params) *expert_params = layers_per_stage * expert;
  return layers_per_stage * (dense + expert) + embed_on_stage;
}

double bytes_per_param(const TrainingJob& job) {
  const double d = job.parallel.dp * job.parallel.cp;
  const bool fp16 = job.precision == Precision::fp16;
  if (job.distributed_optimizer) return fp16 ? 4.0 + 16.0 / d : 6.0 + 12.0 / d;
  return fp16 ? 20.0 : 18.0;
}

Dims make_dims(const TrainingJob& job) {
  const auto& m = job.model;
  Dims x{};
  x.b = job.micro_batch;
  x.s_full = m.seq_len;
  x.s_loc = static_cast<double>(m.seq_len) / job.parallel.cp;
  x.h = m.hidden;
  x.a = m.heads;
  x.g = m.kv();
  x.d = m.head_dim();
  x.f = m.ffn_hidden;
  x.t = job.parallel.tp;
  x.v = m.vocab;
  x.tokens = x.b * x.s_loc;
  x.sp_div = job.sequence_parallel ? x.t : 1.0;
  return x;
}

}  // namespace

MemoryBreakdown memory_footprint(const TrainingJob& job, const ClusterView& c) {
  const auto& m = job.model;
  const auto& P = job.parallel;
  const Dims x = make_dims(job);
  MemoryBreakdown mem;
  mem.weights_and_optimizer_bytes = params_per_gpu_max_stage(job, nullptr) * bytes_per_param(job);
  // Activations of one layer and micro-batch (Korthikanti et al. Table 2, generalised).
  const double sbh = x.tokens * x.h;
  const double dropout_mask = is_gpt(m) ? kMaskBytes * sbh : 0.0;
  // Outside the TP region: QKV and MLP inputs with their dropout masks, two norm inputs (10 sbh for GPT).
  const double replicated = (sbh * kActivationBytes + dropout_mask) * 2.0 + 2.0 * sbh * kActivationBytes;
  // Inside: Q, K, V and the projection input (8 sbh for multi-head attention).
  const double attn_tp = (2.0 * sbh + 2.0 * x.tokens * x.g * x.d) * kActivationBytes;
  const double mats = m.mlp_matrices();
  const double mlp_tp = x.tokens * x.f * (mats)*kActivationBytes;
  double scores = 0.0;
  if (!job.fused_attention && job.recompute == Recompute::none) {
    const double per = is_gpt(m) ? 2.0 * kActivationBytes + kMaskBytes : kActivationBytes;
    scores = x.b * x.a * x.s_loc * x.s_full * per;
  }
  double per_layer;
  if (job.recompute == Recompute::full) {
    per_layer = sbh * kActivationBytes / x.sp_div;
  } else {
    const double rep = job.sequence_parallel ? replicated / x.t : replicated;
    per_layer = rep + (attn_tp + mlp_tp + scores) / x.t;
  }
  // Micro-batches in flight on the first stage.
  const double m_b = job.micro_batches();
  double in_flight_layers;
  if (P.pp == 1) {
    in_flight_layers = m.layers;
  } else {
    const double factor = P.interleave > 1 ? 1.0 + (P.pp - 1.0) / (P.pp * P.interleave) : 1.0;
    in_flight_layers = static_cast<double>(m.layers) / P.pp * std::min<double>(P.pp, m_b) * factor;
  }
  mem.activation_bytes = per_layer * in_flight_layers;
  if (job.recompute == Recompute::full) {
    // The layer being recomputed holds its full activations.
    const double rep = job.sequence_parallel ? replicated / x.t : replicated;
    mem.activation_bytes += rep + (attn_tp + mlp_tp) / x.t;
  }
  mem.logits_bytes = x.tokens * x.v / x.t * kLogitsBytes;
  mem.reserved_bytes = c.gpu.reserved_gib * 1024.0 * 1024.0 * 1024.0;
  mem.capacity_bytes = c.gpu.hbm_bytes();
  mem.total_bytes = mem.weights_and_optimizer_bytes + mem.activation_bytes + mem.logits_bytes + mem.reserved_bytes;
  return mem;
}

StepResult evaluate_step(const TrainingJob& job, const ClusterView& c) {
  const auto& m = job.model;
  const auto& P = job.parallel;
  const auto& hw = c.gpu;
  StepResult r;
  r.memory = memory_footprint(job, c);
  const double gpus = P.gpus();
  const double tokens_per_step = static_cast<double>(job.global_batch) * m.seq_len;
  r.model_flops = model_flops_per_sequence(m) * job.global_batch;
  if (r.memory.total_bytes > r.memory.capacity_bytes) {
    r.fits = false;
    r.reason = "needs " + std::to_string(r.memory.total_bytes / 1073741824.0) + " GiB per GPU, HBM holds " +
               std::to_string(r.memory.capacity_bytes / 1073741824.0) + " GiB";
    return r;
  }
  r.fits = true;
  const Dims x = make_dims(job);
  const LayerCost dense = layer_cost(job, c, x, false);
  const int moe_l = m.moe_layer_count();
  LayerCost moe;
  if (moe_l > 0) moe = layer_cost(job, c, x, true);
  const double layers_per_stage = static_cast<double>(m.layers) / P.pp;
  const double moe_frac = m.layers > 0 ? static_cast<double>(moe_l) / m.layers : 0.0;
  auto stage_sum = [&](auto field) {
    return layers_per_stage * ((1.0 - moe_frac) * field(dense) + moe_frac * field(moe));
  };
  // Output layer + cross entropy on the last stage, embedding on the first: the last stage is the slowest.
  const auto logits =
      gemm_pair(hw, job.precision == Precision::fp8 ? sixteen_bit(hw) : job.precision, x.tokens, x.v / x.t, x.h);
  const double logits_local = x.tokens * x.v / x.t;
  const double ce_f = memory_time_s(hw, logits_local * kCrossEntropyFwdBytesPerLogit, 4.0);
  const double ce_b = memory_time_s(hw, logits_local * kCrossEntropyBwdBytesPerLogit, 2.0);
  double tp_logits = 0.0;
  if (P.tp > 1 && job.sequence_parallel) {
    const auto grp = make_group(c, P.tp, std::min(P.tp, c.scale_up_domain_gpus));
    tp_logits =
        predict_collective(CollectiveOp::all_gather, x.tokens * x.h * kActivationBytes, grp, c.collectives).time_s;
  }
  const double comp_f = stage_sum([](const LayerCost& l) { return l.fwd_compute; }) + logits.fwd + ce_f;
  const double comp_b = stage_sum([](const LayerCost& l) { return l.bwd_compute; }) + logits.bwd + ce_b;
  const double recomp = stage_sum([](const LayerCost& l) { return l.recompute; });
  const double gemm_f = stage_sum([](const LayerCost& l) { return l.gemm_fwd; });
  const double attn_f = stage_sum([](const LayerCost& l) { return l.attn_fwd; });
  // Exposed communication per micro-batch.
  const double tp_raw_f = stage_sum([](const LayerCost& l) { return l.tp_fwd; }) + tp_logits;
  const double tp_passes = job.recompute == Recompute::full ? 3.0 : 2.0;  // fwd, bwd, re-forward
  double tp_exposed = tp_passes * tp_raw_f;
  if (job.tp_comm_overlap) tp_exposed = std::max(0.0, tp_passes * (tp_raw_f - gemm_f));
  const double cp_raw_f = stage_sum([](const LayerCost& l) { return l.cp_fwd; });
  // Forward exchange hides behind the forward attention, backward (twice the bytes) behind the backward one.
  const double cp_exposed = std::max(0.0, cp_raw_f - attn_f) + std::max(0.0, 2.0 * cp_raw_f - 2.0 * attn_f) +
                            (job.recompute == Recompute::full ? std::max(0.0, cp_raw_f - attn_f) : 0.0);
  const double ep_raw_f = stage_sum([](const LayerCost& l) { return l.ep_fwd; });
  const double ep_exposed = ep_raw_f * (job.recompute == Recompute::full ? 3.0 : 2.0);
  const double t_f = comp_f;
  const double t_b = comp_b + recomp;
  const double per_mb = t_f + t_b + tp_exposed + cp_exposed + ep_exposed;
  const double mbs = job.micro_batches();
  auto& B = r.breakdown;
  B.compute_s = mbs * (t_f + t_b);
  B.recompute_s = mbs * recomp;
  B.tp_comm_s = mbs * tp_exposed;
  B.cp_comm_s = mbs * cp_exposed;
  B.ep_comm_s = mbs * ep_exposed;
  // Interleaving needs at least pp micro-batches (Megatron: a multiple of pp); with fewer, the stage runs plain
  // 1F1B as one chunk.
  const int chunks = mbs >= P.pp ? P.interleave : 1;
  B.bubble_s = (P.pp - 1.0) / chunks * per_mb;
  if (P.pp > 1) {
    const int stride = P.tp * P.cp * P.dp;
    const auto grp = make_group(c, 2, stride >= c.scale_up_domain_gpus ? 1 : 2);
    const double act = x.tokens * x.h * kActivationBytes / x.t;  // scatter/gather across the TP ranks
    const double t_p2p = predict_collective(CollectiveOp::send_recv, act, grp, c.collectives).time_s;
    // Each micro-batch crosses each chunk boundary twice (activations forward, gradients backward); filling and
    // draining the pipeline waits for 2(pp-1) transfers. In the steady state the interleaved schedule's
    // asynchronous transfers overlap the next chunk-operation (at least a forward, t_f / chunks); plain 1F1B
    // sends are blocking (Megatron forces overlap_p2p_comm off without interleaving).
    const bool overlapped = job.overlap_p2p_comm && chunks > 1;
    const double steady = overlapped ? std::max(0.0, t_p2p - t_f / chunks) : t_p2p;
    B.pp_comm_s = 2.0 * chunks * mbs * steady + 2.0 * (P.pp - 1.0) * t_p2p;
  }
  // Data parallelism over dp * cp ranks (expert weights over dp * cp / ep).
  double expert_params = 0.0;
  const double params_gpu = params_per_gpu_max_stage(job, &expert_params);
  const int dp_ranks = P.dp * P.cp;
  double dp_total = 0.0;
  double dp_bucket = 0.0;
  double ag_total = 0.0;
  double ag_bucket = 0.0;
  // Gradients are reduced in the dtype of the main-grad buffer: fp32 unless the job trains in fp16 (Megatron-LM
  // arguments.py: bf16 sets accumulate_allreduce_grads_in_fp32 unless --grad-reduce-in-bf16; NeMo's bf16 and fp8
  // mixed-precision plugins set grad_reduce_in_fp32). The memory model's bytes_per_param assumes the same buffer.
  const double grad_bytes_per_param = job.precision == Precision::fp16 ? kActivationBytes : kMainGradBytes;
  auto reduce_time = [&](double params, int ranks, double* bucket_t, double* gather_t, double* gather_bucket) {
    if (ranks <= 1 || params <= 0.0) return 0.0;
    const auto grp = make_group(c, ranks, ranks_per_domain_with_stride(c.scale_up_domain_gpus, P.tp, ranks));
    const double bytes = params * grad_bytes_per_param;
    const double bucket = std::min(params, kGradBucketParams) * grad_bytes_per_param;
    if (job.distributed_optimizer) {
      *bucket_t += predict_collective(CollectiveOp::reduce_scatter, bucket, grp, c.collectives).time_s;
      *gather_t += predict_collective(CollectiveOp::all_gather, params * kActivationBytes, grp, c.collectives).time_s;
      *gather_bucket += predict_collective(CollectiveOp::all_gather, bucket, grp, c.collectives).time_s;
      return predict_collective(CollectiveOp::reduce_scatter, bytes, grp, c.collectives).time_s;
    }
    *bucket_t += predict_collective(CollectiveOp::all_reduce, bucket, grp, c.collectives).time_s;
    return predict_collective(CollectiveOp::all_reduce, bytes, grp, c.collectives).time_s;
  };
  dp_total += reduce_time(params_gpu - expert_params, dp_ranks, &dp_bucket, &ag_total, &ag_bucket);
  if (expert_params > 0.0) dp_total += reduce_time(expert_params, dp_ranks / P.ep, &dp_bucket, &ag_total, &ag_bucket);
  if (job.overlap_grad_reduce) {
    B.dp_comm_s = exposed_grad_reduce_s(dp_total, dp_bucket, t_b, P.pp, chunks);
  } else {
    B.dp_comm_s = dp_total;
  }
  if (job.distributed_optimizer) {
    B.dp_comm_s += job.overlap_param_gather ? exposed_param_gather_s(ag_total, ag_bucket, t_f, P.pp, chunks) : ag_total;
  }
  const double opt_params = job.distributed_optimizer ? params_gpu / dp_ranks : params_gpu;
  B.optimizer_s = memory_time_s(hw, opt_params * kAdamBytesPerParam, 4.0);
  r.step_time_s =
      B.compute_s + B.tp_comm_s + B.cp_comm_s + B.ep_comm_s + B.bubble_s + B.pp_comm_s + B.dp_comm_s + B.optimizer_s;
  r.tokens_per_s = tokens_per_step / r.step_time_s;
  // Hardware FLOPs: every layer's forward three times (fwd + 2x bwd), plus what recomputation repeats.
  const double seqs = job.global_batch;
  const double layer_fwd = (m.layers - moe_l) * dense.fwd_flops + moe_l * moe.fwd_flops;
  const double per_seq_scale = seqs / x.b * x.t * P.cp;  // FLOPs above are one GPU's slice of one micro-batch
  double recompute_flops = 0.0;
  if (job.recompute == Recompute::full) recompute_flops = layer_fwd;
  if (job.recompute == Recompute::selective) {
    recompute_flops = (m.layers - moe_l) * dense.attn_core_flops + moe_l * moe.attn_core_flops;
  }
  const double logits_flops = 2.0 * x.tokens * x.v / x.t * x.h;
  r.hardware_flops = per_seq_scale * (3.0 * layer_fwd + recompute_flops + 3.0 * logits_flops);
  const double peak = hw.peak(job.precision) > 0.0 ? hw.peak(job.precision) : hw.peak(sixteen_bit(hw));
  const double denom = r.step_time_s * gpus * peak * 1e12;
  r.mfu = r.model_flops / denom;
  r.hfu = r.hardware_flops / denom;
  r.model_tflops_per_gpu = r.model_flops / r.step_time_s / gpus / 1e12;
  r.hardware_tflops_per_gpu = r.hardware_flops / r.step_time_s / gpus / 1e12;
  return r;
}

}  // namespace aidc::models
