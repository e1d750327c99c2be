#include "tools/report/report_charts.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <utility>

#include "topology/equipment_plan.hpp"

namespace aidc::report {
namespace {

constexpr int kTargetTicks = 5;          // intervals per axis: readable at 300 px, enough to read values off
constexpr double kMinLabelGapPx = 48.0;  // between GPU-count label centres ("10,240" is ~40 px at 11 px)
constexpr double kGroupFill = 0.8;       // share of a month's slot its bars take (the rest separates months)
constexpr double kBandFill = 0.8;        // share of a horizontal row its bars may take at most
constexpr double kLegendPadPx = 8.0;     // between the bottom margin and the legend's first baseline
constexpr double kValueLabelGapPx = 4.0;
constexpr double kPercent = 100.0;
constexpr double kHeadroomAxisPercent = 120.0;
constexpr double kFontPx = 11.0;
// Bars of the ETTR time budget: useful time green, checkpoint overhead light blue, lost work vermilion,
// throttling orange, not running grey (Okabe-Ito colours, in the order of the "ettr_time_budget" table).
constexpr const char* kBudgetColours[] = {"#009E73", "#56B4E9", "#D55E00", "#E69F00", "#999999"};
constexpr std::size_t kBudgetColourCount = 5;

template <class T>
std::vector<LegendItem> missing_items(const std::vector<SiteData<T>>& sites) {
  std::vector<LegendItem> items;
  for (const auto& s : sites) {
    if (!s.data) items.push_back({s.site + ": not modelled (" + s.missing + ")", "#bbb", false, false});
  }
  return items;
}

template <class T>
std::string missing_text(const std::vector<SiteData<T>>& sites) {
  std::string s;
  for (const auto& x : sites) {
    if (x.data) continue;
    s += (s.empty() ? "" : "; ") + x.site + ": not modelled (" + x.missing + ")";
  }
  return s.empty() ? "not modelled" : s;
}

const char* site_colour(std::size_t s) {
  return kSiteColours[std::min<std::size_t>(s, kMaxSites - 1)];
}

// Legend below the plot; returns the SVG's final height.
double finish_legend(SvgWriter& svg, const ChartLayout& layout, const std::vector<LegendItem>& items) {
  const PlotBox box = layout.plot();
  const double h = svg.legend(box.left, layout.height + kLegendPadPx, layout.width - layout.margin_right, items);
  return layout.height + (h > 0.0 ? h + kLegendPadPx : 0.0);
}

// Vertical grid lines and labels of a horizontal value axis.
void x_value_axis(SvgWriter& svg, const PlotBox& box, const LinearScale& x, const Ticks& ticks,
                  const std::string& title) {
  const std::string format = tick_format(ticks.step);
  std::vector<double> xs;
  std::vector<std::string> labels;
  for (const double v : ticks.values) {
    const double p = x(v);
    svg.element("line",
                {{"x1", px(p)}, {"x2", px(p)}, {"y1", px(box.top)}, {"y2", px(box.bottom())}, {"stroke", "#e4e4e4"}});
    xs.push_back(p);
    labels.push_back(fmt(v, format.c_str()));
  }
  svg.x_labels(box, xs, labels, title);
}

// Thickness and offset of bar `i` of `n` in row `r` of a horizontal chart with `rows` rows.
struct RowGeometry {
  double band = 0.0;
  double thickness = 0.0;
  double y(std::size_t r, std::size_t i, std::size_t n, const PlotBox& box) const {
    return box.top + static_cast<double>(r) * band + (band - static_cast<double>(n) * thickness) / 2.0 +
           static_cast<double>(i) * thickness;
  }
};
RowGeometry row_geometry(const PlotBox& box, std::size_t rows, std::size_t bars_per_row) {
  RowGeometry g;
  g.band = box.height / static_cast<double>(std::max<std::size_t>(1, rows));
  g.thickness = std::min(kBarPx, g.band * kBandFill / static_cast<double>(std::max<std::size_t>(1, bars_per_row)));
  return g;
}

// Stacked horizontal bars, one per site; part i of every site takes colours[i % n]. `x_max` > 0 fixes the axis
// end (fractions: 1), else it is a nice number above the longest bar.
std::string stacked_chart(const std::string& id, const std::string& title, const std::string& x_title,
                          const std::vector<SiteData<std::vector<Part>>>& sites, const char* const* colours,
                          std::size_t n_colours, double x_max, double x_scale,
                          const std::function<std::string(const Part&, double total)>& part_text,
                          const std::function<std::string(const std::vector<Part>&)>& total_text,
                          const ChartLayout& layout) {
  SvgWriter svg(id, layout.width, title);
  const PlotBox box = layout.plot();
  double longest = 0.0;
  bool any = false;
  for (const auto& s : sites) {
    if (!s.data) continue;
    double t = 0.0;
    for (const auto& p : *s.data) t += std::max(0.0, p.value);
    longest = std::max(longest, t);
    any = any || t > 0.0;
  }
  std::vector<LegendItem> legend;
  if (!any) {
    svg.frame(box);
    svg.empty(box, missing_text(sites));
    return svg.finish(layout.height);
  }
  const Ticks ticks = x_max > 0.0 ? nice_ticks(0.0, x_max, kTargetTicks) : nice_ticks(0.0, longest, kTargetTicks);
  const LinearScale x(ticks.lo, ticks.hi, box.left, box.right());
  // The axis shows values times x_scale (fractions as percent) with the same tick positions.
  Ticks shown = ticks;
  for (double& v : shown.values) v *= x_scale;
  shown.step *= x_scale;
  const LinearScale x_shown(ticks.lo * x_scale, ticks.hi * x_scale, box.left, box.right());
  x_value_axis(svg, box, x_shown, shown, x_title);
  const RowGeometry g = row_geometry(box, sites.size(), 1);
  std::vector<bool> used;
  for (std::size_t s = 0; s < sites.size(); ++s) {
    const double y = g.y(s, 0, 1, box);
    svg.text(box.left - kValueLabelGapPx, y + g.thickness / 2.0 + kFontPx / 3.0, sites[s].site, "end", kFontPx,
             {{"fill", site_colour(s)}});
    if (!sites[s].data) {
      svg.text(box.left + kValueLabelGapPx, y + g.thickness / 2.0 + kFontPx / 3.0,
               "not modelled (" + sites[s].missing + ")", "start", kFontPx, {{"fill", "#888"}});
      continue;
    }
    const auto& parts = *sites[s].data;
    double total = 0.0;
    for (const auto& p : parts) total += std::max(0.0, p.value);
    double cum = 0.0;
    used.resize(std::max(used.size(), parts.size()), false);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const double v = std::max(0.0, parts[i].value);
      if (v <= 0.0) continue;
      used[i] = true;
      const double x0 = x(cum);
      const double x1 = x(cum + v);
      svg.bar(x0, y, x1 - x0, g.thickness, colours[i % n_colours], sites[s].site + ": " + part_text(parts[i], total));
      cum += v;
    }
    svg.text(x(cum) + kValueLabelGapPx, y + g.thickness / 2.0 + kFontPx / 3.0, total_text(parts), "start", kFontPx);
  }
  // Legend: parts drawn for any site, named as the first site with data names them.
  for (const auto& s : sites) {
    if (!s.data) continue;
    for (std::size_t i = 0; i < s.data->size() && i < used.size(); ++i) {
      if (used[i]) legend.push_back({(*s.data)[i].name, colours[i % n_colours], false, false});
    }
    break;
  }
  for (const auto& m : missing_items(sites)) legend.push_back(m);
  svg.frame(box);
  return svg.finish(finish_legend(svg, layout, legend));
}

// Grouped horizontal bars: one row per name, one bar per site (values[s][row], nullopt = no bar).
struct HBarRow {
  std::string name;
  std::vector<std::optional<double>> values;  // per site
  std::vector<std::string> labels;            // per site, right of the bar
  std::vector<std::string> tooltips;          // per site
};

std::string grouped_hbar_chart(const std::string& id, const std::string& title, const std::string& x_title,
                               const std::vector<std::string>& site_names, const std::vector<HBarRow>& rows,
                               double x_min_hi, std::optional<double> reference,
                               const std::vector<LegendItem>& extra_legend, const std::string& empty_text,
                               const ChartLayout& layout) {
  SvgWriter svg(id, layout.width, title);
  const PlotBox box = layout.plot();
  if (rows.empty()) {
    svg.frame(box);
    svg.empty(box, empty_text);
    return svg.finish(layout.height);
  }
  double hi = x_min_hi;
  for (const auto& r : rows)
    for (const auto& v : r.values)
      if (v) hi = std::max(hi, *v);
  const Ticks ticks = nice_ticks(0.0, hi, kTargetTicks);
  const LinearScale x(ticks.lo, ticks.hi, box.left, box.right());
  x_value_axis(svg, box, x, ticks, x_title);
  // The reference line goes under the bars and their labels, so it never hides a value.
  if (reference) {
    const double p = x(*reference);
    svg.element("line", {{"class", "reference"},
                         {"x1", px(p)},
                         {"x2", px(p)},
                         {"y1", px(box.top)},
                         {"y2", px(box.bottom())},
                         {"stroke", "#333"},
                         {"stroke-width", "1.5"},
                         {"stroke-dasharray", "4 3"}});
  }
  const std::size_t n = site_names.size();
  const RowGeometry g = row_geometry(box, rows.size(), n);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double row_mid = box.top + (static_cast<double>(r) + 0.5) * g.band;
    svg.text(box.left - kValueLabelGapPx, row_mid + kFontPx / 3.0, rows[r].name, "end", kFontPx);
    for (std::size_t s = 0; s < n && s < rows[r].values.size(); ++s) {
      const double y = g.y(r, s, n, box);
      const double text_y = y + g.thickness / 2.0 + kFontPx / 3.0;
      if (!rows[r].values[s]) {
        svg.text(box.left + kValueLabelGapPx, text_y, s < rows[r].labels.size() ? rows[r].labels[s] : "", "start",
                 kFontPx, {{"fill", "#888"}});
        continue;
      }
      const double v = std::max(0.0, *rows[r].values[s]);
      svg.bar(box.left, y, x(v) - box.left, g.thickness, site_colour(s),
              s < rows[r].tooltips.size() ? rows[r].tooltips[s] : "");
      if (s < rows[r].labels.size()) svg.text(x(v) + kValueLabelGapPx, text_y, rows[r].labels[s], "start", kFontPx);
    }
  }
  std::vector<LegendItem> legend;
  for (std::size_t s = 0; s < n; ++s) legend.push_back({site_names[s], site_colour(s), false, false});
  for (const auto& e : extra_legend) legend.push_back(e);
  svg.frame(box);
  return svg.finish(finish_legend(svg, layout, legend));
}

