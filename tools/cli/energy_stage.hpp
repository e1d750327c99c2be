#pragma once
// Energy stage of the pipeline: one year, hour by hour, of the site's power chain, cooling, water and
// carbon (models/energy), from the scenario's `energy` section, its `site.climate` file and the equipment
// layers the topology built. Sets pue, wue_l_per_kwh, cue_kg_per_kwh (+ cee, ccue, per-card efficiency)
// and the hourly /timeseries. A scenario without an `energy` section or without a climate leaves them
// null with a note: a PUE is never computed from an invented climate.
#include "models/metrics.hpp"
#include "tools/results/h5_writer.hpp"
#include "tools/schema/scenario.hpp"
#include "topology/site.hpp"

namespace aidc::cli {

// `delivered_tflops_per_gpu`: from the performance stage (model TFLOP/s per busy GPU), 0 = use the IT
// power library's figure.
void energy_stage(const tools::Scenario& sc, const topo::Site& site, double delivered_tflops_per_gpu,
                  models::Metrics& m, tools::ResultsFile& r);

}  // namespace aidc::cli
