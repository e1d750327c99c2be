#include "tools/cli/reliability_stage.hpp"

#include <cmath>

#include "models/reliability/reliability_from_site.hpp"
#include "models/reliability/reliability_sim.hpp"

namespace aidc::cli {
namespace {

double half_width(const models::Estimate& e) {
  return 0.5 * (e.upper - e.lower);
}

}  // namespace

std::optional<double> reliability_stage(const tools::Scenario& sc, const topo::Site& site,
                                        const tools::SimulationSpec& sim, double step_time_s, models::Metrics& m,
                                        tools::ResultsFile& r, const Progress& progress) {
  if (!sc.reliability) {
    r.notes.push_back(
        "reliability: the scenario has no `reliability` section, so mtbf, mttr, ettr and availability "
        "are not modelled");
    return std::nullopt;
  }
  models::JobSpec job = sc.reliability->job;
  if (job.gpus == 0) job.gpus = sc.workloads.empty() ? site.gpus() : sc.workloads.front().parallel.gpus();
  if (job.step_time_s == 0.0) job.step_time_s = step_time_s;
  if (const auto bytes = sc.reliability->checkpoint_size_bytes) {
    // Save and reload limited by the slowest of the storage nodes, the storage network and the job's own
    // node ports (topology/site.hpp).
    const int64_t nodes = (job.gpus + site.gpus_per_node() - 1) / site.gpus_per_node();
    job.checkpoint_save_s = site.checkpoint_write_s(*bytes, nodes);
    job.checkpoint_restore_s = site.checkpoint_read_s(*bytes, nodes);
    if (!std::isfinite(job.checkpoint_save_s) || !std::isfinite(job.checkpoint_restore_s)) {
      throw tools::ConfigError(sc.path, 0, 0, "reliability.checkpoint.size_gb",
                               "checkpoint times need a storage section (the site has no storage to write to)");
    }
    m.set("checkpoint_save_s", job.checkpoint_save_s, "storage model");
    m.set("checkpoint_restore_s", job.checkpoint_restore_s, "storage model");
  }
  models::SiteReliabilityOptions options;
  models::ReliabilityInputs in;
  try {
    in = models::reliability_from_site(site, sc.reliability->table, job, options);
  } catch (const std::invalid_argument& e) {
    throw tools::ConfigError(sc.path, 0, 0, "reliability", e.what());
  }
  in.maintenance = sc.reliability->maintenance;
  in.horizon_hours = sim.horizon_hours;
  in.seed = sim.seed;
  in.replications = sim.replications;
  in.threads = sim.threads;
  const auto results = models::run_replication_results(in, sim.replications, sim.threads);
  if (progress) progress("reliability", sim.replications, sim.replications);
  const models::ReliabilitySummary s = models::summarize(in, results);

  m.set("mtbf_hours", s.mtbf_hours.mean, "reliability", half_width(s.mtbf_hours));
  m.set("mttr_hours", s.mttr_hours.mean, "reliability", half_width(s.mttr_hours));
  m.set("ettr", s.ettr.mean, "reliability", half_width(s.ettr));
  m.set("availability", s.gpu_hour_availability.mean, "reliability", half_width(s.gpu_hour_availability));
  m.set("interruptions", s.interruptions.mean, "reliability", half_width(s.interruptions));
  m.set("storage_availability", s.storage_availability.mean, "reliability", half_width(s.storage_availability));

  tools::Table& t = r.replication_table;
  t.key_name = "replication";
  // Columns named like headline metrics (ettr, availability) carry each replication's own value, with the
  // same definitions as models::summarize, so that the score's spread over replications is real.
  const double site_gpu_hours = static_cast<double>(in.site.nodes) * in.site.gpus_per_node * in.horizon_hours;
  std::vector<double> interruptions, useful, lost, recovery, gpu_lost, ettr, availability;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& x = results[i];
    t.keys.push_back(static_cast<int64_t>(i));
    ettr.push_back(x.useful_hours / in.horizon_hours);
    availability.push_back(1.0 - x.gpu_hours_lost / site_gpu_hours);
    interruptions.push_back(static_cast<double>(x.interruptions));
    useful.push_back(x.useful_hours);
    lost.push_back(x.lost_work_hours);
    recovery.push_back(x.recoveries > 0 ? x.recovery_hours_total / static_cast<double>(x.recoveries) : 0.0);
    gpu_lost.push_back(x.gpu_hours_lost);
  }
  t.columns = {{"interruptions", interruptions},  {"useful_hours", useful},          {"lost_work_hours", lost},
               {"mean_recovery_hours", recovery}, {"site_gpu_hours_lost", gpu_lost}, {"ettr", ettr},
               {"availability", availability}};
  return s.ettr.mean;
}

}  // namespace aidc::cli
