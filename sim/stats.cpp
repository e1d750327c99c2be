#include "sim/stats.hpp"

#include <math.h>  // lgamma_r

#include <cmath>
#include <stdexcept>

namespace aidc::sim {

double Accumulator::stddev() const {
  return std::sqrt(variance());
}

namespace {

// Continued fraction for I_x(a, b) (modified Lentz's method), valid for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  constexpr int kMaxIter = 500;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxIter; ++m) {
    const double dm = static_cast<double>(m);
    const double m2 = 2.0 * dm;
    double aa = dm * (b - dm) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + dm) * (a + b + dm) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return h;
}

// ln|Gamma(x)| without a data race: std::lgamma writes the process-global `signgam` (C99 / POSIX), so two
// threads computing confidence intervals at once (sweep points, plan designs) race on it; ThreadSanitizer
// reported exactly that (tools/tsan on the sweep and plan tests). lgamma_r returns the sign through its
// argument instead (POSIX.1-2024; glibc declares it under _DEFAULT_SOURCE, which g++ and clang++ define).
double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front = log_gamma(a + b) - log_gamma(a) - log_gamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double dof) {
  const double t2 = t * t;
  if (t2 < dof) {
    // Near the centre, P(|T| < t) = I_{t^2/(v+t^2)}(1/2, v/2) keeps full precision (the tail form
    // below would evaluate I at x -> 1 and lose it).
    const double central = incomplete_beta(0.5, 0.5 * dof, t2 / (dof + t2));
    return t >= 0 ? 0.5 + 0.5 * central : 0.5 - 0.5 * central;
  }
  const double tail = 0.5 * incomplete_beta(0.5 * dof, 0.5, dof / (dof + t2));
  return t >= 0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double dof) {
  if (!(p > 0.0 && p < 1.0) || !(dof > 0.0)) throw std::invalid_argument("student_t_quantile: need 0<p<1, dof>0");
  // Bisection on the monotone CDF: 2e6 / 2^120 is far below double resolution, so 120 halvings of
  // [-1e6, 1e6] converge to the representable quantile.
  double lo = -1e6, hi = 1e6;
  for (int i = 0; i < 120; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, dof) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

ConfidenceInterval confidence_interval(const Accumulator& acc, double level) {
  ConfidenceInterval ci;
  ci.mean = acc.mean();
  if (acc.count() < 2) return ci;
  const double n = static_cast<double>(acc.count());
  ci.half_width = student_t_quantile(0.5 + 0.5 * level, n - 1.0) * acc.stddev() / std::sqrt(n);
  return ci;
}

void TimeWeighted::set(SimTime t, double value) {
  if (t < last_) throw std::invalid_argument("TimeWeighted: time went backwards");
  integral_ += value_ * (t - last_).to_seconds();
  last_ = t;
  value_ = value;
}

double TimeWeighted::average(SimTime t) const {
  if (t < last_) throw std::invalid_argument("TimeWeighted: time before last change");
  const double span = (t - start_).to_seconds();
  if (span <= 0.0) return value_;
  return (integral_ + value_ * (t - last_).to_seconds()) / span;
}

Histogram::Histogram(double lo, double hi, int bins) : lo_(lo), hi_(hi), width_((hi - lo) / bins) {
  if (!(hi > lo) || bins < 1) throw std::invalid_argument("Histogram: need hi > lo and bins >= 1");
  counts_.assign(static_cast<std::size_t>(bins), 0);
}

void Histogram::add(double x) {
  if (x < lo_) {
    ++under_;
  } else if (x >= hi_) {
    ++over_;
  } else {
    auto i = static_cast<std::size_t>((x - lo_) / width_);
    if (i >= counts_.size()) i = counts_.size() - 1;
    ++counts_[i];
  }
}

}  // namespace aidc::sim
