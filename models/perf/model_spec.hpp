#pragma once
// ModelSpec: the shape of a decoder-only transformer (GPT, Llama-style or MoE), and the FLOP conventions used
// to report its throughput.
//
// Parameter count (per layer, biases ignored):
//   attention  h*(h + 2*g*d) + h*h            (d = h/a head dim, g = kv_heads; g = a without GQA)
//   MLP        2*h*f (GELU)  or 3*h*f (gated SwiGLU, arch llama)
//   MoE layer  router h*E + E experts of (2 or 3)*h*f_e + shared experts; only top-k experts are "active"
//   norms      2*h (LayerNorm/RMSNorm weights)
//   embedding  V*h, plus an untied output layer V*h for llama (GPT ties them)
//
// FLOP conventions (one training step, T tokens of sequence s):
//   model FLOPs (PaLM, Chowdhery et al. 2022, App. B; the `model_flops` basis, MFU):
//       6 * N_active * T  +  12 * L * h * s * T      (attention counted non-causal, as PaLM does)
//     where N_active counts every non-embedding weight a token touches plus the output layer.
//   Megatron's hardware FLOPs (Narayanan et al. SC'21, Eq. 3; Korthikanti et al. 2022, Sec. 6), for GPT with
//   f = 4h: 96 B s L h^2 (1 + s/(6h) + V/(16 L h)) with full recomputation, 72 B s L h^2 (1 + s/(6h) + V/(12 L h))
//   without. We compute the same quantity layer by layer from the GEMM list, so it generalises to GQA,
//   SwiGLU and MoE and reduces to Eq. 3 for GPT (a unit test checks the reduction).
// Units: counts and FLOPs as doubles (1T-parameter models overflow nothing, and FLOPs exceed 2^63).
#include <cstdint>

namespace aidc::models {

enum class ModelArch : std::uint8_t { gpt, llama, moe };

struct MoeSpec {
  int experts = 0;            // E, routed experts per MoE layer (0 = dense model)
  int active_experts = 0;     // top-k
  int expert_ffn_hidden = 0;  // f_e
  int shared_experts = 0;     // always-active experts of size f_e
  int moe_layers = 0;         // layers that are MoE (0 = all layers when experts > 0)
};

struct ModelSpec {
  ModelArch arch = ModelArch::gpt;
  int layers = 0;
  int hidden = 0;
  int ffn_hidden = 0;
  int heads = 0;
  int kv_heads = 0;  // 0 = heads (multi-head attention)
  int seq_len = 0;
  int vocab = 0;
  bool gated_mlp = false;  // SwiGLU (three matrices); true for llama and, by default, moe
  bool tied_embeddings = true;
  MoeSpec moe;

  int kv() const { return kv_heads > 0 ? kv_heads : heads; }
  double head_dim() const { return static_cast<double>(hidden) / heads; }
  int moe_layer_count() const;
  double mlp_matrices() const { return gated_mlp ? 3.0 : 2.0; }
};

// Weights of one attention block, one dense MLP, one MoE block (all experts), one MoE block's active part.
double attention_params(const ModelSpec& m);
double dense_mlp_params(const ModelSpec& m);
double moe_block_params(const ModelSpec& m);
double moe_active_params(const ModelSpec& m);
// All weights (including embeddings) and the active non-embedding weights plus the output layer (6N's N).
double total_params(const ModelSpec& m);
double active_params_for_flops(const ModelSpec& m);

// Model FLOPs (PaLM convention) of one sequence of seq_len tokens, forward + backward.
double model_flops_per_sequence(const ModelSpec& m);

// Throws std::invalid_argument for missing or inconsistent dimensions (heads not dividing hidden, ...).
void validate(const ModelSpec& m);

}  // namespace aidc::models
