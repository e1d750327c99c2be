#include "models/reliability/reliability_sim.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/engine.hpp"
#include "sim/replications.hpp"
#include "sim/rng.hpp"
#include "sim/stats.hpp"

namespace aidc::models {
namespace {

using sim::SimTime;

constexpr double kSecondsPerHour = 3600.0;
constexpr double kMinutesPerHour = 60.0;
constexpr double kHoursPerDay = 24.0;
constexpr double kGpusPerThousand = 1000.0;
// Stream ids inside one entity.
constexpr uint32_t kLifeStream = 0;
constexpr uint32_t kRepairStream = 1;
constexpr uint32_t kPickStream = 2;
// Unit flags (per unit of a class).
constexpr uint8_t kUp = 0;
constexpr uint8_t kDown = 1;          // down, not in the job or no job effect
constexpr uint8_t kDownSwapped = 2;   // down; a spare took its place (returns to the pool on repair)
constexpr uint8_t kDownBlocking = 3;  // down; the job waits for this repair

double to_h(SimTime t) {
  return t.to_hours();
}

// One outage of a set of nodes (a redundancy group below `required`, or a site-wide power drop).
struct Outage {
  int64_t first_node = 0;
  int64_t end_node = 0;
  ReliabilityLayer layer = ReliabilityLayer::power;
  int cause = 0;
  SimTime since;
  int64_t swapped = 0;
  bool blocking = false;
  bool active = false;
};

struct GroupState {
  int spec = 0;
  int up = 0;
  Outage outage;
  sim::EventHandle trip;  // pending thermal trip
  bool tripped = false;
  bool throttling = false;
  SimTime throttle_since;
  SimTime storage_since;
  bool storage_down = false;
};

struct ClassState {
  int64_t units = 0;
  int units_per_node = 1;
  double rate_per_hour = 0.0;  // per unit
  double weibull_scale_hours = 0.0;
  std::vector<uint8_t> flags;
  sim::RandomStream life;
  sim::RandomStream repair;
  sim::RandomStream pick;
  // group_unit: first flat unit index of each group spec using this class
  std::vector<int> specs;
  std::vector<int64_t> spec_first_group;  // index into Sim::groups_ of the spec's first group
  std::vector<int64_t> spec_first_unit;   // flat unit offset of the spec
};

class Sim {
 public:
  Sim(const ReliabilityInputs& in, uint32_t rep) : in_(in) {
    const auto& t = in_.table.classes;
    res_.interruptions_by_class.assign(t.size(), 0);
    res_.failures_by_class.assign(t.size(), 0);
    nodes_ = in_.site.nodes;
    gpn_ = in_.site.gpus_per_node;
    job_nodes_ = (in_.job.gpus + gpn_ - 1) / gpn_;
    spares_free_ = in_.job.spare_nodes;
    horizon_ = SimTime::from_hours(in_.horizon_hours);
    // The energy year uses at most 8,760 hours of it: a longer horizon is not binned past that.
    res_.job_running_by_hour.assign(static_cast<std::size_t>(std::min(std::ceil(in_.horizon_hours), 8760.0)), 0.0f);
    tau_ = SimTime::from_seconds(checkpoint_interval_s());
    delta_ = SimTime::from_seconds(in_.job.checkpoint_save_s);
    build_groups();
    classes_.reserve(t.size());
    for (std::size_t c = 0; c < t.size(); ++c) {
      const uint32_t e = static_cast<uint32_t>(c);
      classes_.push_back(ClassState{0,
                                    1,
                                    0.0,
                                    0.0,
                                    {},
                                    sim::RandomStream({in.seed, rep, e, kLifeStream}),
                                    sim::RandomStream({in.seed, rep, e, kRepairStream}),
                                    sim::RandomStream({in.seed, rep, e, kPickStream}),
                                    {},
                                    {},
                                    {}});
      init_class(static_cast<int>(c));
    }
  }

  ReplicationResult run() {
    run_start_ = SimTime::zero();
    running_ = true;
    for (std::size_t c = 0; c < classes_.size(); ++c) start_class(static_cast<int>(c));
    if (in_.maintenance.interval_hours > 0.0 && in_.maintenance.duration_hours > 0.0)
      engine_.schedule_at<&Sim::on_maintenance>(SimTime::from_hours(in_.maintenance.interval_hours), this, 0);
    engine_.run_until(horizon_);
    finish();
    return std::move(res_);
  }

