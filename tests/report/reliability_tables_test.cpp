// The reliability stage's tables behind the report's interruption and ETTR charts
// (tools/cli/reliability_stage.cpp: "interruptions_by_cause", "ettr_time_budget"), checked for consistency with
// the stage's own metrics on the report tests' site.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "tools/cli/pipeline.hpp"
#include "tools/report/chart_data.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::report {
namespace {

class ReliabilityTables : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sc_ = new tools::Scenario(tools::load_scenario(std::string(AIDC_SOURCE_DIR) + "/tests/report/data/before.yaml"));
    results_ = new tools::ResultsFile(cli::evaluate(*sc_, {}, {}));
  }
  static void TearDownTestSuite() {
    delete results_;
    delete sc_;
  }
  static tools::Scenario* sc_;
  static tools::ResultsFile* results_;
};
tools::Scenario* ReliabilityTables::sc_ = nullptr;
tools::ResultsFile* ReliabilityTables::results_ = nullptr;

TEST_F(ReliabilityTables, CausesAddUpToTheInterruptionsMetric) {
  const tools::Table* t = find_table(*results_, "interruptions_by_cause");
  ASSERT_NE(t, nullptr);
  const auto* mean = find_column(*t, "interruptions_mean");
  const auto* cause = find_text_column(*t, "root_cause");
  ASSERT_NE(mean, nullptr);
  ASSERT_NE(cause, nullptr);
  // Every job interruption has exactly one failure class, so the per-class means sum to the mean count.
  const double sum = std::accumulate(mean->begin(), mean->end(), 0.0);
  const auto metric = results_->metrics.value("interruptions");
  ASSERT_TRUE(metric);
  EXPECT_NEAR(sum, *metric, 1e-9 * std::max(1.0, *metric));
  EXPECT_GT(sum, 0.0);  // the test site does see interruptions in its horizon
  // And the chart's per-day rates sum to the same over the horizon's days.
  double per_day = 0.0;
  for (const auto& p : interruptions_per_day(*results_, sc_->simulation.horizon_hours, 0)) per_day += p.value;
  EXPECT_NEAR(per_day * sc_->simulation.horizon_hours / 24.0, sum, 1e-9 * std::max(1.0, sum));
}

TEST_F(ReliabilityTables, TimeBudgetFillsTheHorizonAndStartsWithEttr) {
  const tools::Table* t = find_table(*results_, "ettr_time_budget");
  ASSERT_NE(t, nullptr);
  const auto* hours = find_column(*t, "hours_mean");
  ASSERT_NE(hours, nullptr);
  // useful + checkpoint overhead + lost work + throttling + not running = the horizon (reliability_sim.cpp).
  EXPECT_NEAR(std::accumulate(hours->begin(), hours->end(), 0.0), sc_->simulation.horizon_hours, 1e-6);
  const auto budget = ettr_budget(*results_);
  ASSERT_FALSE(budget.empty());
  EXPECT_EQ(budget.front().name, "useful training");
  const auto ettr = results_->metrics.value("ettr");
  ASSERT_TRUE(ettr);
  EXPECT_NEAR(budget.front().value, *ettr, 1e-12);
}

}  // namespace
}  // namespace aidc::report
