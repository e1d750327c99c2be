// Scoring curves: interpolation, clamping, log curves, direction checks, and the power-law reference curve.
#include "models/score/scoring_curve.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace aidc::models {
namespace {

ScoringCurve curve(std::vector<CurvePoint> pts, bool log_x = false) {
  return ScoringCurve{std::move(pts), log_x};
}

TEST(ScoringCurve, InterpolatesLinearlyBetweenAnchors) {
  const ScoringCurve mfu = curve({{0.15, 0}, {0.30, 60}, {0.40, 80}, {0.50, 100}});
  // 0.35 is halfway from 0.30 (60) to 0.40 (80): 60 + 20 * 0.05 / 0.10 = 70.
  EXPECT_NEAR(mfu.eval(0.35), 70.0, 1e-12);
  // 0.20: 0 + 60 * (0.05 / 0.15) = 20.
  EXPECT_NEAR(mfu.eval(0.20), 20.0, 1e-12);
  EXPECT_DOUBLE_EQ(mfu.eval(0.40), 80.0);
}

TEST(ScoringCurve, ClampsOutsideTheAnchors) {
  const ScoringCurve mfu = curve({{0.15, 0}, {0.30, 60}, {0.40, 80}, {0.50, 100}});
  EXPECT_DOUBLE_EQ(mfu.eval(0.01), 0.0);
  EXPECT_DOUBLE_EQ(mfu.eval(0.9), 100.0);
}

TEST(ScoringCurve, LowerIsBetterCurve) {
  const ScoringCurve pue = curve({{1.20, 100}, {1.30, 80}, {1.50, 60}, {1.80, 0}});
  ASSERT_EQ(check_curve(pue, Direction::lower_is_better), "");
  // 1.25: 100 - 20 * 0.05 / 0.10 = 90.  1.65: 60 - 60 * 0.15 / 0.30 = 30.
  EXPECT_NEAR(pue.eval(1.25), 90.0, 1e-12);
  EXPECT_NEAR(pue.eval(1.65), 30.0, 1e-12);
  EXPECT_DOUBLE_EQ(pue.eval(1.1), 100.0);
  EXPECT_DOUBLE_EQ(pue.eval(2.0), 0.0);
}

TEST(ScoringCurve, LogCurveInterpolatesInDecades) {
  const ScoringCurve c = curve({{10, 0}, {1000, 100}}, true);
  // log10(100) = 2 is halfway between 1 and 3: 50 points.
  EXPECT_NEAR(c.eval(100), 50.0, 1e-12);
}

TEST(ScoringCurve, ChecksRejectBadCurves) {
  EXPECT_EQ(check_curve(curve({{0, 0}, {1, 100}}), Direction::higher_is_better), "");
  EXPECT_NE(check_curve(curve({{0, 0}}), Direction::higher_is_better), "");                     // one point
  EXPECT_NE(check_curve(curve({{0, 0}, {1, 120}}), Direction::higher_is_better), "");           // > 100
  EXPECT_NE(check_curve(curve({{0, -5}, {1, 100}}), Direction::higher_is_better), "");          // < 0
  EXPECT_NE(check_curve(curve({{0, 0}, {1, 80}, {2, 60}}), Direction::higher_is_better), "");   // falls
  EXPECT_NE(check_curve(curve({{1, 100}, {2, 50}, {3, 70}}), Direction::lower_is_better), "");  // rises
  EXPECT_NE(check_curve(curve({{1, 0}, {1, 100}}), Direction::higher_is_better), "");           // same x
  EXPECT_NE(check_curve(curve({{0, 50}, {1, 50}}), Direction::higher_is_better), "");           // flat
  EXPECT_NE(check_curve(curve({{0, 0}, {10, 100}}, true), Direction::higher_is_better), "");    // log of 0
  EXPECT_NE(check_curve(curve({{0, 0}, {1, 100}}), Direction::lower_is_better), "");            // wrong way
}

TEST(ReferenceCurve, PowerLawThroughTheReportsMtbfPoints) {
  const ReferenceCurve mtbf{{{1000, 168}, {10000, 24}}};
  ASSERT_EQ(check_reference(mtbf), "");
  EXPECT_NEAR(mtbf.eval(1000), 168.0, 1e-9);
  EXPECT_NEAR(mtbf.eval(10000), 24.0, 1e-9);
  // Halfway in log: x = 1000 * sqrt(10) -> sqrt(168 * 24) = sqrt(4032) = 63.4980...
  EXPECT_NEAR(mtbf.eval(1000 * std::sqrt(10.0)), std::sqrt(4032.0), 1e-9);
  // One decade beyond: 24 * (24 / 168) = 3.428571...
  EXPECT_NEAR(mtbf.eval(100000), 24.0 * 24.0 / 168.0, 1e-9);
  // One decade below: 168 * (168 / 24) = 1176.
  EXPECT_NEAR(mtbf.eval(100), 1176.0, 1e-9);
}

TEST(ReferenceCurve, ChecksRejectBadReferences) {
  EXPECT_NE(check_reference(ReferenceCurve{{{1000, 168}}}), "");
  EXPECT_NE(check_reference(ReferenceCurve{{{1000, 168}, {1000, 24}}}), "");
  EXPECT_NE(check_reference(ReferenceCurve{{{1000, 0}, {10000, 24}}}), "");
}

}  // namespace
}  // namespace aidc::models
