#include "tools/cli/reliability_stage.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "models/reliability/reliability_from_site.hpp"
#include "models/reliability/reliability_sim.hpp"
#include "models/reliability/run_cost.hpp"
#include "sim/stats.hpp"
#include "sim/trace_hash.hpp"

namespace aidc::cli {
namespace {

double half_width(const models::Estimate& e) {
  return 0.5 * (e.upper - e.lower);
}

// Table "interruptions_by_cause": one row per failure class of the table, in table order. Interruptions of
// the job (and all failures at the site, masked or not) per replication: mean and 95 % half-width over the
// replications. Text columns carry the class, its root cause (the name published tables use, e.g. Llama 3
// Table 5) and its category, so a reader can group classes either way (the report groups by root cause).
tools::Table interruptions_by_cause(const models::ReliabilityInputs& in,
                                    const std::vector<models::ReplicationResult>& results) {
  tools::Table t;
  t.key_name = "class_index";
  std::vector<std::string> names, causes, categories;
  std::vector<double> mean, ci95, failures;
  for (std::size_t c = 0; c < in.table.classes.size(); ++c) {
    sim::Accumulator hits, fails;
    for (const auto& x : results) {
      // A replication's vectors are indexed like the table; guard anyway so a shorter vector counts as none.
      hits.add(c < x.interruptions_by_class.size() ? static_cast<double>(x.interruptions_by_class[c]) : 0.0);
      fails.add(c < x.failures_by_class.size() ? static_cast<double>(x.failures_by_class[c]) : 0.0);
    }
    const models::FailureClass& fc = in.table.classes[c];
    t.keys.push_back(static_cast<int64_t>(c));
    names.push_back(fc.name);
    causes.push_back(fc.root_cause.empty() ? fc.name : fc.root_cause);
    categories.push_back(fc.category);
    mean.push_back(hits.mean());
    ci95.push_back(sim::confidence_interval(hits).half_width);
    failures.push_back(fails.mean());
  }
  t.columns = {{"interruptions_mean", mean}, {"interruptions_ci95", ci95}, {"site_failures_mean", failures}};
  t.text_columns = {{"class", names}, {"root_cause", causes}, {"category", categories}};
  return t;
}

// Table "ettr_time_budget": where the job's wall-clock horizon went, mean hours per replication. The parts
// add up to the horizon: running time is useful work + throttling loss + checkpoint overhead + work lost at
// interruptions (models/reliability/reliability_sim.cpp: split_run and finish), and the rest of the horizon
// the job was not running (detection, restart, waiting for repair or a spare, maintenance). ETTR is the
// first part's fraction.
tools::Table ettr_time_budget(const models::ReliabilityInputs& in,
                              const std::vector<models::ReplicationResult>& results) {
  const char* const parts[] = {"useful training", "checkpoint overhead", "work lost at interruptions",
                               "throttled by cooling", "not running (detect, restart, repair, maintenance)"};
  constexpr std::size_t kParts = std::size(parts);
  std::vector<sim::Accumulator> acc(kParts);
  for (const auto& x : results) {
    const double values[kParts] = {x.useful_hours, x.checkpoint_overhead_hours, x.lost_work_hours,
                                   x.throttle_loss_hours, std::max(0.0, in.horizon_hours - x.running_hours)};
    for (std::size_t i = 0; i < kParts; ++i) acc[i].add(values[i]);
  }
  tools::Table t;
  t.key_name = "part_index";
  std::vector<std::string> names;
  std::vector<double> hours, fraction;
  for (std::size_t i = 0; i < kParts; ++i) {
    t.keys.push_back(static_cast<int64_t>(i));
    names.emplace_back(parts[i]);
    hours.push_back(acc[i].mean());
    fraction.push_back(in.horizon_hours > 0.0 ? acc[i].mean() / in.horizon_hours : 0.0);
  }
  t.columns = {{"hours_mean", hours}, {"fraction_of_horizon", fraction}};
  t.text_columns = {{"part", names}};
  return t;
}

}  // namespace

std::optional<ReliabilityOutcome> reliability_stage(const tools::Scenario& sc, const topo::Site& site,
                                                    const tools::SimulationSpec& sim, const ResourceLimits& limits,
                                                    double step_time_s, models::Metrics& m, tools::ResultsFile& r,
                                                    const Progress& progress) {
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
  check_reliability_time(sc, models::estimate_run_cost(in), sim.replications, sim.threads, limits);
  const auto results = models::run_replication_results(in, sim.replications, sim.threads);
  if (progress) progress("reliability", sim.replications, sim.replications);
  const models::ReliabilitySummary s = models::summarize(in, results);
  r.fingerprint = sim::TraceHash::hex(s.fingerprint);

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
  std::vector<int64_t> events, trace;
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
    events.push_back(static_cast<int64_t>(x.events));
    trace.push_back(static_cast<int64_t>(x.event_trace));  // the hash's 64 bits, read back as uint64
  }
  t.int_columns = {{"events", events}, {"event_trace", trace}};
  t.columns = {{"interruptions", interruptions},  {"useful_hours", useful},          {"lost_work_hours", lost},
               {"mean_recovery_hours", recovery}, {"site_gpu_hours_lost", gpu_lost}, {"ettr", ettr},
               {"availability", availability}};
  r.tables.emplace_back("interruptions_by_cause", interruptions_by_cause(in, results));
  r.tables.emplace_back("ettr_time_budget", ettr_time_budget(in, results));
  ReliabilityOutcome out;
  out.goodput = s.ettr.mean;
  out.job_running_by_hour = s.job_running_by_hour;
  out.job_gpu_share = static_cast<double>(std::min(job.gpus, site.gpus())) / static_cast<double>(site.gpus());
  return out;
}

}  // namespace aidc::cli
