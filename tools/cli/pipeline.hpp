#pragma once
// The evaluation pipeline behind `aidc run` (and later `aidc sweep`, `aidc score`, `aidc report`):
//   Scenario -> Site (topology) -> evaluations (performance, reliability, energy) -> Metrics -> Score
// Each stage fills the headline metrics it models; a metric no stage models stays null.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "tools/cli/resource_guard.hpp"
#include "tools/results/h5_writer.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::cli {

struct RunOverrides {
  std::optional<int64_t> replications;
  std::optional<int> threads;
  std::optional<uint64_t> seed;
  ResourceLimits limits;  // refuse scenarios too large for the machine (resource_guard.hpp)
};

// Progress callback: (stage name, done, total).
using Progress = std::function<void(const std::string&, int64_t, int64_t)>;

// Applies command-line overrides to the scenario's simulation settings.
tools::SimulationSpec effective_simulation(const tools::Scenario& sc, const RunOverrides& o);

// Evaluates a loaded scenario through every stage that exists. Deterministic for a given scenario and
// seed, whatever the thread count.
tools::ResultsFile evaluate(const tools::Scenario& sc, const RunOverrides& o, const Progress& progress);

}  // namespace aidc::cli