  // ---- event handlers ------------------------------------------------------------------------------
  void on_class_failure(sim::Engine& e, uint64_t c) {
    auto& cs = classes_[c];
    const auto& fc = in_.table.classes[c];
    const double total_rate = cs.rate_per_hour * static_cast<double>(cs.units);
    const double next_h = cs.life.exponential(total_rate);
    if (!beyond_horizon(next_h)) engine_.schedule_after<&Sim::on_class_failure>(SimTime::from_hours(next_h), this, c);
    if (fc.scope == FailureScope::job_gpu) {
      // Thinning: the process runs at the full job rate; only failures while running count.
      ++res_.failures_by_class[c];
      if (running_) interrupt(static_cast<int>(c), false);
      after_failure();
      return;
    }
    if (fc.scope == FailureScope::utility) {
      if (utility_out_) return;  // already out: the superposed draw is thinned
      ++res_.failures_by_class[c];
      utility_outage(e, static_cast<int>(c));
      return;
    }
    const auto u = static_cast<int64_t>(cs.pick.uniform() * static_cast<double>(cs.units));
    if (cs.flags[static_cast<std::size_t>(u)] != kUp) return;  // thinning: that unit is already down
    fail_unit(static_cast<int>(c), u);
    after_failure();
  }

  void on_unit_failure(sim::Engine&, uint64_t packed) {
    fail_unit(static_cast<int>(packed >> 40), static_cast<int64_t>(packed & ((uint64_t{1} << 40) - 1)));
    after_failure();
  }

  void on_repair(sim::Engine&, uint64_t packed) {
    const int c = static_cast<int>(packed >> 40);
    const int64_t u = static_cast<int64_t>(packed & ((uint64_t{1} << 40) - 1));
    auto& cs = classes_[static_cast<std::size_t>(c)];
    const auto& fc = in_.table.classes[static_cast<std::size_t>(c)];
    const uint8_t flag = cs.flags[static_cast<std::size_t>(u)];
    cs.flags[static_cast<std::size_t>(u)] = kUp;
    if (flag == kDownSwapped) ++spares_free_;
    if (flag == kDownBlocking) unblock();
    if (fc.scope == FailureScope::group_unit) {
      auto [g, spec] = group_of(c, u);
      auto& gs = groups_[static_cast<std::size_t>(g)];
      const int req = in_.groups[static_cast<std::size_t>(spec)].required;
      ++gs.up;
      if (gs.up == req) group_restored(g);
    }
    if (fc.life == LifeDistribution::weibull) schedule_weibull(c, u);
  }

  void on_restart_done(sim::Engine&, uint64_t) {
    restart_pending_ = false;
    running_ = true;
    run_start_ = engine_.now();
    res_.recovery_hours_total += to_h(engine_.now() - down_since_);
    ++res_.recoveries;
  }

  void on_maintenance(sim::Engine&, uint64_t) {
    engine_.schedule_after<&Sim::on_maintenance>(SimTime::from_hours(in_.maintenance.interval_hours), this, 0);
    if (!running_) return;
    interrupt(-1, true);
    after_failure();
  }

  void on_thermal_trip(sim::Engine&, uint64_t g) {
    auto& gs = groups_[g];
    const auto& spec = in_.groups[static_cast<std::size_t>(gs.spec)];
    gs.trip = {};
    if (spec.thermal_action == ThermalAction::shutdown) {
      gs.tripped = true;
      outage_begin(gs.outage);
      after_failure();
    } else {
      gs.throttling = true;
      gs.throttle_since = engine_.now();
    }
  }

  void on_utility_restore(sim::Engine&, uint64_t) {
    utility_out_ = false;
    engine_.cancel(power_drop_);
    power_drop_ = {};
    engine_.cancel(gen_fail_);
    gen_fail_ = {};
    if (site_power_.active) outage_end(site_power_);
  }

  void on_generator_fail(sim::Engine&, uint64_t gc) {
    gen_fail_ = {};
    ++res_.failures_by_class[gc];
    --gens_running_;
    if (gens_running_ < gens_required_) {
      if (!power_drop_.valid() && !site_power_.active)
        power_drop_ = engine_.schedule_after<&Sim::on_power_drop>(ride_through_, this, 0);
    } else {
      schedule_generator_failure();
    }
  }

  void on_power_drop(sim::Engine&, uint64_t) {
    power_drop_ = {};
    ++res_.load_drops;
    outage_begin(site_power_);
    after_failure();
  }

 private:
  double checkpoint_interval_s() const {
    double s = in_.job.checkpoint_interval_min * 60.0;
    if (in_.job.step_time_s > 0.0) s = std::ceil(s / in_.job.step_time_s) * in_.job.step_time_s;
    return s;
  }

  void build_groups() {
    for (std::size_t s = 0; s < in_.groups.size(); ++s) {
      const auto& spec = in_.groups[s];
      const int cls = in_.table.find(spec.class_name);
      for (int64_t g = 0; g < spec.groups; ++g) {
        GroupState gs;
        gs.spec = static_cast<int>(s);
        gs.up = spec.units;
        gs.outage.first_node = g * nodes_ / spec.groups;
        gs.outage.end_node = (g + 1) * nodes_ / spec.groups;
        gs.outage.layer = in_.table.classes[static_cast<std::size_t>(cls)].layer;
        gs.outage.cause = cls;
        groups_.push_back(gs);
      }
      if (spec.action == GroupAction::standby_generator) {
        gens_spec_ = static_cast<int>(s);
        gens_required_ = static_cast<int64_t>(spec.required) * spec.groups;
      }
    }
    site_power_.first_node = 0;
    site_power_.end_node = nodes_;
    site_power_.layer = ReliabilityLayer::power;
    ride_through_ = SimTime::from_seconds(in_.site.ups_ride_through_min * 60.0);
  }

