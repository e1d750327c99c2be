#include "models/reliability/job_simulation.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>

#include <gtest/gtest.h>

#include "models/reliability/young_daly.hpp"

namespace aidc::models::reliability {
namespace {

constexpr uint64_t kSeed = 20240723;

FailureClass poisson_class(const std::string& name, FailureScope scope, double per_unit_day, bool replaces_node) {
  FailureClass c;
  c.name = name;
  c.category = "test";
  c.scope = scope;
  c.failures_per_unit_day = per_unit_day;
  c.replaces_node = replaces_node;
  c.repair_median_hours = 10.0;
  return c;
}

JobSpec job_of(int64_t gpus, double window_hours, double interval_s, double save_s) {
  JobSpec j;
  j.gpus = gpus;
  j.gpus_per_node = 8;
  j.spare_nodes = 1000;
  j.window_hours = window_hours;
  j.checkpoint.interval_s = interval_s;
  j.checkpoint.save_s = save_s;
  return j;
}

// A 99 % interval: the expected value below is fixed before the run, so a miss is a real disagreement.
aidc::sim::ConfidenceInterval ci99(const std::vector<JobRunResult>& runs, double (*get)(const JobRunResult&)) {
  aidc::sim::Accumulator acc;
  for (const auto& r : runs) acc.add(get(r));
  return aidc::sim::confidence_interval(acc, 0.99);
}

TEST(JobSimulation, InterruptionCountMatchesLambdaNT) {
  // 1e-3 failures per GPU-day x 1000 GPUs x 10 days = 10 expected interruptions per replication.
  FailureTable t{"test", {poisson_class("gpu", FailureScope::gpu, 1e-3, true)}};
  const auto s = study_job(t, job_of(1000, 240.0, 3600.0, 0.0), 400, 2, kSeed);
  const auto ci = ci99(s.runs, [](const JobRunResult& r) { return static_cast<double>(r.interruptions); });
  EXPECT_LE(ci.lower(), 10.0);
  EXPECT_GE(ci.upper(), 10.0);
  // Poisson: the variance equals the mean, so the sample sd is near sqrt(10) = 3.16.
  aidc::sim::Accumulator acc;
  for (const auto& r : s.runs) acc.add(static_cast<double>(r.interruptions));
  EXPECT_NEAR(acc.stddev(), std::sqrt(10.0), 0.4);
}

TEST(JobSimulation, ShareByClassFollowsRates) {
  // Per-node class at 8e-3 per node-day = 1e-3 per GPU-day: both classes expect 1e-3 x 800 x 20 = 16.
  FailureTable t{
      "test",
      {poisson_class("gpu", FailureScope::gpu, 1e-3, true), poisson_class("host", FailureScope::node, 8e-3, true)}};
  const auto s = study_job(t, job_of(800, 480.0, 3600.0, 0.0), 300, 2, kSeed);
  for (std::size_t i = 0; i < 2; ++i) {
    aidc::sim::Accumulator acc;
    for (const auto& r : s.runs) acc.add(static_cast<double>(r.by_class[i]));
    const auto ci = aidc::sim::confidence_interval(acc, 0.99);
    EXPECT_LE(ci.lower(), 16.0) << i;
    EXPECT_GE(ci.upper(), 16.0) << i;
  }
}

TEST(JobSimulation, EttrMatchesDalyWhereItsAssumptionsHold) {
  // One job-level Poisson class with M = 1 h (24 per day), blocking save 60 s, tau 600 s, R = 60 + 180 + 60
  // = 300 s, unlimited spares: Daly's formula gives 0.76208 (hand computation in young_daly_test.cpp).
  FailureTable t{"test", {poisson_class("any", FailureScope::job, 24.0, false)}};
  JobSpec j = job_of(8, 2000.0, 600.0, 60.0);
  j.recovery = {60.0, 180.0, 60.0};
  const auto s = study_job(t, j, 60, 2, kSeed);
  const auto ci = ci99(s.runs, [](const JobRunResult& r) { return r.ettr(); });
  const double expected = daly_ettr(600.0, 60.0, 300.0, 3600.0);
  EXPECT_LE(ci.lower(), expected);
  EXPECT_GE(ci.upper(), expected);
}

TEST(JobSimulation, NoFailuresBlockingSaveCostsDeltaOverTauPlusDelta) {
  // 10 h = 36000 s = 60 cycles of (540 s work + 60 s save): useful 60 x 540 = 32400 s, ETTR = 0.9 exactly.
  FailureTable t{"none", {}};
  const auto r = simulate_job(t, job_of(8, 10.0, 540.0, 60.0), kSeed, 0);
  EXPECT_DOUBLE_EQ(r.ettr(), 0.9);
  EXPECT_DOUBLE_EQ(r.checkpoint_s, 3600.0);
  EXPECT_EQ(r.interruptions, 0);
  // Asynchronous saves cost no training time.
  JobSpec a = job_of(8, 10.0, 540.0, 60.0);
  a.checkpoint.async_save = true;
  EXPECT_DOUBLE_EQ(simulate_job(t, a, kSeed, 0).ettr(), 1.0);
}

TEST(JobSimulation, LostWorkPerFailureIsTheExponentialModuloTau) {
  // Failures at rate 0.01/h (M = 100 h), tau = 3 h, no save time: the work lost is X mod tau, X ~ Exp(0.01/h),
  // whose mean is 1/l - tau e^{-l tau} / (1 - e^{-l tau}) = 100 - 3 x 0.970446 / 0.0295545 = 1.4925 h.
  FailureTable t{"test", {poisson_class("any", FailureScope::job, 0.24, false)}};
  JobSpec j = job_of(8, 20000.0, 3.0 * 3600.0, 0.0);
  const auto s = study_job(t, j, 40, 2, kSeed);
  aidc::sim::Accumulator acc;
  for (const auto& r : s.runs) acc.add(r.lost_work_s / 3600.0 / static_cast<double>(r.lossy_interruptions));
  const auto ci = aidc::sim::confidence_interval(acc, 0.99);
  EXPECT_LE(ci.lower(), 1.4925);
  EXPECT_GE(ci.upper(), 1.4925);
}

TEST(JobSimulation, SparesMaskRepairTimeUntilExhausted) {
  // M = 1000 h per job, repair exactly 10 h (sigma 0), detection 60 s, restart + reload 300 s.
  FailureTable t{"test", {poisson_class("node", FailureScope::job, 0.024, true)}};
  t.classes[0].repair_sigma = 0.0;
  JobSpec j = job_of(8, 100000.0, 3600.0, 0.0);
  j.recovery = {60.0, 240.0, 60.0};
  // With spares: each outage costs detection + restart + reload = 360 s = 0.1 h (a failure inside those
  // 360 s, probability 1e-4, would extend one outage).
  j.spare_nodes = 2;
  const auto with = simulate_job(t, j, kSeed, 0);
  EXPECT_GT(with.outages, 50);
  EXPECT_GE(with.mttr_hours(), 0.1 - 1e-9);
  EXPECT_LE(with.mttr_hours(), 0.1 * 1.01);
  // Without spares the job waits for its own node: 10 h repair (detection overlaps it) + 300 s = 10.0833 h;
  // a second failure during the wait (about 1 % of outages) lengthens a few outages.
  j.spare_nodes = 0;
  const auto without = simulate_job(t, j, kSeed, 0);
  EXPECT_GE(without.mttr_hours(), 10.0 + 300.0 / 3600.0 - 1e-9);
  EXPECT_LE(without.mttr_hours(), (10.0 + 300.0 / 3600.0) * 1.05);
  EXPECT_GT(without.wait_for_node_s, 0.0);
  EXPECT_EQ(with.wait_for_node_s, 0.0);
}

TEST(JobSimulation, WeibullShapeOneIsExponential) {
  // Shape 1 renewal at 1e-3 per GPU-day x 1000 GPUs x 10 days = 10 expected, as in the Poisson case.
  FailureTable t{"test", {poisson_class("gpu", FailureScope::gpu, 1e-3, true)}};
  t.classes[0].distribution = FailureDistribution::weibull;
  t.classes[0].weibull_shape = 1.0;
  const auto s = study_job(t, job_of(1000, 240.0, 3600.0, 0.0), 300, 2, kSeed);
  const auto ci = ci99(s.runs, [](const JobRunResult& r) { return static_cast<double>(r.interruptions); });
  EXPECT_LE(ci.lower(), 10.0);
  EXPECT_GE(ci.upper(), 10.0);
}

TEST(JobSimulation, WeibullInfantMortalityFrontLoadsFailures) {
  // All units start new. Over a window T much shorter than the mean life, shape k < 1 gives
  // E[failures per unit] ~ (T/scale)^k, far above the exponential's T/mean: with mean 1000 days, k = 0.5,
  // scale = 1000 / Gamma(3) = 500 days and T = 10 days, (10/500)^0.5 = 0.141 per unit against 0.01.
  FailureTable t{"test", {poisson_class("gpu", FailureScope::gpu, 1e-3, true)}};
  t.classes[0].distribution = FailureDistribution::weibull;
  t.classes[0].weibull_shape = 0.5;
  const auto s = study_job(t, job_of(100, 240.0, 3600.0, 0.0), 100, 2, kSeed);
  const auto ci = ci99(s.runs, [](const JobRunResult& r) { return static_cast<double>(r.interruptions); });
  // 100 units x 0.141 = 14.1 first failures, plus renewals of the renewed units (a few more).
  EXPECT_GT(ci.mean, 14.1 * 0.9);
  EXPECT_LT(ci.mean, 14.1 * 1.5);
}

TEST(JobSimulation, BitIdenticalAcrossThreadCounts) {
  FailureTable t{
      "test",
      {poisson_class("gpu", FailureScope::gpu, 5e-4, true), poisson_class("sw", FailureScope::job, 1.0, false)}};
  JobSpec j = job_of(4096, 24.0 * 30, 1800.0, 30.0);
  j.spare_nodes = 2;
  j.recovery = {300.0, 600.0, 120.0};
  const auto a = study_job(t, j, 24, 1, kSeed);
  const auto b = study_job(t, j, 24, 2, kSeed);
  const auto c = study_job(t, j, 24, 4, kSeed);
  for (const auto* s : {&b, &c}) {
    EXPECT_EQ(std::memcmp(&a.ettr.mean, &s->ettr.mean, sizeof(double)), 0);
    EXPECT_EQ(std::memcmp(&a.ettr.half_width, &s->ettr.half_width, sizeof(double)), 0);
    EXPECT_EQ(std::memcmp(&a.mttr_hours.mean, &s->mttr_hours.mean, sizeof(double)), 0);
    EXPECT_EQ(std::memcmp(&a.mtbf_hours.mean, &s->mtbf_hours.mean, sizeof(double)), 0);
    for (std::size_t r = 0; r < a.runs.size(); ++r) EXPECT_EQ(a.runs[r].interruptions, s->runs[r].interruptions);
  }
}

TEST(JobSimulation, RejectsBadInput) {
  FailureTable bad{"bad", {poisson_class("gpu", FailureScope::gpu, -1.0, true)}};
  EXPECT_THROW(simulate_job(bad, job_of(8, 1.0, 60.0, 0.0), kSeed, 0), std::invalid_argument);
  FailureTable dup{
      "dup", {poisson_class("a", FailureScope::gpu, 1.0, true), poisson_class("a", FailureScope::gpu, 1.0, true)}};
  EXPECT_THROW(simulate_job(dup, job_of(8, 1.0, 60.0, 0.0), kSeed, 0), std::invalid_argument);
  FailureTable ok{"ok", {}};
  JobSpec j = job_of(8, 1.0, 60.0, 120.0);
  j.checkpoint.async_save = true;
  EXPECT_THROW(simulate_job(ok, j, kSeed, 0), std::invalid_argument);
  EXPECT_THROW(simulate_job(ok, job_of(0, 1.0, 60.0, 0.0), kSeed, 0), std::invalid_argument);
}

}  // namespace
}  // namespace aidc::models::reliability
