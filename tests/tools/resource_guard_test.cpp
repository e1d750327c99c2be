// Resource guard: the run-cost estimate agrees with what the simulation does, and oversized scenarios are refused
// with the estimate, the field and the overriding option.
#include "tools/cli/resource_guard.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "models/reliability/reliability_from_site.hpp"
#include "models/reliability/reliability_sim.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::cli {
namespace {

const std::string kSrc = AIDC_SOURCE_DIR;

models::ReliabilityInputs default_inputs(const tools::Scenario& sc, const topo::Site& site) {
  models::JobSpec job = sc.reliability->job;
  job.gpus = sc.workloads.front().parallel.gpus();
  auto in = models::reliability_from_site(site, sc.reliability->table, job, {});
  in.horizon_hours = 720.0;
  return in;
}

TEST(ResourceGuard, ExpectedFailuresMatchTheSimulation) {
  const auto sc = tools::load_scenario(kSrc + "/scenarios/default.yaml");
  const auto site = tools::build_site(sc);
  const auto in = default_inputs(sc, site);
  const auto cost = models::estimate_run_cost(in);
  const auto results = models::run_replication_results(in, 16, 1);
  double failures = 0.0;
  for (const auto& r : results)
    failures += std::accumulate(r.failures_by_class.begin(), r.failures_by_class.end(), 0.0);
  failures /= static_cast<double>(results.size());
  // The estimate is the superposed failure rate x horizon; the simulation thins failures of units already down,
  // so it sees slightly fewer. 16 replications of ~160 failures: the mean's sd is ~3, so 10 % is > 5 sd.
  EXPECT_GT(failures, 50.0);
  EXPECT_NEAR(cost.failures_per_replication, failures, 0.10 * failures)
      << "estimate " << cost.failures_per_replication << " vs simulated " << failures;
}

TEST(ResourceGuard, RefusesTooMuchMemoryAtComputeGpus) {
  const auto sc = tools::load_scenario(kSrc + "/scenarios/default.yaml");
  // 10,240 GPUs: 64 MiB + 1.5 kB x 10,240 + 48 B x 10,240 x 2 threads = 83.4 MB = 0.0777 GiB.
  EXPECT_NEAR(estimate_memory_bytes(sc, 2), 64.0 * 1048576 + 1500.0 * 10240 + 48.0 * 10240 * 2, 1.0);
  ResourceLimits tight;
  tight.max_memory_gb = 0.05;
  try {
    check_memory(sc, 2, tight);
    FAIL() << "not refused";
  } catch (const tools::ConfigError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("default.yaml:7:9: "), std::string::npos) << m;  // where compute.gpus is written
    EXPECT_NE(m.find("compute.gpus: evaluating this site needs about 0.0777 GB"), std::string::npos) << m;
    EXPECT_NE(m.find("--max-memory-gb"), std::string::npos) << m;
  }
  ResourceLimits none;
  none.max_memory_gb = 0.0;
  EXPECT_NO_THROW(check_memory(sc, 2, none));
}

TEST(ResourceGuard, RefusesTooLongASimulation) {
  const auto sc = tools::load_scenario(kSrc + "/scenarios/default.yaml");
  const auto site = tools::build_site(sc);
  auto in = default_inputs(sc, site);
  in.horizon_hours = 200.0 * 8766.0;
  const auto cost = models::estimate_run_cost(in);
  // ~160 failures per 720 h -> ~390,000 per 200 years; x3 events + checkpoints; x 1,000 replications.
  const double secs = estimate_reliability_seconds(cost, 1000, 2);
  EXPECT_GT(secs, 100.0);
  ResourceLimits limits;
  limits.max_seconds = 60.0;
  try {
    check_reliability_time(sc, cost, 1000, 2, limits);
    FAIL() << "not refused";
  } catch (const tools::ConfigError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("simulation.horizon_hours: the reliability simulation would take about"), std::string::npos) << m;
    EXPECT_NE(m.find("--max-seconds"), std::string::npos) << m;
  }
  limits.max_seconds = 0.0;
  EXPECT_NO_THROW(check_reliability_time(sc, cost, 1000, 2, limits));
  limits.max_seconds = 2.0 * secs;
  EXPECT_NO_THROW(check_reliability_time(sc, cost, 1000, 2, limits));
}

}  // namespace
}  // namespace aidc::cli