  void init_class(int c) {
    const auto& fc = in_.table.classes[static_cast<std::size_t>(c)];
    auto& cs = classes_[static_cast<std::size_t>(c)];
    switch (fc.scope) {
      case FailureScope::gpu:
        cs.units_per_node = gpn_;
        break;
      case FailureScope::nic:
        cs.units_per_node = in_.site.nics_per_node;
        break;
      case FailureScope::optic:
        cs.units_per_node = in_.site.nics_per_node * in_.site.optics_per_nic;
        break;
      default:
        cs.units_per_node = 1;
        break;
    }
    switch (fc.scope) {
      case FailureScope::gpu:
      case FailureScope::nic:
      case FailureScope::optic:
      case FailureScope::node:
        cs.units = nodes_ * cs.units_per_node;
        break;
      case FailureScope::spine_switch:
        cs.units = in_.site.spine_switches;
        break;
      case FailureScope::core_switch:
        cs.units = in_.site.core_switches;
        break;
      case FailureScope::job_gpu:
        cs.units = in_.job.gpus;
        break;
      case FailureScope::utility:
        cs.units = 1;
        break;
      case FailureScope::group_unit: {
        int64_t flat = 0;
        int64_t first_group = 0;
        for (std::size_t s = 0; s < in_.groups.size(); ++s) {
          const auto& spec = in_.groups[s];
          if (spec.class_name == fc.name) {
            cs.specs.push_back(static_cast<int>(s));
            cs.spec_first_group.push_back(first_group);
            cs.spec_first_unit.push_back(flat);
            flat += spec.groups * spec.units;
          }
          first_group += spec.groups;
        }
        cs.units = flat;
        break;
      }
    }
    cs.rate_per_hour = 1.0 / fc.mtbf_hours;
    if (fc.life == LifeDistribution::weibull)
      cs.weibull_scale_hours = fc.mtbf_hours / std::tgamma(1.0 + 1.0 / fc.weibull_shape);
    const bool needs_flags = fc.scope != FailureScope::job_gpu && fc.scope != FailureScope::utility;
    if (needs_flags) cs.flags.assign(static_cast<std::size_t>(cs.units), kUp);
  }

  bool is_standby_generator(int c) const {
    const auto& cs = classes_[static_cast<std::size_t>(c)];
    for (int s : cs.specs)
      if (in_.groups[static_cast<std::size_t>(s)].action == GroupAction::standby_generator) return true;
    return false;
  }

  void start_class(int c) {
    auto& cs = classes_[static_cast<std::size_t>(c)];
    const auto& fc = in_.table.classes[static_cast<std::size_t>(c)];
    if (cs.units <= 0) return;
    if (is_standby_generator(c)) return;  // generators fail on demand and while running (utility outages)
    if (fc.life == LifeDistribution::weibull && fc.scope != FailureScope::job_gpu &&
        fc.scope != FailureScope::utility) {
      for (int64_t u = 0; u < cs.units; ++u) schedule_weibull(c, u);
      return;
    }
    const double total_rate = cs.rate_per_hour * static_cast<double>(cs.units);
    const double first_h = cs.life.exponential(total_rate);
    if (!beyond_horizon(first_h))
      engine_.schedule_at<&Sim::on_class_failure>(SimTime::from_hours(first_h), this, static_cast<uint64_t>(c));
  }

  void schedule_weibull(int c, int64_t u) {
    auto& cs = classes_[static_cast<std::size_t>(c)];
    const auto& fc = in_.table.classes[static_cast<std::size_t>(c)];
    const double h = cs.life.weibull(fc.weibull_shape, cs.weibull_scale_hours);
    if (beyond_horizon(h)) return;
    engine_.schedule_after<&Sim::on_unit_failure>(SimTime::from_hours(h), this, pack(c, u));
  }

  // Draws beyond the horizon are not scheduled (and may exceed SimTime's range for very reliable units).
  bool beyond_horizon(double hours) const { return !(hours < to_h(horizon_ - engine_.now())); }

  static uint64_t pack(int c, int64_t u) { return (static_cast<uint64_t>(c) << 40) | static_cast<uint64_t>(u); }

  double draw_repair_hours(int c) {
    auto& cs = classes_[static_cast<std::size_t>(c)];
    const auto& fc = in_.table.classes[static_cast<std::size_t>(c)];
    switch (fc.repair) {
      case RepairDistribution::fixed:
        return fc.repair_median_hours;
      case RepairDistribution::exponential:
        return cs.repair.exponential(1.0 / fc.repair_median_hours);
      case RepairDistribution::lognormal:
        return cs.repair.lognormal(std::log(fc.repair_median_hours), fc.repair_sigma);
    }
    return fc.repair_median_hours;
  }

