#include "tools/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "tools/report/html_escape.hpp"

namespace aidc::report {
namespace {

// Text metrics for laying out legends without a font engine: an average sans-serif glyph is about 0.6 em
// wide; over-estimating only leaves more space.
constexpr double kGlyphEm = 0.6;
constexpr double kLegendFontPx = 11.0;
constexpr double kLegendRowPx = 16.0;
constexpr double kLegendSwatchPx = 10.0;
constexpr double kLegendGapPx = 18.0;  // between items
constexpr double kAxisFontPx = 11.0;
constexpr double kTickGapPx = 6.0;          // tick label to the plot edge
constexpr double kXLabelBaselinePx = 16.0;  // first line of x tick labels below the plot
constexpr double kXTitleBaselinePx = 34.0;  // x axis title below the plot
constexpr double kYTitleOffsetPx = 46.0;    // y axis title left of the plot

double text_width(const std::string& s, double font_px) {
  // UTF-8 continuation bytes (10xxxxxx) do not start a glyph.
  std::size_t glyphs = 0;
  for (const char c : s) glyphs += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return static_cast<double>(glyphs) * kGlyphEm * font_px;
}

}  // namespace

double LinearScale::operator()(double v) const {
  if (d1_ == d0_) return 0.5 * (p0_ + p1_);
  return p0_ + (v - d0_) / (d1_ - d0_) * (p1_ - p0_);
}

Log2Scale::Log2Scale(double d0, double d1, double p0, double p1)
    : lin_(d0 > 0.0 ? std::log2(d0) : 0.0, d1 > 0.0 ? std::log2(d1) : 0.0, p0, p1) {
  if (!(d0 > 0.0) || !(d1 > 0.0)) throw std::invalid_argument("Log2Scale: bounds must be > 0");
}

double Log2Scale::operator()(double v) const {
  return lin_(std::log2(v));
}

Ticks nice_ticks(double lo, double hi, int target_intervals) {
  // Tolerance on lo/step and hi/step so that values like 1.1 / 0.1 = 11.000000000000002 are not widened by a
  // whole step by the rounding of binary fractions.
  constexpr double kRatioTolerance = 1e-9;
  Ticks t;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return t;
  if (hi < lo) std::swap(lo, hi);
  if (target_intervals < 1) target_intervals = 1;
  if (hi == lo) {
    const double pad = lo == 0.0 ? 1.0 : std::abs(lo) * 0.5;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / target_intervals;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / mag;
  double nice = 10.0;
  if (r <= 1.0) {
    nice = 1.0;
  } else if (r <= 2.0) {
    nice = 2.0;
  } else if (r <= 5.0) {
    nice = 5.0;
  }
  t.step = nice * mag;
  const double first = std::floor(lo / t.step + kRatioTolerance);
  const double last = std::ceil(hi / t.step - kRatioTolerance);
  t.lo = first * t.step;
  t.hi = last * t.step;
  for (double i = first; i <= last + 0.5; i += 1.0) t.values.push_back(i * t.step);
  return t;
}

std::string tick_format(double step) {
  constexpr int kMaxDecimals = 6;
  if (!(step > 0.0) || !std::isfinite(step)) return "%g";
  // Decimals of the step's leading digit; the tolerance keeps 0.1 (0.1000000000000000055...) at one decimal.
  const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, kMaxDecimals);
  return "%." + std::to_string(decimals) + "f";
}

std::string px(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  std::string s = b;
  return s == "-0.0" ? "0.0" : s;
}

std::string fmt(double v, const char* format) {
  char b[64];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

SvgWriter::SvgWriter(const std::string& id, double width, const std::string& title)
    : id_(id), width_(width), title_(title) {}

void SvgWriter::element(const std::string& tag, const Attrs& attrs, const std::string& tooltip) {
  body_ += "<" + tag;
  for (const auto& [k, v] : attrs) body_ += " " + k + "=\"" + html_escape(v) + "\"";
  if (tooltip.empty()) {
    body_ += "/>\n";
  } else {
    body_ += "><title>" + html_escape(tooltip) + "</title></" + tag + ">\n";
  }
}

void SvgWriter::text(double x, double y, const std::string& s, const std::string& anchor, double font_px,
                     const Attrs& extra) {
  body_ += "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" font-size=\"" + fmt(font_px, "%g") + "\" text-anchor=\"" +
           html_escape(anchor) + "\"";
  for (const auto& [k, v] : extra) body_ += " " + k + "=\"" + html_escape(v) + "\"";
  body_ += ">" + html_escape(s) + "</text>\n";
}

void SvgWriter::bar(double x, double y, double w, double h, const std::string& fill, const std::string& tooltip) {
  element("rect",
          {{"class", "mark"},
           {"x", px(x)},
           {"y", px(y)},
           {"width", px(std::max(0.0, w))},
           {"height", px(std::max(0.0, h))},
           {"fill", fill}},
          tooltip);
}

void SvgWriter::polyline(const std::vector<std::pair<double, double>>& points, const std::string& stroke,
                         double stroke_px, bool dashed, const std::string& tooltip) {
  std::string pts;
  pts.reserve(points.size() * 12);
  for (const auto& [x, y] : points) {
    if (!pts.empty()) pts += ' ';
    pts += px(x) + "," + px(y);
  }
  Attrs a = {{"class", "mark"},
             {"fill", "none"},
             {"stroke", stroke},
             {"stroke-width", fmt(stroke_px, "%g")},
             {"stroke-linejoin", "round"},
             {"points", pts}};
  if (dashed) a.emplace_back("stroke-dasharray", "6 4");
  element("polyline", a, tooltip);
}

void SvgWriter::point(double x, double y, const std::string& colour, bool hollow, const std::string& tooltip) {
  constexpr double kRadiusPx = 3.5;
  element("circle",
          {{"class", "mark"},
           {"cx", px(x)},
           {"cy", px(y)},
           {"r", px(kRadiusPx)},
           {"fill", hollow ? "#fff" : colour},
           {"stroke", colour},
           {"stroke-width", "1.5"}},
          tooltip);
}

void SvgWriter::empty(const PlotBox& box, const std::string& why) {
  text(box.left + box.width / 2.0, box.top + box.height / 2.0, why, "middle", 12.0,
       {{"class", "empty"}, {"fill", "#888"}});
}

void SvgWriter::y_axis(const PlotBox& box, const LinearScale& y, const Ticks& ticks, const std::string& title) {
  const std::string format = tick_format(ticks.step);
  for (const double v : ticks.values) {
    const double py = y(v);
    element("line",
            {{"x1", px(box.left)}, {"x2", px(box.right())}, {"y1", px(py)}, {"y2", px(py)}, {"stroke", "#e4e4e4"}});
    text(box.left - kTickGapPx, py + kAxisFontPx / 3.0, fmt(v, format.c_str()), "end", kAxisFontPx);
  }
  const double cx = box.left - kYTitleOffsetPx;
  const double cy = box.top + box.height / 2.0;
  text(cx, cy, title, "middle", kAxisFontPx, {{"transform", "rotate(-90 " + px(cx) + " " + px(cy) + ")"}});
}

void SvgWriter::x_labels(const PlotBox& box, const std::vector<double>& xs, const std::vector<std::string>& labels,
                         const std::string& title) {
  for (std::size_t i = 0; i < xs.size() && i < labels.size(); ++i) {
    text(xs[i], box.bottom() + kXLabelBaselinePx, labels[i], "middle", kAxisFontPx);
  }
  if (!title.empty()) text(box.left + box.width / 2.0, box.bottom() + kXTitleBaselinePx, title, "middle", kAxisFontPx);
}

void SvgWriter::frame(const PlotBox& box) {
  element("rect", {{"x", px(box.left)},
                   {"y", px(box.top)},
                   {"width", px(box.width)},
                   {"height", px(box.height)},
                   {"fill", "none"},
                   {"stroke", "#999"}});
}

double SvgWriter::legend(double x, double y, double max_x, const std::vector<LegendItem>& items) {
  double cx = x;
  double row = 0.0;
  for (const auto& it : items) {
    const double w = kLegendSwatchPx + 4.0 + text_width(it.label, kLegendFontPx);
    if (cx > x && cx + w > max_x) {
      cx = x;
      row += 1.0;
    }
    const double base = y + row * kLegendRowPx;
    if (it.line || it.dashed) {
      Attrs a = {{"x1", px(cx)},         {"x2", px(cx + kLegendSwatchPx)},
                 {"y1", px(base - 4.0)}, {"y2", px(base - 4.0)},
                 {"stroke", it.colour},  {"stroke-width", "2"}};
      if (it.dashed) a.emplace_back("stroke-dasharray", "3 2");
      element("line", a);
    } else {
      element("rect", {{"x", px(cx)},
                       {"y", px(base - kLegendSwatchPx + 1.0)},
                       {"width", px(kLegendSwatchPx)},
                       {"height", px(kLegendSwatchPx)},
                       {"fill", it.colour}});
    }
    text(cx + kLegendSwatchPx + 4.0, base, it.label, "start", kLegendFontPx);
    cx += w + kLegendGapPx;
  }
  return items.empty() ? 0.0 : (row + 1.0) * kLegendRowPx;
}

std::string SvgWriter::finish(double height) {
  std::string head = "<svg class=\"chart\" id=\"" + html_escape(id_) + "\" role=\"img\" width=\"" + px(width_) +
                     "\" height=\"" + px(height) + "\" viewBox=\"0 0 " + px(width_) + " " + px(height) +
                     "\">\n<title>" + html_escape(title_) + "</title>\n";
  return head + body_ + "</svg>\n";
}

}  // namespace aidc::report
