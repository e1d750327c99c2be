// The energy stage's load follows the reliability timeline (issue 7): idle GPUs while the job is down.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tools/cli/energy_stage.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::cli {
namespace {

TEST(HourlyUtilisation, NoTimelineMeansTheConstant) {
  EXPECT_TRUE(hourly_utilisation(0.9, JobTimeline{}, 8760).empty());
}

TEST(HourlyUtilisation, RepeatsTheHorizonAndScalesByTheJobShare) {
  JobTimeline t;
  t.running_by_hour = {1.0, 0.5, 0.0};
  t.gpu_share = 0.5;  // the job holds half the GPUs: the other half stays at `utilisation` all the time
  const auto u = hourly_utilisation(0.8, t, 7);
  ASSERT_EQ(u.size(), 7u);
  const double want[] = {0.8, 0.6, 0.4, 0.8, 0.6, 0.4, 0.8};
  for (std::size_t h = 0; h < 7; ++h) EXPECT_DOUBLE_EQ(u[h], want[h]) << h;
  // A float bin a hair above 1 is clamped, never above `utilisation`.
  t.running_by_hour = {1.0000001};
  t.gpu_share = 1.0;
  EXPECT_DOUBLE_EQ(hourly_utilisation(0.8, t, 1)[0], 0.8);
}

// The energy stage uses the timeline: with the job down every other hour, those hours draw less IT power
// than the hours it runs, and the year's mean utilisation note says so; without a timeline every hour is alike.
TEST(JobTimeline, EnergyStageFollowsIt) {
  const tools::Scenario sc = tools::load_scenario(std::string(AIDC_SOURCE_DIR) + "/scenarios/default.yaml");
  const topo::Site site = tools::build_site(sc);
  const auto it_kw = [](const tools::ResultsFile& r) {
    const auto it =
        std::find_if(r.timeseries.begin(), r.timeseries.end(), [](const auto& s) { return s.name == "it_kw"; });
    return it == r.timeseries.end() ? std::vector<double>{} : it->values;
  };
  models::Metrics m0, m1;
  tools::ResultsFile r0, r1;
  energy_stage(sc, site, 0.0, JobTimeline{}, m0, r0);
  JobTimeline t;
  t.running_by_hour = {1.0, 0.0};
  energy_stage(sc, site, 0.0, t, m1, r1);
  const auto a = it_kw(r0), b = it_kw(r1);
  ASSERT_EQ(a.size(), 8760u);
  ASSERT_EQ(b.size(), 8760u);
  EXPECT_DOUBLE_EQ(b[0], a[0]);  // running hour: the constant case's load
  EXPECT_LT(b[1], a[1] * 0.9);   // down hour: GPUs idle
  EXPECT_DOUBLE_EQ(a[0], a[1]);  // constant case: every hour alike
  bool noted = false;
  for (const auto& n : r1.notes) noted = noted || n.find("follows the reliability timeline") != std::string::npos;
  EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace aidc::cli
