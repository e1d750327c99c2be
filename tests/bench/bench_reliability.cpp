// Reliability simulation speed (issue 6 targets): a 16,384-GPU, 54-day job with every failure class
// (< 20 ms per replication); 1,000 such replications on 2 threads (< 15 s); a 100,000-GPU site over one
// year (< 1 s per replication).
#include <benchmark/benchmark.h>

#include <string>

#include "models/reliability/reliability_sim.hpp"
#include "tools/schema/reliability_loader.hpp"

namespace {

using aidc::models::GroupAction;
using aidc::models::GroupServes;
using aidc::models::RedundancyGroupSpec;
using aidc::models::ReliabilityInputs;

RedundancyGroupSpec group(const char* cls, int64_t groups, int units, int required, GroupAction action,
                          GroupServes serves = GroupServes::nodes) {
  RedundancyGroupSpec g;
  g.name = cls;
  g.class_name = cls;
  g.groups = groups;
  g.units = units;
  g.required = required;
  g.action = action;
  g.serves = serves;
  g.thermal_ride_through_min = 5.0;
  return g;
}

// A site with every class of the shipped table: dual-ToR leaves (32 nodes each), N+X power and cooling.
ReliabilityInputs site_inputs(int64_t gpus, double days) {
  ReliabilityInputs in;
  in.table = aidc::tools::load_failure_table(std::string(AIDC_SOURCE_DIR) + "/scenarios/reliability/h100_default.yaml");
  const int64_t nodes = gpus / 8 + 64;
  in.site.nodes = nodes;
  in.site.spine_switches = nodes / 32;
  in.site.core_switches = nodes / 256 + 1;
  in.job.gpus = gpus;
  in.job.spare_nodes = 64;
  in.horizon_hours = days * 24.0;
  in.groups = {group("leaf_switch", nodes / 32, 2, 1, GroupAction::immediate),
               group("storage_server", 16, 12, 10, GroupAction::immediate, GroupServes::storage),
               group("transformer", 16, 2, 1, GroupAction::immediate),
               group("ups_module", 16, 5, 4, GroupAction::immediate),
               group("pdu", nodes / 16, 2, 1, GroupAction::immediate),
               group("generator", 1, 20, 16, GroupAction::standby_generator),
               group("cdu", nodes / 32, 3, 2, GroupAction::thermal),
               group("pump", 16, 3, 2, GroupAction::thermal),
               group("chiller", 4, 5, 4, GroupAction::thermal),
               group("cooling_tower", 4, 5, 4, GroupAction::thermal),
               group("crah", 32, 4, 3, GroupAction::thermal)};
  return in;
}

void BM_Reliability_Job16k_54d_OneReplication(benchmark::State& state) {
  const auto in = site_inputs(16384, 54.0);
  uint32_t r = 0;
  for (auto _ : state) benchmark::DoNotOptimize(aidc::models::simulate_replication(in, r++));
}
BENCHMARK(BM_Reliability_Job16k_54d_OneReplication)->Unit(benchmark::kMillisecond);

void BM_Reliability_Job16k_54d_1000Reps_2Threads(benchmark::State& state) {
  const auto in = site_inputs(16384, 54.0);
  for (auto _ : state) benchmark::DoNotOptimize(aidc::models::run_reliability(in, 1000, 2));
}
BENCHMARK(BM_Reliability_Job16k_54d_1000Reps_2Threads)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Reliability_Site100k_1Year_OneReplication(benchmark::State& state) {
  const auto in = site_inputs(100000, 365.0);
  uint32_t r = 0;
  for (auto _ : state) benchmark::DoNotOptimize(aidc::models::simulate_replication(in, r++));
}
BENCHMARK(BM_Reliability_Site100k_1Year_OneReplication)->Unit(benchmark::kMillisecond);

}  // namespace
