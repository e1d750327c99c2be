// `aidc report SCENARIO [SCENARIO2] -o report.html`: one self-contained HTML page for a design review — site
// summary and bill of materials, headline metrics with their 95 % intervals, the score radar by dimension and
// the indicator table, then the charts (tools/report/report_charts.hpp): linearity curve, step-time breakdown,
// monthly PUE and WUE and hourly PUE, power and cooling headroom per layer, interruption causes and the ETTR
// time budget, each with a table of its numbers; last the next-grade advice. With two scenarios (e.g. today and
// after an expansion) every chart draws both sites in two colours, tables sit side by side, values that differ
// are highlighted, and a "what changed" table leads the page.
//
// No scripts, no network: charts are inline SVG, so the page renders and prints anywhere; a Content-Security-
// Policy forbids scripts and remote loads as a second line of defence. Every string that comes from a user file
// (names, locations, rubric text, advice, notes, paths) goes through report::html_escape, directly or through
// ComparisonTable and SvgWriter, which escape everything they are given. Metrics no stage has modelled are
// shown as "not modelled", never as a number.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "models/perf/cluster_from_site.hpp"
#include "models/perf/training_step.hpp"
#include "models/score/score_engine.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/cli/score_advice.hpp"
#include "tools/cli/score_inputs.hpp"
#include "tools/cli/score_stage.hpp"
#include "tools/report/chart_data.hpp"
#include "tools/report/comparison_table.hpp"
#include "tools/report/html_escape.hpp"
#include "tools/report/monthly_energy.hpp"
#include "tools/report/report_charts.hpp"
#include "tools/report/svg_chart.hpp"
#include "tools/results/atomic_file.hpp"
#include "tools/schema/rubric_loader.hpp"

