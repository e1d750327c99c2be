// Pareto front and recommendation rule (tools/plan/pareto.hpp) on hand-made points (smaller is better).
#include <gtest/gtest.h>

#include "tools/plan/pareto.hpp"

namespace aidc::tools {
namespace {

TEST(Pareto, Dominance) {
  EXPECT_TRUE(dominates({1, 1}, {2, 2}));
  EXPECT_TRUE(dominates({1, 2}, {2, 2}));   // better in one, equal in the other
  EXPECT_FALSE(dominates({1, 1}, {1, 1}));  // equal points do not dominate each other
  EXPECT_FALSE(dominates({1, 3}, {2, 2}));  // a trade-off
  EXPECT_FALSE(dominates({2, 2}, {1, 1}));
  EXPECT_THROW(dominates({1}, {1, 2}), std::invalid_argument);
}

TEST(Pareto, FrontOfHandMadePoints) {
  // 0 (1,5) and 1 (2,3) and 3 (4,1) trade off; 2 (3,4) is dominated by 1; 4 (4,2) is dominated by 3.
  const std::vector<std::vector<double>> pts = {{1, 5}, {2, 3}, {3, 4}, {4, 1}, {4, 2}};
  EXPECT_EQ(pareto_front(pts), (std::vector<size_t>{0, 1, 3}));
}

TEST(Pareto, TiesAreAllOnTheFront) {
  const std::vector<std::vector<double>> pts = {{2, 2}, {1, 3}, {2, 2}, {3, 3}};
  // The two (2,2) points tie: both stay; (3,3) is dominated by either.
  EXPECT_EQ(pareto_front(pts), (std::vector<size_t>{0, 1, 2}));
}

TEST(Pareto, SingleObjectiveFrontIsTheMinima) {
  const std::vector<std::vector<double>> pts = {{3}, {1}, {2}, {1}};
  EXPECT_EQ(pareto_front(pts), (std::vector<size_t>{1, 3}));
}

TEST(Pareto, RecommendationIsLexicographicWithLowestIndexOnTies) {
  EXPECT_FALSE(lexicographic_best({}).has_value());
  // First objective ties between 1 and 2; the second breaks it in favour of 2.
  EXPECT_EQ(*lexicographic_best({{5, 0}, {1, 3}, {1, 2}, {2, 0}}), 2u);
  // Full tie: the lowest index wins, whatever the order of evaluation.
  EXPECT_EQ(*lexicographic_best({{4, 4}, {1, 1}, {1, 1}}), 1u);
  // The recommendation is always on the front.
  const std::vector<std::vector<double>> pts = {{2, 1}, {1, 9}, {1, 8}, {3, 0}};
  const auto front = pareto_front(pts);
  const size_t best = *lexicographic_best(pts);
  EXPECT_EQ(best, 2u);
  EXPECT_NE(std::find(front.begin(), front.end(), best), front.end());
}

}  // namespace
}  // namespace aidc::tools
