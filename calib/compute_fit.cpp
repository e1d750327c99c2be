#include "calib/compute_fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "calib/calib_error.hpp"
#include "calib/robust_fit.hpp"

namespace aidc::calib {

namespace {
constexpr double kFlopsPerFma = 2.0;
constexpr double kFlopsPerTflop = 1e12;
constexpr double kUsPerS = 1e6;
constexpr double kBytesPerGb = 1e9;
constexpr int kMinPoints = 3;

double flops(const GemmPoint& p) {
  return kFlopsPerFma * static_cast<double>(p.b) * static_cast<double>(p.m) * static_cast<double>(p.n) *
         static_cast<double>(p.k);
}
}  // namespace

double GemmFit::efficiency(double f) const {
  const double compute_us = f / (peak_tflops * kFlopsPerTflop) * kUsPerS;
  return compute_us / (overhead_us + compute_us);
}

GemmFit fit_gemm(const GemmSeries& s) {
  if (s.points.size() < static_cast<std::size_t>(kMinPoints)) {
    throw CalibError(s.file, 0, s.label + ": at least 3 GEMM shapes are needed to fit");
  }
  const auto n = static_cast<Eigen::Index>(s.points.size());
  // Rows divided by the measured time: the fit minimises relative error, so 256^3 and 16384^3 count alike.
  Eigen::MatrixXd x(n, 2);
  Eigen::VectorXd y = Eigen::VectorXd::Ones(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& p = s.points[static_cast<std::size_t>(i)];
    x(i, 0) = 1.0 / p.time_us;
    x(i, 1) = flops(p) / p.time_us;
  }
  LinearFit f = huber_irls(x, y);
  if (f.coef[0] < 0.0) {  // no measurable overhead: throughput only
    Eigen::MatrixXd x1 = x.col(1);
    LinearFit g = huber_irls(x1, y);
    f.coef = Eigen::Vector2d(0.0, g.coef[0]);
    f.std_error = Eigen::Vector2d(0.0, g.std_error[0]);
    f.residuals = g.residuals;
  }
  GemmFit r;
  r.gpu = s.gpu;
  r.dtype = s.dtype;
  r.source = s.file;
  r.points = static_cast<int>(n);
  r.overhead_us = f.coef[0];
  r.overhead_us_std_error = f.std_error[0];
  const double us_per_flop = f.coef[1];
  r.peak_tflops = kUsPerS / us_per_flop / kFlopsPerTflop;
  r.peak_tflops_std_error = r.peak_tflops * f.std_error[1] / us_per_flop;
  // Residual of y = 1 is (t_fit - t) / t with a sign flip: |.| is the relative time error.
  r.median_abs_rel_error = median_abs(f.residuals);
  r.max_abs_rel_error = max_abs(f.residuals);
  return r;
}

std::vector<MemoryFit> fit_memory(const MembwSeries& s) {
  std::map<std::string, std::vector<const MembwPoint*>> by_kernel;
  std::vector<std::string> order;
  for (const auto& p : s.points) {
    if (!by_kernel.count(p.kernel)) order.push_back(p.kernel);
    by_kernel[p.kernel].push_back(&p);
  }
  std::vector<MemoryFit> out;
  for (const auto& k : order) {
    const auto& pts = by_kernel[k];
    MemoryFit m;
    m.gpu = s.gpu;
    m.kernel = k;
    m.source = s.file;
    m.points = static_cast<int>(pts.size());
    if (pts.size() < static_cast<std::size_t>(kMinPoints) || pts.front()->buffer_bytes <= 0.0) {
      double sum = 0.0;
      for (const auto* p : pts) sum += p->gb_per_s;
      m.gb_per_s = sum / static_cast<double>(pts.size());
    } else {
      std::vector<double> sizes;
      for (const auto* p : pts) sizes.push_back(p->buffer_bytes);
      std::sort(sizes.begin(), sizes.end());
      const double cut = sizes[sizes.size() / 2];
      std::vector<const MembwPoint*> big;
      for (const auto* p : pts) {
        if (p->buffer_bytes >= cut) big.push_back(p);
      }
      const auto n = static_cast<Eigen::Index>(big.size());
      Eigen::MatrixXd x(n, 2);
      Eigen::VectorXd y = Eigen::VectorXd::Ones(n);
      for (Eigen::Index i = 0; i < n; ++i) {
        const auto* p = big[static_cast<std::size_t>(i)];
        const double moved = p->gb_per_s;  // bytes_moved / t in GB/s; t = bytes_moved / (gb_per_s * 1e9)
        const double t_us = p->buffer_bytes / (moved * kBytesPerGb) * kUsPerS;
        x(i, 0) = 1.0 / t_us;
        x(i, 1) = p->buffer_bytes / t_us;
      }
      LinearFit f = huber_irls(x, y);
      // Bandwidth in buffer bytes per us, scaled back to the bytes-moved convention of the input.
      m.gb_per_s = f.coef[1] > 0.0 ? kUsPerS / f.coef[1] / kBytesPerGb : big.back()->gb_per_s;
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace aidc::calib
