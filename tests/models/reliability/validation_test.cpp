// Validation table of the reliability model against published cases (models/validation/reliability_cases.yaml).
// Tolerances fixed before the results were seen (issue 6):
//   - rates and counts (interruptions, mtbf_hours, gpu_failures_per_week): |relative error| <= 30 %;
//   - bounds (_lower_bound / _upper_bound): the bound must hold;
//   - the calibration case (Llama 3, whose Table 5 fitted the default table): unexpected interruptions
//     within 10 % (the fit is on wall time; the simulation loses failures that hit a job already down).
// Misses are kept as tests named KnownMiss_*: they assert the miss so that a model change that fixes or
// worsens it is noticed, and models/reliability/VALIDATION.md explains them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "models/reliability/checkpoint_theory.hpp"
#include "models/reliability/reliability_sim.hpp"
#include "tools/schema/reliability_cases_loader.hpp"
#include "tools/schema/reliability_loader.hpp"

namespace aidc::tools {
namespace {

constexpr double kRateTolerance = 0.30;
constexpr double kCalibrationTolerance = 0.10;

const std::map<std::string, ReliabilityPrediction>& predictions() {
  static const auto all = [] {
    const std::string root = AIDC_SOURCE_DIR;
    const auto node = YamlNode::load_file(root + "/scenarios/reliability/validation_job.yaml");
    const auto section = parse_reliability_section(node, root + "/scenarios/reliability");
    std::map<std::string, ReliabilityPrediction> m;
    for (const auto& c : load_reliability_cases(root + "/models/validation/reliability_cases.yaml"))
      m[c.id] = predict_reliability_case(c, section.table, section.job, 100, 2, 2024);
    return m;
  }();
  return all;
}

const ReliabilityKeyResult& key(const std::string& id, const std::string& k) {
  const auto& p = predictions().at(id);
  for (const auto& r : p.keys)
    if (r.key == k) return r;
  throw std::runtime_error("no key " + k + " in case " + id);
}

// Prints the whole table (the numbers recorded in models/reliability/VALIDATION.md); checks nothing itself.
TEST(ReliabilityValidation, PrintsTable) {
  for (const auto& [id, p] : predictions()) {
    std::printf("%s [%s]%s\n", id.c_str(), p.role.c_str(), p.predictable ? "" : (" " + p.reason).c_str());
    for (const auto& a : p.assumptions) std::printf("    assumption: %s\n", a.c_str());
    for (const auto& k : p.keys)
      std::printf("    %-58s pred %10.4g rep %10.4g err %+7.1f%%%s\n", k.key.c_str(), k.predicted, k.reported,
                  100.0 * k.rel_error, k.bound ? (k.within ? " bound holds" : " bound MISSED") : "");
  }
}

TEST(ReliabilityValidation, Llama3CalibrationInterruptions) {
  const auto& r = key("llama3-405b-54day-interruptions", "unexpected_interruptions");
  EXPECT_LE(std::fabs(r.rel_error), kCalibrationTolerance) << r.predicted << " vs " << r.reported;
}

TEST(ReliabilityValidation, Llama3HardwareShare) {
  // Calibration consistency: Table 5's category column puts host maintenance under unplanned maintenance, not
  // hardware; 'about 78 %' within 10 %.
  const auto& r = key("llama3-405b-54day-interruptions", "hardware_share_of_unexpected_pct");
  EXPECT_LE(std::fabs(r.rel_error), kCalibrationTolerance) << r.predicted;
}

// Llama 3 states neither its checkpoint interval nor its restart time; with the assumed defaults
// (30 min blocking checkpoints of 60 s, ~13 min detection + restart) ETTR is ~0.79, below the '>90 %'.
TEST(ReliabilityValidation, KnownMiss_Llama3EttrBelowNinetyPercentWithDefaultRestart) {
  const auto& r = key("llama3-405b-54day-interruptions", "ettr_lower_bound");
  EXPECT_FALSE(r.within) << r.predicted;
}

// MegaScale: ETTR at the assumed 10,000 GPUs and default restart is ~0.88 (< 0.9) and the restarts over an
// assumed 21 days ~99 (< 100): both bounds missed narrowly, both depend on assumed inputs.
TEST(ReliabilityValidation, KnownMiss_MegaScaleBoundsNarrowlyMissed) {
  EXPECT_FALSE(key("megascale-production-run-stability", "ettr_lower_bound").within);
  EXPECT_FALSE(key("megascale-production-run-stability", "restarts_lower_bound").within);
}

// ODCC: Llama-3-era H100 rates give MTBF ~52 h at 1,000 cards and ~5 h at 10,000 against ~7 days and ~24 h:
// the survey's clusters fail 3-5x less often than Meta's 16K-GPU job (and its ratio 7 is not the linear 10).
TEST(ReliabilityValidation, KnownMiss_OdccMtbfUnderpredicted) {
  EXPECT_LT(key("odcc-survey-1k-cards", "mtbf_hours").rel_error, -kRateTolerance);
  EXPECT_LT(key("odcc-survey-10k-cards", "mtbf_hours").rel_error, -kRateTolerance);
}

// OPT-175B (A100, 2021-22): >= 105 restarts in two months; H100-fitted rates give ~28.
TEST(ReliabilityValidation, KnownMiss_Opt175bRestartsUnderpredicted) {
  EXPECT_FALSE(key("opt-175b-restarts", "manual_restarts_lower_bound+automatic_restarts_lower_bound").within);
}

TEST(ReliabilityValidation, BloomGpuFailuresPerWeek) {
  const auto& r = key("bloom-176b-chronicles", "gpu_failures_per_week");
  EXPECT_LE(std::fabs(r.rel_error), kRateTolerance) << r.predicted << " vs " << r.reported;
}

TEST(ReliabilityValidation, BloomWorkLostPerFailureWithinThreeHours) {
  const auto& r = key("bloom-176b-chronicles", "work_lost_per_failure_hours_upper_bound");
  EXPECT_TRUE(r.within) << r.predicted;
}

// Optimal checkpoint interval at Llama 3 scale (16,384 GPUs, default table, 60 s blocking saves) by
// simulation vs Young. Job MTBF from Table 5: 1,296 h / 419 = 3.09 h; Young sqrt(2 x (60/3600) h x 3.09 h)
// = 0.321 h = 19.3 min. Failures during recovery and non-constant restart cost are outside Young's
// assumptions, and the ETTR curve is flat near the optimum: accept within a factor 1.5 (12.9-29.0 min).
TEST(ReliabilityValidation, OptimalIntervalAtLlamaScaleNearYoung) {
  const std::string root = AIDC_SOURCE_DIR;
  const auto section = parse_reliability_section(
      YamlNode::load_file(root + "/scenarios/reliability/validation_job.yaml"), root + "/scenarios/reliability");
  models::ReliabilityInputs in;
  for (const auto& c : section.table.classes)
    if (c.scope != models::FailureScope::group_unit && c.scope != models::FailureScope::utility &&
        c.scope != models::FailureScope::spine_switch && c.scope != models::FailureScope::core_switch)
      in.table.classes.push_back(c);
  in.job = section.job;
  in.job.gpus = 16384;
  in.site.nodes = 2048;
  in.horizon_hours = 54.0 * 24.0;
  in.seed = 99;
  const double young_min = 60.0 * models::young_interval_hours(60.0 / 3600.0, 1296.0 / 419.0);
  EXPECT_NEAR(young_min, 19.3, 0.1);
  const auto opt = models::optimal_checkpoint_interval(in, {5, 10, 15, 20, 25, 30, 40, 60}, 100, 2);
  std::printf("simulated optimum %.0f min (ETTR %.4f), Young %.1f min\n", opt.best_interval_min, opt.best_ettr,
              young_min);
  EXPECT_GE(opt.best_interval_min, young_min / 1.5);
  EXPECT_LE(opt.best_interval_min, young_min * 1.5);
}

}  // namespace
}  // namespace aidc::tools
