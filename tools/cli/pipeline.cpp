#include "tools/cli/pipeline.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "models/perf/cluster_from_site.hpp"
#include "models/perf/scaling.hpp"
#include "models/perf/training_step.hpp"
#include "tools/cli/energy_stage.hpp"
#include "tools/cli/reliability_stage.hpp"
#include "tools/cli/score_stage.hpp"

namespace aidc::cli {
namespace {

// GPU counts of the weak-scaling curve: one model-parallel replica (tp * pp * cp GPUs, data-parallel
// size 1) doubling up to the job's size, which is always the last point.
std::vector<int64_t> linearity_counts(const models::TrainingJob& job) {
  const int64_t replica = static_cast<int64_t>(job.parallel.tp) * job.parallel.pp * job.parallel.cp;
  const int64_t full = replica * job.parallel.dp;
  std::vector<int64_t> counts;
  for (int64_t n = replica; n < full; n *= 2) counts.push_back(n);
  counts.push_back(full);
  return counts;
}

// Performance stage: the first workload is the site's reference job. Sets mfu, linearity and
// cluster_effective_compute (goodput 1 here; the reliability stage rescales it) plus diagnostic metrics.
// Returns the reference job's model TFLOP/s per GPU (0 when there is none).
double performance_stage(const tools::Scenario& sc, const topo::Site& site, models::Metrics& m, tools::ResultsFile& r) {
  const models::ClusterView cluster = models::cluster_from_site(site, sc.hardware);
  const models::NetworkFigures net = models::network_figures(cluster);
  m.set("latency_same_switch_us", net.latency_same_switch_us, "performance");
  m.set("latency_three_hops_us", net.latency_three_hops_us, "performance");
  m.set("rdma_effective_bandwidth", net.p2p_effective_bandwidth, "performance");
  m.set("all_reduce_effective_bandwidth", net.all_reduce_effective_bandwidth, "performance");
  if (sc.workloads.empty()) {
    r.notes.push_back("performance: the scenario has no workloads, so mfu and linearity are not modelled");
    return 0.0;
  }
  const models::TrainingJob& job = sc.workloads.front();
  const models::StepResult step = models::evaluate_step(job, cluster);
  if (!step.fits) {
    r.notes.push_back("performance: reference job '" + job.name + "' does not fit in GPU memory: " + step.reason);
    return 0.0;
  }
  m.set("mfu", step.mfu, "performance");
  m.set("hfu", step.hfu, "performance");
  m.set("step_time_s", step.step_time_s, "performance");
  m.set("tokens_per_s", step.tokens_per_s, "performance");
  const auto counts = linearity_counts(job);
  const auto curve = models::linearity_curve(job, cluster, counts, models::ScalingMode::weak);
  tools::Table t;
  t.key_name = "gpus";
  std::vector<double> mfu_col, lin_col, tps_col;
  for (const auto& p : curve) {
    t.keys.push_back(p.gpus);
    mfu_col.push_back(p.feasible ? p.mfu : std::numeric_limits<double>::quiet_NaN());
    lin_col.push_back(p.feasible ? p.linearity : std::numeric_limits<double>::quiet_NaN());
    tps_col.push_back(p.feasible ? p.tokens_per_s : std::numeric_limits<double>::quiet_NaN());
  }
  t.columns = {{"mfu", mfu_col}, {"linearity", lin_col}, {"tokens_per_s", tps_col}};
  r.tables.emplace_back("linearity_weak", std::move(t));
  if (!curve.empty() && curve.back().feasible) m.set("linearity", curve.back().linearity, "performance");
  m.set("cluster_effective_compute", models::cluster_effective_compute(step, 1.0), "performance (goodput 1)");
  return step.model_tflops_per_gpu;
}

}  // namespace

tools::SimulationSpec effective_simulation(const tools::Scenario& sc, const RunOverrides& o) {
  tools::SimulationSpec s = sc.simulation;
  if (o.replications) s.replications = *o.replications;
  if (o.threads) s.threads = *o.threads;
  if (o.seed) s.seed = *o.seed;
  return s;
}

tools::ResultsFile evaluate(const tools::Scenario& sc, const RunOverrides& o, const Progress& progress) {
  const tools::SimulationSpec sim = effective_simulation(sc, o);
  tools::ResultsFile r;
  r.scenario_path = sc.path;
  r.seed = sim.seed;
  r.replications = sim.replications;
  const auto report = [&](const char* stage, int64_t done, int64_t total) {
    if (progress) progress(stage, done, total);
  };
  check_memory(sc, sim.threads, o.limits);
  const topo::Site site = tools::build_site(sc);
  report("topology", 1, 1);
  const double delivered_tflops = performance_stage(sc, site, r.metrics, r);
  report("performance", 1, 1);
  const auto step_time = r.metrics.value("step_time_s");
  const auto rel = reliability_stage(sc, site, sim, o.limits, step_time.value_or(0.0), r.metrics, r, progress);
  // Cluster effective compute = MFU at cluster scale x goodput (models/perf/scaling.hpp).
  if (rel && r.metrics.value("mfu")) {
    r.metrics.set("cluster_effective_compute", *r.metrics.value("mfu") * rel->goodput, "performance x reliability");
  }
  JobTimeline timeline;
  if (rel) timeline = {rel->job_running_by_hour, rel->job_gpu_share};
  energy_stage(sc, site, delivered_tflops, timeline, r.metrics, r);
  report("energy", 1, 1);
  score_stage(sc, site, r.metrics);
  report("score", 1, 1);
  return r;
}

}  // namespace aidc::cli
