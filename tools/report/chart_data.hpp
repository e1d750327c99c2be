#pragma once
// The numbers behind the report's charts, taken from what the pipeline produced (tools/cli/pipeline.hpp): the
// results file's tables and series, the reference job's step breakdown and the built site. Plain data, no
// drawing (report_charts.hpp draws it), so each extraction is tested on its own.
//
// Sources:
//   linearity      table "linearity_weak" (pipeline.cpp: GPU count key, mfu and linearity columns; NaN where a
//                  point does not fit in memory)
//   step time      models::StepBreakdown of the reference job (models/perf/training_step.hpp); its parts add up
//                  to the step time
//   headroom       topology LayerPlan per power/cooling layer (topology/equipment_plan.hpp)
//   interruptions  table "interruptions_by_cause" (tools/cli/reliability_stage.cpp)
//   ETTR budget    table "ettr_time_budget" (tools/cli/reliability_stage.cpp)
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/perf/training_step.hpp"
#include "tools/results/h5_writer.hpp"
#include "topology/site.hpp"

namespace aidc::report {

// Lookups by name; nullptr when absent.
const tools::Table* find_table(const tools::ResultsFile& r, std::string_view name);
const tools::Series* find_series(const tools::ResultsFile& r, std::string_view name);
const std::vector<double>* find_column(const tools::Table& t, std::string_view name);
const std::vector<std::string>* find_text_column(const tools::Table& t, std::string_view name);

struct LinearityPoint {
  int64_t gpus = 0;
  double mfu = 0.0;
  double linearity = 0.0;
};
// The weak-scaling curve in GPU order, infeasible (NaN) points left out; empty when not modelled.
std::vector<LinearityPoint> linearity_points(const tools::ResultsFile& r);

// One named quantity: a part of a stacked bar or one bar of a bar chart.
struct Part {
  std::string name;
  double value = 0.0;
};

// The reference job's step time split into the parts the step model adds up (compute without recomputation,
// recomputation, exposed TP / CP / EP / PP communication, pipeline bubble, exposed DP communication, optimizer),
// seconds, always in this order and all nine present (zeros included) so two sites line up.
std::vector<Part> step_parts(const models::StepBreakdown& b);

// Capacity check of one power or cooling layer, at its most loaded group (all groups of a layer have the same
// units per side, so that group has the least headroom).
struct LayerHeadroom {
  std::string layer;       // scenario path, e.g. "power.ups"
  std::string redundancy;  // e.g. "N+1", "2N"
  int64_t groups = 0;
  int64_t units = 0;  // in the whole layer
  double unit_kw = 0.0;
  double load_kw = 0.0;       // design load of the group, on each side (topology: nameplate IT power and heat)
  double capacity_kw = 0.0;   // one side of the group with its redundant units out: (units per side - spares) x unit
  double installed_kw = 0.0;  // one side of the group, every unit working
  double load_fraction() const { return capacity_kw > 0.0 ? load_kw / capacity_kw : 0.0; }
  double headroom_kw() const { return capacity_kw - load_kw; }  // negative: redundancy not met
};
// Every present layer in chain order (power, upstream first, then cooling).
std::vector<LayerHeadroom> layer_headroom(const topo::Site& site);

// Name of the row that sums the causes beyond the first max_causes - 1.
inline constexpr const char* kOtherCauses = "other causes";

// Job interruptions per day by root cause (failure classes of one cause summed), largest first, causes with none
// left out. With more than `max_causes` causes (0 = no limit), the first max_causes - 1 are kept and the rest
// summed into a last row kOtherCauses. `horizon_hours` is the simulated horizon the table's per-replication
// means cover. Empty when the reliability stage did not run.
std::vector<Part> interruptions_per_day(const tools::ResultsFile& r, double horizon_hours, std::size_t max_causes);

// Where the job's wall-clock time went, as fractions of the horizon, in the table's order (useful training
// first: its fraction is the ETTR). Empty when the reliability stage did not run.
std::vector<Part> ettr_budget(const tools::ResultsFile& r);

}  // namespace aidc::report
