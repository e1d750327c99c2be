// The scoring engine on a small hand-built rubric: weights, dimension and total scores, points bookkeeping,
// both missing-input rules, grade boundaries, caps, relative_to, and the spread over replications.
#include "models/score/score_engine.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "models/score/score_spread.hpp"

namespace aidc::models {
namespace {

// Dimension a (weight 3): i1 on mfu, 0 -> 0 .. 1 -> 100, w 1; i2 on pue, 1 -> 100 .. 2 -> 0, w 3.
// Dimension b (weight 1): i3 on fire_alarm, 0 -> 0 .. 1 -> 100, w 1.
// Grades 5A 90, 4A 80, 3A 70, 2A 60, 1A 50.
Rubric small_rubric() {
  Rubric r;
  r.name = "test";
  r.dimensions = {{"a", "A", 3.0}, {"b", "B", 1.0}};
  Indicator i1;
  i1.id = "i1";
  i1.dimension = "a";
  i1.input = "mfu";
  i1.curve = {{{0, 0}, {1, 100}}, false};
  i1.weight = 1.0;
  Indicator i2;
  i2.id = "i2";
  i2.dimension = "a";
  i2.input = "pue";
  i2.direction = Direction::lower_is_better;
  i2.curve = {{{1, 100}, {2, 0}}, false};
  i2.weight = 3.0;
  Indicator i3;
  i3.id = "i3";
  i3.dimension = "b";
  i3.input = "fire_alarm";
  i3.curve = {{{0, 0}, {1, 100}}, false};
  i3.weight = 1.0;
  r.indicators = {i1, i2, i3};
  r.grades = {{"5A", 90}, {"4A", 80}, {"3A", 70}, {"2A", 60}, {"1A", 50}};
  return r;
}

ScoreInputs inputs(std::optional<double> mfu, std::optional<double> pue, std::optional<double> fire) {
  ScoreInputs in;
  in["mfu"] = {mfu, "test"};
  in["pue"] = {pue, "test"};
  in["fire_alarm"] = {fire, "test"};
  return in;
}

TEST(ScoreEngine, WeightedDimensionsAndTotal) {
  const ScoreResult r = score(small_rubric(), inputs(0.5, 1.25, 1.0));
  // i1 = 50, i2 = 100 - 100 * 0.25 = 75, i3 = 100.
  ASSERT_TRUE(r.indicators[1].score);
  EXPECT_NEAR(*r.indicators[1].score, 75.0, 1e-12);
  // D_a = (1 * 50 + 3 * 75) / 4 = 68.75; D_b = 100.
  ASSERT_TRUE(r.dimensions[0].score && r.dimensions[1].score);
  EXPECT_NEAR(*r.dimensions[0].score, 68.75, 1e-12);
  EXPECT_NEAR(*r.dimensions[1].score, 100.0, 1e-12);
  // Total = (3 * 68.75 + 1 * 100) / 4 = 76.5625 -> 3A (70 <= S < 80).
  ASSERT_TRUE(r.total);
  EXPECT_NEAR(*r.total, 76.5625, 1e-12);
  EXPECT_EQ(r.grade, "3A");
  EXPECT_NEAR(r.coverage, 1.0, 1e-12);
  // Shares: i1 3/4 * 1/4 = 0.1875 -> 9.375 points of 18.75; i2 3/4 * 3/4 -> 42.1875 of 56.25; i3 25 of 25.
  EXPECT_NEAR(r.indicators[0].points, 9.375, 1e-12);
  EXPECT_NEAR(r.indicators[0].max_points, 18.75, 1e-12);
  EXPECT_NEAR(r.indicators[1].points, 42.1875, 1e-12);
  EXPECT_NEAR(r.indicators[2].points, 25.0, 1e-12);
  ASSERT_TRUE(r.next_grade && r.next_grade_min);
  EXPECT_EQ(*r.next_grade, "4A");
  EXPECT_DOUBLE_EQ(*r.next_grade_min, 80.0);
  EXPECT_EQ(r.dimensions[0].grade, "2A");  // 60 <= 68.75 < 70
  EXPECT_EQ(r.dimensions[1].grade, "5A");
}

TEST(ScoreEngine, MissingInputExcludedAndRenormalised) {
  const ScoreResult r = score(small_rubric(), inputs(0.5, std::nullopt, 1.0));
  EXPECT_FALSE(r.indicators[1].evaluated);
  EXPECT_FALSE(r.indicators[1].score);
  EXPECT_EQ(r.indicators[1].points, 0.0);
  // D_a = 50 (i1 alone); total = (3 * 50 + 100) / 4 = 62.5 -> 2A.
  ASSERT_TRUE(r.total);
  EXPECT_NEAR(*r.total, 62.5, 1e-12);
  EXPECT_EQ(r.grade, "2A");
  // Coverage: i2's share 3/4 * 3/4 = 0.5625 was not evaluated -> 0.4375.
  EXPECT_NEAR(r.coverage, 0.4375, 1e-12);
  EXPECT_NEAR(r.dimensions[0].coverage, 0.25, 1e-12);
  // Renormalised shares: i1 now carries all of a's 3/4 -> 37.5 points of 75.
  EXPECT_NEAR(r.indicators[0].points, 37.5, 1e-12);
  EXPECT_NEAR(r.indicators[0].max_points, 75.0, 1e-12);
}

TEST(ScoreEngine, MissingInputScoredZero) {
  Rubric rub = small_rubric();
  rub.missing = MissingRule::zero;
  const ScoreResult r = score(rub, inputs(0.5, std::nullopt, 1.0));
  ASSERT_TRUE(r.indicators[1].score);
  EXPECT_EQ(*r.indicators[1].score, 0.0);
  EXPECT_FALSE(r.indicators[1].evaluated);
  // D_a = (50 + 3 * 0) / 4 = 12.5; total = (37.5 + 100) / 4 = 34.375 -> below 1A.
  ASSERT_TRUE(r.total);
  EXPECT_NEAR(*r.total, 34.375, 1e-12);
  EXPECT_EQ(r.grade, "unrated");
  EXPECT_NEAR(r.coverage, 0.4375, 1e-12);
}

TEST(ScoreEngine, WholeDimensionMissingIsLeftOut) {
  const ScoreResult r = score(small_rubric(), inputs(0.5, 1.25, std::nullopt));
  EXPECT_FALSE(r.dimensions[1].score);
  // Only a counts: total = D_a = 68.75.
  ASSERT_TRUE(r.total);
  EXPECT_NEAR(*r.total, 68.75, 1e-12);
  EXPECT_NEAR(r.coverage, 0.75, 1e-12);
}

TEST(ScoreEngine, NothingEvaluatedGivesNoTotal) {
  const ScoreResult r = score(small_rubric(), ScoreInputs{});
  EXPECT_FALSE(r.total);
  EXPECT_EQ(r.grade, "unrated");
  EXPECT_EQ(r.coverage, 0.0);
  EXPECT_EQ(r.indicators[0].source, "not provided");
}

TEST(ScoreEngine, GradeBoundariesAreInclusive) {
  const Rubric rub = small_rubric();
  EXPECT_EQ(grade_for(rub, 100.0), "5A");
  EXPECT_EQ(grade_for(rub, 90.0), "5A");
  EXPECT_EQ(grade_for(rub, 89.999), "4A");
  EXPECT_EQ(grade_for(rub, 80.0), "4A");
  EXPECT_EQ(grade_for(rub, 79.999), "3A");
  EXPECT_EQ(grade_for(rub, 70.0), "3A");
  EXPECT_EQ(grade_for(rub, 60.0), "2A");
  EXPECT_EQ(grade_for(rub, 50.0), "1A");
  EXPECT_EQ(grade_for(rub, 49.999), "unrated");
  EXPECT_EQ(grade_for(rub, 0.0), "unrated");
  // Either side of 80: mfu 1 (100), pue 1.4 (60), fire 1: D_a = (100 + 180) / 4 = 70; total = (210 + 100) / 4 = 77.5.
  // pue 1.3 (70): D_a = (100 + 210) / 4 = 77.5; total = (232.5 + 100) / 4 = 83.125 -> 4A.
  EXPECT_EQ(score(rub, inputs(1.0, 1.4, 1.0)).grade, "3A");
  EXPECT_EQ(score(rub, inputs(1.0, 1.3, 1.0)).grade, "4A");
}

TEST(ScoreEngine, CapLowersTheGrade) {
  Rubric rub = small_rubric();
  rub.caps.push_back({"pue", 1.5, std::nullopt, "1A", "PUE above the limit"});
  // mfu 1 (100), pue 1.6 (40), fire 1: D_a = (100 + 120) / 4 = 55; total = (165 + 100) / 4 = 66.25 -> band 2A.
  const ScoreResult r = score(rub, inputs(1.0, 1.6, 1.0));
  ASSERT_TRUE(r.total);
  EXPECT_NEAR(*r.total, 66.25, 1e-12);
  EXPECT_EQ(r.band, "2A");
  EXPECT_EQ(r.grade, "1A");
  ASSERT_EQ(r.caps_applied.size(), 1u);
  // Below the limit the cap does nothing: pue 1.5 is not above 1.5.
  const ScoreResult ok = score(rub, inputs(1.0, 1.5, 1.0));
  EXPECT_TRUE(ok.caps_applied.empty());
  // D_a = (100 + 150) / 4 = 62.5; total = (187.5 + 100) / 4 = 71.875 -> 3A.
  EXPECT_EQ(ok.grade, "3A");
}

TEST(ScoreEngine, RelativeToDividesByTheReference) {
  Rubric rub;
  rub.dimensions = {{"service", "Service", 1.0}};
  Indicator m;
  m.id = "mtbf";
  m.dimension = "service";
  m.input = "mtbf_hours";
  m.curve = {{{0, 0}, {2, 100}}, false};
  m.relative_to = RelativeTo{"gpus", ReferenceCurve{{{1000, 168}, {10000, 24}}}};
  rub.indicators = {m};
  rub.grades = {{"1A", 50}};
  ScoreInputs in;
  in["mtbf_hours"] = {84.0, "test"};
  in["gpus"] = {1000.0, "test"};
  // 84 h at 1,000 cards against the 168 h reference: ratio 0.5 -> 25 points.
  ScoreResult r = score(rub, in);
  ASSERT_TRUE(r.indicators[0].value && r.indicators[0].reference);
  EXPECT_NEAR(*r.indicators[0].reference, 168.0, 1e-9);
  EXPECT_NEAR(*r.indicators[0].value, 0.5, 1e-12);
  EXPECT_NEAR(*r.indicators[0].score, 25.0, 1e-9);
  // 24 h at 10,000 cards is exactly the reference: ratio 1 -> 50 points.
  in["mtbf_hours"] = {24.0, "test"};
  in["gpus"] = {10000.0, "test"};
  r = score(rub, in);
  EXPECT_NEAR(*r.indicators[0].score, 50.0, 1e-9);
  // Without the card count the indicator is not evaluated.
  in.erase("gpus");
  r = score(rub, in);
  EXPECT_FALSE(r.indicators[0].evaluated);
  EXPECT_FALSE(r.total);
}

TEST(ScoreSpread, MeanStddevAndStudentInterval) {
  // mfu 0.4, 0.5, 0.6 with pue 1.25 and fire 1: total = (3 * (100 m + 225) / 4 + 100) / 4
  //   -> 74.6875, 76.5625, 78.4375 (steps of 1.875).
  const std::vector<ScoreInputs> reps = {inputs(0.4, 1.25, 1.0), inputs(0.5, 1.25, 1.0), inputs(0.6, 1.25, 1.0)};
  const ScoreSpread s = score_spread(small_rubric(), reps);
  EXPECT_EQ(s.replications, 3);
  EXPECT_NEAR(s.mean, 76.5625, 1e-12);
  // Sample variance (1.875^2 + 0 + 1.875^2) / 2 = 1.875^2 -> stddev 1.875.
  EXPECT_NEAR(s.stddev, 1.875, 1e-12);
  // Half-width t(0.975, 2 dof) * s / sqrt(3) = 4.302653 * 1.0825318 = 4.657805.
  EXPECT_NEAR(s.ci95_half_width, 4.302653 * 1.875 / std::sqrt(3.0), 1e-5);
  EXPECT_NEAR(s.min, 74.6875, 1e-12);
  EXPECT_NEAR(s.max, 78.4375, 1e-12);
  ASSERT_EQ(s.grade_counts.size(), 1u);
  EXPECT_EQ(s.grade_counts[0].first, "3A");
  EXPECT_EQ(s.grade_counts[0].second, 3);
}

TEST(ScoreSpread, UnscoredReplicationsAreCounted) {
  const ScoreSpread s = score_spread(small_rubric(), {ScoreInputs{}, inputs(0.5, 1.25, 1.0)});
  EXPECT_EQ(s.replications, 1);
  EXPECT_EQ(s.unscored, 1);
  EXPECT_EQ(s.ci95_half_width, 0.0);
}

}  // namespace
}  // namespace aidc::models
