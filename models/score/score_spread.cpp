#include "models/score/score_spread.hpp"

#include <algorithm>
#include <map>

#include "models/score/score_engine.hpp"
#include "sim/stats.hpp"

namespace aidc::models {

ScoreSpread score_spread(const Rubric& rubric, const std::vector<ScoreInputs>& replications) {
  ScoreSpread s;
  sim::Accumulator acc;
  std::map<int, int64_t> by_rank;
  for (const ScoreInputs& in : replications) {
    const ScoreResult r = score(rubric, in);
    if (!r.total) {
      ++s.unscored;
      continue;
    }
    if (acc.count() == 0) {
      s.min = *r.total;
      s.max = *r.total;
    }
    s.min = std::min(s.min, *r.total);
    s.max = std::max(s.max, *r.total);
    acc.add(*r.total);
    ++by_rank[rubric.grade_rank(r.grade)];
  }
  s.replications = acc.count();
  if (s.replications == 0) return s;
  s.mean = acc.mean();
  s.stddev = acc.stddev();
  s.ci95_half_width = sim::confidence_interval(acc, 0.95).half_width;
  for (const auto& [rank, n] : by_rank) {
    const std::string name = rank >= 0 && rank < static_cast<int>(rubric.grades.size())
                                 ? rubric.grades[static_cast<size_t>(rank)].name
                                 : rubric.ungraded;
    s.grade_counts.emplace_back(name, n);
  }
  return s;
}

}  // namespace aidc::models
