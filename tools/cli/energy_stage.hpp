#pragma once
// Energy stage of the pipeline: one year, hour by hour, of the site's power chain, cooling, water and
// carbon (models/energy), from the scenario's `energy` section, its `site.climate` file and the equipment
// layers the topology built. Sets pue, wue_l_per_kwh, cue_kg_per_kwh (+ cee, ccue, per-card efficiency)
// and the hourly /timeseries. A scenario without an `energy` section or without a climate leaves them
// null with a note: a PUE is never computed from an invented climate.
#include <cstddef>
#include <vector>

#include "models/metrics.hpp"
#include "tools/results/h5_writer.hpp"
#include "tools/schema/scenario.hpp"
#include "topology/site.hpp"

namespace aidc::cli {

// The reference job's timeline from the reliability stage: while the job is down (detection, restart,
// waiting for a spare or a repair, maintenance) its GPUs idle. Empty = no reliability section.
struct JobTimeline {
  std::vector<double> running_by_hour;  // fraction of each hour the job ran, over the reliability horizon
  double gpu_share = 1.0;               // the job's share of the site's GPUs
};

// Hourly GPU utilisation for the energy year: u(h) = utilisation x (1 - share x (1 - running(h mod H))), the
// horizon's H hours repeated over the 8,760 (a horizon longer than a year is cut). Without a timeline,
// `utilisation` every hour.
std::vector<double> hourly_utilisation(double utilisation, const JobTimeline& timeline, std::size_t hours);

// `delivered_tflops_per_gpu`: from the performance stage (model TFLOP/s per busy GPU), 0 = use the IT
// power library's figure.
void energy_stage(const tools::Scenario& sc, const topo::Site& site, double delivered_tflops_per_gpu,
                  const JobTimeline& timeline, models::Metrics& m, tools::ResultsFile& r);

}  // namespace aidc::cli