template <class T>
std::vector<std::string> names_of(const std::vector<SiteData<T>>& sites) {
  std::vector<std::string> v;
  for (const auto& s : sites) v.push_back(s.site);
  return v;
}

std::string with_thousands(double v) {
  const auto n = static_cast<long long>(std::llround(std::abs(v)));
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0.0 && n != 0 ? "-" : "") + out;
}

}  // namespace

ChartLayout bar_rows_layout(std::size_t rows, std::size_t bars_per_row) {
  constexpr double kTopPx = 8.0;
  constexpr double kBottomPx = 44.0;  // x tick labels and axis title
  constexpr double kWidthPx = 760.0;
  const double row = static_cast<double>(std::max<std::size_t>(1, bars_per_row)) * kBarPx + kRowGapPx;
  return {kWidthPx,
          kTopPx + static_cast<double>(std::max<std::size_t>(1, rows)) * row + kBottomPx,
          kRowLabelMarginPx,
          kRowValueMarginPx,
          kTopPx,
          kBottomPx};
}

std::string linearity_chart(const std::vector<SiteData<std::vector<LinearityPoint>>>& sites,
                            const ChartLayout& layout) {
  SvgWriter svg("chart-linearity", layout.width, "MFU and weak-scaling linearity against GPU count");
  const PlotBox box = layout.plot();
  int64_t gmin = 0, gmax = 0;
  double vmax = 1.0;  // both are fractions; the axis always shows 0..1 at least
  std::vector<int64_t> counts;
  for (const auto& s : sites) {
    if (!s.data) continue;
    for (const auto& p : *s.data) {
      gmin = gmin == 0 ? p.gpus : std::min(gmin, p.gpus);
      gmax = std::max(gmax, p.gpus);
      vmax = std::max({vmax, p.mfu, p.linearity});
      counts.push_back(p.gpus);
    }
  }
  if (counts.empty()) {
    svg.frame(box);
    svg.empty(box, missing_text(sites));
    return svg.finish(layout.height);
  }
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  const Log2Scale x(static_cast<double>(gmin), static_cast<double>(gmax), box.left, box.right());
  const Ticks ticks = nice_ticks(0.0, vmax, kTargetTicks);
  const LinearScale y(ticks.lo, ticks.hi, box.bottom(), box.top);
  svg.y_axis(box, y, ticks, "MFU, linearity");
  std::vector<double> xs;
  std::vector<std::string> labels;
  // Labels from the largest count down, each kept only if it clears the one to its right: the job's full size
  // (the last point) is always labelled.
  for (std::size_t i = counts.size(); i-- > 0;) {
    const double p = x(static_cast<double>(counts[i]));
    if (!xs.empty() && xs.back() - p < kMinLabelGapPx) continue;
    xs.push_back(p);
    labels.push_back(with_thousands(static_cast<double>(counts[i])));
  }
  svg.x_labels(box, xs, labels, "GPUs (log scale; one model replica doubling up to the job's size)");
  std::vector<LegendItem> legend;
  for (std::size_t s = 0; s < sites.size(); ++s) {
    if (!sites[s].data || sites[s].data->empty()) continue;
    const auto& pts = *sites[s].data;
    const std::string colour = site_colour(s);
    std::vector<std::pair<double, double>> mfu, lin;
    for (const auto& p : pts) {
      mfu.emplace_back(x(static_cast<double>(p.gpus)), y(p.mfu));
      lin.emplace_back(x(static_cast<double>(p.gpus)), y(p.linearity));
    }
    svg.polyline(mfu, colour, 2.0, false, sites[s].site + ": MFU");
    svg.polyline(lin, colour, 2.0, true, sites[s].site + ": linearity");
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const std::string at = sites[s].site + ", " + with_thousands(static_cast<double>(pts[i].gpus)) + " GPUs: ";
      svg.point(mfu[i].first, mfu[i].second, colour, false, at + "MFU " + fmt(pts[i].mfu, "%.3f"));
      svg.point(lin[i].first, lin[i].second, colour, true, at + "linearity " + fmt(pts[i].linearity, "%.3f"));
    }
    legend.push_back({sites[s].site + " MFU", colour, false, true});
    legend.push_back({sites[s].site + " linearity", colour, true, true});
  }
  for (const auto& m : missing_items(sites)) legend.push_back(m);
  svg.frame(box);
  return svg.finish(finish_legend(svg, layout, legend));
}

