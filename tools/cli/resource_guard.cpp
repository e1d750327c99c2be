#include "tools/cli/resource_guard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace aidc::cli {
namespace {

// Peak resident memory per GPU of the built site: `/usr/bin/time -v aidc topology
// scenarios/ref/site-100k-gb200.yaml --json` reported 139 MB maximum RSS for the 100k-GPU site (graph with cable
// vertices, commit 4275539), 1.39 kB per GPU; rounded up to 1.5 kB for the pipeline's other per-GPU arrays.
constexpr double kBytesPerGpu = 1500.0;
// Fixed overhead: binary, libraries, an 8,760-hour energy year, loaded tables (~30 MB RSS for a 1k-GPU run).
constexpr double kBaseBytes = 64.0 * 1024 * 1024;
// A pending event in the engine's queue (sim/event_queue.hpp: 40 B) plus the unit's state flag.
constexpr double kBytesPerPendingEvent = 48.0;
// Reliability simulation speed: the default scenario over a 10-year horizon (87,660 h, 4 replications, 1 thread)
// simulated 73,338 failures (about 220,000 events) in 0.059 s of user time on this 2-core machine: 0.27 us per
// event. Rounded up to 0.5 us: an estimate that refuses too early is fixed by an option, one that refuses too late
// is not.
constexpr double kSecondsPerEvent = 0.5e-6;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

int effective_threads(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

[[noreturn]] void refuse(const tools::Scenario& sc, const char* section, const char* key, const std::string& msg) {
  if (sc.root) {
    if (const auto s = sc.root->optional_child(section)) s->fail_at(key, msg);
    sc.root->fail_at(section, msg);
  }
  throw tools::ConfigError(sc.path, 0, 0, std::string(section) + "." + key, msg);
}

}  // namespace

double default_memory_limit_gb() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("MemAvailable:", 0) == 0) {
      std::istringstream ss(line.substr(13));
      double kb = 0.0;
      if (ss >> kb) return 0.8 * kb * 1024.0 / kGiB;
    }
  }
  return 0.0;
}

double estimate_memory_bytes(const tools::Scenario& sc, int threads) {
  const auto gpus = static_cast<double>(sc.site_spec.compute.gpus);
  // Concurrent replications each hold per-unit state; bounded by one pending event per GPU-scale unit.
  return kBaseBytes + kBytesPerGpu * gpus + kBytesPerPendingEvent * gpus * effective_threads(threads);
}

void check_memory(const tools::Scenario& sc, int threads, const ResourceLimits& limits) {
  const double limit_gb = limits.max_memory_gb.value_or(default_memory_limit_gb());
  if (limit_gb <= 0.0) return;
  const double need_gb = estimate_memory_bytes(sc, threads) / kGiB;
  if (need_gb <= limit_gb) return;
  refuse(sc, "compute", "gpus",
         "evaluating this site needs about " + fmt("%.3g", need_gb) + " GB (" + fmt("%.0f", kBytesPerGpu) +
             " B per GPU, measured), more than the limit of " + fmt("%.3g", limit_gb) +
             " GB (80 % of available memory unless set); use a smaller site, or --max-memory-gb to change the limit "
             "(0 = none)");
}

double estimate_reliability_seconds(const models::ReliabilityRunCost& cost, int64_t replications, int threads) {
  const double work = cost.events_per_replication * static_cast<double>(replications) * kSecondsPerEvent;
  const int t = effective_threads(threads);
  // Replications are whole units of work: the wall time is set by the busiest thread.
  const double rounds = std::ceil(static_cast<double>(replications) / t);
  return work / static_cast<double>(replications) * rounds;
}

void check_reliability_time(const tools::Scenario& sc, const models::ReliabilityRunCost& cost, int64_t replications,
                            int threads, const ResourceLimits& limits) {
  if (limits.max_seconds <= 0.0) return;
  const double secs = estimate_reliability_seconds(cost, replications, threads);
  if (secs <= limits.max_seconds) return;
  refuse(sc, "simulation", "horizon_hours",
         "the reliability simulation would take about " + fmt("%.3g", secs) + " s (" +
             fmt("%.3g", cost.failures_per_replication) + " failures per replication x " +
             std::to_string(replications) + " replications on " + std::to_string(effective_threads(threads)) +
             " threads), more than the limit of " + fmt("%.3g", limits.max_seconds) +
             " s; shorten simulation.horizon_hours or simulation.replications, or use --max-seconds to change the "
             "limit (0 = none)");
}

}  // namespace aidc::cli
