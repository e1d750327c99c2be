#pragma once
// A sweep file (schema `aidc-sweep/1`, documented in scenarios/docs/sweep.md): a base scenario, axes over
// any of its fields, a design (full grid, random or Latin-hypercube samples) and the metrics to record.
// Every point is a list of scenario overrides (tools/schema/scenario_override.hpp), so each point goes
// through the same validated scenario schema as a hand-written file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/schema/scenario_override.hpp"

namespace aidc::tools {

// A numeric range. For a grid, `steps` points from `from` to `to` inclusive (geometric when `log`); for
// random and Latin-hypercube designs without `steps`, a continuous uniform (log-uniform) interval.
struct SweepRange {
  double from = 0.0;
  double to = 0.0;
  int64_t steps = 0;  // 0: continuous
  bool log = false;
  bool integer = false;  // values rounded to the nearest integer (counts)
};

// One field an axis sets. Discrete axes have `values` (YAML text, one per level); a continuous axis has a
// range and no values.
struct SweepField {
  std::string path;
  std::vector<std::string> values;
  std::optional<SweepRange> continuous;
  bool numeric = true;  // every level is a number: the HDF5 column is a double, else text
};

// One dimension of the design. Several fields form a linked axis: they move together, level i of each.
struct SweepAxis {
  std::vector<SweepField> fields;
  std::size_t levels() const { return fields.front().values.size(); }
  bool continuous() const { return fields.front().continuous.has_value(); }
};

enum class SweepDesign { grid, random, lhs };

struct SweepSpec {
  std::string path;       // the sweep file
  std::string base_path;  // the base scenario, resolved against the sweep file's directory
  SweepDesign design = SweepDesign::grid;
  int64_t samples = 0;  // random and lhs designs
  uint64_t seed = 1;    // sampling seed and every point's simulation seed (common random numbers)
  std::optional<int64_t> replications;
  std::optional<double> horizon_hours;
  std::vector<SweepAxis> axes;
  std::vector<std::string> metrics;
  std::string fingerprint;  // hex hash of the sweep file, the base scenario file and the aidc version
};

struct SweepPoint {
  int64_t index = 0;
  std::vector<ScenarioOverride> overrides;  // one per field of every axis, in axis order
};

// The metric names a sweep may record: the headline metrics plus the diagnostic ones the pipeline sets.
const std::vector<std::string>& sweep_metric_names();

// Loads and validates a sweep file. Checks that every axis path exists in the base scenario and that the
// base scenario itself loads. Throws ConfigError naming the sweep file, line and field.
SweepSpec load_sweep(const std::string& path);

// The design's points, index 0..n-1, in a fixed order: grid in row-major order (first axis slowest);
// random and lhs draw from counter-based streams keyed by (seed, axis), so the points depend only on the
// file, never on threads, ranks or shards.
std::vector<SweepPoint> sweep_points(const SweepSpec& spec);

// Number of points without building them (refused when it overflows).
int64_t sweep_point_count(const SweepSpec& spec);

}  // namespace aidc::tools
