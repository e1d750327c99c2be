#include "tools/schema/mfu_cases_loader.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "tools/schema/file_exists.hpp"
#include "tools/schema/hardware_loader.hpp"
#include "tools/schema/model_architectures_loader.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

namespace {

using aidc::models::ModelArch;
using aidc::models::Precision;
using aidc::models::Recompute;

using ArchitectureRegistry = std::map<std::string, NamedArchitecture>;

constexpr int kDefaultVocab = 51200;  // Megatron-LM's GPT-2 vocabulary padded to a multiple of 128 * 8

bool is_unknown(const YamlNode& n, std::string_view key) {
  const auto c = n.optional_child(key);
  return !c || (c->is_scalar() && c->as<std::string>() == "unknown");
}

std::optional<int> opt_count(const YamlNode& n, std::string_view key) {
  if (is_unknown(n, key)) return std::nullopt;
  const auto v = n.get_count(key);
  if (v > 1'000'000'000) n.fail_at(key, "too large");
  return static_cast<int>(v);
}

std::optional<bool> opt_bool(const YamlNode& n, std::string_view key) {
  if (is_unknown(n, key)) return std::nullopt;
  return n.get<bool>(key);
}

std::optional<double> opt_positive(const YamlNode& n, std::string_view key) {
  if (is_unknown(n, key)) return std::nullopt;
  return n.get_positive(key);
}

double fabric_gbps(const std::string& fabric) {
  static const std::map<std::string, double, std::less<>> kLineRate = {
      {"infiniband-edr", 100.0}, {"infiniband-hdr", 200.0}, {"infiniband-ndr", 400.0},
      {"infiniband-xdr", 800.0}, {"omni-path", 100.0},      {"roce-100g", 100.0},
      {"roce-200g", 200.0},      {"roce-400g", 400.0},      {"roce-800g", 800.0}};
  const auto it = kLineRate.find(fabric);
  return it == kLineRate.end() ? 0.0 : it->second;
}

void not_predictable(MfuCase& c, const std::string& why) {
  if (c.predictable) {
    c.predictable = false;
    c.reason = why;
  }
}

MfuCase read_case(const YamlNode& n, const ArchitectureRegistry* registry) {
  MfuCase c;
  c.id = n.get<std::string>("id");
  c.source = n.get_or<std::string>("source", "");
  auto& job = c.job;
  job.name = c.id;

  // A whole block the source does not give at all may be `unknown` like any single field.
  for (const char* block : {"model", "cluster", "training", "reported"}) {
    if (n.has(block) && is_unknown(n, block)) {
      not_predictable(c, std::string(block) + " unknown");
      return c;
    }
  }
  const auto model = n.child("model");
  auto& m = job.model;
  // A case that names its model may leave the dimensions `unknown`: they come from the model's published
  // architecture (architectures.yaml), only where the case is silent, and the assumption says so.
  const NamedArchitecture* named = nullptr;
  if (registry && model.has("name") && !is_unknown(model, "name")) {
    const auto it = registry->find(model.get<std::string>("name"));
    if (it != registry->end()) named = &it->second;
  }
  std::vector<std::string> filled;
  std::string arch = is_unknown(model, "arch") ? "unknown" : model.get_enum("arch", {"gpt", "llama", "moe"});
  if (arch == "unknown" && named) {
    arch = named->spec.arch == ModelArch::llama ? "llama" : named->spec.arch == ModelArch::moe ? "moe" : "gpt";
    filled.push_back("arch " + arch);
  }
  if (arch == "unknown") not_predictable(c, "model.arch unknown");
  m.arch = arch == "llama" ? ModelArch::llama : arch == "moe" ? ModelArch::moe : ModelArch::gpt;
  const bool named_applies = named && named->spec.arch == m.arch;
  m.gated_mlp = named_applies ? named->spec.gated_mlp : m.arch != ModelArch::gpt;
  m.tied_embeddings = named_applies ? named->spec.tied_embeddings : m.arch == ModelArch::gpt;
  for (const char* key : {"layers", "hidden", "ffn_hidden", "heads", "seq_len"}) {
    const std::string k = key;
    int& field = k == "layers"       ? m.layers
                 : k == "hidden"     ? m.hidden
                 : k == "ffn_hidden" ? m.ffn_hidden
                 : k == "heads"      ? m.heads
                                     : m.seq_len;
    if (const auto v = opt_count(model, key)) {
      field = *v;
    } else if (named_applies && k != "seq_len") {  // the run's sequence length is the case's to state
      const auto& s = named->spec;
      field = k == "layers" ? s.layers : k == "hidden" ? s.hidden : k == "ffn_hidden" ? s.ffn_hidden : s.heads;
      filled.push_back(k + " " + std::to_string(field));
    } else {
      not_predictable(c, "model." + k + " unknown");
    }
  }
  if (const auto kv = opt_count(model, "kv_heads")) {
    m.kv_heads = *kv;
  } else if (named_applies) {
    m.kv_heads = named->spec.kv_heads;
    filled.push_back("kv_heads " + std::to_string(m.kv_heads));
  }
  if (const auto v = opt_count(model, "vocab")) {
    m.vocab = *v;
  } else if (named_applies) {
    m.vocab = named->spec.vocab;
    filled.push_back("vocab " + std::to_string(m.vocab));
  } else {
    m.vocab = kDefaultVocab;
    c.assumptions.push_back("vocab unknown: 51200 (Megatron's padded GPT-2 vocabulary)");
  }
  const bool named_moe = named_applies && named->has_moe;
  if (auto moe = is_unknown(model, "moe") ? std::nullopt : model.optional_child("moe")) {
    auto e = opt_count(*moe, "experts");
    auto k = opt_count(*moe, "active_experts");
    auto f = opt_count(*moe, "expert_ffn_hidden");
    if (named_moe) {
      const auto& nm = named->spec.moe;
      if (!e) filled.push_back("moe.experts " + std::to_string(*(e = nm.experts)));
      if (!k) filled.push_back("moe.active_experts " + std::to_string(*(k = nm.active_experts)));
      if (!f) filled.push_back("moe.expert_ffn_hidden " + std::to_string(*(f = nm.expert_ffn_hidden)));
    }
    if (!e || !k || !f) {
      not_predictable(c, "model.moe dimensions unknown");
    } else {
      m.moe.experts = *e;
      m.moe.active_experts = *k;
      m.moe.expert_ffn_hidden = *f;
    }
    if (const auto s = opt_count(*moe, "shared_experts")) m.moe.shared_experts = *s;
    if (const auto l = opt_count(*moe, "moe_layers")) m.moe.moe_layers = *l;
  } else if (named_moe) {
    m.moe = named->spec.moe;
    filled.push_back("moe (experts " + std::to_string(m.moe.experts) + ", top-" + std::to_string(m.moe.active_experts) +
                     ")");
  } else if (m.arch == ModelArch::moe) {
    not_predictable(c, "model.moe block missing for arch moe");
  }
  if (!filled.empty()) {
    std::string list;
    for (const auto& f : filled) list += (list.empty() ? "" : ", ") + f;
    // The source up to its first colon: repository, path and commit (the rest lists the numbers read there).
    const std::string where = named->source.substr(0, named->source.find(':'));
    c.assumptions.push_back("model dimensions unknown: " + list + " from the published architecture of " + named->name +
                            " (architectures.yaml: " + where + ")");
  }

  const auto cluster = n.child("cluster");
  c.gpu = cluster.get<std::string>("gpu");
  c.gpus = cluster.get_count("gpus");
  if (const auto g = opt_count(cluster, "gpus_per_node")) c.gpus_per_node = *g;
  if (auto so = is_unknown(cluster, "scale_out") ? std::nullopt : cluster.optional_child("scale_out")) {
    const std::string fabric = is_unknown(*so, "fabric") ? "" : so->get<std::string>("fabric");
    if (const auto nics = opt_count(*so, "nics_per_node")) c.nics_per_node = *nics;
    if (const auto g = opt_positive(*so, "gbps_per_nic")) {
      c.gbps_per_nic = *g;
    } else if (fabric_gbps(fabric) > 0.0) {
      c.gbps_per_nic = fabric_gbps(fabric);
      c.assumptions.push_back("gbps_per_nic unknown: " + std::to_string(static_cast<int>(c.gbps_per_nic)) +
                              " (line rate of " + fabric + ")");
    }
  }

  const auto t = n.child("training");
  if (is_unknown(t, "precision")) {
    c.precision_unknown = true;
  } else {
    const auto p = t.get_enum("precision", {"fp32", "tf32", "fp16", "bf16", "fp8", "fp4"});
    job.precision = p == "fp32"   ? Precision::fp32
                    : p == "tf32" ? Precision::tf32
                    : p == "fp16" ? Precision::fp16
                    : p == "bf16" ? Precision::bf16
                    : p == "fp8"  ? Precision::fp8
                                  : Precision::fp4;
  }
  c.tp = opt_count(t, "tp");
  c.pp = opt_count(t, "pp");
  c.dp = opt_count(t, "dp");
  c.cp = opt_count(t, "cp");
  c.interleave = opt_count(t, "interleave");
  job.parallel.ep = opt_count(t, "ep").value_or(1);
  if (const auto mb = opt_count(t, "micro_batch")) {
    job.micro_batch = *mb;
  } else {
    job.micro_batch = 1;
    c.assumptions.push_back("micro_batch unknown: 1");
  }
  if (const auto gb = opt_count(t, "global_batch")) {
    job.global_batch = *gb;
  } else {
    not_predictable(c, "training.global_batch unknown");
  }
  if (is_unknown(t, "recompute")) {
    c.recompute_unknown = true;
  } else {
    const auto r = t.get_enum("recompute", {"none", "selective", "full"});
    job.recompute = r == "none" ? Recompute::none : r == "selective" ? Recompute::selective : Recompute::full;
  }
  if (const auto sp = opt_bool(t, "sequence_parallel")) {
    job.sequence_parallel = *sp;
  } else {
    c.sequence_parallel_unknown = true;
  }
  if (const auto d = opt_bool(t, "distributed_optimizer")) {
    job.distributed_optimizer = *d;
  } else {
    job.distributed_optimizer = true;
    c.assumptions.push_back("distributed_optimizer unknown: true");
  }
  // Megatron-Core recipes enable the overlaps together with the distributed optimizer.
  job.overlap_grad_reduce = job.distributed_optimizer;
  job.overlap_param_gather = job.distributed_optimizer;

  const auto r = n.child("reported");
  auto& rep = c.reported;
  rep.step_time_s = opt_positive(r, "step_time_s");
  rep.tflops_per_gpu = opt_positive(r, "tflops_per_gpu");
  if (!is_unknown(r, "mfu")) rep.mfu = r.get_in_range("mfu", 0.0, 1.0);
  if (!is_unknown(r, "hfu")) rep.hfu = r.get_in_range("hfu", 0.0, 1.0);
  rep.tokens_per_s = opt_positive(r, "tokens_per_s");
  rep.tokens_per_s_per_gpu = opt_positive(r, "tokens_per_s_per_gpu");
  rep.basis = is_unknown(r, "basis") ? "unknown" : r.get<std::string>("basis");
  if (!rep.step_time_s && !rep.tokens_per_s && !rep.tokens_per_s_per_gpu && !rep.tflops_per_gpu && !rep.mfu &&
      !rep.hfu) {
    not_predictable(c,
                    "reported has none of step_time_s, tokens_per_s, tokens_per_s_per_gpu, tflops_per_gpu, mfu, hfu");
  }
  return c;
}

void set_compared(MfuPrediction& out, const char* quantity, double predicted, double reported) {
  out.compared = quantity;
  out.predicted_value = predicted;
  out.reported_value = reported;
  out.rel_error = predicted / reported - 1.0;
}

std::string fmt(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

}  // namespace

std::vector<MfuCase> load_mfu_cases(const std::string& path, const std::string& architectures_path) {
  const auto root = YamlNode::load_file(path);
  const auto schema = root.get<std::string>("schema");
  if (schema != "aidc-validation-mfu/1") root.fail_at("schema", "expected aidc-validation-mfu/1, got " + schema);
  const std::string architectures = architectures_path.empty() ? find_model_architectures(path) : architectures_path;
  ArchitectureRegistry registry;
  if (!architectures.empty()) registry = load_model_architectures(architectures);
  std::vector<MfuCase> cases;
  for (const auto& item : root.child("cases").items()) {
    if (!item.is_map()) item.fail("each case must be a map");
    cases.push_back(read_case(item, architectures.empty() ? nullptr : &registry));
  }
  return cases;
}

std::string find_hardware_dir(const std::string& start) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(start), ec);
  if (!fs::is_directory(p, ec)) p = p.parent_path();
  return find_upward(p, {"scenarios/hardware"});
}

