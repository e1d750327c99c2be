#include "tools/plan/plan_runner.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>

#include "sim/parallel_for.hpp"
#include "tools/plan/pareto.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double value_of(const DesignResult& d, std::string_view name) {
  const int i = design_value_index(name);
  return i < 0 ? kNaN : d.values[static_cast<size_t>(i)];
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// The objective vector oriented for minimisation; empty when a value is missing.
std::vector<double> oriented(const PlanSpec& spec, const DesignResult& d) {
  std::vector<double> v;
  for (const auto& o : spec.objectives) {
    const double x = value_of(d, o.metric);
    if (!std::isfinite(x)) return {};
    v.push_back(o.goal == Goal::minimize ? x : -x);
  }
  return v;
}

Json options_json(const PlanSpec& spec, const std::vector<int>& options) {
  Json j = Json::object();
  for (size_t i = 0; i < spec.choices.size(); ++i) {
    j.set(spec.choices[i].name, spec.choices[i].options[static_cast<size_t>(options[i])].name);
  }
  return j;
}

Json strings_json(const std::vector<std::string>& v) {
  Json j = Json::array();
  for (const auto& s : v) j.push(s);
  return j;
}

}  // namespace

cli::RunOverrides plan_run_overrides(const PlanSpec& spec) {
  cli::RunOverrides o;
  o.replications = spec.replications;
  o.seed = spec.seed;
  o.threads = 1;  // designs are the unit of parallelism
  return o;
}

DesignResult evaluate_plan_design(const PlanSpec& spec, int64_t index, ResultsFile* full) {
  DesignResult d;
  d.index = index;
  d.options = spec.options_of(index);
  d.values.fill(kNaN);
  try {
    Scenario sc = load_scenario(spec.base_path, spec.overrides_of(index));
    if (spec.horizon_hours) sc.simulation.horizon_hours = *spec.horizon_hours;
    DesignEvaluation e = evaluate_design(sc, plan_run_overrides(spec), &spec.costs, spec.train_tokens, full != nullptr);
    d.evaluated = true;
    d.reason = e.infeasible;
    d.values = e.values;
    d.grade = e.grade;
    d.notes = e.notes;
    for (const auto& n : e.results.notes) d.notes.push_back(n);
    d.bom = e.bom;
    d.tco = e.tco;
    if (full) *full = std::move(e.results);
  } catch (const ConfigError& e) {
    d.reason = e.what();
  } catch (const std::exception& e) {
    d.reason = std::string("evaluation failed: ") + e.what();
  }
  return d;
}

void apply_constraints(const PlanConstraints& c, DesignResult& d) {
  d.violations.clear();
  // An infeasible design has no values to hold against the constraints: its reason says enough.
  if (!d.evaluated || !d.reason.empty()) return;
  auto at_most = [&](const char* name, std::optional<double> limit, const char* key) {
    if (!limit) return;
    const double v = value_of(d, name);
    if (!std::isfinite(v)) {
      d.violations.push_back(std::string(key) + ": " + name + " not modelled");
    } else if (v > *limit) {
      d.violations.push_back(std::string(key) + ": " + name + " " + fmt(v) + " > " + fmt(*limit));
    }
  };
  at_most("facility_power_mw", c.power_budget_mw, "power_budget_mw");
  at_most("pue", c.pue_max, "pue_max");
  at_most("max_rack_kw", c.rack_density_kw_max, "rack_density_kw_max");
  at_most("racks", c.racks_max ? std::optional<double>(static_cast<double>(*c.racks_max)) : std::nullopt, "racks_max");
  if (c.mtbf_min_h) {
    const double v = value_of(d, "mtbf_hours");
    if (!std::isfinite(v)) {
      d.violations.push_back("mtbf_min_h: mtbf_hours not modelled");
    } else if (v < *c.mtbf_min_h) {
      d.violations.push_back("mtbf_min_h: mtbf_hours " + fmt(v) + " < " + fmt(*c.mtbf_min_h));
    }
  }
  if (c.grade_min) {
    const auto g = d.grade ? grade_level(*d.grade) : std::nullopt;
    if (!g) {
      d.violations.push_back("grade_min: grade not modelled");
    } else if (*g < *c.grade_min) {
      d.violations.push_back("grade_min: grade " + *d.grade + " < " + std::to_string(*c.grade_min) + "A");
    }
  }
}

void select_designs(const PlanSpec& spec, PlanResult& r) {
  std::vector<std::vector<double>> points;
  std::vector<size_t> owner;
  for (size_t i = 0; i < r.designs.size(); ++i) {
    DesignResult& d = r.designs[i];
    d.pareto = false;
    if (!d.feasible()) continue;
    auto v = oriented(spec, d);
    if (v.empty()) {
      d.notes.push_back("not ranked: an objective value is not modelled");
      continue;
    }
    points.push_back(std::move(v));
    owner.push_back(i);
  }
  r.pareto.clear();
  for (size_t k : pareto_front(points)) {
    r.designs[owner[k]].pareto = true;
    r.pareto.push_back(r.designs[owner[k]].index);
  }
  r.recommended.reset();
  if (const auto best = lexicographic_best(points)) r.recommended = r.designs[owner[*best]].index;
}

PlanResult run_plan(const PlanSpec& spec, const PlanRunOptions& options) {
  const int64_t n = spec.design_count();
  PlanResult r;
  r.designs.resize(static_cast<size_t>(n));
  std::mutex progress_mutex;
  int64_t done = 0;
  sim::parallel_for_index(n, std::max(0, options.threads), [&](int64_t i) {
    DesignResult d = evaluate_plan_design(spec, i);
    apply_constraints(spec.constraints, d);
    r.designs[static_cast<size_t>(i)] = std::move(d);
    if (options.progress) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      options.progress(++done, n);
    }
  });
  select_designs(spec, r);
  return r;
}