  std::pair<int64_t, int> group_of(int c, int64_t u) const {
    const auto& cs = classes_[static_cast<std::size_t>(c)];
    std::size_t k = cs.specs.size() - 1;
    while (k > 0 && u < cs.spec_first_unit[k]) --k;
    const int spec = cs.specs[k];
    const int64_t g =
        cs.spec_first_group[k] + (u - cs.spec_first_unit[k]) / in_.groups[static_cast<std::size_t>(spec)].units;
    return {g, spec};
  }

  void fail_unit(int c, int64_t u) {
    auto& cs = classes_[static_cast<std::size_t>(c)];
    const auto& fc = in_.table.classes[static_cast<std::size_t>(c)];
    ++res_.failures_by_class[static_cast<std::size_t>(c)];
    const double repair_h = draw_repair_hours(c);
    uint8_t flag = kDown;
    switch (fc.scope) {
      case FailureScope::gpu:
      case FailureScope::nic:
      case FailureScope::optic:
      case FailureScope::node: {
        const int64_t node = u / cs.units_per_node;
        const double down_h = std::min(repair_h, to_h(horizon_ - engine_.now()));
        res_.gpu_hours_lost += down_h * gpn_;
        res_.layer_down_node_hours[static_cast<std::size_t>(fc.layer)] += down_h;
        if (node < job_nodes_) {
          hardware_hit(c);
          if (spares_free_ > 0) {
            --spares_free_;
            swap_pending_ = true;
            flag = kDownSwapped;
          } else {
            ++res_.spare_waits;
            block();
            flag = kDownBlocking;
          }
        }
        break;
      }
      case FailureScope::spine_switch:
      case FailureScope::core_switch:
        if (job_nodes_ > 1) hardware_hit(c);
        break;
      case FailureScope::group_unit: {
        auto [g, spec] = group_of(c, u);
        auto& gs = groups_[static_cast<std::size_t>(g)];
        const int req = in_.groups[static_cast<std::size_t>(spec)].required;
        --gs.up;
        if (gs.up == req - 1) group_failed(g);
        break;
      }
      case FailureScope::job_gpu:
      case FailureScope::utility:
        break;
    }
    cs.flags[static_cast<std::size_t>(u)] = flag;
    if (!beyond_horizon(repair_h))
      engine_.schedule_after<&Sim::on_repair>(SimTime::from_hours(repair_h), this, pack(c, u));
  }

  void group_failed(int64_t g) {
    auto& gs = groups_[static_cast<std::size_t>(g)];
    const auto& spec = in_.groups[static_cast<std::size_t>(gs.spec)];
    if (spec.serves == GroupServes::storage) {
      gs.storage_down = true;
      gs.storage_since = engine_.now();
      return;
    }
    switch (spec.action) {
      case GroupAction::immediate:
        ++res_.load_drops;
        outage_begin(gs.outage);
        break;
      case GroupAction::thermal:
        gs.trip = engine_.schedule_after<&Sim::on_thermal_trip>(
            SimTime::from_seconds(spec.thermal_ride_through_min * 60.0), this, static_cast<uint64_t>(g));
        break;
      case GroupAction::standby_generator:
        break;
    }
  }

  void group_restored(int64_t g) {
    auto& gs = groups_[static_cast<std::size_t>(g)];
    const auto& spec = in_.groups[static_cast<std::size_t>(gs.spec)];
    if (gs.storage_down) {
      gs.storage_down = false;
      res_.storage_down_hours += to_h(engine_.now() - gs.storage_since) / static_cast<double>(spec.groups);
    }
    if (gs.trip.valid()) {
      engine_.cancel(gs.trip);
      gs.trip = {};
    }
    if (gs.throttling) {
      gs.throttling = false;
      add_throttle(gs, engine_.now());
    }
    if (gs.outage.active) outage_end(gs.outage);
    gs.tripped = false;
  }

  void add_throttle(const GroupState& gs, SimTime until) {
    const auto& spec = in_.groups[static_cast<std::size_t>(gs.spec)];
    if (gs.outage.first_node < job_nodes_)
      res_.throttle_loss_hours += (1.0 - spec.throttle_speed_fraction) * to_h(until - gs.throttle_since);
  }

  void outage_begin(Outage& o) {
    o.active = true;
    o.since = engine_.now();
    const int64_t k = std::max<int64_t>(0, std::min(o.end_node, job_nodes_) - o.first_node);
    if (k == 0) return;
    hardware_hit(o.cause);
    if (o.layer != ReliabilityLayer::power && spares_free_ >= k) {
      spares_free_ -= k;
      o.swapped = k;
      swap_pending_ = true;
    } else {
      o.blocking = true;
      ++res_.spare_waits;
      block();
    }
  }

