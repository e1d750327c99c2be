#include "tools/schema/calib_profile_io.hpp"

#include <cstdio>
#include <filesystem>

#include "tools/results/json.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

namespace {

using aidc::models::CollectiveParams;

const char* const kAlgorithmKeys[] = {"ring", "tree", "nvls", "collnet"};
const char* const kProtocolKeys[] = {"ll", "ll128", "simple"};
constexpr int kNumberBuffer = 64;

std::string num(double v) {
  char buf[kNumberBuffer];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string str(const std::string& s) {
  return json_quote(s);
}

std::string list(const std::vector<double>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + num(v[i]);
  return out + "]";
}

}  // namespace

std::string calibrated_profile_yaml(const aidc::calib::CalibratedProfile& p) {
  const CollectiveParams& c = p.collective_fit.params;
  std::string y;
  y += "# Calibrated hardware profile written by `aidc calibrate` (calib/README.md). Regenerate it with the\n";
  y += "# command under provenance; do not edit by hand. Units: GB/s = 1e9 B/s, us, bytes, TFLOP/s.\n";
  y += "name: " + str(p.name) + "\n";
  y += "gpu: " + str(p.gpu) + "\n";
  y += "gpus_per_node: " + std::to_string(p.gpus_per_node) + "\n";
  y += "platform:\n";
  y += "  nic_gb_per_s_per_gpu: " + num(c.nic_gb_per_s_per_gpu) + "\n";
  y += std::string("  nvls: ") + (p.nvls ? "true" : "false") + "\n";
  y += std::string("  network_calibrated: ") + (p.has_collectives && c.net_efficiency > 0.0 ? "true" : "false") + "\n";
  if (p.has_collectives) {
    y += "collectives:\n";
    y += "  intra_bus_gb_per_s: " + num(c.intra_bus_gb_per_s) + "\n";
    y += "  intra_p2p_gb_per_s: " + num(c.intra_p2p_gb_per_s) + "\n";
    y += "  nvls_bus_gb_per_s: " + num(c.nvls_bus_gb_per_s) + "\n";
    if (c.net_efficiency > 0.0) y += "  net_efficiency: " + num(c.net_efficiency) + "\n";
    y += "  collnet_efficiency: " + num(c.collnet_efficiency) + "\n";
    y += "  tree_bandwidth_fraction: " + num(c.tree_bandwidth_fraction) + "\n";
    y += std::string("  pxn: ") + (c.pxn ? "true" : "false") + "\n";
    y += "  ll_max_bytes: " + num(c.ll_max_bytes) + "\n";
    y += "  ll128_max_bytes: " + num(c.ll128_max_bytes) + "\n";
    y += "  protocols:\n";
    for (int q = 0; q < aidc::models::kNumProtocols; ++q) {
      y += std::string("    ") + kProtocolKeys[q] + ": " + (c.protocol_enabled[q] ? "true" : "false") + "\n";
    }
    y += "  cost:\n";
    for (int a = 0; a < aidc::models::kNumCollectiveAlgorithms; ++a) {
      y += std::string("    ") + kAlgorithmKeys[a] + ":\n";
      for (int q = 0; q < aidc::models::kNumProtocols; ++q) {
        const auto& pc = c.cost[a][q];
        y += std::string("      ") + kProtocolKeys[q] + ": {base_latency_us: " + num(pc.base_latency_us) +
             ", hop_latency_intra_us: " + num(pc.hop_latency_intra_us) +
             ", hop_latency_inter_us: " + num(pc.hop_latency_inter_us) +
             ", bandwidth_fraction: " + num(pc.bandwidth_fraction) + "}\n";
      }
    }
  }
  y += "gemm:";
  y += p.gemm.empty() ? " []\n" : "\n";
  for (const auto& g : p.gemm) {
    y += "  - {dtype: " + str(g.dtype) + ", peak_tflops: " + num(g.peak_tflops) +
         ", peak_tflops_std_error: " + num(g.peak_tflops_std_error) + ", overhead_us: " + num(g.overhead_us) +
         ", overhead_us_std_error: " + num(g.overhead_us_std_error) + ", points: " + std::to_string(g.points) +
         ", median_abs_rel_error: " + num(g.median_abs_rel_error) + ", max_abs_rel_error: " + num(g.max_abs_rel_error) +
         ", source: " + str(std::filesystem::path(g.source).filename().string()) + "}\n";
  }
  y += "memory:";
  y += p.memory.empty() ? " []\n" : "\n";
  for (const auto& m : p.memory) {
    y += "  - {kernel: " + str(m.kernel) + ", gb_per_s: " + num(m.gb_per_s) + ", points: " + std::to_string(m.points) +
         ", source: " + str(std::filesystem::path(m.source).filename().string()) + "}\n";
  }
  y += "provenance:\n";
  y += "  generator: \"aidc calibrate 0.1.0\"\n";
  y += "  command: " + str(p.command) + "\n";
  y += "  logs:\n";
  for (const auto& l : p.logs) {
    y += "    - {file: " + str(std::filesystem::path(l.file).filename().string()) + ", format: " + str(l.format) +
         ", series: " + std::to_string(l.series) + ", points: " + std::to_string(l.points) + "}\n";
  }
  if (p.has_collectives) {
    const auto& f = p.collective_fit;
    y += "  fit:\n";
    y += "    method: \"models/perf/collectives.hpp predict_collective; Levenberg-Marquardt on log(t_model / "
         "t_measured), Huber threshold 0.1; log/logit parameters; standard errors by the delta method\"\n";
    y += "    points: " + std::to_string(f.points) + "\n";
    y += "    iterations: " + std::to_string(f.iterations) + "\n";
    y += "    median_abs_rel_error: " + num(f.median_abs_rel_error) + "\n";
    y += "    max_abs_rel_error: " + num(f.max_abs_rel_error) + "\n";
    y += "    model_switch_sizes_bytes: " + list(f.model_switch_sizes_bytes) + "\n";
    y += "    terms:\n";
    for (const auto& t : f.terms) {
      y += "      - {name: " + str(t.name) + ", unit: " + str(t.unit) + ", value: " + num(t.value) +
           ", std_error: " + num(t.std_error) + "}\n";
    }
    y += "    series:\n";
    for (const auto& s : f.series) {
      y += "      - {file: " + str(std::filesystem::path(s.file).filename().string()) + ", label: " + str(s.label) +
           ", points: " + std::to_string(s.points) + ", median_abs_rel_error: " + num(s.median_abs_rel_error) +
           ", max_abs_rel_error: " + num(s.max_abs_rel_error) + ", switch_sizes_bytes: " + list(s.switch_sizes_bytes) +
           "}\n";
    }
  }
  return y;
}

LoadedCalibratedProfile load_calibrated_profile(const std::string& path) {
  const YamlNode root = YamlNode::load_file(path);
  LoadedCalibratedProfile p;
  p.name = root.get<std::string>("name");
  p.gpu = root.get<std::string>("gpu");
  p.gpus_per_node = static_cast<int>(root.get_count("gpus_per_node"));
  const YamlNode platform = root.child("platform");
  p.nic_gb_per_s_per_gpu = platform.get_nonnegative("nic_gb_per_s_per_gpu");
  p.nvls = platform.get<bool>("nvls");
  p.network_calibrated = platform.get<bool>("network_calibrated");
  platform.done();
  CollectiveParams& c = p.collectives;
  c.nic_gb_per_s_per_gpu = p.nic_gb_per_s_per_gpu;
  if (auto n = root.optional_child("collectives")) {
    p.has_collectives = true;
    c.intra_bus_gb_per_s = n->get_positive("intra_bus_gb_per_s");
    c.intra_p2p_gb_per_s = n->get_positive("intra_p2p_gb_per_s");
    c.nvls_bus_gb_per_s = n->get_nonnegative("nvls_bus_gb_per_s");
    c.net_efficiency = n->get_in_range_or("net_efficiency", 0.0, 1.0, 0.0);
    if (p.network_calibrated && !(c.net_efficiency > 0.0)) {
      n->fail("network_calibrated is true but net_efficiency is missing");
    }
    c.collnet_efficiency = n->get_in_range("collnet_efficiency", 0.0, 1.0);
    c.tree_bandwidth_fraction = n->get_in_range("tree_bandwidth_fraction", 0.0, 1.0);
    c.pxn = n->get<bool>("pxn");
    c.ll_max_bytes = n->get_nonnegative("ll_max_bytes");
    c.ll128_max_bytes = n->get_nonnegative("ll128_max_bytes");
    const YamlNode protocols = n->child("protocols");
    for (int q = 0; q < aidc::models::kNumProtocols; ++q) c.protocol_enabled[q] = protocols.get<bool>(kProtocolKeys[q]);
    protocols.done();
    const YamlNode cost = n->child("cost");
    for (int a = 0; a < aidc::models::kNumCollectiveAlgorithms; ++a) {
      const YamlNode an = cost.child(kAlgorithmKeys[a]);
      for (int q = 0; q < aidc::models::kNumProtocols; ++q) {
        const YamlNode pn = an.child(kProtocolKeys[q]);
        auto& pc = c.cost[a][q];
        pc.base_latency_us = pn.get_nonnegative("base_latency_us");
        pc.hop_latency_intra_us = pn.get_nonnegative("hop_latency_intra_us");
        pc.hop_latency_inter_us = pn.get_nonnegative("hop_latency_inter_us");
        pc.bandwidth_fraction = pn.get_in_range("bandwidth_fraction", 0.0, 1.0);
        pn.done();
      }
      an.done();
    }
    cost.done();
    n->done();
  }
  root.optional_child("gemm");
  root.optional_child("memory");
  root.optional_child("provenance");
  root.done();
  return p;
}

}  // namespace aidc::tools
