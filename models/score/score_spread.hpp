#pragma once
// Score spread over Monte Carlo replications: the rubric applied to each replication's inputs (simulated
// metrics vary per replication; topology and declared facts do not), summarised as mean, sample standard
// deviation, a Student-t 95 % confidence half-width of the mean (sim/stats.hpp), range, and how many
// replications landed in each grade. Replications whose total is empty (nothing evaluated) are skipped and
// counted in `unscored`.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/score/rubric.hpp"
#include "models/score/score_input.hpp"

namespace aidc::models {

struct ScoreSpread {
  int64_t replications = 0;  // scored replications
  int64_t unscored = 0;
  double mean = 0.0;
  double stddev = 0.0;
  double ci95_half_width = 0.0;  // 0 with fewer than two scored replications
  double min = 0.0;
  double max = 0.0;
  std::vector<std::pair<std::string, int64_t>> grade_counts;  // best grade first; grades never reached omitted
};

ScoreSpread score_spread(const Rubric& rubric, const std::vector<ScoreInputs>& replications);

}  // namespace aidc::models
