// Strict loading of reliability tables, the scenario section and case files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "models/reliability/reliability_from_site.hpp"
#include "models/reliability/reliability_sim.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/schema/reliability_cases_loader.hpp"
#include "tools/schema/reliability_loader.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::tools {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_failure_table(YamlNode::load_string(text, "bad.yaml"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "accepted";
}

const char* kGoodClass =
    "  - name: gpu\n"
    "    layer: compute\n"
    "    scope: gpu\n"
    "    life: {distribution: exponential, mtbf_hours: 1000}\n"
    "    repair: {distribution: fixed, median_hours: 2}\n";

TEST(ReliabilityTable, AcceptsAValidTable) {
  const auto t = parse_failure_table(
      YamlNode::load_string(std::string("schema: aidc-reliability-table/1\nclasses:\n") + kGoodClass, "ok.yaml"));
  ASSERT_EQ(t.classes.size(), 1u);
  EXPECT_EQ(t.classes[0].root_cause, "gpu");  // defaults to the name
  EXPECT_EQ(t.classes[0].mtbf_hours, 1000.0);
}

TEST(ReliabilityTable, RejectsWrongSchema) {
  EXPECT_EQ(error_of(std::string("schema: other/1\nclasses:\n") + kGoodClass),
            "bad.yaml:1:9: schema: expected 'aidc-reliability-table/1', got 'other/1'");
}

// Columns: "    life: {distribution: " puts the value at column 26; "exponential, mtbf_hours: " puts 0 at 51.
TEST(ReliabilityTable, RejectsUnknownDistribution) {
  EXPECT_EQ(error_of("schema: aidc-reliability-table/1\nclasses:\n"
                     "  - name: gpu\n    layer: compute\n    scope: gpu\n"
                     "    life: {distribution: gamma, mtbf_hours: 1000}\n"
                     "    repair: {distribution: fixed, median_hours: 2}\n"),
            "bad.yaml:6:26: classes[0].life.distribution: unknown value 'gamma' (allowed: exponential, weibull)");
}

TEST(ReliabilityTable, RejectsNonPositiveRate) {
  EXPECT_EQ(error_of("schema: aidc-reliability-table/1\nclasses:\n"
                     "  - name: gpu\n    layer: compute\n    scope: gpu\n"
                     "    life: {distribution: exponential, mtbf_hours: 0}\n"
                     "    repair: {distribution: fixed, median_hours: 2}\n"),
            "bad.yaml:6:51: classes[0].life.mtbf_hours: must be > 0, got 0");
}

TEST(ReliabilityTable, RejectsWeibullWithoutShape) {
  EXPECT_EQ(error_of("schema: aidc-reliability-table/1\nclasses:\n"
                     "  - name: gpu\n    layer: compute\n    scope: gpu\n"
                     "    life: {distribution: weibull, mtbf_hours: 10}\n"
                     "    repair: {distribution: fixed, median_hours: 2}\n"),
            "bad.yaml:6:11: classes[0].life.shape: required field is missing");
}

TEST(ReliabilityTable, RejectsDuplicateClassAndUnknownKey) {
  EXPECT_EQ(error_of(std::string("schema: aidc-reliability-table/1\nclasses:\n") + kGoodClass + kGoodClass),
            "bad.yaml:8:11: classes[1].name: duplicate class name 'gpu'");
  const std::string extra =
      std::string("schema: aidc-reliability-table/1\nclasses:\n") + kGoodClass + "    colour: red\n";
  EXPECT_NE(error_of(extra).find("classes[0].colour: unknown key"), std::string::npos) << error_of(extra);
}

TEST(ReliabilityTable, ShippedTableLoads) {
  const auto t = load_failure_table(std::string(AIDC_SOURCE_DIR) + "/scenarios/reliability/h100_default.yaml");
  EXPECT_GE(t.classes.size(), 30u);
  // The faulty-GPU class is Llama 3 Table 5's 148 over 16,384 GPUs x 1,296 h = 21,233,664 GPU-h:
  // mtbf 21,233,664 / 148 = 143,471 h.
  EXPECT_EQ(t.classes[static_cast<std::size_t>(t.find("faulty_gpu"))].mtbf_hours, 143471.0);
}

