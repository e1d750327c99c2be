#pragma once
// Compute-time model of one GPU: GEMMs from the profile's efficiency surface, fused attention from its
// attention efficiency, memory-bound kernels (norms, softmax, element-wise, casts, optimizer) from achieved
// HBM bandwidth.
//
//   gemm_time(M, N, K, batch) = batch * 2MNK / (peak * e_max) * (1 + m_half/M + n_half/N + k_half/K) + overhead
//       (roofline with first-order tile under-fill; e_max and the half sizes fitted on cuBLASLt / XLA GEMM
//        sweeps in ../shared/calib-data/gemm, see scenarios/hardware/*.yaml for the provenance of each profile)
//   memory_time(bytes, kernels) = bytes / (hbm_gb_per_s * hbm_efficiency) + kernels * overhead
//   fused attention: FLOPs / (peak16 * attention_efficiency), FLOPs halved for causal masking (FlashAttention
//       skips fully masked tiles: Dao et al. 2022, Dao 2023), backward = 2.5 x forward FLOPs (five matmuls
//       against two, FlashAttention-2 Sec. 3.1.2).
// A GEMM runs at the job's precision when the profile supports it (fp8 GEMMs keep 16-bit attention, as
// Transformer Engine does); a precision with no peak falls back to the 16-bit peak.
// Units: seconds, bytes, FLOPs.
#include "models/perf/hardware_profile.hpp"

namespace aidc::models {

// Seconds for `batch` independent M x N x K GEMMs (one batched kernel) at precision p.
double gemm_time_s(const HardwareProfile& hw, Precision p, double m, double n, double k, double batch = 1.0);
// Seconds to stream `bytes` through HBM in `kernels` kernels.
double memory_time_s(const HardwareProfile& hw, double bytes, double kernels);
// Seconds for `flops` of fused attention (already causal-adjusted by the caller), 16-bit tensor cores.
double fused_attention_time_s(const HardwareProfile& hw, double flops);
// The 16-bit precision a profile computes attention and fallbacks in (bf16 if it has a peak, else fp16).
Precision sixteen_bit(const HardwareProfile& hw);

}  // namespace aidc::models
