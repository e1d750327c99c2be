#include "models/reliability/job_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/engine.hpp"
#include "sim/replications.hpp"
#include "sim/rng.hpp"

namespace aidc::models::reliability {

namespace {

using aidc::sim::Engine;
using aidc::sim::EventHandle;
using aidc::sim::RandomStream;
using aidc::sim::SimTime;

constexpr double kSecondsPerDay = 86400.0;
constexpr double kSecondsPerHour = 3600.0;

int64_t units_of(const FailureClass& c, const JobSpec& job) {
  switch (c.scope) {
    case FailureScope::gpu:
      return job.gpus;
    case FailureScope::node:
      return job.nodes();
    case FailureScope::job:
      return 1;
  }
  return 0;
}

class JobSim {
 public:
  JobSim(const FailureTable& table, const JobSpec& job, uint64_t seed, uint32_t replication)
      : table_(table),
        job_(job),
        end_(SimTime::from_hours(job.window_hours)),
        repair_rng_(aidc::sim::StreamKey{seed, replication, static_cast<uint32_t>(table.classes.size()), 0}) {
    const auto n = table.classes.size();
    result_.window_s = end_.to_seconds();
    result_.by_class.assign(n, 0);
    streams_.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      streams_.emplace_back(aidc::sim::StreamKey{seed, replication, static_cast<uint32_t>(i), 0});
    spares_free_ = job.spare_nodes;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& c = table.classes[i];
      if (c.failures_per_unit_day <= 0.0) continue;
      const int64_t units = units_of(c, job);
      if (c.distribution == FailureDistribution::exponential) {
        rate_per_s_.push_back(c.failures_per_unit_day * static_cast<double>(units) / kSecondsPerDay);
        schedule_failure(i, SimTime::zero());
      } else {
        rate_per_s_.push_back(0.0);
        for (int64_t u = 0; u < units; ++u) schedule_failure(i, SimTime::zero());
      }
    }
    rate_per_s_.resize(n, 0.0);
  }

  JobRunResult run() {
    engine_.run_until(end_);
    if (state_ == State::running) {
      close_segment(false);
    } else {
      leave_waiting();
      result_.downtime_s += (end_ - down_since_).to_seconds();
    }
    return result_;
  }

  void on_failure(Engine&, uint64_t cls) {
    const auto i = static_cast<std::size_t>(cls);
    schedule_failure(i, engine_.now());
    interrupt(i);
  }
  void on_detected(Engine&, uint64_t) {
    state_ = State::waiting;
    wait_since_ = engine_.now();
    try_restart();
  }
  void on_repaired(Engine&, uint64_t) {
    ++spares_free_;
    if (state_ == State::waiting) try_restart();
  }
  void on_restarted(Engine&, uint64_t) {
    state_ = State::running;
    run_start_ = engine_.now();
    result_.downtime_s += (engine_.now() - down_since_).to_seconds();
  }

 private:
  enum class State { running, detecting, waiting, restarting };

  // Schedules the next failure of class i: the next arrival of its superposed Poisson process, or the
  // renewal of the unit that just failed (Weibull). Arrivals after the window are not scheduled.
  void schedule_failure(std::size_t i, SimTime now) {
    const auto& c = table_.classes[i];
    auto& rng = streams_[i];
    double delay_s = 0.0;
    if (c.distribution == FailureDistribution::exponential) {
      delay_s = rng.exponential(rate_per_s_[i]);
    } else {
      const double mean_days = 1.0 / c.failures_per_unit_day;
      const double scale_days = mean_days / std::tgamma(1.0 + 1.0 / c.weibull_shape);
      delay_s = rng.weibull(c.weibull_shape, scale_days) * kSecondsPerDay;
    }
    if (delay_s >= (end_ - now).to_seconds()) return;
    engine_.schedule_at<&JobSim::on_failure>(now + SimTime::from_seconds(delay_s), this, i);
  }

  void interrupt(std::size_t i) {
    const auto& c = table_.classes[i];
    ++result_.interruptions;
    ++result_.by_class[i];
    if (state_ == State::running) {
      close_segment(c.loses_work);
      if (c.loses_work) ++result_.lossy_interruptions;
      down_since_ = engine_.now();
      ++result_.outages;
    } else {
      engine_.cancel(pending_);
      leave_waiting();
    }
    if (c.replaces_node) {
      ++nodes_needed_;
      const double repair_h = repair_rng_.lognormal(std::log(c.repair_median_hours), c.repair_sigma);
      engine_.schedule_after<&JobSim::on_repaired>(SimTime::from_hours(repair_h), this);
    }
    state_ = State::detecting;
    pending_ = engine_.schedule_after<&JobSim::on_detected>(SimTime::from_seconds(job_.recovery.detection_s), this);
  }

  void try_restart() {
    const int64_t take = std::min(nodes_needed_, spares_free_);
    nodes_needed_ -= take;
    spares_free_ -= take;
    if (nodes_needed_ > 0) return;
    leave_waiting();
    state_ = State::restarting;
    pending_ = engine_.schedule_after<&JobSim::on_restarted>(
        SimTime::from_seconds(job_.recovery.restart_s + job_.recovery.reload_s), this);
  }

