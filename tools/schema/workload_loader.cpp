#include "tools/schema/workload_loader.hpp"

#include <stdexcept>
#include <string>

namespace aidc::tools {

namespace {

using aidc::models::ModelArch;
using aidc::models::Precision;
using aidc::models::Recompute;
using aidc::models::TrainingJob;

int count(const YamlNode& n, std::string_view key) {
  const auto v = n.get_count(key);
  if (v > 1'000'000'000) n.fail_at(key, "too large");
  return static_cast<int>(v);
}

int count_or(const YamlNode& n, std::string_view key, int fallback) {
  const auto v = n.get_count_or(key, fallback);
  if (v > 1'000'000'000) n.fail_at(key, "too large");
  return static_cast<int>(v);
}

aidc::models::ModelSpec read_model(const YamlNode& n) {
  aidc::models::ModelSpec m;
  const auto arch = n.get_enum("arch", {"gpt", "llama", "moe"});
  m.arch = arch == "llama" ? ModelArch::llama : arch == "moe" ? ModelArch::moe : ModelArch::gpt;
  m.layers = count(n, "layers");
  m.hidden = count(n, "hidden");
  m.ffn_hidden = count(n, "ffn_hidden");
  m.heads = count(n, "heads");
  m.kv_heads = count_or(n, "kv_heads", m.heads);
  m.seq_len = count(n, "seq_len");
  m.vocab = count(n, "vocab");
  m.gated_mlp = n.get_or<bool>("gated_mlp", m.arch != ModelArch::gpt);
  m.tied_embeddings = n.get_or<bool>("tied_embeddings", m.arch == ModelArch::gpt);
  if (auto moe = n.optional_child("moe")) {
    m.moe.experts = count(*moe, "experts");
    m.moe.active_experts = count(*moe, "active_experts");
    m.moe.expert_ffn_hidden = count(*moe, "expert_ffn_hidden");
    m.moe.shared_experts = static_cast<int>(moe->get_count0_or("shared_experts", 0));
    m.moe.moe_layers = static_cast<int>(moe->get_count0_or("moe_layers", 0));
    moe->done();
  } else if (m.arch == ModelArch::moe) {
    n.fail_at("arch", "arch moe needs a moe block");
  }
  n.done();
  try {
    aidc::models::validate(m);
  } catch (const std::invalid_argument& e) {
    n.fail(e.what());
  }
  return m;
}

TrainingJob read_job(const YamlNode& n, const aidc::models::HardwareProfile& hw, std::int64_t site_gpus) {
  TrainingJob j;
  j.name = n.get<std::string>("name");
  const std::int64_t gpus = n.get_count("gpus");
  if (site_gpus > 0 && gpus > site_gpus) {
    n.fail_at("gpus", "job uses " + std::to_string(gpus) + " GPUs, the site has " + std::to_string(site_gpus));
  }
  j.model = read_model(n.child("model"));
  const auto par = n.child("parallelism");
  auto& p = j.parallel;
  p.tp = count_or(par, "tp", 1);
  p.pp = count_or(par, "pp", 1);
  p.cp = count_or(par, "cp", 1);
  p.ep = count_or(par, "ep", 1);
  p.interleave = count_or(par, "interleave", 1);
  par.done();
  // Each size is at most 1e9 (count()), so tp * pp fits in int64 but tp * pp * cp may not: compare before
  // multiplying by cp (an overflow here printed "a multiple of tp * pp * cp = -6930898827444486144").
  const std::int64_t tp_pp = static_cast<std::int64_t>(p.tp) * p.pp;
  if (tp_pp > gpus || p.cp > gpus / tp_pp) {
    n.fail_at("gpus", "tp * pp * cp exceeds the job's " + std::to_string(gpus) + " GPUs");
  }
  const std::int64_t model_parallel = tp_pp * p.cp;
  if (gpus % model_parallel != 0) {
    n.fail_at("gpus", "must be a multiple of tp * pp * cp = " + std::to_string(model_parallel));
  }
  p.dp = static_cast<int>(gpus / model_parallel);
  const auto batch = n.child("batch");
  j.micro_batch = count_or(batch, "micro", 1);
  j.global_batch = count(batch, "global");
  batch.done();
  const auto prec = n.get_enum_or("precision", {"fp32", "tf32", "fp16", "bf16", "fp8", "fp4"}, "bf16");
  j.precision = prec == "fp32"   ? Precision::fp32
                : prec == "tf32" ? Precision::tf32
                : prec == "fp16" ? Precision::fp16
                : prec == "bf16" ? Precision::bf16
                : prec == "fp8"  ? Precision::fp8
                                 : Precision::fp4;
  if (hw.peak(j.precision) <= 0.0) n.fail_at("precision", "the hardware profile has no " + prec + " peak");
  const auto rec = n.get_enum_or("recompute", {"none", "selective", "full"}, "none");
  j.recompute = rec == "none" ? Recompute::none : rec == "selective" ? Recompute::selective : Recompute::full;
  j.sequence_parallel = n.get_or<bool>("sequence_parallel", p.tp > 1);
  j.distributed_optimizer = n.get_or<bool>("distributed_optimizer", true);
  j.overlap_grad_reduce = j.distributed_optimizer;
  j.overlap_param_gather = j.distributed_optimizer;
  if (auto ov = n.optional_child("overlap")) {
    j.overlap_grad_reduce = ov->get_or<bool>("grad_reduce", j.overlap_grad_reduce);
    j.overlap_param_gather = ov->get_or<bool>("param_gather", j.overlap_param_gather);
    j.tp_comm_overlap = ov->get_or<bool>("tp_comm", false);
    j.overlap_p2p_comm = ov->get_or<bool>("pp_comm", true);
    ov->done();
  }
  j.fused_attention = n.get_or<bool>("fused_attention", hw.fused_attention_default);
  n.done();
  try {
    aidc::models::validate(j);
  } catch (const std::invalid_argument& e) {
    n.fail(e.what());
  }
  return j;
}

}  // namespace

std::vector<TrainingJob> load_workloads(const YamlNode& workloads_node, const aidc::models::HardwareProfile& hardware,
                                        std::int64_t site_gpus) {
  std::vector<TrainingJob> jobs;
  for (const auto& item : workloads_node.items()) {
    if (!item.is_map()) item.fail("each workload must be a map");
    jobs.push_back(read_job(item, hardware, site_gpus));
    for (size_t i = 0; i + 1 < jobs.size(); ++i) {
      if (jobs[i].name == jobs.back().name) item.fail_at("name", "duplicate workload name '" + jobs.back().name + "'");
    }
  }
  return jobs;
}

}  // namespace aidc::tools
