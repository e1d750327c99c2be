// The scenario side of the score: the `scoring` section loader, input collection from a built reference site,
// the pipeline's score stage, and next-grade advice that really raises the score when applied.
#include "tools/cli/score_inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "models/score/score_engine.hpp"
#include "tools/cli/score_advice.hpp"
#include "tools/cli/score_stage.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/schema/rubric_loader.hpp"

namespace aidc::cli {
namespace {

const std::string kSrc = AIDC_SOURCE_DIR;
const std::string kDefaultRubric = kSrc + "/scenarios/rubrics/default.yaml";

// A copy of a reference scenario in a temp dir, hardware path made absolute, with `extra` appended.
std::string scenario_copy(const std::string& ref, const std::string& extra, const std::string& name) {
  std::ifstream in(kSrc + "/scenarios/ref/" + ref);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const std::string rel = "../hardware/";
  text.replace(text.find(rel), rel.size(), kSrc + "/scenarios/hardware/");
  const auto dir = std::filesystem::temp_directory_path() / ("aidc_score_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path) << text << extra;
  return path;
}

const models::InputValue& in(const models::ScoreInputs& inputs, const std::string& key) {
  auto it = inputs.find(key);
  if (it == inputs.end()) throw std::runtime_error("no input " + key);
  return it->second;
}

// ---------------------------------------------------------------------------------------------------------
TEST(ScoringLoader, AbsentSectionDeclaresNothing) {
  const auto root = tools::YamlNode::load_string("schema: x\n", "s.yaml");
  const tools::ScoringSpec s = tools::load_scoring_spec(root);
  EXPECT_FALSE(s.fire_alarm);
  EXPECT_FALSE(s.rubric);
  EXPECT_EQ(s.diverse_fibre_routes, 0);
  EXPECT_EQ(s.monitoring_power, tools::MonitoringPower::none);
  EXPECT_FALSE(s.storage_availability_nines);
}

TEST(ScoringLoader, ReadsEveryKey) {
  const auto root = tools::YamlNode::load_string(
      "scoring:\n"
      "  rubric: " +
          kDefaultRubric +
          "\n"
          "  monitoring_24x7: true\n  fire_alarm: true\n  certified_staff: true\n  security_zoning: true\n"
          "  ops_headcount: 40\n  ops_equipment: 3\n  diverse_fibre_routes: 2\n  monitoring_power: ups\n"
          "  services: [infrastructure, model_services]\n  ipmi_redfish_monitoring: true\n  automated_ops: true\n"
          "  maintenance_planning: true\n  capacity_management: true\n  ai_energy_saving: true\n"
          "  energy_aware_scheduling: true\n  renewable_share: 0.35\n  storage_availability_nines: 6\n",
      "s.yaml");
  const tools::ScoringSpec s = tools::load_scoring_spec(root);
  EXPECT_EQ(*s.rubric, kDefaultRubric);
  EXPECT_TRUE(s.monitoring_24x7 && s.fire_alarm && s.certified_staff && s.security_zoning);
  EXPECT_EQ(*s.ops_headcount, 40);
  EXPECT_EQ(s.ops_equipment, 3);
  EXPECT_EQ(s.diverse_fibre_routes, 2);
  EXPECT_EQ(s.monitoring_power, tools::MonitoringPower::ups);
  EXPECT_EQ(s.services.size(), 2u);
  EXPECT_TRUE(s.ipmi_redfish_monitoring && s.automated_ops && s.maintenance_planning && s.capacity_management &&
              s.ai_energy_saving && s.energy_aware_scheduling);
  EXPECT_DOUBLE_EQ(s.renewable_share, 0.35);
  EXPECT_DOUBLE_EQ(*s.storage_availability_nines, 6.0);
}

TEST(ScoringLoader, RejectsMistakes) {
  auto err = [](const std::string& body) {
    try {
      tools::load_scoring_spec(tools::YamlNode::load_string("scoring:\n" + body, "s.yaml"));
    } catch (const tools::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(err("  fire_alarms: true\n").find("s.yaml:2:3: scoring.fire_alarms"), std::string::npos);
  EXPECT_NE(err("  ops_equipment: 3\n").find("needs ops_headcount"), std::string::npos);
  EXPECT_NE(err("  services: [gpu_rental]\n").find("unknown service"), std::string::npos);
  EXPECT_NE(err("  renewable_share: 1.5\n"), "accepted");
  EXPECT_NE(err("  monitoring_power: battery\n"), "accepted");
  EXPECT_NE(err("  rubric: /nonexistent/rubric.yaml\n").find("rubric file not found"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------
TEST(CollectScoreInputs, FactsOfTheRail1kReferenceSite) {
  const tools::Scenario sc = tools::load_scenario(kSrc + "/scenarios/ref/rail-1k-h100.yaml");
  const topo::Site site = tools::build_site(sc);
  models::Metrics metrics;
  metrics.set("pue", 1.3, "energy");
  const models::ScoreInputs x = collect_score_inputs(sc, site, metrics, tools::ScoringSpec{});

  EXPECT_DOUBLE_EQ(*in(x, "pue").value, 1.3);
  EXPECT_EQ(in(x, "pue").source, "simulated: energy");
  EXPECT_FALSE(in(x, "mfu").value);  // not modelled: empty, never invented
  EXPECT_DOUBLE_EQ(*in(x, "gpus").value, 1024.0);
  // One switch: 2 NICs x 0.41 + 0.33 + 2 cables x 3 m x 4.9 ns/m = 0.82 + 0.33 + 0.0294 = 1.1794 us.
  EXPECT_NEAR(*in(x, "latency_same_leaf_us").value, 1.1794, 1e-9);
  // Three hops: 0.82 + 3 x 0.33 + (2 x 3 + 2 x 30) m x 4.9 ns/m = 0.82 + 0.99 + 0.3234 = 2.1334 us.
  EXPECT_NEAR(*in(x, "latency_three_hops_us").value, 2.1334, 1e-9);
  EXPECT_EQ(*in(x, "dual_tor").value, 0.0);
  EXPECT_EQ(*in(x, "leaf_oversubscription").value, 1.0);
  // Storage: 16 nodes x 122.88 TB x 8/10 (EC 8+2) = 1,572.864 TB usable = 1.572864 PB.
  //   IOPS 16 x 3e6 = 48e6 -> 48 / 1.572864 = 30.5176 M IOPS/PB; read 16 x 20 = 320 GB/s -> 203.4505 GB/s/PB.
  EXPECT_NEAR(*in(x, "storage_miops_per_pb").value, 48.0 / 1.572864, 1e-9);
  EXPECT_NEAR(*in(x, "storage_gb_per_s_per_pb").value, 320.0 / 1.572864, 1e-9);
  EXPECT_EQ(*in(x, "storage_failures_tolerated").value, 2.0);
  // Power: 2N feeds, transformers, UPS and PDUs (class 3); generators N+1 present.
  EXPECT_EQ(*in(x, "utility_redundancy").value, 3.0);
  EXPECT_EQ(*in(x, "transformer_redundancy").value, 3.0);
  EXPECT_EQ(*in(x, "ups_redundancy").value, 3.0);
  EXPECT_EQ(*in(x, "pdu_redundancy").value, 3.0);
  EXPECT_EQ(*in(x, "generators_present").value, 1.0);
  // Air-cooled: no CDUs (not applicable), CRAHs, chillers and towers all N+1 (class 1).
  EXPECT_FALSE(in(x, "cdu_redundancy").value);
  EXPECT_EQ(*in(x, "cooling_plant_redundancy").value, 1.0);
  // H100 profile: 989.4 TFLOP/s dense BF16 at 700 W.
  EXPECT_DOUBLE_EQ(*in(x, "peak_tflops_per_gpu").value, 989.4);
  EXPECT_DOUBLE_EQ(*in(x, "tflops_per_watt").value, 989.4 / 700.0);
  // Undeclared facts count as absent; the storage nines, a measured figure, stays empty.
  EXPECT_EQ(*in(x, "fire_alarm").value, 0.0);
  EXPECT_NE(in(x, "fire_alarm").source.find("not declared"), std::string::npos);
  EXPECT_FALSE(in(x, "storage_availability_nines").value);
  // Every catalogue key is filled (possibly empty) and nothing else.
  EXPECT_EQ(x.size(), std::size(models::kScoreInputKeys));
  for (const auto& k : models::kScoreInputKeys) EXPECT_TRUE(x.count(k.name)) << k.name;
}

TEST(CollectScoreInputs, DeclaredFactsAndLiquidCooling) {
  const tools::Scenario sc = tools::load_scenario(
      scenario_copy("site-10k-h100-liquid.yaml",
                    "scoring:\n  ops_headcount: 40\n  ops_equipment: 3\n  monitoring_power: ups_and_utility\n"
                    "  services: [infrastructure]\n  storage_availability_nines: 6\n",
                    "declared.yaml"));
  const topo::Site site = tools::build_site(sc);
  const models::ScoreInputs x = collect_score_inputs(sc, site, models::Metrics{}, tools::load_scoring_spec(*sc.root));
  EXPECT_DOUBLE_EQ(*in(x, "ops_equipment_ratio").value, 3.0 / 40.0);
  EXPECT_EQ(*in(x, "monitoring_power").value, 3.0);
  EXPECT_EQ(*in(x, "service_offerings").value, 1.0);
  EXPECT_EQ(*in(x, "storage_availability_nines").value, 6.0);
  EXPECT_EQ(*in(x, "cdu_redundancy").value, 1.0);  // CDUs N+1 per row
  EXPECT_NE(in(x, "cdu_redundancy").source.find("N+1"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------
TEST(ScoreStage, SetsScoreAndGradeFromTheDefaultRubric) {
  const tools::Scenario sc = tools::load_scenario(
      scenario_copy("rail-1k-h100.yaml", "scoring:\n  rubric: " + kDefaultRubric + "\n", "stage.yaml"));
  const topo::Site site = tools::build_site(sc);
  models::Metrics metrics;
  metrics.set("pue", 1.6, "energy");
  score_stage(sc, site, metrics);
  const ScoreRun run = run_score(sc, site, metrics);
  ASSERT_TRUE(run.result.total);
  ASSERT_TRUE(metrics.value("score"));
  EXPECT_DOUBLE_EQ(*metrics.value("score"), *run.result.total);
  // PUE 1.6 is above the GB 40879 limit: whatever the total, the grade is at most 1A.
  ASSERT_TRUE(metrics.grade);
  EXPECT_TRUE(*metrics.grade == "1A" || *metrics.grade == "unrated") << *metrics.grade;
  EXPECT_EQ(run.rubric_path, kDefaultRubric);
}

TEST(ScoreStage, SpreadOverReplications) {
  const tools::Scenario sc = tools::load_scenario(
      scenario_copy("rail-1k-h100.yaml", "scoring:\n  rubric: " + kDefaultRubric + "\n", "spread.yaml"));
  const topo::Site site = tools::build_site(sc);
  std::vector<models::Metrics> reps(3);
  reps[0].set("mfu", 0.35, "perf");
  reps[1].set("mfu", 0.40, "perf");
  reps[2].set("mfu", 0.45, "perf");
  models::Metrics metrics;
  metrics.set("mfu", 0.40, "perf");
  score_stage(sc, site, metrics, reps);
  const models::MetricValue* s = metrics.find("score");
  ASSERT_TRUE(s && s->value && s->ci95_half_width);
  EXPECT_GT(*s->ci95_half_width, 0.0);
}

// ---------------------------------------------------------------------------------------------------------
// Availability of the 10k liquid site with no simulated metrics: evaluated weights utility 20 + UPS 15 +
// CDU 15 + plant 10 + monitoring power 10 + routes 15 = 85 (GPU availability not modelled); every dimension
// has something evaluated, so dimension weights sum to 100 and the CDU's share of the total is
// (14 / 100) x (15 / 85). CDUs N+1 (80 points) -> 2N (100): gain 0.14 x 15/85 x 20 = 0.494118.
TEST(NextGradeAdvice, CduTo2NGainsItsShareOfTwentyPoints) {
  const tools::Scenario sc = tools::load_scenario(scenario_copy("site-10k-h100-liquid.yaml", "", "cdu.yaml"));
  const models::Rubric rubric = tools::load_rubric(kDefaultRubric);
  const std::vector<Advice> advice = next_grade_advice(sc, tools::ScoringSpec{}, rubric, models::Metrics{});
  auto it = std::find_if(advice.begin(), advice.end(),
                         [](const Advice& a) { return a.change == "cooling.cdus redundancy N+1 -> 2N"; });
  ASSERT_NE(it, advice.end());
  EXPECT_NEAR(it->gain, 0.14 * 15.0 / 85.0 * 20.0, 1e-9);
  EXPECT_FALSE(it->resimulated);
  // N+1 -> N+2 gains half as much (80 -> 90).
  auto n2 = std::find_if(advice.begin(), advice.end(),
                         [](const Advice& a) { return a.change == "cooling.cdus redundancy N+1 -> N+2"; });
  ASSERT_NE(n2, advice.end());
  EXPECT_NEAR(n2->gain, 0.14 * 15.0 / 85.0 * 10.0, 1e-9);
}

// With re-simulation, a change also moves the simulated metrics: here a stand-in simulator gives 99.5 %
// GPU availability with 2N CDUs and 98 % otherwise. Availability is then fully evaluated (weight 100):
// CDU 80 -> 100 gives 0.14 x 15/100 x 20 = 0.42, availability 80 -> 100 another 0.42: 0.84 in all.
TEST(NextGradeAdvice, ResimulatedMetricsCountToo) {
  const tools::Scenario sc = tools::load_scenario(scenario_copy("site-10k-h100-liquid.yaml", "", "resim.yaml"));
  const models::Rubric rubric = tools::load_rubric(kDefaultRubric);
  models::Metrics base;
  base.set("availability", 0.98, "reliability");
  int calls = 0;
  const ResimulateFn resim = [&calls](const tools::Scenario& s, const topo::Site&) {
    ++calls;
    models::Metrics m;
    const bool two_n = s.site_spec.cooling.cdus->redundancy.kind == topo::RedundancyKind::two_n;
    m.set("availability", two_n ? 0.995 : 0.98, "stand-in");
    return m;
  };
  const std::vector<Advice> advice = next_grade_advice(sc, tools::ScoringSpec{}, rubric, base, resim);
  EXPECT_GT(calls, 0);
  auto it = std::find_if(advice.begin(), advice.end(),
                         [](const Advice& a) { return a.change == "cooling.cdus redundancy N+1 -> 2N"; });
  ASSERT_NE(it, advice.end());
  EXPECT_TRUE(it->resimulated);
  EXPECT_NEAR(it->gain, 0.84, 1e-9);
}

TEST(NextGradeAdvice, TopAdviceReallyRaisesTheScore) {
  const tools::Scenario sc = tools::load_scenario(kSrc + "/scenarios/ref/rail-1k-h100.yaml");
  const models::Rubric rubric = tools::load_rubric(kDefaultRubric);
  const tools::ScoringSpec spec;
  models::Metrics metrics;
  metrics.set("pue", 1.45, "energy");
  const topo::Site site = tools::build_site(sc);
  const auto base = models::score(rubric, collect_score_inputs(sc, site, metrics, spec));
  ASSERT_TRUE(base.total);
  const std::vector<Advice> advice = next_grade_advice(sc, spec, rubric, metrics);
  ASSERT_FALSE(advice.empty());
  for (size_t i = 1; i < advice.size(); ++i) EXPECT_GE(advice[i - 1].gain, advice[i].gain);
  // Apply the top change independently and score again.
  const Advice& top = advice.front();
  const topo::Site changed_site = tools::build_site(top.scenario);
  const auto after = models::score(rubric, collect_score_inputs(top.scenario, changed_site, metrics, top.spec));
  ASSERT_TRUE(after.total);
  EXPECT_GT(*after.total, *base.total);
  EXPECT_NEAR(*after.total - *base.total, top.gain, 1e-9);
  // Declaring the fire alarm is among the advice (security weight 8 x fire alarm 25 / 100 = 2 points).
  auto fire = std::find_if(advice.begin(), advice.end(),
                           [](const Advice& a) { return a.change == "scoring.fire_alarm false -> true"; });
  ASSERT_NE(fire, advice.end());
  EXPECT_NEAR(fire->gain, 8.0 / 100.0 * 25.0 / 100.0 * 100.0, 1e-9);
}

}  // namespace
}  // namespace aidc::cli