  void outage_end(Outage& o) {
    const double h = to_h(engine_.now() - o.since);
    const auto n = static_cast<double>(o.end_node - o.first_node);
    res_.gpu_hours_lost += h * n * gpn_;
    res_.layer_down_node_hours[static_cast<std::size_t>(o.layer)] += h * n;
    spares_free_ += o.swapped;
    o.swapped = 0;
    o.active = false;
    if (o.blocking) {
      o.blocking = false;
      unblock();
    }
  }

  void utility_outage(sim::Engine&, int c) {
    const double hours = draw_repair_hours(c);
    utility_out_ = true;
    if (!beyond_horizon(hours)) engine_.schedule_after<&Sim::on_utility_restore>(SimTime::from_hours(hours), this, 0);
    site_power_.cause = c;
    gens_running_ = 0;
    if (gens_spec_ >= 0) {
      const auto& spec = in_.groups[static_cast<std::size_t>(gens_spec_)];
      const int gc = in_.table.find(spec.class_name);
      auto& cs = classes_[static_cast<std::size_t>(gc)];
      const auto& fc = in_.table.classes[static_cast<std::size_t>(gc)];
      const int64_t n = static_cast<int64_t>(spec.units) * spec.groups;
      for (int64_t i = 0; i < n; ++i) {
        if (cs.pick.uniform() >= fc.fail_to_start_probability) {
          ++gens_running_;
        } else {
          ++res_.failures_by_class[static_cast<std::size_t>(gc)];
        }
      }
    }
    if (gens_running_ < gens_required_ || gens_spec_ < 0) {
      power_drop_ = engine_.schedule_after<&Sim::on_power_drop>(ride_through_, this, 0);
    } else {
      schedule_generator_failure();
    }
  }

  void schedule_generator_failure() {
    const auto& spec = in_.groups[static_cast<std::size_t>(gens_spec_)];
    const int gc = in_.table.find(spec.class_name);
    auto& cs = classes_[static_cast<std::size_t>(gc)];
    const double rate = cs.rate_per_hour * static_cast<double>(gens_running_);
    if (rate <= 0.0) return;
    const double h = cs.life.exponential(rate);
    if (beyond_horizon(h)) return;
    gen_fail_ =
        engine_.schedule_after<&Sim::on_generator_fail>(SimTime::from_hours(h), this, static_cast<uint64_t>(gc));
  }

  // ---- job --------------------------------------------------------------------------------------------
  // Work since run_start_: returns {useful, checkpoint overhead, lost} in seconds.
  struct Split {
    double useful_s, overhead_s, lost_s;
  };
  Split split_run(SimTime now, bool interrupted) const {
    const double e = (now - run_start_).to_seconds();
    const double tau = tau_.to_seconds();
    const double delta = delta_.to_seconds();
    if (in_.job.checkpoint_blocking) {
      const double k = std::floor(e / (tau + delta));
      if (!interrupted) return {e - k * delta, k * delta, 0.0};
      return {k * tau, k * delta, e - k * (tau + delta)};
    }
    if (!interrupted) return {e, 0.0, 0.0};
    const double k = e >= tau + delta ? std::floor((e - delta) / tau) : 0.0;
    return {k * tau, 0.0, e - k * tau};
  }

  void interrupt(int c, bool planned) {
    const SimTime now = engine_.now();
    const Split s = split_run(now, true);
    res_.useful_hours += s.useful_s / kSecondsPerHour;
    res_.checkpoint_overhead_hours += s.overhead_s / kSecondsPerHour;
    res_.lost_work_hours += s.lost_s / kSecondsPerHour;
    res_.running_hours += to_h(now - run_start_);
    add_running(run_start_, now);
    running_ = false;
    down_since_ = now;
    swap_pending_ = false;
    if (planned) {
      ++res_.planned_interruptions;
      detect_done_ = now + SimTime::from_hours(in_.maintenance.duration_hours);
    } else {
      ++res_.interruptions;
      ++res_.interruptions_by_class[static_cast<std::size_t>(c)];
      const double detect_min =
          in_.job.restart_min_override >= 0.0 ? 0.0 : in_.table.classes[static_cast<std::size_t>(c)].detection_min;
      detect_done_ = now + SimTime::from_seconds(detect_min * 60.0);
    }
  }

  // A hardware failure that touches the job's nodes: interrupts a running job; during a recovery it fails
  // the recovery too (counted as an interruption, detection and restart start again), as in Daly's model.
  // Software faults (job_gpu) occur only in running code and never take this path.
  void hardware_hit(int c) {
    if (running_) {
      interrupt(c, false);
      return;
    }
    ++res_.interruptions;
    ++res_.interruptions_by_class[static_cast<std::size_t>(c)];
    if (restart_pending_) {
      engine_.cancel(restart_);
      restart_pending_ = false;
    }
    const double detect_min =
        in_.job.restart_min_override >= 0.0 ? 0.0 : in_.table.classes[static_cast<std::size_t>(c)].detection_min;
    detect_done_ = engine_.now() + SimTime::from_seconds(detect_min * 60.0);
  }

