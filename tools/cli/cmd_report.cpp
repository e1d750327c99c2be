// `aidc report SCENARIO [SCENARIO2] -o report.html`: one self-contained HTML page for a design review — site
// summary and bill of materials, headline metrics with their 95 % intervals, the score radar by dimension, the
// indicator table and the next-grade advice. With two scenarios (e.g. today and after an expansion) the
// columns sit side by side and values that differ are highlighted. No scripts, no network: charts are inline
// SVG, so the page renders and prints anywhere. Every string that comes from a user file is HTML-escaped.
// Metrics no stage has modelled are shown as "not modelled", never as a number.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "models/score/score_engine.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/cli/score_advice.hpp"
#include "tools/cli/score_inputs.hpp"
#include "tools/cli/score_stage.hpp"
#include "tools/results/atomic_file.hpp"
#include "tools/schema/rubric_loader.hpp"

namespace aidc::cli {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kRadarRadius = 120.0;  // px
constexpr double kRadarCentre = 170.0;  // px
constexpr double kLabelMargin = 80.0;   // px each side for the dimension names
constexpr double kFullPoints = 100.0;
constexpr size_t kAdviceLines = 8;
const char* const kColours[] = {"#1f77b4", "#d62728"};

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
};

std::string esc(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      case '\'':
        o += "&#39;";
        break;
      default:
        o += c;
    }
  }
  return o;
}

