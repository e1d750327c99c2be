#pragma once
// GEMM measurement logs: aidc-gemm CSV (cuda/aidc-gemm), the cuBLASLt markdown tables of the Azure
// AI-benchmarking-guide ("| m | n | k | ... (TFLOPS) |", dtype from the section or method comment) and XLA's
// matmul performance table (CSV b,m,n,k,bf16_flops_per_s,f32_flops_per_s; f32 runs on TF32 tensor cores).
//
// aidc-gemm CSV, version 1 (what cuda/aidc-gemm writes, see cuda/README.md):
//   # aidc-gemm 1
//   # gpu: NVIDIA H100 80GB HBM3          (also: sm_clock_mhz, mem_clock_mhz, driver, cuda_runtime, cublaslt)
//   dtype,m,n,k,repeats,median_us,min_us,max_us,tflops,check
//   bf16,4096,4096,4096,20,170.1,169.8,171.0,808.0,pass
//   # end: 1 rows
// A file without its "# end: N rows" footer, or whose row count differs, is a truncated log. tflops must
// equal 2 m n k / median_us within print rounding; min <= median <= max.
//
// Units: time in microseconds, throughput in TFLOP/s (1e12 FLOP/s), FLOPs = 2 b m n k.
#include <string>
#include <vector>

#include "calib/text_lines.hpp"

namespace aidc::calib {

struct GemmPoint {
  long long b = 1;
  long long m = 0;
  long long n = 0;
  long long k = 0;
  double time_us = 0.0;
  double tflops = 0.0;
  int line = 0;
};

struct GemmSeries {
  std::string file;
  std::string label;
  std::string gpu;    // canonical model ("H100"), empty when unknown
  std::string dtype;  // fp32, tf32, bf16, fp16, fp8, fp4
  std::vector<GemmPoint> points;
};

bool looks_like_aidc_gemm(const TextLines& text);
std::vector<GemmSeries> parse_aidc_gemm(const TextLines& text);
bool looks_like_cublaslt_markdown(const TextLines& text);
std::vector<GemmSeries> parse_cublaslt_markdown(const TextLines& text);
bool looks_like_xla_matmul_csv(const TextLines& text);
std::vector<GemmSeries> parse_xla_matmul_csv(const TextLines& text);

}  // namespace aidc::calib
