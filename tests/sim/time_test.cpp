#include "sim/time.hpp"

#include <gtest/gtest.h>

namespace aidc::sim {
namespace {
using namespace literals;

TEST(SimTime, LiteralsAndConversions) {
  EXPECT_EQ((3_us).ns(), 3000);
  EXPECT_EQ((2_s).ns(), 2'000'000'000);
  EXPECT_EQ(SimTime::from_seconds(1.5e-9).ns(), 2);  // rounds to nearest: 1.5 ns -> 2 ns
  EXPECT_EQ(SimTime::from_hours(1.0).ns(), 3'600'000'000'000);
  EXPECT_DOUBLE_EQ((5_ms).to_seconds(), 0.005);
  EXPECT_LT(1_us, 2_us);
}

TEST(SimTime, RangeCoversTwoHundredYears) {
  // 200 years * 8766 h/year = 1,753,200 h = 6.31e18 ns < 9.22e18 (int64 max).
  const SimTime t = SimTime::from_hours(200.0 * 8766.0);
  EXPECT_EQ(t.ns(), 1'753'200LL * 3'600'000'000'000LL);
  EXPECT_NEAR(t.to_hours(), 1'753'200.0, 1e-6);
}

TEST(SimTime, OverflowAndBadValuesThrow) {
  EXPECT_THROW((void)(SimTime::max() + 1_ns), std::overflow_error);
  EXPECT_THROW((void)(SimTime::from_ns(-9'000'000'000'000'000'000LL) - SimTime::from_ns(1'000'000'000'000'000'000LL)),
               std::overflow_error);
  EXPECT_THROW((void)SimTime::from_hours(300.0 * 8766.0), std::out_of_range);  // 9.47e18 ns: too far
  EXPECT_THROW((void)SimTime::from_seconds(std::nan("")), std::out_of_range);
}

}  // namespace
}  // namespace aidc::sim
