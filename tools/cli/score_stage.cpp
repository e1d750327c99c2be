#include "tools/cli/score_stage.hpp"

#include <filesystem>

#include "models/score/score_spread.hpp"
#include "tools/cli/score_inputs.hpp"
#include "tools/schema/file_exists.hpp"
#include "tools/schema/rubric_loader.hpp"

namespace aidc::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> search_up(const fs::path& dir) {
  auto found = tools::find_upward(dir, {"rubrics/default.yaml", "scenarios/rubrics/default.yaml"});
  if (found.empty()) return std::nullopt;
  return found;
}

}  // namespace

std::string find_rubric_path(const tools::Scenario& sc, const tools::ScoringSpec& spec) {
  if (spec.rubric) return *spec.rubric;
  if (auto p = search_up(sc.dir)) return *p;
  if (auto p = search_up(fs::current_path())) return *p;
  throw tools::ConfigError(sc.path, 0, 0, "scoring.rubric",
                           "no rubric given and no scenarios/rubrics/default.yaml found above the scenario or the "
                           "working directory");
}

ScoreRun run_score(const tools::Scenario& sc, const topo::Site& site, const models::Metrics& metrics) {
  ScoreRun run;
  if (sc.root) run.spec = tools::load_scoring_spec(*sc.root);
  run.rubric_path = find_rubric_path(sc, run.spec);
  run.rubric = tools::load_rubric(run.rubric_path);
  run.inputs = collect_score_inputs(sc, site, metrics, run.spec);
  run.result = models::score(run.rubric, run.inputs);
  return run;
}

void score_stage(const tools::Scenario& sc, const topo::Site& site, models::Metrics& metrics) {
  score_stage(sc, site, metrics, {});
}

void score_stage(const tools::Scenario& sc, const topo::Site& site, models::Metrics& metrics,
                 const std::vector<models::Metrics>& replications) {
  const ScoreRun run = run_score(sc, site, metrics);
  std::optional<double> ci95;
  if (replications.size() >= 2) {
    std::vector<models::ScoreInputs> per_rep;
    per_rep.reserve(replications.size());
    for (const models::Metrics& m : replications) per_rep.push_back(collect_score_inputs(sc, site, m, run.spec));
    const models::ScoreSpread spread = models::score_spread(run.rubric, per_rep);
    if (spread.replications >= 2) ci95 = spread.ci95_half_width;
  }
  if (run.result.total) metrics.set("score", *run.result.total, "score: " + run.rubric.name, ci95);
  metrics.grade = run.result.grade;
}

}  // namespace aidc::cli
