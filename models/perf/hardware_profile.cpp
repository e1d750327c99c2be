#include "models/perf/hardware_profile.hpp"

#include <stdexcept>
#include <string>

namespace aidc::models {

namespace {
constexpr double kBytesPerGib = 1024.0 * 1024.0 * 1024.0;
}

std::string_view to_string(Precision p) {
  switch (p) {
    case Precision::fp32:
      return "fp32";
    case Precision::tf32:
      return "tf32";
    case Precision::fp16:
      return "fp16";
    case Precision::bf16:
      return "bf16";
    case Precision::fp8:
      return "fp8";
    case Precision::fp4:
      return "fp4";
  }
  return "?";
}

double element_bytes(Precision p) {
  switch (p) {
    case Precision::fp32:
    case Precision::tf32:
      return 4.0;
    case Precision::fp16:
    case Precision::bf16:
      return 2.0;
    case Precision::fp8:
      return 1.0;
    case Precision::fp4:
      return 0.5;
  }
  return 2.0;
}

double HardwareProfile::hbm_bytes() const {
  return hbm_gib * kBytesPerGib;
}

void validate(const HardwareProfile& h) {
  auto require = [&](bool ok, const char* field) {
    if (!ok) throw std::invalid_argument("hardware profile '" + h.name + "': " + field + " out of range");
  };
  for (double v : h.peak_tflops) require(v >= 0.0, "peak_tflops");
  require(h.peak(Precision::fp16) > 0.0 || h.peak(Precision::bf16) > 0.0, "peak_tflops (fp16 or bf16 must be > 0)");
  for (int i = 0; i < kNumPrecisions; ++i) {
    require(h.gemm.max_efficiency[i] >= 0.0 && h.gemm.max_efficiency[i] <= 1.0, "gemm.max_efficiency");
    require(h.gemm.max_efficiency[i] == 0.0 || h.peak_tflops[i] > 0.0, "gemm.max_efficiency (precision without peak)");
  }
  require(h.gemm.m_half >= 0.0 && h.gemm.n_half >= 0.0 && h.gemm.k_half >= 0.0, "gemm half sizes");
  require(h.gemm.kernel_overhead_us >= 0.0, "gemm.kernel_overhead_us");
  require(h.attention_efficiency > 0.0 && h.attention_efficiency <= 1.0, "attention_efficiency");
  require(h.hbm_gib > 0.0 && h.hbm_gb_per_s > 0.0, "hbm");
  require(h.hbm_efficiency > 0.0 && h.hbm_efficiency <= 1.0, "hbm_efficiency");
  require(h.reserved_gib >= 0.0 && h.reserved_gib < h.hbm_gib, "reserved_gib");
  require(h.tdp_w > 0.0, "tdp_w");
  require(h.nvlink_gb_per_s > 0.0, "nvlink_gb_per_s");
  require(h.scale_up_domain_gpus >= 1 && h.gpus_per_node >= 1, "domain/node size");
  require(h.scale_up_domain_gpus % h.gpus_per_node == 0 || h.gpus_per_node % h.scale_up_domain_gpus == 0,
          "scale_up_domain_gpus vs gpus_per_node");
  require(h.nics_per_node >= 1 && h.gbps_per_nic > 0.0, "nics");
  require(h.nic_latency_us >= 0.0 && h.switch_latency_us >= 0.0, "latencies");
  validate(h.collectives);
}

}  // namespace aidc::models
