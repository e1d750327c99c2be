#pragma once
// Next-grade advice: which single change to the scenario raises the score most. Each candidate is a
// concrete edit of a copied scenario or of its declared facts; the changed scenario is re-scored for real
// (site rebuilt, inputs re-collected, rubric re-applied), so the gain shown is what the change yields, not an
// estimate. Candidates:
//   - a power or cooling layer's redundancy one class up (N -> N+1, N+1 -> N+2) and to 2N, units re-sized;
//   - dual-ToR on, leaf oversubscription to 1:1, one more storage protection fragment or copy;
//   - each declared fact that is absent set present; each declared number set to the value at which its
//     indicator's curve first reaches its best score (e.g. diverse fibre routes 1 -> 2).
// A change that alters the site also alters simulated metrics (availability, PUE ...): when `resimulate` is
// given it recomputes the metrics of the changed scenario; otherwise the base metrics are kept and the advice
// says so. A candidate whose site no longer builds is skipped. Ranked by points gained, best first; changes
// that gain nothing are dropped.
#include <functional>
#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "models/score/rubric.hpp"
#include "tools/schema/scenario.hpp"
#include "tools/schema/scoring_loader.hpp"
#include "topology/site.hpp"

namespace aidc::cli {

struct Advice {
  std::string change;     // e.g. "cooling.cdus redundancy N+1 -> 2N"
  std::string indicator;  // indicator the change targets (id), empty when several
  double gain = 0.0;      // points
  double new_total = 0.0;
  std::string new_grade;
  bool reaches_next_grade = false;
  bool resimulated = false;  // simulated metrics recomputed for the changed scenario
  tools::Scenario scenario;  // the changed scenario
  tools::ScoringSpec spec;   // the changed declared facts
};

using ResimulateFn = std::function<models::Metrics(const tools::Scenario&, const topo::Site&)>;

std::vector<Advice> next_grade_advice(const tools::Scenario& sc, const tools::ScoringSpec& spec,
                                      const models::Rubric& rubric, const models::Metrics& metrics,
                                      const ResimulateFn& resimulate = {});

}  // namespace aidc::cli
