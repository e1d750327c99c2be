#pragma once
// Resource guard: a scenario whose size or horizon would need more memory or time than the machine can give
// is refused before the work starts, with the estimate and the option that overrides it, instead of being
// left to thrash or be killed by the OS (issue 10).
//
// Estimates come from measurements of this code (constants in resource_guard.cpp, each with its command):
// memory from the GPU count (the site graph dominates), time from the reliability simulation's expected
// event count (models/reliability/run_cost.hpp). The limits are options of `aidc run` and `aidc sweep`:
//   --max-memory-gb G   default: 80 % of MemAvailable; 0 = no limit
//   --max-seconds S     default: 3600 s of estimated simulation time; 0 = no limit
// A refusal is a ConfigError at the scenario field that drives the cost (exit 2, nothing written).
#include <cstdint>
#include <optional>

#include "models/reliability/run_cost.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::cli {

struct ResourceLimits {
  std::optional<double> max_memory_gb;  // unset: 80 % of available memory; 0: no limit
  double max_seconds = 3600.0;          // 0: no limit
};

// Memory the available-memory default allows, in GB (0 when /proc/meminfo cannot be read: no limit).
double default_memory_limit_gb();

// Estimated peak memory of evaluating the scenario with `threads` concurrent replications, in bytes.
double estimate_memory_bytes(const tools::Scenario& sc, int threads);

// Throws ConfigError at compute.gpus when the estimate exceeds the limit.
void check_memory(const tools::Scenario& sc, int threads, const ResourceLimits& limits);

// Estimated wall time of the reliability replications on `threads` threads, in seconds.
double estimate_reliability_seconds(const models::ReliabilityRunCost& cost, int64_t replications, int threads);

// Throws ConfigError at simulation (horizon_hours / replications) when the estimate exceeds the limit.
void check_reliability_time(const tools::Scenario& sc, const models::ReliabilityRunCost& cost, int64_t replications,
                            int threads, const ResourceLimits& limits);

}  // namespace aidc::cli
