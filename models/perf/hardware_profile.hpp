#pragma once
// HardwareProfile: what the performance models know about one GPU type and the node it ships in.
//
// One profile per GPU type (scenarios/hardware/<name>.yaml, loaded by tools/schema/hardware_loader.hpp), shared
// by every workload and every validation case: the models have no per-case knobs. Datasheet numbers carry
// their source in the YAML; the efficiency terms (GEMM surface, achieved HBM bandwidth, NCCL bus bandwidths)
// come from calibration measurements (../shared/calib-data, re-fitted by calib/ from a site's own logs), never
// from the validation cases.
//
// Units: TFLOP/s = 1e12 FLOP/s, dense (no structured sparsity); GiB = 2^30 bytes; GB/s = 1e9 bytes/s;
// Gb/s (_gbps) = 1e9 bits/s; W; microseconds (_us).
// Invariants (checked by the loader): peaks >= 0 with at least fp16 or bf16 > 0; efficiencies in (0, 1];
// domain and node sizes >= 1 with domain_gpus >= gpus_per_node or a divisor of it.
//
// GEMM efficiency surface (a roofline-style fit, see models/perf/compute_model.hpp):
//     time(M, N, K) = 2MNK / (peak(precision) * max_efficiency(precision)) * (1 + m_half/M + n_half/N + k_half/K)
//                     + kernel_overhead_us
// The "half" sizes are the dimension at which tile under-fill costs as much as the whole ideal kernel; they
// capture wave quantisation and small-K pipelines to first order.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "models/perf/collectives.hpp"

namespace aidc::models {

enum class Precision : std::uint8_t { fp32, tf32, fp16, bf16, fp8, fp4 };
inline constexpr int kNumPrecisions = 6;

std::string_view to_string(Precision p);
// Bytes of one element stored in this precision (fp4 counts as half a byte; tf32 is stored as fp32).
double element_bytes(Precision p);

struct GemmSurface {
  std::array<double, kNumPrecisions> max_efficiency{};  // achieved share of peak for large GEMMs, 0 = unsupported
  double m_half = 0.0;                                  // elements
  double n_half = 0.0;                                  // elements
  double k_half = 0.0;                                  // elements
  double kernel_overhead_us = 0.0;                      // fixed cost per kernel (launch + tail), microseconds
};

struct HardwareProfile {
  std::string name;  // profile name = file stem, e.g. "h100-sxm5-80gb"

  // Compute: dense peak per precision (tensor cores where they apply), TFLOP/s.
  std::array<double, kNumPrecisions> peak_tflops{};
  GemmSurface gemm;
  // FlashAttention-style fused attention kernel: achieved share of the 16-bit peak on its (causal) FLOPs.
  double attention_efficiency = 0.0;
  // Software stack assumed when a workload does not say: true = fused (FlashAttention/cuDNN) attention,
  // false = Megatron's unfused softmax that materialises the s x s score matrix.
  bool fused_attention_default = true;

  // Memory.
  double hbm_gib = 0.0;         // capacity
  double hbm_gb_per_s = 0.0;    // datasheet bandwidth
  double hbm_efficiency = 0.0;  // achieved share for streaming kernels (BabelStream copy/triad)
  double reserved_gib = 0.0;    // CUDA context, NCCL buffers and allocator fragmentation not available to the job

  // Power.
  double tdp_w = 0.0;

  // Scale-up.
  double nvlink_gb_per_s = 0.0;  // per GPU, one direction (datasheet bidirectional / 2)
  int scale_up_domain_gpus = 1;  // GPUs on one NVLink/NVSwitch fabric (8 for HGX, 72 for NVL72)
  int gpus_per_node = 1;         // GPUs per server (tray)
  bool nvls = false;             // NVSwitch multicast/reduction (NVLS) available

  // Scale-out defaults (a site or case may override).
  int nics_per_node = 0;
  double gbps_per_nic = 0.0;
  double nic_latency_us = 0.0;     // one-way NIC + PCIe + RDMA software latency, both ends together
  double switch_latency_us = 0.0;  // per switch traversal (port to port)

  // NCCL parameters for this platform: datasheet-derived defaults, replaced by fitted values from calib/.
  CollectiveParams collectives;

  double peak(Precision p) const { return peak_tflops[static_cast<int>(p)]; }
  double gemm_max_efficiency(Precision p) const { return gemm.max_efficiency[static_cast<int>(p)]; }
  double hbm_bytes() const;
  double achieved_hbm_bytes_per_s() const { return hbm_gb_per_s * 1e9 * hbm_efficiency; }
};

// Throws std::invalid_argument naming the first field out of range.
void validate(const HardwareProfile& profile);

}  // namespace aidc::models