std::string num(double v, const char* f = "%.4g") {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string opt(const std::optional<double>& v, const char* f = "%.4g") {
  return v ? num(*v, f) : "not modelled";
}

SiteReport evaluate_site(const std::string& path, bool resimulate) {
  SiteReport r{tools::load_scenario(path), topo::Site{}, {}, {}, {}};
  r.site = tools::build_site(r.sc);
  r.results = evaluate(r.sc, {}, {});
  r.run = run_score(r.sc, r.site, r.results.metrics);
  ResimulateFn resim;
  if (resimulate) resim = [](const tools::Scenario& s, const topo::Site&) { return evaluate(s, {}, {}).metrics; };
  r.advice = next_grade_advice(r.sc, r.run.spec, r.run.rubric, r.results.metrics, resim);
  if (r.advice.size() > kAdviceLines) r.advice.resize(kAdviceLines);
  return r;
}

// One table row with a cell per site; cells that differ between sites are marked.
std::string row(const std::string& label, const std::vector<std::string>& cells) {
  bool differ = false;
  for (const auto& c : cells) differ = differ || c != cells.front();
  std::string s = "<tr><th>" + esc(label) + "</th>";
  for (const auto& c : cells)
    s += std::string("<td") + (differ && cells.size() > 1 ? " class=\"diff\"" : "") + ">" + esc(c) + "</td>";
  return s + "</tr>\n";
}

std::string header_row(const std::vector<SiteReport>& sites) {
  std::string s = "<tr><th></th>";
  for (const auto& r : sites) s += "<th>" + esc(r.sc.site.name) + "</th>";
  return s + "</tr>\n";
}

std::string summary_table(const std::vector<SiteReport>& sites) {
  std::string s = "<table>\n" + header_row(sites);
  auto each = [&](auto f) {
    std::vector<std::string> v;
    for (const auto& r : sites) v.push_back(f(r));
    return v;
  };
  s += row("scenario file", each([](const SiteReport& r) { return r.sc.path; }));
  s += row("location", each([](const SiteReport& r) { return r.sc.site.location; }));
  s += row("GPU", each([](const SiteReport& r) { return r.sc.hardware.name; }));
  s += row("GPUs", each([](const SiteReport& r) { return std::to_string(r.site.gpus()); }));
  s += row("nodes", each([](const SiteReport& r) { return std::to_string(r.site.nodes()); }));
  s += row("racks (compute / storage / network)", each([](const SiteReport& r) {
             return std::to_string(r.site.compute_racks()) + " / " + std::to_string(r.site.storage_racks()) + " / " +
                    std::to_string(r.site.network_racks());
           }));
  s += row("IT power, kW", each([](const SiteReport& r) { return num(r.site.it_power_kw(), "%.0f"); }));
  s += "</table>\n";
  return s;
}

std::string bom_table(const std::vector<SiteReport>& sites) {
  std::string s = "<table>\n" + header_row(sites);
  auto each = [&](auto f) {
    std::vector<std::string> v;
    for (const auto& r : sites) v.push_back(f(r));
    return v;
  };
  s += row("fabric switches (leaf / spine / core)", each([](const SiteReport& r) {
             const topo::SwitchCounts c = r.site.switches_by_tier();
             return std::to_string(c.leaf) + " / " + std::to_string(c.spine) + " / " + std::to_string(c.core);
           }));
  s += row("storage-network switches",
           each([](const SiteReport& r) { return std::to_string(r.site.storage_switches_by_tier().total()); }));
  s += row("links", each([](const SiteReport& r) { return std::to_string(r.site.links()); }));
  s += row("optical transceivers", each([](const SiteReport& r) { return std::to_string(r.site.optics()); }));
  s += row("storage nodes", each([](const SiteReport& r) { return std::to_string(r.site.storage_nodes()); }));
  for (int i = 0; i < topo::kLayerCount; ++i) {
    const auto id = static_cast<topo::LayerId>(i);
    s += row(topo::layer_path(id) + " units (redundancy)", each([id](const SiteReport& r) {
               const topo::LayerPlan& l = r.site.layer(id);
               if (!l.present) return std::string("none");
               return std::to_string(l.units()) + " x " + num(l.unit_kw, "%.0f") + " kW (" +
                      topo::to_string(l.redundancy) + ")";
             }));
  }
  return s + "</table>\n";
}

std::string metrics_table(const std::vector<SiteReport>& sites) {
  std::string s = "<table>\n" + header_row(sites);
  for (const models::MetricKey& k : models::kHeadlineMetrics) {
    std::vector<std::string> cells;
    for (const auto& r : sites) {
      const models::MetricValue* mv = r.results.metrics.find(k.name);
      std::string c = mv ? opt(mv->value) : "not modelled";
      if (mv && mv->value && mv->ci95_half_width) c += " ± " + num(*mv->ci95_half_width, "%.2g");
      cells.push_back(c);
    }
    s += row(std::string(k.name) + " (" + k.unit + ")", cells);
  }
  std::vector<std::string> grades;
  for (const auto& r : sites) grades.push_back(r.run.result.grade);
  s += row("grade", grades);
  return s + "</table>\n";
}

// Radar of dimension scores, one polygon per site; dimensions not evaluated are drawn at the centre and named
// "(not evaluated)".
std::string radar_svg(const std::vector<SiteReport>& sites) {
  const auto& dims = sites.front().run.result.dimensions;
  const size_t n = dims.size();
  const double size = 2.0 * kRadarCentre;
  std::ostringstream o;
  o << "<svg class=\"chart\" id=\"radar\" width=\"" << size + 2 * kLabelMargin << "\" height=\"" << size
    << "\" viewBox=\"" << -kLabelMargin << " 0 " << size + 2 * kLabelMargin << " " << size << "\">\n";
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
      << "\">" << esc(dims[i].name) << (dims[i].score ? "" : " (not evaluated)") << "</text>\n";
  }
  for (size_t s = 0; s < sites.size(); ++s) {
    o << "<polygon class=\"series\" fill=\"" << kColours[s] << "\" fill-opacity=\"0.2\" stroke=\"" << kColours[s]
      << "\" stroke-width=\"2\" points=\"";
    const auto& ds = sites[s].run.result.dimensions;
    for (size_t i = 0; i < n && i < ds.size(); ++i) {
      const auto [x, y] = pt(i, ds[i].score.value_or(0.0) / kFullPoints);
      o << num(x, "%.1f") << "," << num(y, "%.1f") << " ";
    }
    o << "\"/>\n";
  }
  o << "</svg>\n";
  return o.str();
}

