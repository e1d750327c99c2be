// `aidc score SCENARIO [--json] [--rubric FILE] [--no-resimulate] [--replications N]`: evaluates the scenario,
// scores it with the rubric and prints every indicator's value, points and source, the dimension scores, the
// total and grade (with its spread over the Monte Carlo replications when the pipeline reports them), and the
// changes that would raise the score most, each found by re-scoring the changed scenario.
#include <cstdio>
#include <iostream>
#include <memory>

#include "models/score/score_engine.hpp"
#include "models/score/score_spread.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/cli/score_advice.hpp"
#include "tools/cli/score_inputs.hpp"
#include "tools/cli/score_stage.hpp"
#include "tools/results/json.hpp"
#include "tools/schema/rubric_loader.hpp"

namespace aidc::cli {
namespace {

struct ScoreArgs {
  std::string scenario;
  std::string rubric;
  bool json = false;
  bool no_resimulate = false;
  int64_t replications = 0;
  int64_t advice = 8;
};

// Per-replication metrics from the pipeline's replication table: columns named like headline metrics
// replace the aggregate value.
std::vector<models::Metrics> replication_metrics(const tools::ResultsFile& r) {
  std::vector<models::Metrics> out;
  const tools::Table& t = r.replication_table;
  for (size_t row = 0; row < t.keys.size(); ++row) {
    models::Metrics m = r.metrics;
    bool any = false;
    for (const auto& [name, col] : t.columns) {
      const models::MetricValue* mv = m.find(name);
      if (!mv || row >= col.size()) continue;
      m.set(name, col[row], mv->source);
      any = true;
    }
    if (any) out.push_back(m);
  }
  return out;
}

tools::Json opt_json(const std::optional<double>& v) {
  return v ? tools::Json(*v) : tools::Json();
}

void print_text(const ScoreRun& run, const std::optional<models::ScoreSpread>& spread,
                const std::vector<Advice>& advice) {
  const models::ScoreResult& r = run.result;
  std::printf("rubric: %s (%s), missing inputs: %s\n", run.rubric.name.c_str(), run.rubric_path.c_str(),
              models::to_string(run.rubric.missing));
  std::printf("%-28s %-14s %12s %8s %8s  %s\n", "indicator", "dimension", "value", "score", "max pts", "source");
  for (const auto& ind : r.indicators) {
    char value[32] = "—";
    if (ind.value) std::snprintf(value, sizeof value, "%.4g", *ind.value);
    if (ind.evaluated) {
      std::printf("%-28s %-14s %12s %8.1f %8.2f  %s\n", ind.id.c_str(), ind.dimension.c_str(), value, *ind.score,
                  ind.max_points, ind.source.c_str());
    } else {
      std::printf("%-28s %-14s %12s %8s %8s  not evaluated: %s\n", ind.id.c_str(), ind.dimension.c_str(), value,
                  ind.score ? "0.0" : "—", "", ind.source.c_str());
    }
  }
  std::printf("\n%-20s %8s %8s %9s  %s\n", "dimension", "weight", "score", "coverage", "grade");
  for (const auto& d : r.dimensions) {
    if (d.score) {
      std::printf("%-20s %8.1f %8.1f %8.0f%%  %s\n", d.id.c_str(), d.weight, *d.score, 100.0 * d.coverage,
                  d.grade.c_str());
    } else {
      std::printf("%-20s %8.1f %8s %8.0f%%  not evaluated\n", d.id.c_str(), d.weight, "—", 100.0 * d.coverage);
    }
  }
  if (r.total) {
    std::printf("\ntotal %.1f / 100", *r.total);
    if (spread && spread->replications >= 2) {
      std::printf("  (± %.2f, 95%% CI over %lld replications)", spread->ci95_half_width,
                  static_cast<long long>(spread->replications));
    }
    std::printf("   coverage %.0f%%\ngrade %s\n", 100.0 * r.coverage, r.grade.c_str());
  } else {
    std::printf("\ntotal: not evaluated (no indicator had an input)\ngrade %s\n", r.grade.c_str());
  }
  for (const auto& c : r.caps_applied) std::printf("  capped: %s\n", c.c_str());
  if (r.next_grade && r.total) {
    std::printf("\nnext grade %s needs %.1f points (+%.1f)\n", r.next_grade->c_str(), *r.next_grade_min,
                *r.next_grade_min - *r.total);
  }
  if (!advice.empty()) {
    std::printf("changes ranked by points gained (each re-scored on the changed scenario):\n");
    for (const auto& a : advice) {
      std::printf("  %+6.2f  %-60s -> %.1f %s%s\n", a.gain, a.change.c_str(), a.new_total, a.new_grade.c_str(),
                  a.reaches_next_grade ? "  (reaches the next grade)" : "");
    }
  }
}

tools::Json to_json(const ScoreRun& run, const std::optional<models::ScoreSpread>& spread,
                    const std::vector<Advice>& advice) {
  const models::ScoreResult& r = run.result;
  tools::Json j = tools::Json::object();
  j.set("rubric", run.rubric.name);
  j.set("rubric_path", run.rubric_path);
  j.set("missing_rule", models::to_string(run.rubric.missing));
  j.set("total", opt_json(r.total));
  j.set("coverage", r.coverage);
  j.set("band", r.band);
  j.set("grade", r.grade);
  tools::Json caps = tools::Json::array();
  for (const auto& c : r.caps_applied) caps.push(c);
  j.set("caps_applied", caps);
  j.set("next_grade", r.next_grade ? tools::Json(*r.next_grade) : tools::Json());
  j.set("next_grade_min", opt_json(r.next_grade_min));
  if (spread) {
    tools::Json s = tools::Json::object();
    s.set("replications", spread->replications);
    s.set("mean", spread->mean);
    s.set("stddev", spread->stddev);
    s.set("ci95_half_width", spread->ci95_half_width);
    s.set("min", spread->min);
    s.set("max", spread->max);
    tools::Json g = tools::Json::object();
    for (const auto& [name, n] : spread->grade_counts) g.set(name, n);
    s.set("grades", g);
    j.set("spread", s);
  }
  tools::Json dims = tools::Json::array();
  for (const auto& d : r.dimensions) {
    tools::Json o = tools::Json::object();
    o.set("id", d.id);
    o.set("name", d.name);
    o.set("weight", d.weight);
    o.set("score", opt_json(d.score));
    o.set("coverage", d.coverage);
    o.set("grade", d.score ? tools::Json(d.grade) : tools::Json());
    dims.push(o);
  }
  j.set("dimensions", dims);
  tools::Json inds = tools::Json::array();
  for (const auto& i : r.indicators) {
    tools::Json o = tools::Json::object();
    o.set("id", i.id);
    o.set("name", i.name);
    o.set("dimension", i.dimension);
    o.set("input", i.input);
    o.set("unit", i.unit);
    o.set("input_value", opt_json(i.input_value));
    o.set("reference", opt_json(i.reference));
    o.set("value", opt_json(i.value));
    o.set("score", opt_json(i.score));
    o.set("evaluated", i.evaluated);
    o.set("weight", i.weight);
    o.set("points", i.points);
    o.set("max_points", i.max_points);
    o.set("source", i.source);
    inds.push(o);
  }
  j.set("indicators", inds);
  tools::Json adv = tools::Json::array();
  for (const auto& a : advice) {
    tools::Json o = tools::Json::object();
    o.set("change", a.change);
    o.set("indicator", a.indicator);
    o.set("gain", a.gain);
    o.set("new_total", a.new_total);
    o.set("new_grade", a.new_grade);
    o.set("reaches_next_grade", a.reaches_next_grade);
    o.set("resimulated", a.resimulated);
    adv.push(o);
  }
  j.set("advice", adv);
  return j;
}

}  // namespace

void add_score_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("score", "Score a scenario against the evaluation rubric (grade 1A-5A) with advice");
  auto a = std::make_shared<ScoreArgs>();
  cmd->add_option("SCENARIO", a->scenario, "Scenario YAML file")->required();
  cmd->add_option("--rubric", a->rubric, "Rubric YAML (default: scoring.rubric, else scenarios/rubrics/default.yaml)");
  cmd->add_flag("--json", a->json, "Print the result as JSON");
  cmd->add_flag("--no-resimulate", a->no_resimulate,
                "Advice keeps the simulated metrics instead of re-evaluating each changed scenario");
  cmd->add_option("--replications", a->replications, "Override simulation.replications")->check(CLI::PositiveNumber);
  cmd->add_option("--advice", a->advice, "Number of advice lines (0: none)")->check(CLI::NonNegativeNumber);
  cmd->callback([a, &g] {
    const tools::Scenario sc = tools::load_scenario(a->scenario);
    const topo::Site site = tools::build_site(sc);
    RunOverrides o;
    if (a->replications > 0) o.replications = a->replications;
    const tools::ResultsFile results = evaluate(sc, o, {});

    ScoreRun run;
    if (sc.root) run.spec = tools::load_scoring_spec(*sc.root);
    if (!a->rubric.empty()) run.spec.rubric = a->rubric;
    run.rubric_path = find_rubric_path(sc, run.spec);
    run.rubric = tools::load_rubric(run.rubric_path);
    run.inputs = collect_score_inputs(sc, site, results.metrics, run.spec);
    run.result = models::score(run.rubric, run.inputs);

    std::optional<models::ScoreSpread> spread;
    const std::vector<models::Metrics> reps = replication_metrics(results);
    if (reps.size() >= 2) {
      std::vector<models::ScoreInputs> per_rep;
      for (const auto& m : reps) per_rep.push_back(collect_score_inputs(sc, site, m, run.spec));
      spread = models::score_spread(run.rubric, per_rep);
    }

    std::vector<Advice> advice;
    if (a->advice > 0) {
      ResimulateFn resim;
      if (!a->no_resimulate) {
        resim = [o](const tools::Scenario& s, const topo::Site&) { return evaluate(s, o, {}).metrics; };
      }
      advice = next_grade_advice(sc, run.spec, run.rubric, results.metrics, resim);
      if (advice.size() > static_cast<size_t>(a->advice)) advice.resize(static_cast<size_t>(a->advice));
    }
    if (a->json) {
      std::cout << to_json(run, spread, advice).dump() << "\n";
    } else if (!g.quiet) {
      print_text(run, spread, advice);
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
