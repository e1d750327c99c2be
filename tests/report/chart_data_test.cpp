// The numbers behind the charts (tools/report/chart_data.hpp): read from results tables, the step breakdown and a
// built site, checked against hand-computed values.
#include "tools/report/chart_data.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "tools/schema/scenario.hpp"

namespace aidc::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(ChartData, LinearityPointsSkipInfeasiblePointsAndSortByGpus) {
  tools::ResultsFile r;
  EXPECT_TRUE(linearity_points(r).empty());
  tools::Table t;
  t.key_name = "gpus";
  t.keys = {256, 64, 128, 512};
  t.columns = {{"mfu", {0.40, 0.50, 0.45, kNaN}}, {"linearity", {0.80, 1.0, 0.90, kNaN}}};
  r.tables.emplace_back("linearity_weak", t);
  const auto p = linearity_points(r);
  ASSERT_EQ(p.size(), 3u);  // 512 did not fit (NaN)
  EXPECT_EQ(p[0].gpus, 64);
  EXPECT_EQ(p[1].gpus, 128);
  EXPECT_EQ(p[2].gpus, 256);
  EXPECT_DOUBLE_EQ(p[1].mfu, 0.45);
  EXPECT_DOUBLE_EQ(p[2].linearity, 0.80);
}

TEST(ChartData, StepPartsAddUpToTheStepAndSplitRecomputation) {
  models::StepBreakdown b;
  b.compute_s = 5.0;
  b.recompute_s = 1.0;  // part of compute_s
  b.tp_comm_s = 0.5;
  b.pp_comm_s = 0.25;
  b.bubble_s = 0.75;
  b.dp_comm_s = 0.125;
  b.optimizer_s = 0.0625;
  const auto parts = step_parts(b);
  ASSERT_EQ(parts.size(), 9u);
  EXPECT_EQ(parts[0].name, "compute");
  EXPECT_DOUBLE_EQ(parts[0].value, 4.0);  // 5 - 1 recomputed
  EXPECT_DOUBLE_EQ(parts[1].value, 1.0);
  double sum = 0.0;
  for (const auto& p : parts) sum += p.value;
  // The step model's step time: compute + tp + cp + ep + bubble + pp + dp + optimizer = 6.6875 s.
  EXPECT_DOUBLE_EQ(sum, 5.0 + 0.5 + 0.25 + 0.75 + 0.125 + 0.0625);
}

tools::ResultsFile reliability_results() {
  tools::ResultsFile r;
  tools::Table c;
  c.key_name = "class_index";
  c.keys = {0, 1, 2, 3, 4};
  c.columns = {{"interruptions_mean", {2.0, 1.0, 0.5, 3.0, 0.0}}};
  c.text_columns = {{"root_cause", {"gpu", "gpu", "nic", "software", "ssd"}}};
  r.tables.emplace_back("interruptions_by_cause", c);
  tools::Table b;
  b.key_name = "part_index";
  b.keys = {0, 1};
  b.columns = {{"fraction_of_horizon", {0.9, 0.1}}};
  b.text_columns = {{"part", {"useful training", "not running"}}};
  r.tables.emplace_back("ettr_time_budget", b);
  return r;
}

TEST(ChartData, InterruptionsPerDayByRootCause) {
  const auto r = reliability_results();
  // Horizon 48 h = 2 days: gpu (2 + 1) / 2 = 1.5 /day, software 1.5 /day, nic 0.25 /day; ssd had none.
  const auto p = interruptions_per_day(r, 48.0, 0);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].name, "gpu");  // ties by name: gpu before software
  EXPECT_DOUBLE_EQ(p[0].value, 1.5);
  EXPECT_EQ(p[1].name, "software");
  EXPECT_DOUBLE_EQ(p[1].value, 1.5);
  EXPECT_EQ(p[2].name, "nic");
  EXPECT_DOUBLE_EQ(p[2].value, 0.25);
  // At most two rows: the first cause, then the rest summed (1.5 + 0.25).
  const auto q = interruptions_per_day(r, 48.0, 2);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].name, kOtherCauses);
  EXPECT_DOUBLE_EQ(q[1].value, 1.75);
  EXPECT_TRUE(interruptions_per_day(tools::ResultsFile{}, 48.0, 0).empty());
}

TEST(ChartData, EttrBudgetInTableOrder) {
  const auto b = ettr_budget(reliability_results());
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].name, "useful training");
  EXPECT_DOUBLE_EQ(b[0].value, 0.9);
  EXPECT_TRUE(ettr_budget(tools::ResultsFile{}).empty());
}

TEST(ChartData, LayerHeadroomOfTheTestSite) {
  const tools::Scenario sc = tools::load_scenario(std::string(AIDC_SOURCE_DIR) + "/tests/report/data/before.yaml");
  const topo::Site site = tools::build_site(sc);
  const auto layers = layer_headroom(site);
  const LayerHeadroom* ups = nullptr;
  const LayerHeadroom* crahs = nullptr;
  for (const auto& l : layers) {
    if (l.layer == "power.ups") ups = &l;
    if (l.layer == "cooling.crahs") crahs = &l;
    EXPECT_NE(l.layer, "cooling.cdus");  // an air-cooled site has none
  }
  ASSERT_NE(ups, nullptr);
  ASSERT_NE(crahs, nullptr);
  // UPS: 500 kW modules, 2N, one site-wide group carrying all IT power on each side, auto-sized to
  // ceil(IT / 500) modules per side; with one side out, that side's modules all carry the load.
  const double it = site.it_power_kw();
  const double per_side = std::ceil(it / 500.0);
  EXPECT_EQ(ups->redundancy, "2N");
  EXPECT_NEAR(ups->load_kw, it, 1e-9);
  EXPECT_DOUBLE_EQ(ups->capacity_kw, per_side * 500.0);
  EXPECT_DOUBLE_EQ(ups->installed_kw, per_side * 500.0);
  EXPECT_EQ(ups->units, 2 * static_cast<int64_t>(per_side));
  EXPECT_NEAR(ups->headroom_kw(), per_side * 500.0 - it, 1e-9);
  // CRAHs: 150 kW, N+1 per row: capacity is one unit less than installed.
  EXPECT_EQ(crahs->redundancy, "N+1");
  EXPECT_DOUBLE_EQ(crahs->installed_kw - crahs->capacity_kw, 150.0);
  EXPECT_GT(crahs->load_kw, 0.0);
  EXPECT_LE(crahs->load_fraction(), 1.0);  // the site builds without a redundancy warning
}

}  // namespace
}  // namespace aidc::report
