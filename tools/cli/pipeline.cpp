#include "tools/cli/pipeline.hpp"

namespace aidc::cli {

tools::SimulationSpec effective_simulation(const tools::Scenario& sc, const RunOverrides& o) {
  tools::SimulationSpec s = sc.simulation;
  if (o.replications) s.replications = *o.replications;
  if (o.threads) s.threads = *o.threads;
  if (o.seed) s.seed = *o.seed;
  return s;
}

tools::ResultsFile evaluate(const tools::Scenario& sc, const RunOverrides& o, const Progress& progress) {
  const tools::SimulationSpec sim = effective_simulation(sc, o);
  tools::ResultsFile r;
  r.scenario_path = sc.path;
  r.seed = sim.seed;
  r.replications = sim.replications;
  if (progress) progress("evaluate", 1, 1);
  return r;
}

}  // namespace aidc::cli
