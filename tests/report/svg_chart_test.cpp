// Scales, ticks, number formatting and the SVG writer (tools/report/svg_chart.hpp).
#include "tools/report/svg_chart.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace aidc::report {
namespace {

TEST(LinearScale, MapsEndsAndInterior) {
  const LinearScale x(0.0, 4.0, 50.0, 450.0);
  EXPECT_DOUBLE_EQ(x(0.0), 50.0);
  EXPECT_DOUBLE_EQ(x(4.0), 450.0);
  EXPECT_DOUBLE_EQ(x(1.0), 150.0);  // 50 + 1/4 * 400
  // A y axis runs bottom (data low) to top: 0.25 of [0, 1] on [220, 20] is 220 - 0.25 * 200 = 170.
  const LinearScale y(0.0, 1.0, 220.0, 20.0);
  EXPECT_DOUBLE_EQ(y(0.25), 170.0);
}

TEST(LinearScale, DegenerateDomainMapsToTheMiddle) {
  const LinearScale x(3.0, 3.0, 100.0, 300.0);
  EXPECT_DOUBLE_EQ(x(3.0), 200.0);
  EXPECT_DOUBLE_EQ(x(99.0), 200.0);
}

TEST(Log2Scale, DoublingsAreEvenlySpaced) {
  // 64 .. 256 GPUs on 50 .. 450 px: log2 64 = 6, log2 256 = 8, so 128 (7) sits in the middle at 250.
  const Log2Scale x(64.0, 256.0, 50.0, 450.0);
  EXPECT_DOUBLE_EQ(x(64.0), 50.0);
  EXPECT_DOUBLE_EQ(x(128.0), 250.0);
  EXPECT_DOUBLE_EQ(x(256.0), 450.0);
  EXPECT_THROW(Log2Scale(0.0, 8.0, 0.0, 1.0), std::invalid_argument);
}

TEST(NiceTicks, HandComputedCases) {
  // [0, 1] in ~5 intervals: raw step 0.2 = 2 x 10^-1 -> 0, 0.2, ..., 1.0 (6 values).
  const Ticks a = nice_ticks(0.0, 1.0, 5);
  EXPECT_DOUBLE_EQ(a.step, 0.2);
  EXPECT_DOUBLE_EQ(a.lo, 0.0);
  EXPECT_NEAR(a.hi, 1.0, 1e-12);
  ASSERT_EQ(a.values.size(), 6u);
  EXPECT_NEAR(a.values[3], 0.6, 1e-12);
  // [1.0, 1.21]: raw 0.042 -> 4.2 x 10^-2 -> 5 x 10^-2; hi widened to 25 x 0.05 = 1.25.
  const Ticks b = nice_ticks(1.0, 1.21, 5);
  EXPECT_NEAR(b.step, 0.05, 1e-15);
  EXPECT_NEAR(b.lo, 1.0, 1e-12);
  EXPECT_NEAR(b.hi, 1.25, 1e-12);
  EXPECT_EQ(b.values.size(), 6u);
  // [0, 4]: raw 0.8 -> 8 x 10^-1 -> 10 x 10^-1 = 1.
  const Ticks c = nice_ticks(0.0, 4.0, 5);
  EXPECT_DOUBLE_EQ(c.step, 1.0);
  EXPECT_DOUBLE_EQ(c.hi, 4.0);
  // [0, 120] %: raw 24 -> 2.4 x 10 -> 5 x 10 = 50; hi 150.
  const Ticks d = nice_ticks(0.0, 120.0, 5);
  EXPECT_DOUBLE_EQ(d.step, 50.0);
  EXPECT_DOUBLE_EQ(d.hi, 150.0);
}

TEST(NiceTicks, BinaryRoundingDoesNotWidenByAStep) {
  // [1.0, 1.1] in ~2 intervals: step 0.1; 1.1 / 0.1 = 11.000000000000002 in binary, which a bare ceil() would
  // widen to 1.2.
  const Ticks t = nice_ticks(1.0, 1.1, 2);
  EXPECT_NEAR(t.step, 0.1, 1e-15);
  EXPECT_NEAR(t.hi, 1.1, 1e-12);
  EXPECT_EQ(t.values.size(), 2u);
}

TEST(NiceTicks, DegenerateRangeStillCoversTheValue) {
  const Ticks t = nice_ticks(2.0, 2.0, 5);
  EXPECT_LE(t.lo, 2.0);
  EXPECT_GE(t.hi, 2.0);
  EXPECT_LT(t.lo, t.hi);
}

TEST(TickFormat, DecimalsFollowTheStep) {
  EXPECT_EQ(tick_format(0.2), "%.1f");
  EXPECT_EQ(tick_format(0.1), "%.1f");
  EXPECT_EQ(tick_format(0.05), "%.2f");
  EXPECT_EQ(tick_format(1.0), "%.0f");
  EXPECT_EQ(tick_format(50.0), "%.0f");
}

TEST(Px, OneDecimalAndNoNegativeZero) {
  EXPECT_EQ(px(12.345), "12.3");
  EXPECT_EQ(px(-0.04), "0.0");
  EXPECT_EQ(px(250.0), "250.0");
}

TEST(SvgWriter, EscapesAttributeValuesTextAndTitles) {
  SvgWriter svg("c\"1", 100.0, "t<1>");
  svg.element("rect", {{"fill", "a\"b<c"}}, "tip & <b>");
  svg.text(1.0, 2.0, "<script>x</script>");
  const std::string s = svg.finish(50.0);
  EXPECT_NE(s.find("id=\"c&quot;1\""), std::string::npos);
  EXPECT_NE(s.find("<title>t&lt;1&gt;</title>"), std::string::npos);
  EXPECT_NE(s.find("fill=\"a&quot;b&lt;c\""), std::string::npos);
  EXPECT_NE(s.find("<title>tip &amp; &lt;b&gt;</title>"), std::string::npos);
  EXPECT_NE(s.find(">&lt;script&gt;x&lt;/script&gt;</text>"), std::string::npos);
  EXPECT_EQ(s.find("<script"), std::string::npos);
  EXPECT_NE(s.find("viewBox=\"0 0 100.0 50.0\""), std::string::npos);
}

TEST(SvgWriter, MarksCarryTheMarkClass) {
  SvgWriter svg("c", 100.0, "t");
  svg.bar(1.0, 2.0, 3.0, 4.0, "#000", "v");
  svg.point(5.0, 6.0, "#000", false, "p");
  svg.polyline({{0.0, 0.0}, {1.0, 1.0}}, "#000", 1.0, true, "l");
  const std::string s = svg.finish(10.0);
  EXPECT_NE(s.find("<rect class=\"mark\" x=\"1.0\" y=\"2.0\" width=\"3.0\" height=\"4.0\""), std::string::npos);
  EXPECT_NE(s.find("<circle class=\"mark\" cx=\"5.0\" cy=\"6.0\""), std::string::npos);
  EXPECT_NE(s.find("points=\"0.0,0.0 1.0,1.0\" stroke-dasharray"), std::string::npos);
}

TEST(SvgWriter, LegendWrapsToNewRows) {
  SvgWriter svg("c", 200.0, "t");
  // Each item: 10 px swatch + 4 px + 20 glyphs x 0.6 x 11 px = 146 px, + 18 px gap: two do not fit in 200 px.
  const std::string label(20, 'x');
  const double h = svg.legend(
      0.0, 10.0, 200.0, {{label, "#000", false, false}, {label, "#111", false, false}, {label, "#222", false, false}});
  EXPECT_DOUBLE_EQ(h, 3 * 16.0);  // three rows of 16 px
  SvgWriter wide("c", 2000.0, "t");
  EXPECT_DOUBLE_EQ(wide.legend(0.0, 10.0, 2000.0, {{label, "#000", false, false}, {label, "#111", false, false}}),
                   16.0);
}

}  // namespace
}  // namespace aidc::report
