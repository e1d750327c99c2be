#pragma once
// Reliability stage of the pipeline: Monte Carlo replications of the site's failures, repairs and the
// reference job's checkpoint/restart cycle (models/reliability) on the built topology. Sets mtbf_hours,
// mttr_hours, ettr and availability with 95 % confidence intervals, and one /replications row per
// replication, plus the tables "interruptions_by_cause" (per failure class: interruptions of the job and
// failures at the site, mean and 95 % half-width over replications, with root cause and category) and
// "ettr_time_budget" (the horizon split into useful work, checkpoint overhead, lost work, throttling and time not
// running; the report's ETTR chart). Bit-identical for any thread count (each replication draws from streams keyed by
// its index). Returns the job's goodput (ETTR) and its hourly timeline, or nullopt when the scenario has no
// `reliability` section.
#include <optional>
#include <vector>

#include "models/metrics.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/results/h5_writer.hpp"
#include "tools/schema/scenario.hpp"
#include "topology/site.hpp"

namespace aidc::cli {

struct ReliabilityOutcome {
  double goodput = 0.0;                     // ETTR
  std::vector<double> job_running_by_hour;  // fraction of each horizon hour the job ran, mean over replications
  double job_gpu_share = 1.0;               // the job's GPUs / the site's GPUs
};

std::optional<ReliabilityOutcome> reliability_stage(const tools::Scenario& sc, const topo::Site& site,
                                                    const tools::SimulationSpec& sim, const ResourceLimits& limits,
                                                    double step_time_s, models::Metrics& m, tools::ResultsFile& r,
                                                    const Progress& progress);

}  // namespace aidc::cli