std::string step_time_chart(const std::vector<SiteData<std::vector<Part>>>& sites) {
  return step_time_chart(sites, bar_rows_layout(sites.size(), 1));
}

std::string step_time_chart(const std::vector<SiteData<std::vector<Part>>>& sites, const ChartLayout& layout) {
  return stacked_chart(
      "chart-step", "Step time of the reference job by part", "seconds per optimizer step", sites, kCategoryColours,
      kCategoryColourCount, 0.0, 1.0,
      [](const Part& p, double total) {
        return p.name + " " + fmt(p.value, "%.4g") + " s (" + fmt(kPercent * p.value / total, "%.1f") + " %)";
      },
      [](const std::vector<Part>& parts) {
        double t = 0.0;
        for (const auto& p : parts) t += p.value;
        return fmt(t, "%.4g") + " s";
      },
      layout);
}

std::string monthly_chart(const std::string& id, const std::string& title, const std::string& y_title, double y_floor,
                          const std::vector<SiteData<std::array<double, kMonths>>>& sites, const ChartLayout& layout) {
  SvgWriter svg(id, layout.width, title);
  const PlotBox box = layout.plot();
  double vmax = y_floor;
  bool any = false;
  for (const auto& s : sites) {
    if (!s.data) continue;
    any = true;
    for (const double v : *s.data) vmax = std::max(vmax, v);
  }
  if (!any) {
    svg.frame(box);
    svg.empty(box, missing_text(sites));
    return svg.finish(layout.height);
  }
  const Ticks ticks = nice_ticks(y_floor, vmax, kTargetTicks);
  const LinearScale y(ticks.lo, ticks.hi, box.bottom(), box.top);
  svg.y_axis(box, y, ticks, y_title);
  const double slot = box.width / kMonths;
  const double bar_w = slot * kGroupFill / static_cast<double>(std::max<std::size_t>(1, sites.size()));
  const double pad = slot * (1.0 - kGroupFill) / 2.0;
  std::vector<double> xs;
  std::vector<std::string> labels;
  for (int m = 0; m < kMonths; ++m) {
    xs.push_back(box.left + (m + 0.5) * slot);
    labels.emplace_back(kMonthNames[m]);
  }
  svg.x_labels(box, xs, labels, "");
  std::vector<LegendItem> legend;
  for (std::size_t s = 0; s < sites.size(); ++s) {
    if (!sites[s].data) continue;
    for (int m = 0; m < kMonths; ++m) {
      const double v = std::max(ticks.lo, (*sites[s].data)[m]);
      const double x0 = box.left + m * slot + pad + static_cast<double>(s) * bar_w;
      svg.bar(x0, y(v), bar_w, box.bottom() - y(v), site_colour(s),
              sites[s].site + ", " + kMonthNames[m] + ": " + fmt((*sites[s].data)[m], "%.3f"));
    }
    legend.push_back({sites[s].site, site_colour(s), false, false});
  }
  for (const auto& m : missing_items(sites)) legend.push_back(m);
  svg.frame(box);
  return svg.finish(finish_legend(svg, layout, legend));
}