TEST(ReliabilitySection, ParsesKeysAndRejectsUnknown) {
  const std::string dir = std::string(AIDC_SOURCE_DIR) + "/scenarios/reliability";
  const auto s = parse_reliability_section(
      YamlNode::load_string("table: h100_default.yaml\ncheckpoint: {interval_min: 20, blocking: false, save_s: 5}\n"
                            "hot_spare_nodes: 3\nmaintenance: {interval_hours: 168, duration_hours: 2}\n",
                            "sec.yaml"),
      dir);
  EXPECT_EQ(s.job.checkpoint_interval_min, 20.0);
  EXPECT_FALSE(s.job.checkpoint_blocking);
  EXPECT_EQ(s.job.spare_nodes, 3);
  EXPECT_EQ(s.maintenance.duration_hours, 2.0);
  try {
    parse_reliability_section(YamlNode::load_string("table: h100_default.yaml\nspares: 3\n", "sec.yaml"), dir);
    FAIL() << "accepted an unknown key";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("sec.yaml:2:1: spares: unknown key"), std::string::npos) << e.what();
  }
}

TEST(ReliabilityCases, ShippedCasesLoadWithOverrides) {
  const auto cases = load_reliability_cases(std::string(AIDC_SOURCE_DIR) + "/models/validation/reliability_cases.yaml");
  ASSERT_GE(cases.size(), 6u);
  const auto& bloom = cases[2];
  EXPECT_EQ(bloom.id, "bloom-176b-chronicles");
  ASSERT_TRUE(bloom.checkpoint_interval_min.has_value());
  EXPECT_EQ(*bloom.checkpoint_interval_min, 180.0);
  EXPECT_EQ(*bloom.checkpoint_save_s, 40.0);
  EXPECT_FALSE(bloom.restart_min.has_value());  // 'unknown'
}

// A source that gives no cluster, job or reported figures at all may write the whole block as `unknown`; any
// other scalar there is an error at its line.
TEST(ReliabilityCases, WholeBlocksMayBeUnknown) {
  const auto path = std::filesystem::temp_directory_path() / "aidc_reliability_blocks.yaml";
  std::ofstream(path) << R"(schema: aidc-validation-reliability/1
cases:
  - id: a
    source: "test"
    cluster: unknown
    job: {gpus: 1024, duration_days: 30}
    reported: {interruptions: 10}
  - id: b
    source: "test"
    role: reference
    cluster: {gpus: 512}
    job: unknown
    reported: unknown
)";
  const auto cases = load_reliability_cases(path.string());
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(*cases[0].gpus, 1024.0);
  EXPECT_FALSE(cases[0].cluster_gpus.has_value());
  EXPECT_EQ(*cases[1].cluster_gpus, 512.0);
  EXPECT_TRUE(cases[1].reported.empty());
  std::ofstream(path) << "schema: aidc-validation-reliability/1\ncases:\n  - id: c\n    source: x\n    job: 7\n";
  try {
    (void)load_reliability_cases(path.string());
    FAIL() << "a scalar job block was accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(":5:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("mapping"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace aidc::tools

namespace aidc::tools {
namespace {

TEST(ReliabilityFromSite, ReferenceSiteGivesGroupsForEveryPresentLayer) {
  const auto sc = load_scenario(std::string(AIDC_SOURCE_DIR) + "/scenarios/ref/site-10k-h100-liquid.yaml");
  const auto site = build_site(sc);
  const auto table = load_failure_table(std::string(AIDC_SOURCE_DIR) + "/scenarios/reliability/h100_default.yaml");
  models::JobSpec job;
  job.gpus = site.gpus();
  auto in = models::reliability_from_site(site, table, job, {});
  in.horizon_hours = 24.0 * 30.0;
  EXPECT_EQ(in.site.nodes, site.nodes());
  int power_or_cooling = 0;
  for (const auto& g : in.groups) {
    EXPECT_GE(g.required, 1);
    EXPECT_LE(g.required, g.units);
    const auto& fc = in.table.classes[static_cast<std::size_t>(in.table.find(g.class_name))];
    if (fc.layer == models::ReliabilityLayer::power || fc.layer == models::ReliabilityLayer::cooling)
      ++power_or_cooling;
  }
  EXPECT_GE(power_or_cooling, 3);  // the reference site has transformers, UPS, PDUs and CDUs at least
  const auto s = models::run_reliability(in, 4, 2);
  // A whole-site job of ~10k GPUs interrupts several times a day with these rates.
  EXPECT_GT(s.interruptions.mean, 30.0);
  EXPECT_GT(s.gpu_hour_availability.mean, 0.9);
  EXPECT_LT(s.gpu_hour_availability.mean, 1.0);
}

}  // namespace
}  // namespace aidc::tools