  // Called after every event that may have interrupted the job, once spares and repairs are settled.
  void after_failure() {
    if (!running_ && blocked_ == 0 && !restart_pending_) schedule_restart(detect_done_);
  }

  double restart_cost_s() const {
    const auto& j = in_.job;
    double s = 0.0;
    if (j.restart_min_override >= 0.0) {
      s = j.restart_min_override * 60.0;
    } else {
      s = j.relaunch_min * 60.0 + j.comm_init_s_per_1k_gpus * static_cast<double>(j.gpus) / kGpusPerThousand +
          j.checkpoint_restore_s;
    }
    s += j.queue_min_per_failure * 60.0;
    if (swap_pending_) s += j.spare_swap_min * 60.0;
    return s;
  }

  void schedule_restart(SimTime from) {
    const SimTime t = std::max(from, engine_.now()) + SimTime::from_seconds(restart_cost_s());
    restart_ = engine_.schedule_at<&Sim::on_restart_done>(t, this, 0);
    restart_pending_ = true;
  }

  void block() {
    ++blocked_;
    if (restart_pending_) {
      engine_.cancel(restart_);
      restart_pending_ = false;
    }
  }

  void unblock() {
    --blocked_;
    if (blocked_ == 0 && !running_ && !restart_pending_) schedule_restart(detect_done_);
  }

  void finish() {
    if (running_) {
      const Split s = split_run(horizon_, false);
      res_.useful_hours += s.useful_s / kSecondsPerHour;
      res_.checkpoint_overhead_hours += s.overhead_s / kSecondsPerHour;
      res_.running_hours += to_h(horizon_ - run_start_);
      add_running(run_start_, horizon_);
    }
    for (auto& gs : groups_) {
      if (gs.throttling) add_throttle(gs, horizon_);
      if (gs.storage_down) {
        res_.storage_down_hours += to_h(horizon_ - gs.storage_since) /
                                   static_cast<double>(in_.groups[static_cast<std::size_t>(gs.spec)].groups);
      }
      if (gs.outage.active) close_outage_at_horizon(gs.outage);
    }
    if (site_power_.active) close_outage_at_horizon(site_power_);
    res_.useful_hours = std::max(0.0, res_.useful_hours - res_.throttle_loss_hours);
    res_.events = engine_.events_fired();
    res_.event_trace = engine_.trace_hash();
  }

  // Adds [a, b) of job running time to the hourly timeline (the fraction of each hour the job ran).
  void add_running(SimTime a, SimTime b) {
    auto& bins = res_.job_running_by_hour;
    const int64_t hour_ns = SimTime::from_hours(1.0).ns();
    for (int64_t t = a.ns(); t < b.ns();) {
      const int64_t h = t / hour_ns;
      if (h >= static_cast<int64_t>(bins.size())) break;
      const int64_t end = std::min(b.ns(), (h + 1) * hour_ns);
      bins[static_cast<std::size_t>(h)] +=
          static_cast<float>(static_cast<double>(end - t) / static_cast<double>(hour_ns));
      t = end;
    }
  }

  void close_outage_at_horizon(const Outage& o) {
    const double h = to_h(horizon_ - o.since);
    const auto n = static_cast<double>(o.end_node - o.first_node);
    res_.gpu_hours_lost += h * n * gpn_;
    res_.layer_down_node_hours[static_cast<std::size_t>(o.layer)] += h * n;
  }