  void leave_waiting() {
    if (state_ != State::waiting) return;
    result_.wait_for_node_s += (engine_.now() - wait_since_).to_seconds();
    wait_since_ = engine_.now();
  }

  // Books the running segment that ends now: work done, work committed by checkpoints, save time.
  void close_segment(bool loses_work) {
    const double run_s = (engine_.now() - run_start_).to_seconds();
    const double tau = job_.checkpoint.interval_s, save = job_.checkpoint.save_s;
    double done = 0.0, committed = 0.0, saving = 0.0;
    if (job_.checkpoint.async_save) {
      done = run_s;
      committed = run_s >= save ? std::floor((run_s - save) / tau) * tau : 0.0;
    } else {
      const double cycles = std::floor(run_s / (tau + save));
      const double rem = run_s - cycles * (tau + save);
      done = cycles * tau + std::min(rem, tau);
      committed = cycles * tau;
      saving = cycles * save + std::max(0.0, rem - tau);
    }
    result_.checkpoint_s += saving;
    if (loses_work) {
      result_.useful_work_s += committed;
      result_.lost_work_s += done - committed;
    } else {
      result_.useful_work_s += done;
    }
  }

  const FailureTable& table_;
  const JobSpec& job_;
  SimTime end_;
  Engine engine_;
  std::vector<RandomStream> streams_;  // one per class: entity = class index
  RandomStream repair_rng_;            // entity = number of classes
  std::vector<double> rate_per_s_;
  State state_ = State::running;
  SimTime run_start_;
  SimTime down_since_;
  SimTime wait_since_;
  EventHandle pending_;
  int64_t nodes_needed_ = 0;
  int64_t spares_free_ = 0;
  JobRunResult result_;
};

aidc::sim::ConfidenceInterval ci_of(const std::vector<JobRunResult>& runs, double (*get)(const JobRunResult&)) {
  return aidc::sim::confidence_interval(aidc::sim::aggregate_in_order(runs, get));
}

}  // namespace

double JobRunResult::mtbf_hours() const {
  const double window_h = window_s / kSecondsPerHour;
  return interruptions > 0 ? window_h / static_cast<double>(interruptions) : window_h;
}
double JobRunResult::mttr_hours() const {
  return outages > 0 ? downtime_s / kSecondsPerHour / static_cast<double>(outages) : 0.0;
}
double JobRunResult::interruptions_per_day() const {
  return static_cast<double>(interruptions) / (window_s / kSecondsPerDay);
}

JobRunResult simulate_job(const FailureTable& table, const JobSpec& job, uint64_t seed, uint32_t replication) {
  validate(table);
  validate(job);
  JobSim sim(table, job, seed, replication);
  return sim.run();
}

double job_interruption_rate_per_s(const FailureTable& table, const JobSpec& job) {
  double rate = 0.0;
  for (const auto& c : table.classes) rate += c.failures_per_unit_day * static_cast<double>(units_of(c, job));
  return rate / kSecondsPerDay;
}

JobStudy study_job(const FailureTable& table, const JobSpec& job, int64_t replications, int threads, uint64_t seed) {
  if (replications < 1) throw std::invalid_argument("study_job: replications must be >= 1");
  if (replications > int64_t{0xFFFFFFFF}) throw std::invalid_argument("study_job: too many replications");
  validate(table);
  validate(job);
  JobStudy s;
  s.replications = replications;
  s.runs = aidc::sim::run_replications<JobRunResult>(replications, threads, [&](int64_t r) {
    JobSim sim(table, job, seed, static_cast<uint32_t>(r));
    return sim.run();
  });
  s.ettr = ci_of(s.runs, [](const JobRunResult& r) { return r.ettr(); });
  s.mtbf_hours = ci_of(s.runs, [](const JobRunResult& r) { return r.mtbf_hours(); });
  s.mttr_hours = ci_of(s.runs, [](const JobRunResult& r) { return r.mttr_hours(); });
  s.interruptions = ci_of(s.runs, [](const JobRunResult& r) { return static_cast<double>(r.interruptions); });
  s.interruptions_per_day = ci_of(s.runs, [](const JobRunResult& r) { return r.interruptions_per_day(); });
  aidc::sim::Accumulator lost;
  for (const auto& r : s.runs) {
    if (r.lossy_interruptions > 0)
      lost.add(r.lost_work_s / kSecondsPerHour / static_cast<double>(r.lossy_interruptions));
  }
  s.lost_work_hours_per_lossy_interruption = aidc::sim::confidence_interval(lost);
  for (std::size_t i = 0; i < table.classes.size(); ++i) {
    aidc::sim::Accumulator acc;
    for (const auto& r : s.runs) acc.add(static_cast<double>(r.by_class[i]));
    s.by_class.push_back(aidc::sim::confidence_interval(acc));
  }
  return s;
}

std::vector<IntervalPoint> sweep_checkpoint_interval(const FailureTable& table, const JobSpec& job,
                                                     const std::vector<double>& intervals_s, int64_t replications,
                                                     int threads, uint64_t seed) {
  std::vector<IntervalPoint> out;
  for (const double tau : intervals_s) {
    JobSpec j = job;
    j.checkpoint.interval_s = tau;
    const auto s = study_job(table, j, replications, threads, seed);
    out.push_back({tau, s.ettr});
  }
  return out;
}

}  // namespace aidc::models::reliability
