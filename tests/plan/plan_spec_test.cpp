// Plan files (tools/plan/plan_spec.hpp): the shipped example loads; bad plans are rejected with file:line.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "tools/plan/plan_spec.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

namespace fs = std::filesystem;

const std::string kSrc = AIDC_SOURCE_DIR;

// A per-process scratch directory (ctest runs tests of one binary in parallel processes).
class PlanFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("aidc_plan_spec_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A plan whose base and costs are the shipped files, with `body` after them.
  std::string write(const std::string& body) {
    const std::string path = (dir_ / "plan.yaml").string();
    std::ofstream(path) << "schema: aidc-plan/1\n"
                        << "base: " << kSrc << "/scenarios/plans/base-1k-h100.yaml\n"
                        << "costs: " << kSrc << "/scenarios/costs/default.yaml\n"
                        << body;
    return path;
  }

  // The error of loading `body`: asserts it is a ConfigError and returns "line: path: message".
  std::string error_of(const std::string& body, int64_t max_designs = kDefaultMaxDesigns) {
    const std::string path = write(body);
    try {
      (void)load_plan(path, max_designs);
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.file(), path);
      return std::to_string(e.line()) + ": " + e.path() + ": " + e.message();
    }
    ADD_FAILURE() << "plan was accepted:\n" << body;
    return "";
  }

  fs::path dir_;
};

const char* kObjectives = "objectives: [{minimize: tco}, {maximize: score}]\n";

TEST_F(PlanFiles, ShippedExampleLoads) {
  const PlanSpec s = load_plan(kSrc + "/scenarios/plans/example.yaml");
  EXPECT_EQ(s.design_count(), 32);
  ASSERT_EQ(s.choices.size(), 5u);
  EXPECT_EQ(s.choices[0].name, "gpus");
  EXPECT_EQ(*s.replications, 2);
  EXPECT_EQ(s.objectives.size(), 3u);
  EXPECT_EQ(s.objectives[1].goal, Goal::maximize);
  EXPECT_DOUBLE_EQ(*s.constraints.power_budget_mw, 3.2);
  EXPECT_EQ(*s.constraints.grade_min, 2);
  // The last choice varies fastest: design 1 = options {0,0,0,0,1}; design 16 = {1,0,0,0,0}.
  EXPECT_EQ(s.options_of(1), (std::vector<int>{0, 0, 0, 0, 1}));
  EXPECT_EQ(s.options_of(16), (std::vector<int>{1, 0, 0, 0, 0}));
  EXPECT_EQ(s.options_of(31), (std::vector<int>{1, 1, 1, 1, 1}));
  // A map value is carried as one-line flow YAML; overrides keep choice order.
  const auto ov = s.overrides_of(8);  // gpus 1024, cold-plate, rest base
  ASSERT_EQ(ov.size(), 3u);
  EXPECT_EQ(ov[0].path, "compute.nodes_per_rack");
  EXPECT_EQ(ov[0].value, "8");
  EXPECT_EQ(ov[1].path, "cooling");
  EXPECT_EQ(ov[1].value.rfind("{kind: cold_plate, liquid_fraction: 0.8, cdus: {", 0), 0u) << ov[1].value;
}

TEST_F(PlanFiles, BadOverridePathNamesTheLine) {
  const std::string e = error_of(
      "choices:\n"
      "  - name: ups\n"
      "    options:\n"
      "      - name: a\n"
      "        set: {power.upz.redundancy: N+1}\n" +
      std::string(kObjectives));
  EXPECT_EQ(e.rfind("8: choices[0].options[0].set.power.upz.redundancy: the base scenario has no field", 0), 0u) << e;
}

TEST_F(PlanFiles, MalformedPathIsAnError) {
  const std::string e = error_of(
      "choices:\n"
      "  - name: ups\n"
      "    options:\n"
      "      - {name: a, set: {\"workloads[x].gpus\": 8}}\n" +
      std::string(kObjectives));
  EXPECT_NE(e.find("is not a non-negative integer"), std::string::npos) << e;
}

