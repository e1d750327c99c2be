#pragma once
// SVG building blocks of the report's charts: the chart frame, linear and log-2 scales, "nice" axis ticks, axes,
// legends and an element writer that escapes every attribute value and text it is given (html_escape.hpp).
//
// Coordinates are SVG user units (CSS px), origin at the top left, y pointing down. Numbers are written with
// one decimal: a tenth of a pixel is below what a screen or a printer resolves at these sizes, and fixed
// formatting lets tests compare coordinates as text.
//
// Conventions every chart follows (the Chromium test relies on them):
//  - the <svg> has class "chart", an id, a viewBox (so it scales down to the page and to paper) and a <title>,
//    and no xmlns: the HTML parser puts inline <svg> in the SVG namespace itself, and the page then holds no URL
//    at all (its self-containment tests look for none);
//  - every data mark (bar, line, point) has class "mark" and a <title> child with its value, which browsers
//    show on hover with no script;
//  - a chart with nothing to draw holds a <text class="empty"> saying why, and no marks.
#include <string>
#include <utility>
#include <vector>

namespace aidc::report {

// Series colours, one per site in the order the report lists them: matplotlib's "tab10" blue and red, which
// stay distinct in greyscale print and for red-green colour-blind readers (blue vs red differ in lightness).
inline constexpr const char* kSiteColours[] = {"#1f77b4", "#d62728"};
inline constexpr int kMaxSites = 2;

// Colours of categories within one bar (step-time parts, time-budget parts): the Okabe-Ito palette, chosen to
// be distinguishable under the common colour-vision deficiencies (Okabe & Ito 2008, "Color Universal Design").
inline constexpr const char* kCategoryColours[] = {"#0072B2", "#56B4E9", "#E69F00", "#F0E442", "#009E73",
                                                   "#D55E00", "#CC79A7", "#999999", "#000000"};
inline constexpr int kCategoryColourCount = 9;

// The plot area inside a chart's SVG.
struct PlotBox {
  double left = 0.0;
  double top = 0.0;
  double width = 0.0;
  double height = 0.0;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

// Size of a chart's SVG and the margins around its plot area (axis labels on the left and below). A legend, when
// the chart has one, goes below the bottom margin and makes the SVG taller; it never moves the plot area.
struct ChartLayout {
  double width = 0.0;
  double height = 0.0;
  double margin_left = 0.0;
  double margin_right = 0.0;
  double margin_top = 0.0;
  double margin_bottom = 0.0;
  PlotBox plot() const {
    return {margin_left, margin_top, width - margin_left - margin_right, height - margin_top - margin_bottom};
  }
};

// Maps the data interval [d0, d1] linearly onto the pixel interval [p0, p1] (for a y axis pass p0 = bottom,
// p1 = top). A degenerate domain (d0 == d1) maps every value to the middle of the pixel interval.
class LinearScale {
 public:
  LinearScale(double d0, double d1, double p0, double p1) : d0_(d0), d1_(d1), p0_(p0), p1_(p1) {}
  double operator()(double v) const;
  double domain_lo() const { return d0_; }
  double domain_hi() const { return d1_; }

 private:
  double d0_, d1_, p0_, p1_;
};

// Maps [d0, d1] (both > 0) onto [p0, p1] linearly in log2(value): GPU counts that double are evenly spaced.
// Throws std::invalid_argument for a non-positive bound.
class Log2Scale {
 public:
  Log2Scale(double d0, double d1, double p0, double p1);
  double operator()(double v) const;

 private:
  LinearScale lin_;
};

// Axis ticks at a "nice" step (1, 2 or 5 x 10^k) covering [lo, hi] with about `target_intervals` intervals:
// the loose labelling of Heckbert, "Nice numbers for graph labels", Graphics Gems (1990). lo and hi are
// widened outwards to multiples of the step; values are lo, lo + step, ..., hi (computed as lo + i * step, so
// they do not drift). A degenerate or non-finite range gives the single-step interval around it.
struct Ticks {
  double lo = 0.0;
  double hi = 1.0;
  double step = 1.0;
  std::vector<double> values;
};
Ticks nice_ticks(double lo, double hi, int target_intervals = 5);

// printf format showing as many decimals as the tick step needs ("%.0f" for step 1 or 20, "%.1f" for 0.2,
// "%.2f" for 0.05), so labels line up and never show rounding noise.
std::string tick_format(double step);

// One decimal, as every coordinate is written ("12.5"); -0.0 is written as "0.0".
std::string px(double v);
// printf-style number for labels.
std::string fmt(double v, const char* format = "%.4g");

struct LegendItem {
  std::string label;
  std::string colour;
  bool dashed = false;  // drawn as a line sample (dashed) instead of a filled square
  bool line = false;    // drawn as a line sample
};

// Writes one <svg> element. Tag and attribute names come from this code; every attribute value and every text
// passes through html_escape, so user strings are safe wherever a chart puts them.
class SvgWriter {
 public:
  using Attrs = std::vector<std::pair<std::string, std::string>>;

  // An <svg class="chart" id=... role="img"> of the given width with a <title>; its height is set by finish().
  SvgWriter(const std::string& id, double width, const std::string& title);

  // A self-closing element, or one with a <title> child (the hover text) when `tooltip` is not empty.
  void element(const std::string& tag, const Attrs& attrs, const std::string& tooltip = "");
  // <text> at (x, y); `anchor` is start, middle or end.
  void text(double x, double y, const std::string& s, const std::string& anchor = "start", double font_px = 11.0,
            const Attrs& extra = {});
  // A data mark: a rectangle with class "mark".
  void bar(double x, double y, double w, double h, const std::string& fill, const std::string& tooltip);
  // A data mark: a polyline through `points` with class "mark".
  void polyline(const std::vector<std::pair<double, double>>& points, const std::string& stroke, double stroke_px,
                bool dashed, const std::string& tooltip);
  // A data mark: a circle with class "mark"; hollow circles are white-filled with a coloured ring.
  void point(double x, double y, const std::string& colour, bool hollow, const std::string& tooltip);
  // "Nothing to draw" message in the middle of the plot box.
  void empty(const PlotBox& box, const std::string& why);

  // Horizontal grid lines and tick labels at `ticks` on the left of the plot box (formatted with
  // tick_format(ticks.step)), and the axis title rotated along the left edge.
  void y_axis(const PlotBox& box, const LinearScale& y, const Ticks& ticks, const std::string& title);
  // Tick labels below the plot box at pixel positions `xs` with `labels`, and the axis title under them.
  void x_labels(const PlotBox& box, const std::vector<double>& xs, const std::vector<std::string>& labels,
                const std::string& title);
  // The plot box's frame.
  void frame(const PlotBox& box);
  // A legend starting at (x, y), wrapping to new rows at `max_x`; returns the height it took.
  double legend(double x, double y, double max_x, const std::vector<LegendItem>& items);

  // Closes the element, setting the final height (a legend may have made the chart taller).
  std::string finish(double height);

 private:
  std::string id_;
  double width_;
  std::string body_;
  std::string title_;
};

}  // namespace aidc::report