std::string hourly_chart(const std::string& id, const std::string& title, const std::string& y_title, double y_floor,
                         const std::vector<SiteData<std::vector<double>>>& sites, const ChartLayout& layout) {
  SvgWriter svg(id, layout.width, title);
  const PlotBox box = layout.plot();
  double vmax = y_floor;
  bool any = false;
  for (const auto& s : sites) {
    if (!s.data || s.data->empty()) continue;
    any = true;
    for (const double v : *s.data)
      if (std::isfinite(v)) vmax = std::max(vmax, v);
  }
  if (!any) {
    svg.frame(box);
    svg.empty(box, missing_text(sites));
    return svg.finish(layout.height);
  }
  const Ticks ticks = nice_ticks(y_floor, vmax, kTargetTicks);
  const LinearScale y(ticks.lo, ticks.hi, box.bottom(), box.top);
  svg.y_axis(box, y, ticks, y_title);
  const LinearScale x(0.0, kHoursPerYear, box.left, box.right());
  const auto first = month_first_hours();
  std::vector<double> xs;
  std::vector<std::string> labels;
  for (int m = 0; m < kMonths; ++m) {
    const double p = x(first[m]);
    if (m > 0) {
      svg.element("line",
                  {{"x1", px(p)}, {"x2", px(p)}, {"y1", px(box.top)}, {"y2", px(box.bottom())}, {"stroke", "#e4e4e4"}});
    }
    xs.push_back(x(0.5 * (first[m] + first[m + 1])));
    labels.emplace_back(kMonthNames[m]);
  }
  svg.x_labels(box, xs, labels, "hour of the year");
  std::vector<LegendItem> legend;
  for (std::size_t s = 0; s < sites.size(); ++s) {
    if (!sites[s].data || sites[s].data->empty()) continue;
    std::vector<std::pair<double, double>> pts;
    pts.reserve(sites[s].data->size());
    double lo = 0.0, hi = 0.0;
    for (std::size_t h = 0; h < sites[s].data->size(); ++h) {
      const double v = (*sites[s].data)[h];
      if (!std::isfinite(v)) continue;
      lo = pts.empty() ? v : std::min(lo, v);
      hi = pts.empty() ? v : std::max(hi, v);
      pts.emplace_back(x(static_cast<double>(h)), y(std::max(ticks.lo, v)));
    }
    constexpr double kHourlyStrokePx = 0.8;  // 8,760 points on ~670 px: thin, or the line becomes a band
    svg.polyline(pts, site_colour(s), kHourlyStrokePx, false,
                 sites[s].site + ": hourly, min " + fmt(lo, "%.3f") + ", max " + fmt(hi, "%.3f"));
    legend.push_back({sites[s].site, site_colour(s), false, true});
  }
  for (const auto& m : missing_items(sites)) legend.push_back(m);
  svg.frame(box);
  return svg.finish(finish_legend(svg, layout, legend));
}