TEST_F(PlanFiles, UnknownKeyIsAnError) {
  EXPECT_EQ(error_of("choices: [{name: a, options: [{name: x}]}]\n" + std::string(kObjectives) + "replicatons: 2\n"),
            "6: replicatons: unknown key (allowed here: base, choices, constraints, costs, horizon_hours, name, "
            "objectives, replications, schema, seed, train_tokens)");
  const std::string e = error_of("choices: [{name: a, options: [{name: x, sett: {}}]}]\n" + std::string(kObjectives));
  EXPECT_NE(e.find("sett: unknown key"), std::string::npos) << e;
}

TEST_F(PlanFiles, EmptyChoicesAndOptionsAreErrors) {
  EXPECT_EQ(error_of("choices: []\n" + std::string(kObjectives)), "4: choices: a plan needs at least one choice");
  const std::string e = error_of("choices: [{name: a, options: []}]\n" + std::string(kObjectives));
  EXPECT_NE(e.find("choices[0].options: a choice needs at least one option"), std::string::npos) << e;
}

TEST_F(PlanFiles, DuplicateNamesAreErrors) {
  std::string e = error_of("choices: [{name: a, options: [{name: x}]}, {name: a, options: [{name: y}]}]\n" +
                           std::string(kObjectives));
  EXPECT_NE(e.find("duplicate choice name 'a'"), std::string::npos) << e;
  e = error_of("choices: [{name: a, options: [{name: x}, {name: x}]}]\n" + std::string(kObjectives));
  EXPECT_NE(e.find("duplicate option name 'x'"), std::string::npos) << e;
}

TEST_F(PlanFiles, ObjectivesAreChecked) {
  const std::string choices = "choices: [{name: a, options: [{name: x}]}]\n";
  std::string e = error_of(choices + "objectives: [{minimize: cost}]\n");
  EXPECT_NE(e.find("unknown design value 'cost'"), std::string::npos) << e;
  e = error_of(choices + "objectives: [{minimize: time_to_train}]\n");
  EXPECT_NE(e.find("time_to_train needs train_tokens"), std::string::npos) << e;
  e = error_of(choices + "objectives: [{minimize: tco, maximize: score}]\n");
  EXPECT_NE(e.find("exactly one of minimize and maximize"), std::string::npos) << e;
  e = error_of(choices + "objectives: []\n");
  EXPECT_NE(e.find("at least one objective"), std::string::npos) << e;
}

TEST_F(PlanFiles, ConstraintsAreChecked) {
  const std::string head = "choices: [{name: a, options: [{name: x}]}]\n" + std::string(kObjectives);
  std::string e = error_of(head + "constraints: {grade_min: 6A}\n");
  EXPECT_NE(e.find("grade_min: must be one of 1A"), std::string::npos) << e;
  e = error_of(head + "constraints: {pue_max: 0.5}\n");
  EXPECT_NE(e.find("constraints.pue_max"), std::string::npos) << e;
  e = error_of(head + "constraints: {floor_m2: 100}\n");
  EXPECT_NE(e.find("floor_m2: unknown key"), std::string::npos) << e;
}

TEST_F(PlanFiles, TooManyDesignsAreRefusedWithTheCount) {
  const std::string body =
      "choices:\n"
      "  - {name: a, options: [{name: x}, {name: y}, {name: z}]}\n"
      "  - {name: b, options: [{name: x}, {name: y}]}\n" +
      std::string(kObjectives);
  const std::string e = error_of(body, 5);
  EXPECT_NE(e.find("has 6 designs (3 x 2), more than the limit of 5"), std::string::npos) << e;
  EXPECT_NE(e.find("--max-designs 6"), std::string::npos) << e;
  EXPECT_EQ(load_plan(write(body), 6).design_count(), 6);
}

TEST(PlanGrades, Levels) {
  EXPECT_EQ(*grade_level("1A"), 1);
  EXPECT_EQ(*grade_level("5A"), 5);
  EXPECT_FALSE(grade_level("6A").has_value());
  EXPECT_FALSE(grade_level("A").has_value());
}

}  // namespace
}  // namespace aidc::tools
