#include "models/perf/compute_model.hpp"

namespace aidc::models {

namespace {
constexpr double kFlopsPerMac = 2.0;
constexpr double kTera = 1e12;
constexpr double kUs = 1e-6;
}  // namespace

Precision sixteen_bit(const HardwareProfile& hw) {
  return hw.peak(Precision::bf16) > 0.0 ? Precision::bf16 : Precision::fp16;
}

double gemm_time_s(const HardwareProfile& hw, Precision p, double m, double n, double k, double batch) {
  if (hw.peak(p) <= 0.0 || hw.gemm_max_efficiency(p) <= 0.0) p = sixteen_bit(hw);
  const double rate = hw.peak(p) * kTera * hw.gemm_max_efficiency(p);
  const auto& g = hw.gemm;
  const double underfill = 1.0 + g.m_half / m + g.n_half / n + g.k_half / k;
  return batch * kFlopsPerMac * m * n * k / rate * underfill + g.kernel_overhead_us * kUs;
}

double memory_time_s(const HardwareProfile& hw, double bytes, double kernels) {
  return bytes / hw.achieved_hbm_bytes_per_s() + kernels * hw.gemm.kernel_overhead_us * kUs;
}

double fused_attention_time_s(const HardwareProfile& hw, double flops) {
  return flops / (hw.peak(sixteen_bit(hw)) * kTera * hw.attention_efficiency) + hw.gemm.kernel_overhead_us * kUs;
}

}  // namespace aidc::models