std::string headroom_chart(const std::vector<SiteData<std::vector<LayerHeadroom>>>& sites) {
  std::size_t rows = 0;
  for (int i = 0; i < topo::kLayerCount; ++i) {
    const std::string path = topo::layer_path(static_cast<topo::LayerId>(i));
    for (const auto& s : sites) {
      if (s.data && std::any_of(s.data->begin(), s.data->end(), [&](const auto& l) { return l.layer == path; })) {
        ++rows;
        break;
      }
    }
  }
  return headroom_chart(sites, bar_rows_layout(rows, sites.size()));
}

std::string headroom_chart(const std::vector<SiteData<std::vector<LayerHeadroom>>>& sites, const ChartLayout& layout) {
  std::vector<HBarRow> rows;
  for (int i = 0; i < topo::kLayerCount; ++i) {
    const std::string path = topo::layer_path(static_cast<topo::LayerId>(i));
    HBarRow row;
    row.name = path;
    bool present = false;
    for (const auto& s : sites) {
      const LayerHeadroom* h = nullptr;
      if (s.data) {
        for (const auto& l : *s.data)
          if (l.layer == path) h = &l;
      }
      if (!h) {
        row.values.emplace_back(std::nullopt);
        row.labels.emplace_back(s.data ? "none" : "not modelled");
        row.tooltips.emplace_back();
        continue;
      }
      present = true;
      const double pct = kPercent * h->load_fraction();
      row.values.emplace_back(pct);
      const std::string sign = h->headroom_kw() >= 0.0 ? "+" : "";
      row.labels.push_back(fmt(pct, "%.0f") + " % · " + sign + with_thousands(h->headroom_kw()) + " kW" +
                           (h->headroom_kw() < 0.0 ? " (redundancy not met)" : ""));
      row.tooltips.push_back(s.site + ", " + path + " (" + h->redundancy + ", " + std::to_string(h->groups) +
                             " group(s), " + std::to_string(h->units) + " x " + with_thousands(h->unit_kw) +
                             " kW): load " + with_thousands(h->load_kw) + " kW, capacity with redundant units out " +
                             with_thousands(h->capacity_kw) + " kW, installed " + with_thousands(h->installed_kw) +
                             " kW (most loaded group, one side)");
    }
    if (present) rows.push_back(std::move(row));
  }
  // The axis reaches past 100 % so the reference line (load = capacity with redundant units out) stands clear of
  // the frame and a layer near the limit is seen to be near it.
  return grouped_hbar_chart(
      "chart-headroom", "Power and cooling headroom per layer",
      "design load, % of capacity with the redundant units out", names_of(sites), rows, kHeadroomAxisPercent, kPercent,
      {{"100 %: no headroom left with the redundant units out", "#333", true, true}}, missing_text(sites), layout);
}

