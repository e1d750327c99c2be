#pragma once
// The score stage of the evaluation pipeline (tools/cli/pipeline.hpp): loads the rubric (the scenario's
// scoring.rubric, else scenarios/rubrics/default.yaml found next to the scenario), collects the inputs
// (score_inputs.hpp), scores them (models/score/score_engine.hpp) and sets the metric "score" and the grade.
//
// Rubric discovery for the default: the first `rubrics/default.yaml` or `scenarios/rubrics/default.yaml` in the
// scenario's directory or any directory above it, then the same search from the working directory. No rubric
// found is a ConfigError at `scoring.rubric`.
#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "models/score/rubric.hpp"
#include "models/score/score_engine.hpp"
#include "models/score/score_input.hpp"
#include "tools/schema/scenario.hpp"
#include "tools/schema/scoring_loader.hpp"
#include "topology/site.hpp"

namespace aidc::cli {

// Everything one scoring of a scenario used and produced.
struct ScoreRun {
  std::string rubric_path;
  models::Rubric rubric;
  tools::ScoringSpec spec;
  models::ScoreInputs inputs;
  models::ScoreResult result;
};

std::string find_rubric_path(const tools::Scenario& sc, const tools::ScoringSpec& spec);

// Loads the scenario's scoring section and rubric and scores the site with the given metrics.
ScoreRun run_score(const tools::Scenario& sc, const topo::Site& site, const models::Metrics& metrics);

// Sets metrics "score" (source "score") and metrics.grade. An empty total (nothing evaluated) leaves the score
// null and the grade at the rubric's ungraded label.
void score_stage(const tools::Scenario& sc, const topo::Site& site, models::Metrics& metrics);

// As above, and the score's 95 % confidence half-width over per-replication metrics (models/score/score_spread.hpp)
// when there are at least two.
void score_stage(const tools::Scenario& sc, const topo::Site& site, models::Metrics& metrics,
                 const std::vector<models::Metrics>& replications);

}  // namespace aidc::cli