Json plan_json(const PlanSpec& spec, const PlanResult& r) {
  Json j = Json::object();
  j.set("plan", spec.path);
  if (!spec.name.empty()) j.set("name", spec.name);
  j.set("base", spec.base_path);
  j.set("costs", spec.costs_path);
  j.set("designs_total", static_cast<int64_t>(r.designs.size()));
  j.set("replications", spec.replications ? Json(*spec.replications) : Json());
  j.set("seed", spec.seed ? Json(*spec.seed) : Json());
  Json choices = Json::array();
  for (const auto& c : spec.choices) {
    Json x = Json::object();
    x.set("name", c.name);
    Json opts = Json::array();
    for (const auto& o : c.options) opts.push(o.name);
    x.set("options", opts);
    choices.push(x);
  }
  j.set("choices", choices);
  Json objectives = Json::array();
  for (const auto& o : spec.objectives) {
    Json x = Json::object();
    x.set(o.goal == Goal::minimize ? "minimize" : "maximize", o.metric);
    objectives.push(x);
  }
  j.set("objectives", objectives);
  Json cons = Json::object();
  const PlanConstraints& c = spec.constraints;
  if (c.power_budget_mw) cons.set("power_budget_mw", *c.power_budget_mw);
  if (c.pue_max) cons.set("pue_max", *c.pue_max);
  if (c.grade_min) cons.set("grade_min", std::to_string(*c.grade_min) + "A");
  if (c.mtbf_min_h) cons.set("mtbf_min_h", *c.mtbf_min_h);
  if (c.rack_density_kw_max) cons.set("rack_density_kw_max", *c.rack_density_kw_max);
  if (c.racks_max) cons.set("racks_max", *c.racks_max);
  j.set("constraints", cons);

  Json designs = Json::array();
  Json infeasible = Json::array();
  int64_t feasible = 0;
  for (const auto& d : r.designs) {
    Json x = Json::object();
    x.set("index", d.index);
    x.set("options", options_json(spec, d.options));
    x.set("status", d.status());
    x.set("reason", d.reason.empty() ? Json() : Json(d.reason));
    x.set("violations", strings_json(d.violations));
    x.set("pareto", d.pareto);
    x.set("grade", d.grade ? Json(*d.grade) : Json());
    x.set("values", values_json(d.values));
    x.set("notes", strings_json(d.notes));
    designs.push(x);
    if (d.feasible()) ++feasible;
    if (d.status() == "infeasible") {
      Json y = Json::object();
      y.set("index", d.index);
      y.set("options", options_json(spec, d.options));
      y.set("reason", d.reason);
      infeasible.push(y);
    }
  }
  j.set("designs_feasible", feasible);
  j.set("designs", designs);
  j.set("infeasible", infeasible);
  Json front = Json::array();
  for (int64_t i : r.pareto) front.push(i);
  j.set("pareto_front", front);
  if (r.recommended) {
    const DesignResult& d = r.designs[static_cast<size_t>(*r.recommended)];
    Json rec = Json::object();
    rec.set("index", d.index);
    rec.set("options", options_json(spec, d.options));
    Json ov = Json::array();
    for (const auto& o : spec.overrides_of(d.index)) {
      Json x = Json::object();
      x.set("path", o.path);
      x.set("value", o.value);
      ov.push(x);
    }
    rec.set("overrides", ov);
    rec.set("grade", d.grade ? Json(*d.grade) : Json());
    rec.set("values", values_json(d.values));
    rec.set("bill_of_materials", bom_json(d.bom));
    rec.set("tco", d.tco ? tco_json(*d.tco, spec.costs) : Json());
    j.set("recommended", rec);
  } else {
    j.set("recommended", Json());
  }
  return j;
}

Table plan_table(const PlanSpec& spec, const PlanResult& r) {
  Table t;
  t.key_name = "design";
  const size_t n = r.designs.size();
  std::vector<std::vector<double>> choice_cols(spec.choices.size(), std::vector<double>(n));
  std::vector<double> feasible(n), pareto(n), recommended(n), grade(n);
  std::vector<std::vector<double>> value_cols(kDesignValueCount, std::vector<double>(n));
  for (size_t i = 0; i < n; ++i) {
    const DesignResult& d = r.designs[i];
    t.keys.push_back(d.index);
    for (size_t c = 0; c < spec.choices.size(); ++c) choice_cols[c][i] = d.options[c];
    feasible[i] = d.feasible() ? 1.0 : 0.0;
    pareto[i] = d.pareto ? 1.0 : 0.0;
    recommended[i] = r.recommended && *r.recommended == d.index ? 1.0 : 0.0;
    const auto g = d.grade ? grade_level(*d.grade) : std::nullopt;
    grade[i] = g ? *g : kNaN;
    for (int k = 0; k < kDesignValueCount; ++k)
      value_cols[static_cast<size_t>(k)][i] = d.values[static_cast<size_t>(k)];
  }
  for (size_t c = 0; c < spec.choices.size(); ++c) {
    t.columns.emplace_back("option." + spec.choices[c].name, std::move(choice_cols[c]));
  }
  t.columns.emplace_back("feasible", std::move(feasible));
  t.columns.emplace_back("pareto", std::move(pareto));
  t.columns.emplace_back("recommended", std::move(recommended));
  t.columns.emplace_back("grade_level", std::move(grade));
  for (int k = 0; k < kDesignValueCount; ++k) {
    t.columns.emplace_back(kDesignValues[k].name, std::move(value_cols[static_cast<size_t>(k)]));
  }
  return t;
}

}  // namespace aidc::tools
