#pragma once
// Statistics helpers for simulation output.
//   Accumulator        running mean and variance (Welford 1962: numerically stable one-pass update)
//   student_t_quantile inverse CDF of Student's t (bisection on the exact CDF, expressed through the
//                      regularized incomplete beta function evaluated by its continued fraction,
//                      Abramowitz & Stegun 26.5.8 / 26.7.1)
//   confidence_interval mean +- t_{1-a/2, n-1} * s / sqrt(n)
//   TimeWeighted       time-weighted average of a piecewise-constant signal (e.g. GPUs up)
//   Histogram          fixed-width bins with under/overflow counts
#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace aidc::sim {

class Accumulator {
 public:
  void add(double x) {
    ++n_;
    const double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
  }
  int64_t count() const { return n_; }
  double mean() const { return mean_; }
  // Sample variance (n - 1 denominator); 0 for fewer than two samples.
  double variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }
  double stddev() const;

 private:
  int64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

// Regularized incomplete beta I_x(a, b).
double incomplete_beta(double a, double b, double x);
// CDF of Student's t with `dof` degrees of freedom.
double student_t_cdf(double t, double dof);
// Quantile: the t with student_t_cdf(t, dof) = p, for 0 < p < 1.
double student_t_quantile(double p, double dof);

struct ConfidenceInterval {
  double mean = 0.0;
  double half_width = 0.0;  // 0 when fewer than two samples (no spread can be estimated)
  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
};
ConfidenceInterval confidence_interval(const Accumulator& acc, double level = 0.95);

class TimeWeighted {
 public:
  explicit TimeWeighted(SimTime start = SimTime::zero(), double initial = 0.0)
      : start_(start), last_(start), value_(initial) {}
  // The signal changes to `value` at time t (t must not go backwards).
  void set(SimTime t, double value);
  // Average over [start, t].
  double average(SimTime t) const;

 private:
  SimTime start_ = SimTime::zero();
  SimTime last_;
  double value_;
  double integral_ = 0.0;  // value * seconds
};

class Histogram {
 public:
  Histogram(double lo, double hi, int bins);
  void add(double x);
  const std::vector<int64_t>& counts() const { return counts_; }
  int64_t underflow() const { return under_; }
  int64_t overflow() const { return over_; }
  double bin_lower(int i) const { return lo_ + width_ * i; }

 private:
  double lo_, hi_, width_;
  std::vector<int64_t> counts_;
  int64_t under_ = 0, over_ = 0;
};

}  // namespace aidc::sim
