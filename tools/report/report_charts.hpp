#pragma once
// The design-review report's charts, each drawn as one inline <svg> (svg_chart.hpp conventions: class "chart",
// data marks of class "mark" with hover titles, a legend below the plot, a "not modelled" message when there is
// nothing to draw). Every chart takes one entry per site, in the report's site order, and draws the sites in
// their colours (kSiteColours) on the same axes, so a before/after pair reads at a glance.
//
//   chart id             what it shows                                             geometry
//   chart-linearity      MFU and weak-scaling linearity against GPU count            x log2(GPUs), y 0..1
//   chart-step           reference job's step time split into its parts            stacked bar per site, seconds
//   chart-pue-monthly    monthly PUE                                               grouped bars from PUE 1.0
//   chart-wue-monthly    monthly WUE                                               grouped bars from 0
//   chart-pue-hourly     hourly PUE over the year                                  one line per site
//   chart-headroom       design load over capacity with redundant units out        grouped bars per layer, %
//   chart-interruptions  job interruptions per day by root cause                   grouped bars per cause
//   chart-ettr           where the job's wall-clock time went (ETTR = useful)      stacked bar per site, % horizon
//
// The plot box is fixed by the ChartLayout passed in (tests pass their own and check coordinates); each chart
// has a default layout below, sized for a 1,200 px page and for A4 print (the SVG scales by its viewBox).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "tools/report/chart_data.hpp"
#include "tools/report/monthly_energy.hpp"
#include "tools/report/svg_chart.hpp"

namespace aidc::report {

template <class T>
struct SiteData {
  std::string site;       // name in legends and hover titles
  std::optional<T> data;  // nullopt: not modelled for this site
  std::string missing;    // why, when data is nullopt
};

// Default layouts (px). Left margins hold the y tick labels and axis title, or the row names of horizontal bars
// (the longest power/cooling layer path, "cooling.cooling_towers", is 22 characters ~ 150 px at 11 px).
inline constexpr ChartLayout kLineLayout{760.0, 320.0, 64.0, 24.0, 16.0, 48.0};
inline constexpr ChartLayout kMonthlyLayout{760.0, 260.0, 64.0, 24.0, 16.0, 48.0};
inline constexpr double kRowLabelMarginPx = 170.0;
inline constexpr double kRowValueMarginPx = 150.0;  // right of horizontal bars, for value labels
// Height of one site's bar in horizontal bar charts, and the gap between rows.
inline constexpr double kBarPx = 16.0;
inline constexpr double kRowGapPx = 10.0;
// A horizontal-bar chart's layout for `rows` rows of `bars_per_row` bars.
ChartLayout bar_rows_layout(std::size_t rows, std::size_t bars_per_row);

std::string linearity_chart(const std::vector<SiteData<std::vector<LinearityPoint>>>& sites,
                            const ChartLayout& layout = kLineLayout);

std::string step_time_chart(const std::vector<SiteData<std::vector<Part>>>& sites);
std::string step_time_chart(const std::vector<SiteData<std::vector<Part>>>& sites, const ChartLayout& layout);

// Monthly values as grouped bars starting at `y_floor` (1.0 for PUE, its lower bound; 0 for WUE).
std::string monthly_chart(const std::string& id, const std::string& title, const std::string& y_title, double y_floor,
                          const std::vector<SiteData<std::array<double, kMonths>>>& sites,
                          const ChartLayout& layout = kMonthlyLayout);

// One value per hour of the year, a line per site, y from `y_floor`; month boundaries marked.
std::string hourly_chart(const std::string& id, const std::string& title, const std::string& y_title, double y_floor,
                         const std::vector<SiteData<std::vector<double>>>& sites,
                         const ChartLayout& layout = kLineLayout);

std::string headroom_chart(const std::vector<SiteData<std::vector<LayerHeadroom>>>& sites);
std::string headroom_chart(const std::vector<SiteData<std::vector<LayerHeadroom>>>& sites, const ChartLayout& layout);

std::string interruptions_chart(const std::vector<SiteData<std::vector<Part>>>& sites);
std::string interruptions_chart(const std::vector<SiteData<std::vector<Part>>>& sites, const ChartLayout& layout);

std::string ettr_chart(const std::vector<SiteData<std::vector<Part>>>& sites);
std::string ettr_chart(const std::vector<SiteData<std::vector<Part>>>& sites, const ChartLayout& layout);

}  // namespace aidc::report
