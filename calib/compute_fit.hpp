#pragma once
// GEMM efficiency surface and achieved memory bandwidth, fitted from aidc-gemm / aidc-membw output or the
// published tables.
//
// GEMM: per (GPU, dtype), time(b, m, n, k) = t0 + F / R with F = 2 b m n k FLOPs: a fixed launch/tail cost t0
// (us) and an achievable throughput R (TFLOP/s), fitted by Huber IRLS on relative residuals. The efficiency
// surface is then eff(F) = (F / R) / (t0 + F / R): small problems lose to t0, large ones approach R. This is
// the roofline-with-overhead form; tile quantisation waves are what is left in the residuals (reported).
//
// Memory: per (GPU, kernel), achieved bandwidth in GB/s. From aidc-membw sweeps, time = t0 + bytes / BW fitted
// on the sizes at or above the median size (past the L2 cache for the default sweep); from published
// single figures (BabelStream, nvbandwidth), the figure itself.
#include <string>
#include <vector>

#include "calib/gemm_log.hpp"
#include "calib/membw_log.hpp"

namespace aidc::calib {

struct GemmFit {
  std::string gpu;
  std::string dtype;
  std::string source;  // file
  int points = 0;
  double peak_tflops = 0.0;
  double peak_tflops_std_error = 0.0;
  double overhead_us = 0.0;
  double overhead_us_std_error = 0.0;
  double median_abs_rel_error = 0.0;
  double max_abs_rel_error = 0.0;
  double efficiency(double flops) const;
};

struct MemoryFit {
  std::string gpu;
  std::string kernel;
  std::string source;
  int points = 0;
  double gb_per_s = 0.0;
};

// Needs at least 3 points per series; fewer throws CalibError.
GemmFit fit_gemm(const GemmSeries& series);
std::vector<MemoryFit> fit_memory(const MembwSeries& series);

}  // namespace aidc::calib
