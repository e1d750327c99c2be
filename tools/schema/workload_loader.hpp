#pragma once
// Loader for a scenario's `workloads` section: the training jobs whose step time, MFU and scaling the
// performance models report. Every key, unit and default is in scenarios/docs/workloads.md.
//
//   workloads:
//     - name: gpt3-175b
//       gpus: 1024                       # GPUs the job uses; dp = gpus / (tp * pp * cp)
//       model: {arch: gpt, layers: 96, hidden: 12288, ffn_hidden: 49152, heads: 96, seq_len: 2048, vocab: 51200}
//       parallelism: {tp: 8, pp: 8, cp: 1, ep: 1, interleave: 3}
//       batch: {micro: 1, global: 1536}  # sequences
//       precision: bf16
//       recompute: selective
//       sequence_parallel: true
//       distributed_optimizer: true
//       overlap: {grad_reduce: true, param_gather: true, tp_comm: false}
//
// Strict: unknown keys, bad types, parallel sizes that do not multiply to `gpus`, or a job larger than the
// site throw ConfigError at the offending key.
#include <cstdint>
#include <vector>

#include "models/perf/hardware_profile.hpp"
#include "models/perf/training_job.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

// `workloads_node` is the sequence under `workloads`; `site_gpus` the site's GPU count (0 = do not check).
std::vector<aidc::models::TrainingJob> load_workloads(const YamlNode& workloads_node,
                                                      const aidc::models::HardwareProfile& hardware,
                                                      std::int64_t site_gpus);

}  // namespace aidc::tools
