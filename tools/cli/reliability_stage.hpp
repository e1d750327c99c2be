#pragma once
// Reliability stage of the pipeline: Monte Carlo replications of the site's failures, repairs and the
// reference job's checkpoint/restart cycle (models/reliability) on the built topology. Sets mtbf_hours,
// mttr_hours, ettr and availability with 95 % confidence intervals, and one /replications row per
// replication. Bit-identical for any thread count (each replication draws from streams keyed by its index).
// Returns the job's goodput (ETTR) or nullopt when the scenario has no `reliability` section.
#include <optional>

#include "models/metrics.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/results/h5_writer.hpp"
#include "tools/schema/scenario.hpp"
#include "topology/site.hpp"

namespace aidc::cli {

std::optional<double> reliability_stage(const tools::Scenario& sc, const topo::Site& site,
                                        const tools::SimulationSpec& sim, double step_time_s, models::Metrics& m,
                                        tools::ResultsFile& r, const Progress& progress);

}  // namespace aidc::cli