MfuPrediction predict_mfu_case(const MfuCase& in, const std::string& hardware_dir) {
  namespace am = aidc::models;
  MfuPrediction out;
  out.id = in.id;
  out.assumptions = in.assumptions;
  out.reported_tflops_per_gpu = in.reported.tflops_per_gpu;
  if (!in.predictable) {
    out.reason = in.reason;
    return out;
  }
  const auto profile_path = (std::filesystem::path(hardware_dir) / (in.gpu + ".yaml")).string();
  if (!referenced_file_exists(profile_path)) {
    out.reason = "no hardware profile " + in.gpu;
    return out;
  }
  const am::HardwareProfile hw = load_hardware_profile(profile_path);
  const am::ClusterView cluster =
      am::make_cluster_view(hw, in.gpus, in.gpus_per_node, in.nics_per_node, in.gbps_per_nic);
  if (in.gpus_per_node == 0)
    out.assumptions.push_back("gpus_per_node unknown: " + std::to_string(cluster.gpus_per_node));
  if (in.nics_per_node == 0 || in.gbps_per_nic == 0.0) {
    out.assumptions.push_back("network unknown: " + std::to_string(cluster.nics_per_node) + " x " +
                              fmt(cluster.gbps_per_nic) + " Gb/s per node (profile default)");
  }
  am::TrainingJob job = in.job;
  job.fused_attention = hw.fused_attention_default;
  if (in.precision_unknown) {
    job.precision = hw.peak(Precision::bf16) > 0.0 ? Precision::bf16 : Precision::fp16;
    out.assumptions.push_back(std::string("precision unknown: ") + std::string(am::to_string(job.precision)));
  }
  if (hw.peak(job.precision) <= 0.0) {
    out.reason = std::string("GPU has no ") + std::string(am::to_string(job.precision)) + " peak";
    return out;
  }
  // Parallel layout.
  const int cp = in.cp.value_or(1);
  if (!in.cp) out.assumptions.push_back("cp unknown: 1");
  int tp = in.tp.value_or(0);
  int pp = in.pp.value_or(0);
  int dp = in.dp.value_or(0);
  const int ep = job.parallel.ep;
  if (tp == 0 || pp == 0) {
    if (dp == 0) {
      out.reason = "tp/pp and dp unknown";
      return out;
    }
    const std::int64_t mp = in.gpus / (static_cast<std::int64_t>(dp) * cp);
    if (mp < 1 || mp * dp * cp != in.gpus) {
      out.reason = "gpus not divisible by dp * cp";
      return out;
    }
    if (tp == 0 && pp == 0) {
      tp = std::gcd(static_cast<int>(mp), cluster.gpus_per_node);
      while (tp > 1 && job.model.heads % tp != 0) tp /= 2;
      pp = static_cast<int>(mp / tp);
    } else if (tp == 0) {
      tp = static_cast<int>(mp / pp);
    } else {
      pp = static_cast<int>(mp / tp);
    }
    out.assumptions.push_back("tp/pp unknown: tp " + std::to_string(tp) + ", pp " + std::to_string(pp) +
                              " (TP inside the node, PP across)");
  }
  if (dp == 0) {
    dp = static_cast<int>(in.gpus / (static_cast<std::int64_t>(tp) * pp * cp));
    out.assumptions.push_back("dp unknown: " + std::to_string(dp));
  }
  std::int64_t used = static_cast<std::int64_t>(tp) * pp * cp * dp;
  if (used != in.gpus && used * ep == in.gpus) {
    dp *= ep;
    used *= ep;
    out.assumptions.push_back("dp excludes ep (gpus = tp*pp*cp*ep*dp): data-parallel size " + std::to_string(dp));
  }
  if (used != in.gpus) {
    out.reason = "tp*pp*cp*dp = " + std::to_string(used) + " != gpus " + std::to_string(in.gpus);
    return out;
  }
  int interleave = in.interleave.value_or(1);
  if (!in.interleave) out.assumptions.push_back("interleave unknown: 1");
  if (pp == 1) interleave = 1;
  job.parallel = {tp, pp, dp, cp, ep, interleave};
  if (in.sequence_parallel_unknown) {
    job.sequence_parallel = tp > 1;
    out.assumptions.push_back(std::string("sequence_parallel unknown: ") + (tp > 1 ? "true" : "false"));
  }
  try {
    am::validate(job);
  } catch (const std::invalid_argument& e) {
    out.reason = e.what();
    return out;
  }
  if (in.recompute_unknown) {
    for (const auto r : {Recompute::none, Recompute::selective, Recompute::full}) {
      job.recompute = r;
      if (am::memory_footprint(job, cluster).total_bytes <= hw.hbm_bytes()) break;
    }
    out.assumptions.push_back(std::string("recompute unknown: ") + std::string(am::to_string(job.recompute)) +
                              " (least that fits)");
  }
  out.step = am::evaluate_step(job, cluster);
  if (!out.step.fits) {
    out.reason = "does not fit: " + out.step.reason;
    return out;
  }
  out.predicted = true;
  const std::string& basis = in.reported.basis;
  // The format's `hardware_flops` and the shipped cases' `hardware_flops_with_recompute` both count executed
  // FLOPs, recomputation included.
  if (basis.starts_with("hardware_flops")) {
    out.predicted_tflops_per_gpu = out.step.hardware_tflops_per_gpu;
  } else {
    out.predicted_tflops_per_gpu = out.step.model_tflops_per_gpu;
  }
  // The measured time comes first: a step time, or a token rate (the same measurement, since a step is
  // global_batch x seq_len tokens), both free of any FLOP-counting convention; then TFLOP/s, MFU, HFU.
  const auto& rep = in.reported;
  const double gpus = static_cast<double>(in.gpus);
  if (rep.step_time_s) {
    set_compared(out, "step_time_s", out.step.step_time_s, *rep.step_time_s);
  } else if (rep.tokens_per_s) {
    set_compared(out, "tokens_per_s", out.step.tokens_per_s, *rep.tokens_per_s);
  } else if (rep.tokens_per_s_per_gpu) {
    set_compared(out, "tokens_per_s_per_gpu", out.step.tokens_per_s / gpus, *rep.tokens_per_s_per_gpu);
  } else if (rep.tflops_per_gpu) {
    set_compared(out, "tflops_per_gpu", out.predicted_tflops_per_gpu, *rep.tflops_per_gpu);
    if (!basis.starts_with("hardware_flops") && basis != "model_flops" && basis != "vendor_model_flops_full_attention")
      out.assumptions.push_back("basis " + basis + ": TFLOP/s compared as model FLOPs");
  } else if (rep.mfu) {
    set_compared(out, "mfu", out.step.mfu, *rep.mfu);
  } else {
    set_compared(out, "hfu", out.step.hfu, *rep.hfu);
  }
  return out;
}

}  // namespace aidc::tools
