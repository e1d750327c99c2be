#pragma once
// Training-step model: time, memory and throughput of one optimizer step of a TrainingJob on a ClusterView.
//
// Per micro-batch and pipeline stage (the stage with the most work, usually the last one with the output
// layer), forward and backward times are the sums over the stage's layers of
//   compute (GEMMs, attention, memory-bound kernels; compute_model.hpp), plus, layer by layer,
//   exposed TP communication (all_reduce, or all_gather + reduce_scatter with sequence parallelism; four
//     per dense layer and pass direction... two forward, two backward, two more for full recomputation;
//     Shoeybi et al. 2019, Korthikanti et al. 2022), hidden behind the GEMMs only when tp_comm_overlap,
//   exposed CP communication (ring attention: cp-1 K/V exchanges forward, twice that backward, each hidden
//     behind the attention block it feeds; Liu et al. 2023),
//   EP all_to_all (dispatch + combine per MoE layer and direction; Lepikhin et al. 2020),
//   recomputation (selective: the attention core again; full: the whole forward again).
// The pipeline then runs m = global_batch / (micro_batch * dp) micro-batches with 1F1B:
//   pipeline = (m + (pp - 1) / interleave) * (t_fwd + t_bwd)      (bubble fraction (p-1)/(v m), Narayanan
//   et al. SC'21 Sec. 2.2) plus stage-to-stage sends (2 per micro-batch and virtual stage, on the critical
//   path, as Megatron's blocking 1F1B schedule does).
// Data parallelism: gradient all_reduce (or reduce_scatter + parameter all_gather with the distributed
// optimizer) over dp * cp ranks, exposed fully, or, with overlap, only beyond the last micro-batch's backward
// (and the first forward for the parameter gather), never less than one bucket (Megatron-Core default bucket
// of 40 M parameters). Optimizer: Adam streams its state once through HBM.
//
// Memory per GPU (the most loaded stage): weights + gradients + optimizer state at Megatron's bytes per
// parameter (docs/source/api-guide/dist_optimizer.md: fp16 20 or 4 + 16/d; bf16 18 or 6 + 12/d), activations
// per Korthikanti et al. Table 2 generalised to GQA and gated MLPs, times the micro-batches in flight on the
// first stage (pp for 1F1B, times 1 + (p-1)/(p v) interleaved), logits, and the profile's reserve. A job that
// does not fit is reported with fits = false and no time.
//
// Metrics: tokens/s; MFU = model FLOPs (model_spec.hpp, PaLM convention) / (step time * gpus * peak);
// HFU = hardware FLOPs actually executed, recomputation included, over the same; both against the dense peak
// of the job's precision.
#include <string>

#include "models/perf/cluster_view.hpp"
#include "models/perf/training_job.hpp"

namespace aidc::models {

struct StepBreakdown {
  double compute_s = 0.0;    // GEMMs, attention and memory-bound kernels of all micro-batches (incl. recompute)
  double recompute_s = 0.0;  // of which recomputation
  double tp_comm_s = 0.0;    // exposed
  double cp_comm_s = 0.0;    // exposed
  double ep_comm_s = 0.0;    // exposed
  double pp_comm_s = 0.0;    // exposed stage-to-stage sends
  double bubble_s = 0.0;     // pipeline fill and drain
  double dp_comm_s = 0.0;    // exposed gradient reduction / parameter gather
  double optimizer_s = 0.0;
};

struct MemoryBreakdown {
  double weights_and_optimizer_bytes = 0.0;  // weights, gradients and optimizer state
  double activation_bytes = 0.0;
  double logits_bytes = 0.0;
  double reserved_bytes = 0.0;
  double total_bytes = 0.0;
  double capacity_bytes = 0.0;
};

struct StepResult {
  bool fits = false;   // false: memory exceeds HBM; times below are then zero
  std::string reason;  // why it does not fit
  MemoryBreakdown memory;
  StepBreakdown breakdown;
  double step_time_s = 0.0;
  double tokens_per_s = 0.0;
  double model_flops = 0.0;     // per step, PaLM convention
  double hardware_flops = 0.0;  // per step, executed (recompute counted, attention non-causal as Megatron counts)
  double mfu = 0.0;
  double hfu = 0.0;
  double model_tflops_per_gpu = 0.0;
  double hardware_tflops_per_gpu = 0.0;
};

// The step model. job.parallel.gpus() must equal the GPUs the job uses (<= cluster.gpus); throws
// std::invalid_argument for an invalid job. Pure function, no allocation on the hot path, O(1) in model size.
StepResult evaluate_step(const TrainingJob& job, const ClusterView& cluster);

// Memory alone (the first half of evaluate_step).
MemoryBreakdown memory_footprint(const TrainingJob& job, const ClusterView& cluster);

}  // namespace aidc::models