std::string indicator_table(const SiteReport& r) {
  std::string s = "<h3>" + esc(r.sc.site.name) + ": " + esc(r.run.rubric.name) +
                  "</h3>\n<table>\n<tr><th>indicator</th><th>dimension</th><th>value</th><th>score</th><th>max points"
                  "</th><th>source</th></tr>\n";
  for (const auto& i : r.run.result.indicators) {
    s += std::string("<tr") + (i.evaluated ? "" : " class=\"missing\"") + "><td>" + esc(i.name) + "</td><td>" +
         esc(i.dimension) + "</td><td>" + (i.value ? esc(num(*i.value) + " " + i.unit) : "—") + "</td><td>" +
         (i.evaluated ? num(*i.score, "%.1f") : "not evaluated") + "</td><td>" + num(i.max_points, "%.2f") +
         "</td><td>" + esc(i.source) + "</td></tr>\n";
  }
  s += "</table>\n";
  const auto& res = r.run.result;
  s += "<p>Total <b>" + (res.total ? num(*res.total, "%.1f") : std::string("not evaluated")) + "</b>, grade <b>" +
       esc(res.grade) + "</b>, coverage " + num(100.0 * res.coverage, "%.0f") + " % of the rubric's weight.";
  for (const auto& c : res.caps_applied) s += " Capped: " + esc(c) + ".";
  s += "</p>\n";
  return s;
}

std::string advice_list(const SiteReport& r) {
  const auto& res = r.run.result;
  std::string s = "<h3>" + esc(r.sc.site.name) + "</h3>\n";
  if (res.next_grade && res.total) {
    s += "<p>Next grade " + esc(*res.next_grade) + " needs " + num(*res.next_grade_min, "%.1f") + " points (+" +
         num(*res.next_grade_min - *res.total, "%.1f") + ").</p>\n";
  }
  if (r.advice.empty()) return s + "<p>No single tried change raises the score.</p>\n";
  s += "<ol>\n";
  for (const auto& a : r.advice) {
    s += "<li>" + esc(a.change) + ": <b>+" + num(a.gain, "%.2f") + "</b> points → " + num(a.new_total, "%.1f") + " " +
         esc(a.new_grade) + (a.reaches_next_grade ? " (reaches the next grade)" : "") + "</li>\n";
  }
  return s + "</ol>\n";
}

std::string page(const std::vector<SiteReport>& sites) {
  std::string title = "aidcsim design review: " + sites.front().sc.site.name;
  if (sites.size() > 1) title += " vs " + sites[1].sc.site.name;
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) +
                  "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:"
                  "collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}"
                  "td.diff{background:#fff3b0}tr.missing td{color:#888}h2{border-bottom:2px solid #333}"
                  "@media print{h2{page-break-before:always}h2:first-of-type{page-break-before:avoid}}</style>\n"
                  "</head><body>\n<h1>" +
                  esc(title) + "</h1>\n";
  h += "<h2>Site summary</h2>\n" + summary_table(sites);
  h += "<h2>Bill of materials</h2>\n" + bom_table(sites);
  h += "<h2>Headline metrics</h2>\n<p>± is the 95 % confidence half-width over Monte Carlo replications where the "
       "metric is stochastic.</p>\n" +
       metrics_table(sites);
  h += "<h2>Score by dimension</h2>\n" + radar_svg(sites);
  h += "<p>";
  for (size_t s = 0; s < sites.size(); ++s) {
    h += std::string("<span style=\"color:") + kColours[s] + "\">■</span> " + esc(sites[s].sc.site.name) + " ";
  }
  h += "</p>\n<h2>Indicators</h2>\n";
  for (const auto& r : sites) h += indicator_table(r);
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
