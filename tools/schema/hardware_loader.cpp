#include "tools/schema/hardware_loader.hpp"

#include <filesystem>
#include <limits>
#include <stdexcept>

namespace aidc::tools {

namespace {

using aidc::models::CollectiveAlgorithm;
using aidc::models::CollectiveParams;
using aidc::models::HardwareProfile;
using aidc::models::Precision;
using aidc::models::Protocol;

const char* const kPrecisionKeys[] = {"fp32", "tf32", "fp16", "bf16", "fp8", "fp4"};
const char* const kAlgorithmKeys[] = {"ring", "tree", "nvls", "collnet"};
const char* const kProtocolKeys[] = {"ll", "ll128", "simple"};

void read_precision_map(const YamlNode& node, std::array<double, aidc::models::kNumPrecisions>& out, double hi) {
  for (int i = 0; i < aidc::models::kNumPrecisions; ++i) out[i] = node.get_in_range_or(kPrecisionKeys[i], 0.0, hi, 0.0);
  node.done();
}

// A count stored in an int: get_count checks >= 1, this also rejects what a static_cast<int> would silently wrap
// (gpus_per_node: 4294967304 was read as 8).
int int_count(const YamlNode& n, std::string_view key) {
  const int64_t v = n.get_count(key);
  if (v > std::numeric_limits<int>::max()) n.fail_at(key, "integer out of range: " + std::to_string(v));
  return static_cast<int>(v);
}

void read_collectives(const YamlNode& n, const HardwareProfile& h, CollectiveParams& c) {
  c.intra_bus_gb_per_s = n.get_positive_or("intra_bus_gb_per_s", c.intra_bus_gb_per_s);
  c.intra_p2p_gb_per_s = n.get_positive_or("intra_p2p_gb_per_s", c.intra_p2p_gb_per_s);
  c.nvls_bus_gb_per_s = n.get_nonnegative_or("nvls_bus_gb_per_s", c.nvls_bus_gb_per_s);
  if (!h.nvls && c.nvls_bus_gb_per_s > 0.0) n.fail_at("nvls_bus_gb_per_s", "profile has scale_up.nvls: false");
  c.net_efficiency = n.get_in_range_or("net_efficiency", 0.01, 1.0, c.net_efficiency);
  c.collnet_efficiency = n.get_in_range_or("collnet_efficiency", 0.0, 1.0, c.collnet_efficiency);
  c.tree_bandwidth_fraction = n.get_in_range_or("tree_bandwidth_fraction", 0.0, 1.0, c.tree_bandwidth_fraction);
  c.tree_multi_domain_factor = n.get_in_range_or("tree_multi_domain_factor", 0.01, 1.0, c.tree_multi_domain_factor);
  c.pxn = n.get_or<bool>("pxn", c.pxn);
  c.ll_max_bytes = n.get_nonnegative_or("ll_max_bytes", c.ll_max_bytes);
  c.ll128_max_bytes = n.get_nonnegative_or("ll128_max_bytes", c.ll128_max_bytes);
  if (c.ll128_max_bytes > 0.0 && c.ll128_max_bytes < c.ll_max_bytes) {
    n.fail_at("ll128_max_bytes", "must be >= ll_max_bytes");
  }
  if (auto pe = n.optional_child("protocols")) {
    for (int q = 0; q < aidc::models::kNumProtocols; ++q)
      c.protocol_enabled[q] = pe->get_or<bool>(kProtocolKeys[q], true);
    pe->done();
    // The collective model needs a usable protocol for every message size (models/perf/collectives.cpp):
    // without one, `aidc run` stopped with an internal error (exit 1) long after the profile was accepted.
    const bool by_size = c.ll_max_bytes > 0.0 && c.ll128_max_bytes > 0.0;
    bool any = false;
    for (int q = 0; q < aidc::models::kNumProtocols; ++q) {
      any = any || c.protocol_enabled[q];
      if (by_size && !c.protocol_enabled[q]) {
        n.fail_at("protocols",
                  std::string("ll_max_bytes and ll128_max_bytes choose the protocol by message size, so ") +
                      kProtocolKeys[q] + " must stay enabled");
      }
    }
    if (!any) n.fail_at("protocols", "at least one of ll, ll128 and simple must be enabled");
  }
  if (auto cost = n.optional_child("cost")) {
    for (int a = 0; a < aidc::models::kNumCollectiveAlgorithms; ++a) {
      auto an = cost->optional_child(kAlgorithmKeys[a]);
      if (!an) continue;
      for (int q = 0; q < aidc::models::kNumProtocols; ++q) {
        auto pn = an->optional_child(kProtocolKeys[q]);
        if (!pn) continue;
        auto& pc = c.cost[a][q];
        pc.base_latency_us = pn->get_nonnegative_or("base_latency_us", pc.base_latency_us);
        pc.hop_latency_intra_us = pn->get_nonnegative_or("hop_latency_intra_us", pc.hop_latency_intra_us);
        pc.hop_latency_inter_us = pn->get_nonnegative_or("hop_latency_inter_us", pc.hop_latency_inter_us);
        pc.bandwidth_fraction = pn->get_in_range_or("bandwidth_fraction", 0.0, 1.0, pc.bandwidth_fraction);
        pn->done();
      }
      an->done();
    }
    cost->done();
  }
  n.done();
}

}  // namespace

std::string hardware_profile_path(const std::string& source_dir, const std::string& name) {
  return (std::filesystem::path(source_dir) / "scenarios" / "hardware" / (name + ".yaml")).string();
}

HardwareProfile parse_hardware_profile(const YamlNode& root, const std::string& fallback_name) {
  HardwareProfile h;
  h.name = root.get_or<std::string>("name", fallback_name);
  (void)root.optional_child("description");

  const auto compute = root.child("compute");
  read_precision_map(compute.child("peak_dense_tflops"), h.peak_tflops, 1e6);
  if (h.peak(Precision::fp16) <= 0.0 && h.peak(Precision::bf16) <= 0.0) {
    compute.fail_at("peak_dense_tflops", "fp16 or bf16 peak must be > 0");
  }
  const auto gemm = compute.child("gemm");
  read_precision_map(gemm.child("max_efficiency"), h.gemm.max_efficiency, 1.0);
  for (int i = 0; i < aidc::models::kNumPrecisions; ++i) {
    if (h.gemm.max_efficiency[i] > 0.0 && h.peak_tflops[i] <= 0.0) {
      gemm.fail_at("max_efficiency", std::string(kPrecisionKeys[i]) + " has an efficiency but no peak");
    }
  }
  h.gemm.m_half = gemm.get_nonnegative("m_half");
  h.gemm.n_half = gemm.get_nonnegative("n_half");
  h.gemm.k_half = gemm.get_nonnegative("k_half");
  h.gemm.kernel_overhead_us = gemm.get_nonnegative("kernel_overhead_us");
  gemm.done();
  h.attention_efficiency = compute.get_in_range("attention_efficiency", 0.01, 1.0);
  h.fused_attention_default = compute.get<bool>("fused_attention_default");
  compute.done();

  const auto memory = root.child("memory");
  h.hbm_gib = memory.get_positive("hbm_gib");
  h.hbm_gb_per_s = memory.get_positive("hbm_gb_per_s");
  h.hbm_efficiency = memory.get_in_range("hbm_efficiency", 0.01, 1.0);
  h.reserved_gib = memory.get_nonnegative_or("reserved_gib", 0.0);
  if (h.reserved_gib >= h.hbm_gib) memory.fail_at("reserved_gib", "must be below hbm_gib");
  memory.done();

  const auto power = root.child("power");
  h.tdp_w = power.get_positive("tdp_w");
  power.done();

  const auto up = root.child("scale_up");
  h.nvlink_gb_per_s = up.get_positive("nvlink_gb_per_s");
  h.scale_up_domain_gpus = int_count(up, "domain_gpus");
  h.gpus_per_node = int_count(up, "gpus_per_node");
  if (h.scale_up_domain_gpus % h.gpus_per_node != 0 && h.gpus_per_node % h.scale_up_domain_gpus != 0) {
    up.fail_at("domain_gpus", "must be a multiple or a divisor of gpus_per_node");
  }
  h.nvls = up.get<bool>("nvls");
  up.done();

  const auto out = root.child("scale_out");
  h.nics_per_node = int_count(out, "nics_per_node");
  h.gbps_per_nic = out.get_positive("gbps_per_nic");
  h.nic_latency_us = out.get_nonnegative("nic_latency_us");
  h.switch_latency_us = out.get_nonnegative("switch_latency_us");
  out.done();

  // Datasheet-derived collective defaults, then the calibrated block if any.
  auto& c = h.collectives;
  c.cost = aidc::models::default_protocol_costs();
  c.intra_bus_gb_per_s = aidc::models::kRingShareOfNvlink * h.nvlink_gb_per_s;
  c.intra_p2p_gb_per_s = aidc::models::kP2pShareOfNvlink * h.nvlink_gb_per_s;
  c.nvls_bus_gb_per_s = h.nvls ? aidc::models::kNvlsShareOfNvlink * h.nvlink_gb_per_s : 0.0;
  c.nic_gb_per_s_per_gpu = h.nics_per_node * h.gbps_per_nic / 8.0 / h.gpus_per_node;
  c.net_efficiency = aidc::models::kDefaultNetEfficiency;
  c.tree_bandwidth_fraction = aidc::models::kDefaultTreeBandwidthFraction;
  if (auto cn = root.optional_child("collectives")) read_collectives(*cn, h, c);
  root.done();
  try {
    aidc::models::validate(h);
  } catch (const std::invalid_argument& e) {
    root.fail(e.what());
  }
  return h;
}

aidc::models::HardwareProfile load_hardware_profile(const std::string& path) {
  const auto root = YamlNode::load_file(path);
  return parse_hardware_profile(root, std::filesystem::path(path).stem().string());
}

}  // namespace aidc::tools
