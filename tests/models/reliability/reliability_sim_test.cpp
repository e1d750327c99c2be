// Mechanics of the reliability simulation against hand-derived expectations.
#include <gtest/gtest.h>

#include <cmath>

#include "models/reliability/checkpoint_theory.hpp"
#include "models/reliability/reliability_sim.hpp"

namespace aidc::models {
namespace {

FailureClass make_class(const std::string& name, FailureScope scope, double mtbf_hours, double repair_hours) {
  FailureClass c;
  c.name = name;
  c.root_cause = name;
  c.category = "test";
  c.scope = scope;
  c.mtbf_hours = mtbf_hours;
  c.repair = RepairDistribution::fixed;
  c.repair_median_hours = repair_hours;
  return c;
}

// 1,000 GPUs on 125 nodes, no down time after an interruption, spares for everyone.
ReliabilityInputs base_inputs() {
  ReliabilityInputs in;
  in.site.nodes = 125;
  in.site.gpus_per_node = 8;
  in.job.gpus = 1000;
  in.job.restart_min_override = 0.0;
  in.job.spare_nodes = 1000;
  in.job.checkpoint_interval_min = 60.0;
  in.job.checkpoint_save_s = 0.0;
  in.horizon_hours = 1000.0;
  in.seed = 7;
  return in;
}

TEST(ReliabilityClosedForm, InterruptionCountIsLambdaNT) {
  auto in = base_inputs();
  in.table.classes = {make_class("gpu", FailureScope::gpu, 10000.0, 0.001)};
  const auto s = run_reliability(in, 200, 2);
  // lambda*N*T = (1/10,000 h) * 1,000 GPUs * 1,000 h = 100 interruptions. Poisson: sd 10, standard error
  // over 200 replications 10/sqrt(200) = 0.71; accept 3.3 standard errors (two-sided 99.9 %): +-2.33.
  EXPECT_NEAR(s.interruptions.mean, 100.0, 2.33);
  EXPECT_LE(s.interruptions.lower, 100.0 + 2.33);
  EXPECT_GE(s.interruptions.upper, 100.0 - 2.33);
  // MTBF = 1,000 h / 100 = 10 h.
  EXPECT_NEAR(s.mtbf_hours.mean, 10.0, 0.25);
}

TEST(ReliabilityClosedForm, WeibullWearOutFollowsItsCdf) {
  auto in = base_inputs();
  in.table.classes = {make_class("gpu", FailureScope::gpu, 10000.0, 0.001)};
  in.table.classes[0].life = LifeDistribution::weibull;
  in.table.classes[0].weibull_shape = 2.0;
  const auto s = run_reliability(in, 200, 2);
  // Scale = 10,000 h / Gamma(1.5) = 10,000 / 0.886227 = 11,283.8 h. P(fail by 1,000 h) =
  // 1 - exp(-(1,000 / 11,283.8)^2) = 1 - exp(-0.0078538) = 0.0078231 -> 7.82 of 1,000 GPUs (renewals after
  // the 3.6 s repair add < 0.01). Standard error ~ sqrt(7.82 / 200) = 0.198; accept 3.3 of them: +-0.65.
  EXPECT_NEAR(s.interruptions.mean, 7.82, 0.65);
}

TEST(ReliabilityClosedForm, EttrMatchesRenewalModelBlockingAndAsync) {
  auto in = base_inputs();
  // Job MTBF M = 80 h per GPU / 8 GPUs = 10 h, restart R = 0.5 h, tau = 1 h, delta = 0.1 h.
  in.site.nodes = 1;
  in.job.gpus = 8;
  in.table.classes = {make_class("sw", FailureScope::job_gpu, 80.0, 0.001)};
  in.job.restart_min_override = 30.0;
  in.job.checkpoint_save_s = 360.0;
  in.horizon_hours = 5000.0;
  // Blocking: c = 1.1 h, q = exp(-0.11) = 0.89583; q/(1-q) = 8.600; ETTR = 1 h * 8.600 / 10.5 h = 0.8190.
  EXPECT_NEAR(ettr_blocking_exponential(1.0, 0.1, 10.0, 0.5), 0.8190, 0.0005);
  const auto b = run_reliability(in, 100, 2);
  // Standard error of the mean over 100 replications of 5,000 h is ~0.001; end effects O(M/T) ~ 0.002.
  EXPECT_NEAR(b.ettr.mean, 0.8190, 0.006);
  // Async: p = exp(-0.1) = 0.90484, p/(1-p) = 9.508, times exp(-0.01) = 0.99005 -> 9.413; / 10.5 = 0.8965.
  in.job.checkpoint_blocking = false;
  EXPECT_NEAR(ettr_async_exponential(1.0, 0.1, 10.0, 0.5), 0.8965, 0.0005);
  const auto a = run_reliability(in, 100, 2);
  EXPECT_NEAR(a.ettr.mean, 0.8965, 0.006);
  // MTTR is the fixed restart: 0.5 h.
  EXPECT_NEAR(b.mttr_hours.mean, 0.5, 1e-9);
}

TEST(ReliabilityClosedForm, SimulatedOptimumNearYoungDaly) {
  auto in = base_inputs();
  in.site.nodes = 1;
  in.job.gpus = 8;
  in.table.classes = {make_class("sw", FailureScope::job_gpu, 80.0, 0.001)};
  in.job.checkpoint_save_s = 360.0;
  in.horizon_hours = 2000.0;
  // Young: sqrt(2 * 0.1 h * 10 h) = 1.414 h; Daly: 1.414 * (1 + sqrt(0.005)/3 + 0.005/9) - 0.1 = 1.348 h.
  EXPECT_NEAR(young_interval_hours(0.1, 10.0), 1.4142, 1e-3);
  EXPECT_NEAR(daly_interval_hours(0.1, 10.0), 1.3484, 1e-3);
  const auto opt = optimal_checkpoint_interval(in, {30, 45, 60, 75, 90, 105, 120, 150, 180, 240}, 60, 2);
  // The ETTR curve is flat near the optimum: accept 60..120 min around Young/Daly's 81..85 min.
  EXPECT_GE(opt.best_interval_min, 60.0);
  EXPECT_LE(opt.best_interval_min, 120.0);
}

// k-of-n groups with exponential unit lifetimes (mtbf 1,000 h) and fixed 10 h repair, over 10,000 h.
double drops_per_replication(int units, int required) {
  ReliabilityInputs in = base_inputs();
  in.table.classes = {make_class("ups", FailureScope::group_unit, 1000.0, 10.0)};
  in.table.classes[0].layer = ReliabilityLayer::power;
  RedundancyGroupSpec g;
  g.name = "ups";
  g.class_name = "ups";
  g.units = units;
  g.required = required;
  in.groups = {g};
  in.horizon_hours = 10000.0;
  return run_reliability(in, 400, 2).load_drops_mean;
}

TEST(ReliabilityRedundancy, NDropsOnEveryFailure) {
  // N (1 of 1): every failure drops load: 10,000 h / (1,000 + 10) h per cycle = 9.9 drops.
  EXPECT_NEAR(drops_per_replication(1, 1), 9.9, 0.5);
}

TEST(ReliabilityRedundancy, SecondFailureBeforeRepairDropsLoad) {
  // N+1 (2 of 3): a drop needs a second failure within the 10 h repair: rate ~ 3 lambda * 2 lambda * 10 h
  // = 6e-6 * 10 / h = 6e-5 / h -> 0.60 per 10,000 h. 2N (1 of 2): 2 lambda * lambda * 10 h -> 0.20.
  // Standard errors over 400 replications: 0.039 and 0.022; accept +-15 %.
  EXPECT_NEAR(drops_per_replication(3, 2), 0.60, 0.09);
  EXPECT_NEAR(drops_per_replication(2, 1), 0.20, 0.03);
  // N+2 (2 of 4) needs three overlapping failures: far fewer drops than N+1.
  EXPECT_LT(drops_per_replication(4, 2), 0.1);
}

ReliabilityInputs utility_inputs(double fail_to_start) {
  ReliabilityInputs in = base_inputs();
  auto util = make_class("utility", FailureScope::utility, 1000.0, 1.0);  // outages last exactly 1 h
  util.layer = ReliabilityLayer::power;
  auto gen = make_class("generator", FailureScope::group_unit, 1e9, 10.0);
  gen.layer = ReliabilityLayer::power;
  gen.fail_to_start_probability = fail_to_start;
  in.table.classes = {util, gen};
  RedundancyGroupSpec g;
  g.name = "gensets";
  g.class_name = "generator";
  g.units = 2;
  g.required = 1;
  g.action = GroupAction::standby_generator;
  in.groups = {g};
  in.site.ups_ride_through_min = 5.0;
  in.horizon_hours = 20000.0;
  return in;
}

TEST(ReliabilityPower, UtilityOutageCarriedByGenerators) {
  const auto s = run_reliability(utility_inputs(0.0), 50, 2);
  EXPECT_GT(s.failures_by_class_mean[0], 10.0);  // ~20 outages per replication
  EXPECT_EQ(s.load_drops_mean, 0.0);
  EXPECT_EQ(s.interruptions.mean, 0.0);
}

TEST(ReliabilityPower, CommonModeOutageDropsWholeSiteWhenGeneratorsFailToStart) {
  const auto s = run_reliability(utility_inputs(1.0), 50, 2);
  // Every 1 h outage outlasts the 5 min ride-through: one drop and one site-wide interruption each.
  EXPECT_EQ(s.load_drops_mean, s.failures_by_class_mean[0]);
  EXPECT_EQ(s.interruptions.mean, s.failures_by_class_mean[0]);
  // The job waits for the utility: down 1 h - 5 min = 55 min after the drop, then restarts (0 min).
  EXPECT_NEAR(s.mttr_hours.mean, 55.0 / 60.0, 1e-6);
  // Power layer availability: ~20 outages x 55 min of the whole site over 20,000 h ~ 0.99908.
  EXPECT_LT(s.layer_availability[static_cast<int>(ReliabilityLayer::power)].mean, 0.9995);
}

ReliabilityInputs cdu_inputs(double repair_hours, ThermalAction action) {
  ReliabilityInputs in = base_inputs();
  auto cdu = make_class("cdu", FailureScope::group_unit, 500.0, repair_hours);
  cdu.layer = ReliabilityLayer::cooling;
  in.table.classes = {cdu};
  RedundancyGroupSpec g;
  g.name = "cdus";
  g.class_name = "cdu";
  g.units = 1;
  g.required = 1;
  g.action = GroupAction::thermal;
  g.thermal_ride_through_min = 10.0;
  g.thermal_action = action;
  g.throttle_speed_fraction = 0.5;
  in.groups = {g};
  in.horizon_hours = 5000.0;
  return in;
}

TEST(ReliabilityCooling, RideThroughMasksShortCduOutages) {
  // Repairs of 6 min end before the 10 min ride-through: nothing trips.
  const auto s = run_reliability(cdu_inputs(0.1, ThermalAction::shutdown), 20, 2);
  EXPECT_GT(s.failures_by_class_mean[0], 5.0);
  EXPECT_EQ(s.interruptions.mean, 0.0);
}

TEST(ReliabilityCooling, LongCduOutageTripsRacksOrThrottles) {
  const auto s = run_reliability(cdu_inputs(1.0, ThermalAction::shutdown), 20, 2);
  EXPECT_EQ(s.interruptions.mean, s.failures_by_class_mean[0]);
  const auto t = run_reliability(cdu_inputs(1.0, ThermalAction::throttle), 20, 2);
  EXPECT_EQ(t.interruptions.mean, 0.0);
  // Each failure throttles 1 h - 10 min = 50 min at half speed: 25 min of work lost per failure, i.e.
  // ETTR = 1 - failures * (25/60) h / 5,000 h.
  EXPECT_NEAR(t.ettr.mean, 1.0 - t.failures_by_class_mean[0] * (25.0 / 60.0) / 5000.0, 1e-9);
}

TEST(ReliabilitySpares, ExhaustedSparesMakeTheJobWaitForRepair) {
  auto in = base_inputs();
  in.table.classes = {make_class("host", FailureScope::node, 2000.0, 50.0)};
  in.job.spare_nodes = 0;
  const auto none = run_reliability(in, 50, 2);
  // No spares: every interruption waits for the 50 h repair (and job nodes failing during the wait
  // add waits of their own), so recovery takes at least 50 h.
  EXPECT_GE(none.spare_waits_mean, none.interruptions.mean);
  EXPECT_GT(none.interruptions.mean, 1.0);
  EXPECT_GE(none.mttr_hours.lower, 49.0);
  in.job.spare_nodes = 1000;
  const auto many = run_reliability(in, 50, 2);
  EXPECT_EQ(many.spare_waits_mean, 0.0);
  EXPECT_NEAR(many.mttr_hours.mean, 0.0, 1e-9);
}

TEST(ReliabilityMaintenance, PlannedWindowsStopTheJob) {
  auto in = base_inputs();
  in.table.classes = {make_class("gpu", FailureScope::gpu, 1e12, 1.0)};  // practically never fails
  in.maintenance.interval_hours = 100.0;
  in.maintenance.duration_hours = 2.0;
  in.horizon_hours = 1050.0;
  const auto r = simulate_replication(in, 0);
  // Windows at 100, 200, ..., 1000 h: 10 planned stops of 2 h; every run lasts a whole number of 1 h
  // checkpoint intervals (100 h, then 98 h), so nothing is lost: ETTR = (1,050 - 20) / 1,050 = 0.980952.
  EXPECT_EQ(r.planned_interruptions, 10);
  EXPECT_EQ(r.interruptions, 0);
  EXPECT_NEAR(r.useful_hours / in.horizon_hours, 0.980952, 1e-6);
}

TEST(ReliabilityDeterminism, BitIdenticalAcrossThreadCounts) {
  auto in = base_inputs();
  in.table.classes = {make_class("gpu", FailureScope::gpu, 5000.0, 24.0),
                      make_class("sw", FailureScope::job_gpu, 50000.0, 0.01)};
  in.job.spare_nodes = 2;
  in.job.restart_min_override = 20.0;
  const auto r1 = run_replication_results(in, 16, 1);
  const auto r2 = run_replication_results(in, 16, 2);
  const auto r4 = run_replication_results(in, 16, 4);
  for (std::size_t i = 0; i < r1.size(); ++i) {
    EXPECT_EQ(r1[i].interruptions, r2[i].interruptions);
    EXPECT_EQ(r1[i].interruptions, r4[i].interruptions);
    EXPECT_EQ(r1[i].useful_hours, r2[i].useful_hours);
    EXPECT_EQ(r1[i].useful_hours, r4[i].useful_hours);
    EXPECT_EQ(r1[i].gpu_hours_lost, r4[i].gpu_hours_lost);
    EXPECT_EQ(r1[i].event_trace, r4[i].event_trace);
    EXPECT_GT(r1[i].events, 0u);
  }
  EXPECT_EQ(reliability_fingerprint(r1), reliability_fingerprint(r2));
  EXPECT_EQ(reliability_fingerprint(r1), reliability_fingerprint(r4));
  EXPECT_EQ(summarize(in, r1).fingerprint, reliability_fingerprint(r1));
}

// The fingerprint must see what it claims to: another seed, one replication fewer, or one counter changed.
// The hourly job timeline (the energy model's load) adds up to the job's running hours, every bin a fraction.
TEST(ReliabilityTimeline, HourlyBinsAddUpToRunningHours) {
  auto in = base_inputs();
  in.table.classes = {make_class("gpu", FailureScope::gpu, 2000.0, 24.0)};
  in.horizon_hours = 500.5;  // a partial last hour
  for (const auto& r : run_replication_results(in, 6, 2)) {
    ASSERT_EQ(r.job_running_by_hour.size(), 501u);
    double sum = 0.0;
    for (const float v : r.job_running_by_hour) {
      EXPECT_GE(v, 0.0f);
      EXPECT_LE(v, 1.0f + 1e-5f);
      sum += v;
    }
    EXPECT_NEAR(sum, r.running_hours, 1e-3);
    EXPECT_GT(r.interruptions, 0);  // so some hours are below 1
  }
}

TEST(ReliabilityDeterminism, FingerprintSeesSeedReplicationsAndCounters) {
  auto in = base_inputs();
  in.table.classes = {make_class("gpu", FailureScope::gpu, 5000.0, 24.0)};
  const auto r = run_replication_results(in, 8, 2);
  const uint64_t fp = reliability_fingerprint(r);
  in.seed += 1;
  EXPECT_NE(fp, reliability_fingerprint(run_replication_results(in, 8, 2)));
  EXPECT_NE(fp, reliability_fingerprint({r.begin(), r.end() - 1}));
  auto changed = r;
  changed[3].spare_waits += 1;
  EXPECT_NE(fp, reliability_fingerprint(changed));
  // Doubles are not part of it: a different useful-hours total alone leaves it unchanged.
  changed = r;
  changed[3].useful_hours += 1.0;
  EXPECT_EQ(fp, reliability_fingerprint(changed));
}

TEST(ReliabilityInputsCheck, RejectsImpossibleGroups) {
  auto in = base_inputs();
  in.table.classes = {make_class("ups", FailureScope::group_unit, 1000.0, 1.0)};
  RedundancyGroupSpec g;
  g.name = "ups";
  g.class_name = "ups";
  g.units = 1;
  g.required = 2;
  in.groups = {g};
  try {
    validate_inputs(in);
    FAIL() << "accepted required > units";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "reliability inputs: group ups: need groups >= 1 and 1 <= required <= units");
  }
}

}  // namespace
}  // namespace aidc::models