namespace aidc::cli {
namespace {

using report::ComparisonTable;
using report::html_escape;
using report::kSiteColours;
using report::SiteData;

constexpr double kPi = 3.14159265358979323846;
constexpr double kRadarRadius = 120.0;  // px
constexpr double kRadarCentre = 170.0;  // px
constexpr double kLabelMargin = 80.0;   // px each side for the dimension names
constexpr double kFullPoints = 100.0;
constexpr double kPercent = 100.0;
constexpr size_t kAdviceLines = 8;
// Root causes drawn before the rest are summed: Llama 3's Table 5 lists 14 causes; ten rows keep the chart
// readable and the tail is small.
constexpr size_t kMaxCauses = 10;

struct ReportArgs {
  std::vector<std::string> scenarios;
  std::string output;
  bool no_resimulate = false;
};

struct SiteReport {
  tools::Scenario sc;
  topo::Site site;
  tools::ResultsFile results;
  ScoreRun run;
  std::vector<Advice> advice;
  std::optional<models::StepResult> step;  // the reference job's step, when it exists and fits
  std::string step_missing;                // why not
};

std::string num(double v, const char* f = "%.4g") {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string opt(const std::optional<double>& v, const char* f = "%.4g") {
  return v ? num(*v, f) : "not modelled";
}

SiteReport evaluate_site(const std::string& path, bool resimulate) {
  SiteReport r{tools::load_scenario(path), topo::Site{}, {}, {}, {}, std::nullopt, {}};
  r.site = tools::build_site(r.sc);
  r.results = evaluate(r.sc, {}, {});
  r.run = run_score(r.sc, r.site, r.results.metrics);
  ResimulateFn resim;
  if (resimulate) resim = [](const tools::Scenario& s, const topo::Site&) { return evaluate(s, {}, {}).metrics; };
  r.advice = next_grade_advice(r.sc, r.run.spec, r.run.rubric, r.results.metrics, resim);
  if (r.advice.size() > kAdviceLines) r.advice.resize(kAdviceLines);
  // The step breakdown is not in the results file; evaluate the reference job's step again (a pure function of
  // the job and the site, microseconds), as the performance stage did.
  if (r.sc.workloads.empty()) {
    r.step_missing = "the scenario has no workloads";
  } else {
    try {
      const models::StepResult st =
          models::evaluate_step(r.sc.workloads.front(), models::cluster_from_site(r.site, r.sc.hardware));
      if (st.fits) {
        r.step = st;
      } else {
        r.step_missing = "the reference job does not fit in GPU memory: " + st.reason;
      }
    } catch (const std::invalid_argument& e) {
      r.step_missing = e.what();
    }
  }
  return r;
}

std::vector<std::string> site_names(const std::vector<SiteReport>& sites) {
  std::vector<std::string> v;
  for (const auto& r : sites) v.push_back(r.sc.site.name);
  return v;
}

template <class F>
std::vector<std::string> each(const std::vector<SiteReport>& sites, F f) {
  std::vector<std::string> v;
  for (const auto& r : sites) v.push_back(f(r));
  return v;
}

std::string summary_table(const std::vector<SiteReport>& sites) {
  ComparisonTable t(site_names(sites));
  t.row("scenario file", each(sites, [](const SiteReport& r) { return r.sc.path; }));
  t.row("location", each(sites, [](const SiteReport& r) { return r.sc.site.location; }));
  t.row("GPU", each(sites, [](const SiteReport& r) { return r.sc.hardware.name; }));
  t.row("GPUs", each(sites, [](const SiteReport& r) { return std::to_string(r.site.gpus()); }));
  t.row("nodes", each(sites, [](const SiteReport& r) { return std::to_string(r.site.nodes()); }));
  t.row("racks (compute / storage / network)", each(sites, [](const SiteReport& r) {
          return std::to_string(r.site.compute_racks()) + " / " + std::to_string(r.site.storage_racks()) + " / " +
                 std::to_string(r.site.network_racks());
        }));
  t.row("IT power, kW", each(sites, [](const SiteReport& r) { return num(r.site.it_power_kw(), "%.0f"); }));
  t.row("reference job", each(sites, [](const SiteReport& r) {
          return r.sc.workloads.empty() ? std::string("none") : r.sc.workloads.front().name;
        }));
  t.row("simulation (horizon, replications, seed)", each(sites, [](const SiteReport& r) {
          return num(r.sc.simulation.horizon_hours, "%.0f") + " h, " + std::to_string(r.results.replications) +
                 ", seed " + std::to_string(r.results.seed);
        }));
  return t.html();
}

std::string bom_table(const std::vector<SiteReport>& sites) {
  ComparisonTable t(site_names(sites));
  t.row("fabric switches (leaf / spine / core)", each(sites, [](const SiteReport& r) {
          const topo::SwitchCounts c = r.site.switches_by_tier();
          return std::to_string(c.leaf) + " / " + std::to_string(c.spine) + " / " + std::to_string(c.core);
        }));
  t.row("storage-network switches",
        each(sites, [](const SiteReport& r) { return std::to_string(r.site.storage_switches_by_tier().total()); }));
  t.row("links", each(sites, [](const SiteReport& r) { return std::to_string(r.site.links()); }));
  t.row("optical transceivers", each(sites, [](const SiteReport& r) { return std::to_string(r.site.optics()); }));
  t.row("storage nodes", each(sites, [](const SiteReport& r) { return std::to_string(r.site.storage_nodes()); }));
  for (int i = 0; i < topo::kLayerCount; ++i) {
    const auto id = static_cast<topo::LayerId>(i);
    t.row(topo::layer_path(id) + " units (redundancy)", each(sites, [id](const SiteReport& r) {
            const topo::LayerPlan& l = r.site.layer(id);
            if (!l.present) return std::string("none");
            return std::to_string(l.units()) + " x " + num(l.unit_kw, "%.0f") + " kW (" +
                   topo::to_string(l.redundancy) + ")";
          }));
  }
  return t.html();
}

std::string metric_cell(const SiteReport& r, const std::string& key) {
  const models::MetricValue* mv = r.results.metrics.find(key);
  std::string c = mv ? opt(mv->value) : "not modelled";
  if (mv && mv->value && mv->ci95_half_width) c += " ± " + num(*mv->ci95_half_width, "%.2g");
  return c;
}

std::string metrics_table(const std::vector<SiteReport>& sites) {
  ComparisonTable t(site_names(sites));
  for (const models::MetricKey& k : models::kHeadlineMetrics) {
    t.row(std::string(k.name) + " (" + k.unit + ")",
          each(sites, [&k](const SiteReport& r) { return metric_cell(r, k.name); }));
  }
  t.row("grade", each(sites, [](const SiteReport& r) { return r.run.result.grade; }));
  return t.html();
}

// Two sites: every headline metric before and after, with the change; rows that changed are highlighted.
std::string changes_table(const std::vector<SiteReport>& sites) {
  const SiteReport& a = sites[0];
  const SiteReport& b = sites[1];
  std::string s = "<table class=\"changes\">\n<tr><th>metric</th><th>" + html_escape(a.sc.site.name) + "</th><th>" +
                  html_escape(b.sc.site.name) + "</th><th>change</th></tr>\n";
  auto line = [&](const std::string& label, const std::string& va, const std::string& vb, const std::string& delta) {
    const bool changed = va != vb;
    const std::string cls = changed ? " class=\"diff\"" : "";
    s += "<tr><th>" + html_escape(label) + "</th><td" + cls + ">" + html_escape(va) + "</td><td" + cls + ">" +
         html_escape(vb) + "</td><td" + cls + ">" + html_escape(delta) + "</td></tr>\n";
  };
  for (const models::MetricKey& k : models::kHeadlineMetrics) {
    const auto va = a.results.metrics.value(k.name);
    const auto vb = b.results.metrics.value(k.name);
    std::string delta = "—";
    if (va && vb) {
      delta = (*vb >= *va ? "+" : "") + num(*vb - *va);
      if (*va != 0.0)
        delta += " (" + std::string(*vb >= *va ? "+" : "") + num(kPercent * (*vb - *va) / *va, "%.1f") + " %)";
    }
    line(std::string(k.name) + " (" + k.unit + ")", metric_cell(a, k.name), metric_cell(b, k.name), delta);
  }
  line("grade", a.run.result.grade, b.run.result.grade, a.run.result.grade == b.run.result.grade ? "—" : "changed");
  line("GPUs", std::to_string(a.site.gpus()), std::to_string(b.site.gpus()),
       num(static_cast<double>(b.site.gpus() - a.site.gpus()), "%+.0f"));
  line("IT power, kW", num(a.site.it_power_kw(), "%.0f"), num(b.site.it_power_kw(), "%.0f"),
       num(b.site.it_power_kw() - a.site.it_power_kw(), "%+.0f"));
  return s + "</table>\n";
}

// Radar of dimension scores, one polygon per site; dimensions not evaluated are drawn at the centre and named
// "(not evaluated)".
std::string radar_svg(const std::vector<SiteReport>& sites) {
  const auto& dims = sites.front().run.result.dimensions;
  const size_t n = dims.size();
  const double size = 2.0 * kRadarCentre;
  std::ostringstream o;
  o << "<svg class=\"chart\" id=\"radar\" role=\"img\" width=\"" << size + 2 * kLabelMargin << "\" height=\"" << size
    << "\" viewBox=\"" << -kLabelMargin << " 0 " << size + 2 * kLabelMargin << " " << size
    << "\">\n<title>Score by dimension</title>\n";
  auto pt = [&](size_t i, double frac) {
    const double a = 2.0 * kPi * static_cast<double>(i) / static_cast<double>(n) - kPi / 2.0;
    return std::make_pair(kRadarCentre + frac * kRadarRadius * std::cos(a),
                          kRadarCentre + frac * kRadarRadius * std::sin(a));
  };
  for (double ring : {0.2, 0.4, 0.6, 0.8, 1.0}) {
    o << "<polygon fill=\"none\" stroke=\"#ccc\" points=\"";
    for (size_t i = 0; i < n; ++i) {
      const auto [x, y] = pt(i, ring);
      o << num(x, "%.1f") << "," << num(y, "%.1f") << " ";
    }
    o << "\"/>\n";
  }
  for (size_t i = 0; i < n; ++i) {
    const auto [x, y] = pt(i, 1.0);
    const auto [lx, ly] = pt(i, 1.18);
    o << "<line stroke=\"#ccc\" x1=\"" << kRadarCentre << "\" y1=\"" << kRadarCentre << "\" x2=\"" << num(x, "%.1f")
      << "\" y2=\"" << num(y, "%.1f") << "\"/>\n";
    o << "<text font-size=\"11\" text-anchor=\"middle\" x=\"" << num(lx, "%.1f") << "\" y=\"" << num(ly, "%.1f")
      << "\">" << html_escape(dims[i].name) << (dims[i].score ? "" : " (not evaluated)") << "</text>\n";
  }
  for (size_t s = 0; s < sites.size(); ++s) {
    const char* colour = kSiteColours[std::min<size_t>(s, report::kMaxSites - 1)];
    o << "<polygon class=\"series mark\" fill=\"" << colour << "\" fill-opacity=\"0.2\" stroke=\"" << colour
      << "\" stroke-width=\"2\" points=\"";
    const auto& ds = sites[s].run.result.dimensions;
    for (size_t i = 0; i < n && i < ds.size(); ++i) {
      const auto [x, y] = pt(i, ds[i].score.value_or(0.0) / kFullPoints);
      o << num(x, "%.1f") << "," << num(y, "%.1f") << " ";
    }
    o << "\"><title>" << html_escape(sites[s].sc.site.name) << "</title></polygon>\n";
  }
  o << "</svg>\n";
  return o.str();
}

std::string indicator_table(const SiteReport& r) {
  std::string s = "<h3>" + html_escape(r.sc.site.name) + ": " + html_escape(r.run.rubric.name) +
                  "</h3>\n<table>\n<tr><th>indicator</th><th>dimension</th><th>value</th><th>score</th><th>max points"
                  "</th><th>source</th></tr>\n";
  for (const auto& i : r.run.result.indicators) {
    s += std::string("<tr") + (i.evaluated ? "" : " class=\"missing\"") + "><td>" + html_escape(i.name) + "</td><td>" +
         html_escape(i.dimension) + "</td><td>" + (i.value ? html_escape(num(*i.value) + " " + i.unit) : "—") +
         "</td><td>" + (i.evaluated && i.score ? num(*i.score, "%.1f") : "not evaluated") + "</td><td>" +
         num(i.max_points, "%.2f") + "</td><td>" + html_escape(i.source) + "</td></tr>\n";
  }
  s += "</table>\n";
  const auto& res = r.run.result;
  s += "<p>Total <b>" + (res.total ? num(*res.total, "%.1f") : std::string("not evaluated")) + "</b>, grade <b>" +
       html_escape(res.grade) + "</b>, coverage " + num(kPercent * res.coverage, "%.0f") + " % of the rubric's weight.";
  for (const auto& c : res.caps_applied) s += " Capped: " + html_escape(c) + ".";
  s += "</p>\n";
  return s;
}

std::string advice_list(const SiteReport& r) {
  const auto& res = r.run.result;
  std::string s = "<h3>" + html_escape(r.sc.site.name) + "</h3>\n";
  if (res.next_grade && res.total && res.next_grade_min) {
    s += "<p>Next grade " + html_escape(*res.next_grade) + " needs " + num(*res.next_grade_min, "%.1f") + " points (+" +
         num(*res.next_grade_min - *res.total, "%.1f") + ").</p>\n";
  }
  if (r.advice.empty()) return s + "<p>No single tried change raises the score.</p>\n";
  s += "<ol>\n";
  for (const auto& a : r.advice) {
    s += "<li>" + html_escape(a.change) + ": <b>+" + num(a.gain, "%.2f") + "</b> points → " + num(a.new_total, "%.1f") +
         " " + html_escape(a.new_grade) + (a.reaches_next_grade ? " (reaches the next grade)" : "") + "</li>\n";
  }
  return s + "</ol>\n";
}

std::string notes_list(const std::vector<SiteReport>& sites) {
  std::string s;
  for (const auto& r : sites) {
    std::vector<std::string> all = r.results.notes;
    for (const auto& w : r.site.warnings()) all.push_back("topology: " + w);
    if (all.empty()) continue;
    s += "<h3>" + html_escape(r.sc.site.name) + "</h3>\n<ul>\n";
    for (const auto& n : all) s += "<li>" + html_escape(n) + "</li>\n";
    s += "</ul>\n";
  }
  return s.empty() ? "<p>None.</p>\n" : s;
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>\n" + svg + "<figcaption>" + html_escape(caption) + "</figcaption>\n</figure>\n";
}

// --- chart sections ---------------------------------------------------------------------------------------

std::string performance_section(const std::vector<SiteReport>& sites) {
  std::vector<SiteData<std::vector<report::LinearityPoint>>> lin;
  std::vector<SiteData<std::vector<report::Part>>> step;
  for (const auto& r : sites) {
    auto pts = report::linearity_points(r.results);
    SiteData<std::vector<report::LinearityPoint>> d{r.sc.site.name, std::nullopt, "no feasible point"};
    if (!pts.empty()) d.data = std::move(pts);
    if (r.sc.workloads.empty()) d.missing = "the scenario has no workloads";
    lin.push_back(std::move(d));
    SiteData<std::vector<report::Part>> sd{r.sc.site.name, std::nullopt, r.step_missing};
    if (r.step) sd.data = report::step_parts(r.step->breakdown);
    step.push_back(std::move(sd));
  }
  std::string h = figure(report::linearity_chart(lin),
                         "Weak scaling of the reference job: one model replica (tp x pp x cp GPUs) doubling in data "
                         "parallelism up to the job's size. Solid: MFU; dashed: linearity (throughput per GPU relative "
                         "to the smallest point).");
  ComparisonTable lt(site_names(sites));
  std::vector<int64_t> counts;
  for (const auto& d : lin)
    if (d.data)
      for (const auto& p : *d.data) counts.push_back(p.gpus);
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  for (const int64_t g : counts) {
    std::vector<std::string> cells;
    for (const auto& d : lin) {
      std::string c = "—";
      if (d.data)
        for (const auto& p : *d.data)
          if (p.gpus == g) c = "MFU " + num(p.mfu, "%.3f") + ", linearity " + num(p.linearity, "%.3f");
      cells.push_back(c);
    }
    lt.row(std::to_string(g) + " GPUs", cells);
  }
  h += lt.html();
  h += figure(report::step_time_chart(step),
              "One optimizer step of the reference job at full size, split as the step model adds it up: compute "
              "(recomputation apart), exposed communication per parallelism, pipeline bubble and optimizer. "
              "Communication hidden behind compute is not shown.");
  ComparisonTable st(site_names(sites));
  for (std::size_t i = 0; i < report::step_parts(models::StepBreakdown{}).size(); ++i) {
    std::string name = report::step_parts(models::StepBreakdown{})[i].name;
    st.row(name + ", s", each(sites, [i](const SiteReport& r) {
             if (!r.step) return std::string("not modelled");
             const auto parts = report::step_parts(r.step->breakdown);
             return num(parts[i].value, "%.4g") + " (" + num(kPercent * parts[i].value / r.step->step_time_s, "%.1f") +
                    " %)";
           }));
  }
  st.row("step time, s",
         each(sites, [](const SiteReport& r) { return r.step ? num(r.step->step_time_s, "%.4g") : "not modelled"; }));
  return h + st.html();
}

std::string energy_section(const std::vector<SiteReport>& sites) {
  std::vector<SiteData<std::array<double, report::kMonths>>> pue, wue;
  std::vector<SiteData<std::vector<double>>> hourly;
  std::vector<std::optional<report::MonthlyEnergy>> monthly;
  for (const auto& r : sites) {
    std::string why;
    auto m = report::monthly_energy(r.results, &why);
    pue.push_back({r.sc.site.name, m ? std::optional(m->pue) : std::nullopt, why});
    wue.push_back({r.sc.site.name, m ? std::optional(m->wue_l_per_kwh) : std::nullopt, why});
    const tools::Series* s = report::find_series(r.results, "pue");
    hourly.push_back({r.sc.site.name, s ? std::optional(s->values) : std::nullopt, "energy not modelled"});
    monthly.push_back(std::move(m));
  }
  std::string h = figure(report::monthly_chart("chart-pue-monthly", "Monthly PUE", "PUE", 1.0, pue),
                         "Monthly PUE: facility energy over IT energy in each month (bars start at 1.0, the lowest "
                         "possible PUE).");
  h += figure(report::monthly_chart("chart-wue-monthly", "Monthly WUE", "WUE, L/kWh", 0.0, wue),
              "Monthly WUE: site water use over IT energy in each month.");
  h += figure(report::hourly_chart("chart-pue-hourly", "Hourly PUE over the year", "PUE", 1.0, hourly),
              "Hourly PUE of the modelled year (the climate file's hours).");
  ComparisonTable t(site_names(sites));
  auto cells = [&](auto f) {
    std::vector<std::string> v;
    for (const auto& m : monthly) v.push_back(m ? f(*m) : std::string("not modelled"));
    return v;
  };
  t.row("annual PUE", cells([](const report::MonthlyEnergy& m) { return num(m.annual_pue, "%.3f"); }));
  t.row("PUE, best and worst month", cells([](const report::MonthlyEnergy& m) {
          const auto [lo, hi] = std::minmax_element(m.pue.begin(), m.pue.end());
          return num(*lo, "%.3f") + " (" + report::kMonthNames[lo - m.pue.begin()] + ") / " + num(*hi, "%.3f") + " (" +
                 report::kMonthNames[hi - m.pue.begin()] + ")";
        }));
  t.row("annual WUE, L/kWh", cells([](const report::MonthlyEnergy& m) { return num(m.annual_wue_l_per_kwh, "%.3f"); }));
  t.row("WUE, best and worst month", cells([](const report::MonthlyEnergy& m) {
          const auto [lo, hi] = std::minmax_element(m.wue_l_per_kwh.begin(), m.wue_l_per_kwh.end());
          return num(*lo, "%.3f") + " (" + report::kMonthNames[lo - m.wue_l_per_kwh.begin()] + ") / " +
                 num(*hi, "%.3f") + " (" + report::kMonthNames[hi - m.wue_l_per_kwh.begin()] + ")";
        }));
  return h + t.html();
}

std::string headroom_section(const std::vector<SiteReport>& sites) {
  std::vector<SiteData<std::vector<report::LayerHeadroom>>> d;
  std::vector<std::vector<report::LayerHeadroom>> all;
  for (const auto& r : sites) {
    all.push_back(report::layer_headroom(r.site));
    d.push_back({r.sc.site.name, all.back(), ""});
  }
  std::string h =
      figure(report::headroom_chart(d),
             "Each power and cooling layer's most loaded group: design load (nameplate IT power, plus the "
             "facility share upstream of the UPS; rack heat for cooling) as a share of what one side of the "
             "group carries with its redundant units out (N+X: X units; 2N: the other side). Right of each "
             "bar: the headroom in kW. Beyond 100 % the declared redundancy is not met.");
  ComparisonTable t(site_names(sites));
  for (int i = 0; i < topo::kLayerCount; ++i) {
    const std::string path = topo::layer_path(static_cast<topo::LayerId>(i));
    std::vector<std::string> cells;
    bool any = false;
    for (const auto& layers : all) {
      std::string c = "none";
      for (const auto& l : layers) {
        if (l.layer != path) continue;
        any = true;
        c = num(l.load_kw, "%.0f") + " of " + num(l.capacity_kw, "%.0f") + " kW (" + l.redundancy + "), headroom " +
            num(l.headroom_kw(), "%+.0f") + " kW";
      }
      cells.push_back(c);
    }
    if (any) t.row(path, cells);
  }
  return h + t.html();
}

std::string reliability_section(const std::vector<SiteReport>& sites) {
  std::vector<SiteData<std::vector<report::Part>>> causes, budget;
  for (const auto& r : sites) {
    auto c = report::interruptions_per_day(r.results, r.sc.simulation.horizon_hours, kMaxCauses);
    auto b = report::ettr_budget(r.results);
    const std::string why = r.sc.reliability ? "no interruptions recorded" : "no reliability section";
    causes.push_back({r.sc.site.name, r.sc.reliability ? std::optional(std::move(c)) : std::nullopt, why});
    budget.push_back({r.sc.site.name, b.empty() ? std::nullopt : std::optional(std::move(b)), why});
  }
  std::string h = figure(report::interruptions_chart(causes),
                         "Interruptions of the reference job per day by root cause (failure classes of the "
                         "reliability table grouped by their root cause), mean over the Monte Carlo replications.");
  h += figure(report::ettr_chart(budget),
              "The simulated horizon split into useful training (its share is the ETTR), checkpoint overhead, work "
              "lost at interruptions (since the last checkpoint), slow-down under cooling throttling, and time not "
              "running (detection, restart, repair, maintenance); means over replications.");
  ComparisonTable t(site_names(sites));
  t.row("ETTR", each(sites, [](const SiteReport& r) { return metric_cell(r, "ettr"); }));
  t.row("MTBF, h", each(sites, [](const SiteReport& r) { return metric_cell(r, "mtbf_hours"); }));
  t.row("interruptions per day", each(sites, [](const SiteReport& r) {
          const auto c = report::interruptions_per_day(r.results, r.sc.simulation.horizon_hours, 0);
          if (!r.sc.reliability) return std::string("not modelled");
          double total = 0.0;
          for (const auto& p : c) total += p.value;
          return num(total, "%.3g");
        }));
  for (const auto& b : budget) {
    if (!b.data) continue;
    for (std::size_t i = 0; i < b.data->size(); ++i) {
      t.row((*b.data)[i].name + ", % of horizon", each(sites, [i](const SiteReport& r) {
              const auto parts = report::ettr_budget(r.results);
              return i < parts.size() ? num(kPercent * parts[i].value, "%.2f") : std::string("not modelled");
            }));
    }
    break;
  }
  return h + t.html();
}

std::string page(const std::vector<SiteReport>& sites) {
  std::string title = "aidcsim design review: " + sites.front().sc.site.name;
  if (sites.size() > 1) title += " vs " + sites[1].sc.site.name;
  // CSP: no scripts, no remote loads, inline styles only (the page needs nothing else); a second line of defence
  // behind the escaping.
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<title>" +
      html_escape(title) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:"
      "collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}"
      "td.diff{background:#fff3b0}tr.missing td{color:#888}h2{border-bottom:2px solid #333}"
      "svg.chart{max-width:100%;height:auto;display:block}figure{margin:1em 0}figcaption{font-size:12px;color:#444;"
      "max-width:760px}.legend span{margin-right:1em}"
      "@media print{body{margin:0;max-width:none}h2{page-break-before:always}h2:first-of-type{page-break-before:avoid}"
      "figure,table,svg{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}</style>\n"
      "</head><body>\n<h1>" +
      html_escape(title) + "</h1>\n";
  h += "<p class=\"legend\">";
  for (size_t s = 0; s < sites.size(); ++s) {
    h += std::string("<span style=\"color:") + kSiteColours[std::min<size_t>(s, report::kMaxSites - 1)] + "\">■ " +
         html_escape(sites[s].sc.site.name) + "</span>";
  }
  h += "</p>\n";
  if (sites.size() > 1) {
    h += "<h2>What changed</h2>\n<p>Headline metrics of the two scenarios; changed values are highlighted.</p>\n" +
         changes_table(sites);
  }
  h += "<h2>Site summary</h2>\n" + summary_table(sites);
  h += "<h2>Bill of materials</h2>\n" + bom_table(sites);
  h += "<h2>Headline metrics</h2>\n<p>± is the 95 % confidence half-width over Monte Carlo replications where the "
       "metric is stochastic.</p>\n" +
       metrics_table(sites);
  h += "<h3>Notes</h3>\n" + notes_list(sites);
  h += "<h2>Score by dimension</h2>\n" + radar_svg(sites);
  h += "<h2>Indicators</h2>\n";
  for (const auto& r : sites) h += indicator_table(r);
  h += "<h2>Performance</h2>\n" + performance_section(sites);
  h += "<h2>Energy over the year</h2>\n" + energy_section(sites);
  h += "<h2>Power and cooling headroom</h2>\n" + headroom_section(sites);
  h += "<h2>Interruptions and ETTR</h2>\n" + reliability_section(sites);
  h += "<h2>What to change for the next grade</h2>\n<p>Each change was applied to a copy of the scenario and scored "
       "again.</p>\n";
  for (const auto& r : sites) h += advice_list(r);
  return h + "</body></html>\n";
}

}  // namespace

void add_report_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("report", "Write a self-contained HTML design review of one or two scenarios");
  auto a = std::make_shared<ReportArgs>();
  cmd->add_option("SCENARIO", a->scenarios, "Scenario YAML file(s): one, or two to compare (e.g. today, after)")
      ->required()
      ->expected(1, 2);
  cmd->add_option("-o,--output", a->output, "HTML file to write (atomically)")->required();
  cmd->add_flag("--no-resimulate", a->no_resimulate, "Advice keeps the simulated metrics of the base scenario");
  cmd->callback([a, &g] {
    std::vector<SiteReport> sites;
    for (const auto& p : a->scenarios) sites.push_back(evaluate_site(p, !a->no_resimulate));
    tools::write_file_atomic(a->output, page(sites));
    if (!g.quiet) std::cerr << "wrote " << a->output << "\n";
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