  const ReliabilityInputs& in_;
  sim::Engine engine_;
  std::vector<ClassState> classes_;
  std::vector<GroupState> groups_;
  ReplicationResult res_;
  int64_t nodes_ = 0;
  int gpn_ = 8;
  int64_t job_nodes_ = 0;
  int64_t spares_free_ = 0;
  SimTime horizon_;
  SimTime tau_;
  SimTime delta_;
  // job state
  bool running_ = false;
  SimTime run_start_;
  SimTime down_since_;
  SimTime detect_done_;
  int64_t blocked_ = 0;
  bool restart_pending_ = false;
  bool swap_pending_ = false;
  sim::EventHandle restart_;
  // power
  Outage site_power_;
  bool utility_out_ = false;
  int gens_spec_ = -1;
  int64_t gens_required_ = 0;
  int64_t gens_running_ = 0;
  SimTime ride_through_;
  sim::EventHandle power_drop_;
  sim::EventHandle gen_fail_;
};

Estimate make_estimate(const sim::Accumulator& acc) {
  const auto ci = sim::confidence_interval(acc, 0.95);
  return {ci.mean, ci.lower(), ci.upper()};
}

}  // namespace

const char* layer_name(ReliabilityLayer layer) {
  switch (layer) {
    case ReliabilityLayer::compute:
      return "compute";
    case ReliabilityLayer::network:
      return "network";
    case ReliabilityLayer::storage:
      return "storage";
    case ReliabilityLayer::power:
      return "power";
    case ReliabilityLayer::cooling:
      return "cooling";
    case ReliabilityLayer::software:
      return "software";
  }
  return "?";
}

int FailureTable::find(const std::string& name) const {
  for (std::size_t i = 0; i < classes.size(); ++i)
    if (classes[i].name == name) return static_cast<int>(i);
  return -1;
}

void validate_inputs(const ReliabilityInputs& in) {
  auto bad = [](const std::string& m) { throw std::invalid_argument("reliability inputs: " + m); };
  if (in.site.nodes < 1) bad("site.nodes must be >= 1");
  if (in.site.gpus_per_node < 1) bad("site.gpus_per_node must be >= 1");
  if (in.job.gpus < 1) bad("job.gpus must be >= 1");
  if ((in.job.gpus + in.site.gpus_per_node - 1) / in.site.gpus_per_node > in.site.nodes)
    bad("job.gpus needs more nodes than site.nodes");
  if (!(in.horizon_hours > 0.0)) bad("horizon_hours must be > 0");
  if (!(in.job.checkpoint_interval_min > 0.0)) bad("job.checkpoint_interval_min must be > 0");
  if (in.job.checkpoint_save_s < 0.0) bad("job.checkpoint_save_s must be >= 0");
  if (in.job.spare_nodes < 0) bad("job.spare_nodes must be >= 0");
  for (const auto& c : in.table.classes) {
    if (!(c.mtbf_hours > 0.0)) bad("class " + c.name + ": mtbf_hours must be > 0");
    if (!(c.weibull_shape > 0.0)) bad("class " + c.name + ": weibull_shape must be > 0");
    if (!(c.repair_median_hours > 0.0)) bad("class " + c.name + ": repair median must be > 0");
  }
  for (const auto& g : in.groups) {
    const int c = in.table.find(g.class_name);
    if (c < 0) bad("group " + g.name + ": unknown class '" + g.class_name + "'");
    if (in.table.classes[static_cast<std::size_t>(c)].scope != FailureScope::group_unit)
      bad("group " + g.name + ": class '" + g.class_name + "' is not of scope group_unit");
    if (g.groups < 1 || g.units < 1 || g.required < 1 || g.required > g.units)
      bad("group " + g.name + ": need groups >= 1 and 1 <= required <= units");
  }
}

ReliabilityInputs with_measured_rate(const ReliabilityInputs& in) {
  ReliabilityInputs out = in;
  if (in.job.failures_per_1000_node_days < 0.0) return out;
  FailureClass m;
  m.name = "measured";
  m.root_cause = "measured";
  m.category = "measured";
  m.scope = FailureScope::node;
  m.mtbf_hours = 1000.0 * kHoursPerDay / in.job.failures_per_1000_node_days;
  m.repair = RepairDistribution::fixed;
  m.repair_median_hours = 1.0 / kMinutesPerHour;  // the node is back (or swapped) at once: restart_min covers it
  out.table.classes = {m};
  out.groups.clear();
  out.job.spare_nodes = std::max<int64_t>(out.job.spare_nodes, 1);
  return out;
}

ReplicationResult simulate_replication(const ReliabilityInputs& in, uint32_t replication) {
  Sim s(in, replication);
  return s.run();
}

std::vector<ReplicationResult> run_replication_results(const ReliabilityInputs& in, int64_t replications, int threads) {
  validate_inputs(in);
  return sim::run_replications<ReplicationResult>(
      replications, threads, [&](int64_t r) { return simulate_replication(in, static_cast<uint32_t>(r)); });
}

uint64_t reliability_fingerprint(const std::vector<ReplicationResult>& results) {
  sim::TraceHash h;
  h.add(results.size());
  for (const auto& r : results) {
    h.add(r.event_trace);
    h.add(r.events);
    h.add_signed(r.interruptions);
    h.add_signed(r.planned_interruptions);
    h.add_signed(r.recoveries);
    h.add_signed(r.load_drops);
    h.add_signed(r.spare_waits);
    for (const int64_t v : r.interruptions_by_class) h.add_signed(v);
    for (const int64_t v : r.failures_by_class) h.add_signed(v);
  }
  return h.value();
}

ReliabilitySummary summarize(const ReliabilityInputs& in, const std::vector<ReplicationResult>& results) {
  ReliabilitySummary s;
  s.fingerprint = reliability_fingerprint(results);
  s.replications = static_cast<int64_t>(results.size());
  s.horizon_hours = in.horizon_hours;
  const double T = in.horizon_hours;
  sim::Accumulator n_int, rate, run_rate, mttr, ettr, mfu, lost, gpu_av, storage_av;
  std::array<sim::Accumulator, kReliabilityLayers> layer;
  const double site_gpu_hours = static_cast<double>(in.site.nodes) * in.site.gpus_per_node * T;
  const double site_node_hours = static_cast<double>(in.site.nodes) * T;
  const std::size_t nc = in.table.classes.size();
  s.interruptions_by_class_mean.assign(nc, 0.0);
  s.failures_by_class_mean.assign(nc, 0.0);
  for (const auto& r : results) {
    n_int.add(static_cast<double>(r.interruptions));
    rate.add(static_cast<double>(r.interruptions) / T);
    if (r.running_hours > 0.0) run_rate.add(static_cast<double>(r.interruptions) / r.running_hours);
    if (r.recoveries > 0) mttr.add(r.recovery_hours_total / static_cast<double>(r.recoveries));
    ettr.add(r.useful_hours / T);
    mfu.add(r.useful_hours / T);
    if (r.interruptions > 0) lost.add(r.lost_work_hours / static_cast<double>(r.interruptions));
    gpu_av.add(1.0 - r.gpu_hours_lost / site_gpu_hours);
    storage_av.add(1.0 - r.storage_down_hours / T);
    for (int l = 0; l < kReliabilityLayers; ++l)
      layer[static_cast<std::size_t>(l)].add(1.0 -
                                             r.layer_down_node_hours[static_cast<std::size_t>(l)] / site_node_hours);
    for (std::size_t c = 0; c < nc; ++c) {
      s.interruptions_by_class_mean[c] += static_cast<double>(r.interruptions_by_class[c]);
      s.failures_by_class_mean[c] += static_cast<double>(r.failures_by_class[c]);
    }
    s.spare_waits_mean += static_cast<double>(r.spare_waits);
    s.load_drops_mean += static_cast<double>(r.load_drops);
  }
  const double n = std::max<double>(1.0, static_cast<double>(results.size()));
  for (std::size_t c = 0; c < nc; ++c) {
    s.interruptions_by_class_mean[c] /= n;
    s.failures_by_class_mean[c] /= n;
    s.class_names.push_back(in.table.classes[c].name);
    s.root_causes.push_back(in.table.classes[c].root_cause);
  }
  s.spare_waits_mean /= n;
  s.load_drops_mean /= n;
  // Hourly job timeline, mean over replications (in index order, so any thread count sums alike).
  for (const auto& r : results) {
    if (s.job_running_by_hour.size() < r.job_running_by_hour.size())
      s.job_running_by_hour.resize(r.job_running_by_hour.size(), 0.0);
    for (std::size_t h = 0; h < r.job_running_by_hour.size(); ++h) s.job_running_by_hour[h] += r.job_running_by_hour[h];
  }
  for (double& v : s.job_running_by_hour) v /= n;
  s.interruptions = make_estimate(n_int);
  // MTBF/MTTF from the rate estimate: 1/rate, its CI inverted (a rate CI reaching 0 gives an infinite bound).
  auto invert = [](const Estimate& e) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    return Estimate{e.mean > 0.0 ? 1.0 / e.mean : kInf, e.upper > 0.0 ? 1.0 / e.upper : kInf,
                    e.lower > 0.0 ? 1.0 / e.lower : kInf};
  };
  s.mtbf_hours = invert(make_estimate(rate));
  s.mttf_hours = invert(make_estimate(run_rate));
  s.mttr_hours = make_estimate(mttr);
  s.ettr = make_estimate(ettr);
  s.goodput = s.ettr;
  s.effective_mfu_factor = make_estimate(mfu);
  s.lost_work_per_interruption_hours = make_estimate(lost);
  s.gpu_hour_availability = make_estimate(gpu_av);
  s.storage_availability = make_estimate(storage_av);
  for (int l = 0; l < kReliabilityLayers; ++l) {
    const auto i = static_cast<std::size_t>(l);
    s.layer_availability[i] = make_estimate(layer[i]);
    const double u = 1.0 - s.layer_availability[i].mean;
    constexpr double kNoDowntimeNines = 99.0;
    s.layer_nines[i] = u > 0.0 ? -std::log10(u) : kNoDowntimeNines;
  }
  return s;
}

ReliabilitySummary run_reliability(const ReliabilityInputs& in, int64_t replications, int threads) {
  return summarize(in, run_replication_results(in, replications, threads));
}

IntervalOptimum optimal_checkpoint_interval(const ReliabilityInputs& in, const std::vector<double>& intervals_min,
                                            int64_t replications, int threads) {
  IntervalOptimum best;
  best.best_ettr = -1.0;
  for (double m : intervals_min) {
    ReliabilityInputs v = in;
    v.job.checkpoint_interval_min = m;
    const auto s = run_reliability(v, replications, threads);
    best.sweep.push_back({m, s.ettr.mean});
    if (s.ettr.mean > best.best_ettr) {
      best.best_ettr = s.ettr.mean;
      best.best_interval_min = m;
    }
  }
  return best;
}

}  // namespace aidc::models
