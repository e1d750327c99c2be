// Chart geometry (tools/report/report_charts.hpp): known data on a known plot box must land on hand-computed SVG
// coordinates.
#include "tools/report/report_charts.hpp"

#include <gtest/gtest.h>

#include <string>

namespace aidc::report {
namespace {

bool has(const std::string& s, const std::string& sub) {
  return s.find(sub) != std::string::npos;
}

std::size_t count(const std::string& s, const std::string& sub) {
  std::size_t n = 0;
  for (auto p = s.find(sub); p != std::string::npos; p = s.find(sub, p + 1)) ++n;
  return n;
}

// Plot box (50, 20) 400 x 200 px: width 500 - 50 - 50, height 250 - 20 - 30.
constexpr ChartLayout kBox{500.0, 250.0, 50.0, 50.0, 20.0, 30.0};

using Lin = std::vector<LinearityPoint>;

TEST(LinearityChart, PointsLandOnHandComputedCoordinates) {
  // x: log2 from 64 (left, 50 px) to 256 (right, 450 px), so 128 at 250 px.
  // y: 0..1 (nice ticks of [0, max(1, values)], step 0.2) from 220 px (bottom) to 20 px (top): y(v) = 220 - 200 v.
  //   MFU 0.50 -> 120, 0.45 -> 130, 0.40 -> 140; linearity 1.0 -> 20, 0.9 -> 40, 0.8 -> 60.
  const std::string s = linearity_chart({{"A", Lin{{64, 0.50, 1.0}, {128, 0.45, 0.9}, {256, 0.40, 0.8}}, ""}}, kBox);
  EXPECT_TRUE(has(s, "points=\"50.0,120.0 250.0,130.0 450.0,140.0\"")) << s;
  EXPECT_TRUE(has(s, "points=\"50.0,20.0 250.0,40.0 450.0,60.0\""));
  EXPECT_TRUE(has(s, "cx=\"50.0\" cy=\"120.0\""));
  EXPECT_TRUE(has(s, "cx=\"250.0\" cy=\"130.0\""));
  EXPECT_TRUE(has(s, "cx=\"450.0\" cy=\"140.0\""));
  EXPECT_TRUE(has(s, "cx=\"250.0\" cy=\"40.0\""));
  EXPECT_EQ(count(s, "class=\"mark\""), 8u);  // 2 lines + 6 points
  EXPECT_TRUE(has(s, "stroke=\"#1f77b4\""));
  EXPECT_FALSE(has(s, "class=\"empty\""));
  // The y axis labels 0.0 .. 1.0 at y = 220 .. 20 (baseline a third of the 11 px font lower).
  EXPECT_TRUE(has(s, ">1.0</text>"));
  EXPECT_TRUE(has(s, ">0.6</text>"));
}

TEST(LinearityChart, TwoSitesShareTheAxesInTwoColours) {
  // Site B reaches 512 GPUs: x is log2 64..512 on 400 px, 133.3 px per doubling; A's 256 lands at 50 + 266.7.
  const std::string s = linearity_chart(
      {{"A", Lin{{64, 0.5, 1.0}, {256, 0.4, 0.8}}, ""}, {"B", Lin{{64, 0.5, 1.0}, {512, 0.3, 0.6}}, ""}}, kBox);
  EXPECT_TRUE(has(s, "cx=\"316.7\" cy=\"140.0\""));
  EXPECT_TRUE(has(s, "cx=\"450.0\" cy=\"160.0\""));  // B at 512: MFU 0.3 -> 220 - 60
  EXPECT_TRUE(has(s, "stroke=\"#d62728\""));
  EXPECT_EQ(count(s, "class=\"mark\""), 12u);
}

TEST(LinearityChart, NothingToDrawSaysWhy) {
  const std::string s = linearity_chart({{"A", std::nullopt, "no workloads"}}, kBox);
  EXPECT_TRUE(has(s, "class=\"empty\""));
  EXPECT_TRUE(has(s, "A: not modelled (no workloads)"));
  EXPECT_EQ(count(s, "class=\"mark\""), 0u);
}

TEST(StepTimeChart, StackedSegmentsInProportion) {
  // Plot (50, 10) 400 x 50 px. Parts 1 + 0 + 2 + 1 = 4 s; x ticks of [0, 4] have step 1, so 100 px per second.
  // One bar of 16 px centred in the 50 px row: y = 10 + (50 - 16) / 2 = 27.
  const ChartLayout box{500.0, 100.0, 50.0, 50.0, 10.0, 40.0};
  const std::vector<Part> parts = {
      {"compute", 1.0}, {"recomputation", 0.0}, {"TP communication", 2.0}, {"optimizer", 1.0}};
  const std::string s = step_time_chart({{"A", parts, ""}}, box);
  EXPECT_TRUE(has(s, "x=\"50.0\" y=\"27.0\" width=\"100.0\" height=\"16.0\"")) << s;
  EXPECT_TRUE(has(s, "x=\"150.0\" y=\"27.0\" width=\"200.0\" height=\"16.0\""));
  EXPECT_TRUE(has(s, "x=\"350.0\" y=\"27.0\" width=\"100.0\" height=\"16.0\""));
  EXPECT_EQ(count(s, "class=\"mark\""), 3u);  // the zero part is not drawn
  EXPECT_TRUE(has(s, ">4 s</text>"));
  EXPECT_TRUE(has(s, "A: TP communication 2 s (50.0 %)"));
  EXPECT_FALSE(has(s, ">recomputation</text>"));  // not in the legend either
}

TEST(MonthlyChart, BarsOnHandComputedCoordinates) {
  // Plot (50, 20) 480 x 200 px: 12 slots of 40 px; one site's bar takes 80 % = 32 px, 4 px in from the slot.
  // PUE 1.10 + 0.01 m: y ticks of [1.0, 1.21] are 1.00 .. 1.25 step 0.05, so y(v) = 220 - (v - 1) / 0.25 x 200.
  //   January 1.10: y 140, height 80, x 54; December 1.21: y 52, height 168, x 50 + 11 x 40 + 4 = 494.
  const ChartLayout box{530.0, 250.0, 50.0, 0.0, 20.0, 30.0};
  std::array<double, kMonths> pue{};
  for (int m = 0; m < kMonths; ++m) pue[m] = 1.10 + 0.01 * m;
  const std::string s = monthly_chart("chart-x", "PUE", "PUE", 1.0, {{"A", pue, ""}}, box);
  EXPECT_TRUE(has(s, "x=\"54.0\" y=\"140.0\" width=\"32.0\" height=\"80.0\"")) << s;
  EXPECT_TRUE(has(s, "x=\"494.0\" y=\"52.0\" width=\"32.0\" height=\"168.0\""));
  EXPECT_EQ(count(s, "class=\"mark\""), 12u);
  EXPECT_TRUE(has(s, ">1.25</text>"));
  // Two sites: each bar 16 px; the second site's January bar starts at 54 + 16 = 70.
  const std::string two = monthly_chart("chart-x", "PUE", "PUE", 1.0, {{"A", pue, ""}, {"B", pue, ""}}, box);
  EXPECT_TRUE(has(two, "x=\"70.0\" y=\"140.0\" width=\"16.0\" height=\"80.0\" fill=\"#d62728\""));
  EXPECT_EQ(count(two, "class=\"mark\""), 24u);
}

TEST(HourlyChart, OnePointPerHour) {
  // Plot (50, 20) 400 x 200 px; x = 50 + 400 h / 8760, so hour 4380 is at 250; PUE 1.0 .. 1.2 (step 0.05 ticks).
  std::vector<double> pue(kHoursPerYear, 1.1);
  pue[0] = 1.2;
  const std::string s = hourly_chart("chart-h", "PUE", "PUE", 1.0, {{"A", pue, ""}}, kBox);
  const auto at = s.find("points=\"");
  ASSERT_NE(at, std::string::npos);
  const std::string pts = s.substr(at + 8, s.find('"', at + 8) - at - 8);
  EXPECT_EQ(count(pts, ","), static_cast<std::size_t>(kHoursPerYear));
  EXPECT_EQ(pts.substr(0, 10), "50.0,20.0 ");  // hour 0 at PUE 1.2, the top
  EXPECT_TRUE(has(pts, " 250.0,120.0 "));      // hour 4380 at PUE 1.1: 220 - 0.1 / 0.2 x 200
}

TEST(HeadroomChart, LoadOverCapacityWithAReferenceLine) {
  // Default layout for 2 rows of 1 bar: plot from x 170 px, 760 - 170 - 150 = 440 px wide; the axis spans
  // 0..150 % (nice ticks of [0, 120]), so 80 % is 440 x 80 / 150 = 234.7 px long and the 100 % line is at
  // 170 + 293.3 = 463.3.
  LayerHeadroom ok{"power.ups", "2N", 1, 6, 500.0, 800.0, 1000.0, 1000.0};
  LayerHeadroom short_{"cooling.chillers", "N+1", 1, 3, 500.0, 1100.0, 1000.0, 1500.0};
  const std::string s = headroom_chart({{"A", std::vector<LayerHeadroom>{ok, short_}, ""}});
  EXPECT_TRUE(has(s, "x=\"170.0\"")) << s;
  EXPECT_TRUE(has(s, "width=\"234.7\""));
  EXPECT_TRUE(has(s, "class=\"reference\" x1=\"463.3\" x2=\"463.3\""));
  EXPECT_TRUE(has(s, ">80 % · +200 kW</text>"));
  EXPECT_TRUE(has(s, ">110 % · -100 kW (redundancy not met)</text>"));
  EXPECT_EQ(count(s, "class=\"mark\""), 2u);
  // Rows in chain order: power.ups above cooling.chillers.
  EXPECT_LT(s.find(">power.ups</text>"), s.find(">cooling.chillers</text>"));
}

TEST(HeadroomChart, ALayerOnlyOneSiteHasShowsNone) {
  LayerHeadroom cdu{"cooling.cdus", "N+1", 2, 6, 800.0, 1000.0, 1600.0, 2400.0};
  LayerHeadroom ups{"power.ups", "2N", 1, 6, 500.0, 800.0, 1000.0, 1000.0};
  const std::string s =
      headroom_chart({{"A", std::vector<LayerHeadroom>{ups}, ""}, {"B", std::vector<LayerHeadroom>{ups, cdu}, ""}});
  EXPECT_TRUE(has(s, ">none</text>"));
  EXPECT_EQ(count(s, "class=\"mark\""), 3u);
}

TEST(InterruptionsChart, CausesOrderedWithOtherLast) {
  const std::vector<Part> a = {{"gpu", 1.0}, {kOtherCauses, 5.0}, {"nic", 0.5}};
  const std::vector<Part> b = {{"software", 2.0}};
  const std::string s = interruptions_chart({{"A", a, ""}, {"B", b, ""}});
  const auto pos = [&](const std::string& name) { return s.find(">" + name + "</text>"); };
  ASSERT_NE(pos("software"), std::string::npos);
  EXPECT_LT(pos("software"), pos("gpu"));  // 2.0 (B) before 1.0 (A)
  EXPECT_LT(pos("gpu"), pos("nic"));
  EXPECT_LT(pos("nic"), pos(kOtherCauses));  // the summed tail last, however large
  // Every row has a bar per site, zero where a site has no such interruption: 4 rows x 2 sites.
  EXPECT_EQ(count(s, "class=\"mark\""), 8u);
}

TEST(EttrChart, FractionsOfTheHorizon) {
  // Default layout for one row: plot 440 px wide from x 170, axis fixed at 0..100 %: useful 0.9 -> 396 px.
  const std::vector<Part> budget = {{"useful training", 0.9},
                                    {"checkpoint overhead", 0.02},
                                    {"work lost at interruptions", 0.03},
                                    {"throttled by cooling", 0.0},
                                    {"not running", 0.05}};
  const std::string s = ettr_chart({{"A", budget, ""}});
  EXPECT_TRUE(has(s, "x=\"170.0\"")) << s;
  EXPECT_TRUE(has(s, "width=\"396.0\""));
  EXPECT_TRUE(has(s, "fill=\"#009E73\""));  // useful time green
  EXPECT_TRUE(has(s, ">ETTR 0.900</text>"));
  EXPECT_TRUE(has(s, ">100</text>"));
  EXPECT_EQ(count(s, "class=\"mark\""), 4u);  // no throttling bar
}

}  // namespace
}  // namespace aidc::report
