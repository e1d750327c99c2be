#include "models/perf/model_spec.hpp"

#include <stdexcept>
#include <string>

namespace aidc::models {

namespace {
// PaLM App. B: 6 FLOPs per weight per token (2 forward, 4 backward) and 12 L h s for attention.
constexpr double kFlopsPerWeightPerToken = 6.0;
constexpr double kAttentionFlopsCoefficient = 12.0;
constexpr double kNormsPerLayer = 2.0;
}  // namespace

int ModelSpec::moe_layer_count() const {
  if (moe.experts <= 0) return 0;
  return moe.moe_layers > 0 ? moe.moe_layers : layers;
}

double attention_params(const ModelSpec& m) {
  const double h = m.hidden;
  const double kv_width = 2.0 * m.kv() * m.head_dim();
  return h * (h + kv_width) + h * h;
}

double dense_mlp_params(const ModelSpec& m) {
  return m.mlp_matrices() * m.hidden * static_cast<double>(m.ffn_hidden);
}

double moe_block_params(const ModelSpec& m) {
  const double expert = m.mlp_matrices() * m.hidden * static_cast<double>(m.moe.expert_ffn_hidden);
  return static_cast<double>(m.hidden) * m.moe.experts + (m.moe.experts + m.moe.shared_experts) * expert;
}

double moe_active_params(const ModelSpec& m) {
  const double expert = m.mlp_matrices() * m.hidden * static_cast<double>(m.moe.expert_ffn_hidden);
  return static_cast<double>(m.hidden) * m.moe.experts + (m.moe.active_experts + m.moe.shared_experts) * expert;
}

double total_params(const ModelSpec& m) {
  const int moe_l = m.moe_layer_count();
  const double per_layer_common = attention_params(m) + kNormsPerLayer * m.hidden;
  const double layers =
      m.layers * per_layer_common + (m.layers - moe_l) * dense_mlp_params(m) + moe_l * moe_block_params(m);
  const double embed = static_cast<double>(m.vocab) * m.hidden * (m.tied_embeddings ? 1.0 : 2.0);
  return layers + embed;
}

double active_params_for_flops(const ModelSpec& m) {
  const int moe_l = m.moe_layer_count();
  const double per_layer_common = attention_params(m) + kNormsPerLayer * m.hidden;
  const double layers =
      m.layers * per_layer_common + (m.layers - moe_l) * dense_mlp_params(m) + moe_l * moe_active_params(m);
  return layers + static_cast<double>(m.vocab) * m.hidden;
}

double model_flops_per_sequence(const ModelSpec& m) {
  const double s = m.seq_len;
  return kFlopsPerWeightPerToken * active_params_for_flops(m) * s +
         kAttentionFlopsCoefficient * m.layers * static_cast<double>(m.hidden) * s * s;
}

void validate(const ModelSpec& m) {
  auto require = [](bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(std::string("model: ") + what);
  };
  require(m.layers >= 1 && m.hidden >= 1 && m.ffn_hidden >= 1 && m.heads >= 1 && m.seq_len >= 1 && m.vocab >= 1,
          "layers, hidden, ffn_hidden, heads, seq_len and vocab must be >= 1");
  require(m.hidden % m.heads == 0, "heads must divide hidden");
  require(m.kv() <= m.heads && m.heads % m.kv() == 0, "kv_heads must divide heads");
  if (m.moe.experts > 0) {
    require(m.moe.active_experts >= 1 && m.moe.active_experts <= m.moe.experts, "moe.active_experts in 1..experts");
    require(m.moe.expert_ffn_hidden >= 1, "moe.expert_ffn_hidden >= 1");
    require(m.moe.moe_layers >= 0 && m.moe.moe_layers <= m.layers, "moe.moe_layers in 0..layers");
  }
}

}  // namespace aidc::models
