#include "sim/stats.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "sim/parallel_for.hpp"

namespace aidc::sim {
namespace {
using namespace literals;

TEST(Accumulator, MeanAndVariance) {
  // {2,4,4,4,5,5,7,9}: mean 5, sum of squared deviations 32, sample variance 32/7.
  Accumulator a;
  for (double x : {2, 4, 4, 4, 5, 5, 7, 9}) a.add(x);
  EXPECT_EQ(a.count(), 8);
  EXPECT_DOUBLE_EQ(a.mean(), 5.0);
  EXPECT_NEAR(a.variance(), 32.0 / 7.0, 1e-12);
}

TEST(StudentT, QuantilesMatchTables) {
  // Two-sided 95 % critical values from standard t tables.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.776, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.262, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 29), 2.045, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.995, 10), 3.169, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.5, 7), 0.0, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.025, 4), -2.776, 1e-3);
  // Large dof approaches the normal quantile 1.959964.
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.959964, 1e-5);
}

TEST(StudentT, ConfidenceInterval) {
  // n = 5, values 1..5: mean 3, s = sqrt(2.5) = 1.5811, t(0.975,4) = 2.7764 -> half width 1.9632.
  Accumulator a;
  for (double x : {1, 2, 3, 4, 5}) a.add(x);
  const auto ci = confidence_interval(a, 0.95);
  EXPECT_DOUBLE_EQ(ci.mean, 3.0);
  EXPECT_NEAR(ci.half_width, 2.7764451 * 1.5811388 / std::sqrt(5.0), 1e-5);
  Accumulator one;
  one.add(4);
  EXPECT_EQ(confidence_interval(one).half_width, 0.0);
}

// Confidence intervals computed on several threads at once (sweep points and plan designs do this) equal the
// serial ones. Under ThreadSanitizer (./tools/tsan runs this binary) it also guards the race TSan found in the
// sweep and plan tests: std::lgamma writes the global signgam; stats.cpp uses lgamma_r.
TEST(StudentT, ConfidenceIntervalsOnManyThreadsAtOnce) {
  constexpr int kN = 64;
  std::vector<double> serial(kN), parallel(kN);
  const auto half_width = [](int64_t i) {
    Accumulator a;
    for (int k = 0; k <= static_cast<int>(i % 9) + 1; ++k)
      a.add(static_cast<double>(k * k) + 0.5 * static_cast<double>(i));
    return confidence_interval(a).half_width;
  };
  for (int i = 0; i < kN; ++i) serial[static_cast<std::size_t>(i)] = half_width(i);
  parallel_for_index(kN, 4, [&](int64_t i) { parallel[static_cast<std::size_t>(i)] = half_width(i); });
  EXPECT_EQ(serial, parallel);
}

TEST(TimeWeighted, PiecewiseConstantAverage) {
  // 10 for 2 s, then 4 for 6 s: (20 + 24) / 8 = 5.5.
  TimeWeighted tw(SimTime::zero(), 10.0);
  tw.set(2_s, 4.0);
  EXPECT_DOUBLE_EQ(tw.average(8_s), 5.5);
  EXPECT_THROW(tw.set(1_s, 0.0), std::invalid_argument);
}

TEST(Histogram, BinsUnderAndOverflow) {
  Histogram h(0.0, 10.0, 5);
  for (double x : {-1.0, 0.0, 1.9, 2.0, 9.99, 10.0, 55.0}) h.add(x);
  EXPECT_EQ(h.underflow(), 1);
  EXPECT_EQ(h.overflow(), 2);
  EXPECT_EQ(h.counts(), (std::vector<int64_t>{2, 1, 0, 0, 1}));
  EXPECT_DOUBLE_EQ(h.bin_lower(2), 4.0);
}

}  // namespace
}  // namespace aidc::sim
