#pragma once
// TrainingJob: one data/tensor/pipeline/context/expert-parallel training configuration of a model, as
// Megatron-LM / NeMo run it.
//
// Layout (Megatron-Core rank order, fastest first: tp, cp, dp, pp; Narayanan et al. SC'21 Sec. 3):
//   gpus = tp * cp * dp * pp, with the expert-parallel group (size ep) carved out of the dp * cp ranks of a
//   pipeline stage, so ep must divide dp * cp. Micro-batches per step m = global_batch / (micro_batch * dp).
//   interleave = virtual pipeline stages per GPU (1 = plain 1F1B).
// Recompute (Korthikanti et al. 2022): none; selective = recompute the attention core (QK^T, softmax,
// dropout, AV) in the backward pass; full = store only each layer's input and recompute the whole forward.
// Overlap switches say which communication the framework hides behind compute (Megatron-Core
// --overlap-grad-reduce/--overlap-param-gather, --tp-comm-overlap); see training_step.hpp for the model.
#include <cstdint>
#include <string>

#include "models/perf/hardware_profile.hpp"
#include "models/perf/model_spec.hpp"

namespace aidc::models {

enum class Recompute : std::uint8_t { none, selective, full };

std::string_view to_string(Recompute r);

struct ParallelConfig {
  int tp = 1;
  int pp = 1;
  int dp = 1;
  int cp = 1;
  int ep = 1;
  int interleave = 1;
  int gpus() const { return tp * pp * dp * cp; }
};

struct TrainingJob {
  std::string name;
  ModelSpec model;
  ParallelConfig parallel;
  int micro_batch = 1;   // sequences per micro-batch per data-parallel rank
  int global_batch = 1;  // sequences per optimizer step
  Precision precision = Precision::bf16;
  Recompute recompute = Recompute::none;
  bool sequence_parallel = false;
  bool distributed_optimizer = false;
  bool overlap_grad_reduce = false;   // bucketed reduce-scatter/all-reduce overlapped with the backward pass
  bool overlap_param_gather = false;  // distributed optimizer's parameter all-gather overlapped with forward
  bool tp_comm_overlap = false;       // tensor-parallel collectives overlapped with the GEMMs they feed
  // Pipeline sends/receives posted asynchronously and waited on only when needed. Megatron-LM's training default
  // (--no-overlap-p2p-communication turns it off); it forces it off for schedules without interleaving.
  bool overlap_p2p_comm = true;
  bool fused_attention = true;  // FlashAttention-style kernel (no s x s matrix in HBM, causal skipping)

  int micro_batches() const { return global_batch / (micro_batch * parallel.dp); }
};

// Throws std::invalid_argument when the configuration cannot run as written (divisibility, batch).
void validate(const TrainingJob& job);

}  // namespace aidc::models
