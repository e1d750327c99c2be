#pragma once
// Reader and predictor for training-throughput validation cases in the `aidc-validation-mfu/1` format
// (models/validation/mfu_cases.yaml; format described in models/validation/README.md).
//
// The reader accepts ANY file in that format: keys it does not use (notes, derived, params_b, framework, ...)
// are ignored, the keys it uses are type- and range-checked (ConfigError with file:line:col on violation).
// An input written `unknown` is filled with the documented default below and the assumption is recorded; when
// an unknown input has no sensible default the case is kept but marked not predictable, with the reason.
//
// Defaults for `unknown` (also in scenarios/docs/workloads.md):
//   vocab -> 51200 (Megatron's padded GPT-2 vocabulary); kv_heads absent -> heads;
//   gpus_per_node, nics_per_node, gbps_per_nic -> the GPU profile's node; gbps_per_nic of a named fabric ->
//     the fabric's line rate (infiniband-edr 100, -hdr 200, -ndr 400, -xdr 800, omni-path 100, roce-* per name);
//   precision -> bf16 (fp16 where the GPU has no bf16); micro_batch -> 1; cp -> 1; interleave -> 1;
//   dp -> gpus / (tp * pp * cp); tp and pp (with dp known) -> tensor parallelism inside the node, the rest pipeline
//     (Narayanan et al. SC'21, takeaway: TP up to the NVLink domain, PP across nodes);
//   sequence_parallel -> true when tp > 1; distributed_optimizer -> true (Megatron-Core default recipes);
//   recompute -> the least recomputation that fits in memory (none, then selective, then full).
//   arch, layers, hidden, ffn_hidden, heads, kv_heads, vocab, MoE dimensions of a case with `model.name` -> that
//     model's published architecture (architectures.yaml beside the case file, else the project's
//     models/validation/architectures.yaml; tools/schema/model_architectures_loader.hpp); a stated value wins.
// Not predictable: unknown layers/hidden/heads/ffn_hidden/seq_len/global_batch/arch, unknown MoE dimensions, a GPU
// with no profile, or a layout that does not multiply to the GPU count.
#include <optional>
#include <string>
#include <vector>

#include "models/perf/cluster_view.hpp"
#include "models/perf/training_job.hpp"
#include "models/perf/training_step.hpp"

namespace aidc::tools {

struct MfuReported {
  std::optional<double> step_time_s;
  std::optional<double> tflops_per_gpu;
  std::optional<double> mfu;
  std::optional<double> hfu;
  std::optional<double> tokens_per_s;  // job total
  std::optional<double> tokens_per_s_per_gpu;
  std::string basis =
      "unknown";  // model_flops | hardware_flops_with_recompute | vendor_model_flops_full_attention | unknown
};

struct MfuCase {
  std::string id;
  std::string source;
  std::string gpu;  // hardware profile name
  bool predictable = true;
  std::string reason;                    // why not predictable
  std::vector<std::string> assumptions;  // every default applied
  bool recompute_unknown = false;        // pick the least recomputation that fits
  aidc::models::TrainingJob job;         // parallel sizes below override job.parallel once resolved
  std::optional<int> tp, pp, dp, cp, interleave;
  bool precision_unknown = false;
  bool sequence_parallel_unknown = false;
  std::int64_t gpus = 0;
  int gpus_per_node = 0;      // 0 = profile default
  int nics_per_node = 0;      // 0 = profile default
  double gbps_per_nic = 0.0;  // 0 = profile default
  MfuReported reported;
};

// Reads a case file; throws ConfigError on malformed input (wrong schema, missing keys, bad types), also in the
// architectures file: `architectures_path`, or when empty the one find_model_architectures(path) finds (none is
// fine: named cases then stay not predictable).
std::vector<MfuCase> load_mfu_cases(const std::string& path, const std::string& architectures_path = "");

struct MfuPrediction {
  std::string id;
  bool predicted = false;
  std::string reason;  // not predictable / does not fit
  std::vector<std::string> assumptions;
  aidc::models::StepResult step;
  std::string compared;  // step_time_s | tokens_per_s | tokens_per_s_per_gpu | tflops_per_gpu | mfu | hfu
  double predicted_tflops_per_gpu = 0.0;  // on the case's reported basis
  std::optional<double> reported_tflops_per_gpu;
  double predicted_value = 0.0;  // of the compared quantity
  double reported_value = 0.0;
  double rel_error = 0.0;  // predicted / reported - 1
};

// Finds scenarios/hardware by walking up from `start` (a file or folder); empty when not found.
std::string find_hardware_dir(const std::string& start);

// Predicts one case with the profiles in hardware_dir (one file per GPU type, shared by every case).
MfuPrediction predict_mfu_case(const MfuCase& c, const std::string& hardware_dir);

}  // namespace aidc::tools