std::string interruptions_chart(const std::vector<SiteData<std::vector<Part>>>& sites) {
  std::vector<std::string> causes;
  for (const auto& s : sites) {
    if (!s.data) continue;
    for (const auto& p : *s.data)
      if (std::find(causes.begin(), causes.end(), p.name) == causes.end()) causes.push_back(p.name);
  }
  return interruptions_chart(sites, bar_rows_layout(causes.size(), sites.size()));
}

std::string interruptions_chart(const std::vector<SiteData<std::vector<Part>>>& sites, const ChartLayout& layout) {
  // Rows: the union of causes, ordered by the largest rate any site has (ties by name).
  std::map<std::string, double> top;
  for (const auto& s : sites) {
    if (!s.data) continue;
    for (const auto& p : *s.data) top[p.name] = std::max(top[p.name], p.value);
  }
  std::vector<std::pair<std::string, double>> order(top.begin(), top.end());
  // kOtherCauses (the summed tail, chart_data.hpp) goes last whatever its size.
  const auto rank = [](const auto& p) { return p.first == kOtherCauses ? 1 : 0; };
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<HBarRow> rows;
  for (const auto& [cause, unused] : order) {
    (void)unused;
    HBarRow row;
    row.name = cause;
    for (const auto& s : sites) {
      std::optional<double> v;
      if (s.data) {
        v = 0.0;
        for (const auto& p : *s.data)
          if (p.name == cause) v = p.value;
      }
      row.values.push_back(v);
      row.labels.push_back(v ? fmt(*v, "%.3g") + " /day" : "not modelled");
      row.tooltips.push_back(v ? s.site + ", " + cause + ": " + fmt(*v, "%.3g") + " interruptions per day" : "");
    }
    rows.push_back(std::move(row));
  }
  const bool any = std::any_of(sites.begin(), sites.end(), [](const auto& s) { return s.data.has_value(); });
  return grouped_hbar_chart("chart-interruptions", "Job interruptions by root cause",
                            "interruptions of the reference job per day (mean over replications)", names_of(sites),
                            rows, 0.0, std::nullopt, {},
                            any ? "no job interruptions in the simulated horizon" : missing_text(sites), layout);
}

std::string ettr_chart(const std::vector<SiteData<std::vector<Part>>>& sites) {
  return ettr_chart(sites, bar_rows_layout(sites.size(), 1));
}

std::string ettr_chart(const std::vector<SiteData<std::vector<Part>>>& sites, const ChartLayout& layout) {
  return stacked_chart(
      "chart-ettr", "Where the reference job's wall-clock time went (ETTR = useful training)",
      "% of the simulated horizon", sites, kBudgetColours, kBudgetColourCount, 1.0, kPercent,
      [](const Part& p, double) { return p.name + " " + fmt(kPercent * p.value, "%.2f") + " %"; },
      [](const std::vector<Part>& parts) {
        return parts.empty() ? std::string() : "ETTR " + fmt(parts.front().value, "%.3f");
      },
      layout);
}

}  // namespace aidc::report
