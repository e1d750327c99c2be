#include "calib/protocol_switch_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <Eigen/Dense>

namespace aidc::calib {

namespace {

constexpr double kBytesPerUsToGbPerS = 1e-3;

struct SegmentResult {
  LineSegment line;
  double sse = 0.0;
};

// Least squares on relative residuals: minimise sum ((a + b s) / t - 1)^2.
SegmentResult fit_segment(const std::vector<double>& s, const std::vector<double>& t, std::size_t lo, std::size_t hi) {
  const auto n = static_cast<Eigen::Index>(hi - lo);
  Eigen::MatrixXd x(n, 2);
  Eigen::VectorXd y = Eigen::VectorXd::Ones(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::size_t k = lo + static_cast<std::size_t>(i);
    x(i, 0) = 1.0 / t[k];
    x(i, 1) = s[k] / t[k];
  }
  Eigen::Vector2d c = x.colPivHouseholderQr().solve(y);
  // A negative latency or bandwidth has no physical meaning: refit with that term forced to zero.
  if (c[0] < 0.0) c = {0.0, x.col(1).dot(y) / x.col(1).squaredNorm()};
  if (c[1] < 0.0) c = {x.col(0).dot(y) / x.col(0).squaredNorm(), 0.0};
  SegmentResult r;
  r.line = {s[lo], s[hi - 1], c[0], c[1]};
  r.sse = (x * c - y).squaredNorm();
  return r;
}

}  // namespace

double LineSegment::algbw_gb_per_s() const {
  return us_per_byte > 0.0 ? kBytesPerUsToGbPerS / us_per_byte : std::numeric_limits<double>::infinity();
}

ProtocolSwitchFit fit_protocol_switch(std::vector<double> sizes, std::vector<double> times,
                                      const ProtocolSwitchOptions& o) {
  if (sizes.size() != times.size() || sizes.size() < static_cast<std::size_t>(o.min_points)) {
    throw std::invalid_argument("protocol switch fit: need as many times as sizes, and at least min_points");
  }
  std::vector<std::size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return sizes[a] < sizes[b]; });
  std::vector<double> s, t;
  for (auto i : order) {
    if (!(sizes[i] > 0.0) || !(times[i] > 0.0))
      throw std::invalid_argument("protocol switch fit: sizes and times must be > 0");
    s.push_back(sizes[i]);
    t.push_back(times[i]);
  }
  const std::size_t n = s.size();
  const std::size_t m = static_cast<std::size_t>(o.min_points);
  std::vector<SegmentResult> best{fit_segment(s, t, 0, n)};
  double best_sse = best[0].sse;
  for (int k = 2; k <= o.max_segments; ++k) {
    std::vector<SegmentResult> cand;
    double cand_sse = std::numeric_limits<double>::infinity();
    if (k == 2) {
      for (std::size_t b = m; b + m <= n; ++b) {
        auto s1 = fit_segment(s, t, 0, b), s2 = fit_segment(s, t, b, n);
        if (s1.sse + s2.sse < cand_sse) {
          cand_sse = s1.sse + s2.sse;
          cand = {s1, s2};
        }
      }
    } else {
      for (std::size_t b1 = m; b1 + 2 * m <= n; ++b1) {
        auto s1 = fit_segment(s, t, 0, b1);
        for (std::size_t b2 = b1 + m; b2 + m <= n; ++b2) {
          auto s2 = fit_segment(s, t, b1, b2), s3 = fit_segment(s, t, b2, n);
          if (s1.sse + s2.sse + s3.sse < cand_sse) {
            cand_sse = s1.sse + s2.sse + s3.sse;
            cand = {s1, s2, s3};
          }
        }
      }
    }
    // Bayesian information criterion: a segment adds 3 parameters (latency, slope, breakpoint) and is kept
    // only if n log(SSE) falls by more than 3 log(n); a fit already at the noise level buys none.
    const double dn = static_cast<double>(n);
    const double kParamsPerSegment = 3.0;
    if (cand.empty() || dn * std::log(cand_sse / best_sse) + kParamsPerSegment * std::log(dn) >= 0.0) break;
    best = cand;
    best_sse = cand_sse;
  }
  ProtocolSwitchFit f;
  for (const auto& seg : best) f.segments.push_back(seg.line);
  for (std::size_t i = 1; i < f.segments.size(); ++i) {
    f.switch_sizes_bytes.push_back(std::sqrt(f.segments[i - 1].last_size_bytes * f.segments[i].first_size_bytes));
  }
  double sum_sq = 0.0;
  std::size_t seg = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (s[i] > f.segments[seg].last_size_bytes) ++seg;
    const double fit = f.segments[seg].latency_us + f.segments[seg].us_per_byte * s[i];
    f.rel_residuals.push_back(fit / t[i] - 1.0);
    sum_sq += f.rel_residuals.back() * f.rel_residuals.back();
  }
  f.rms_rel_residual = std::sqrt(sum_sq / static_cast<double>(n));
  return f;
}

}  // namespace aidc::calib
