// The rubric loader: the default rubric loads and carries every threshold the CAICT report states; bad
// rubrics are rejected with "file:line:col: path: message".
#include "tools/schema/rubric_loader.hpp"

#include <numeric>

#include <gtest/gtest.h>

#include "models/score/score_engine.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

const std::string kDefault = std::string(AIDC_SOURCE_DIR) + "/scenarios/rubrics/default.yaml";

const models::Indicator& indicator(const models::Rubric& r, const std::string& id) {
  for (const auto& i : r.indicators) {
    if (i.id == id) return i;
  }
  throw std::runtime_error("no indicator " + id);
}

TEST(DefaultRubric, LoadsWithEightDimensionsSummingTo100) {
  const models::Rubric r = load_rubric(kDefault);
  ASSERT_EQ(r.dimensions.size(), 8u);
  double sum = 0.0;
  for (const auto& d : r.dimensions) sum += d.weight;
  EXPECT_DOUBLE_EQ(sum, 100.0);
  EXPECT_EQ(r.missing, models::MissingRule::exclude);
  ASSERT_EQ(r.grades.size(), 5u);
  EXPECT_EQ(r.grades.front().name, "5A");
  EXPECT_EQ(r.grades.back().name, "1A");
}

TEST(DefaultRubric, UsesEveryThresholdTheReportStates) {
  const models::Rubric r = load_rubric(kDefault);
  auto at = [&](const std::string& id, double x) { return indicator(r, id).curve.eval(x); };
  // Network: < 3.5 us under one switch, < 6.5 us across three hops, RDMA >= 90 % score full marks.
  EXPECT_DOUBLE_EQ(at("latency_same_switch", 3.5), 100.0);
  EXPECT_LT(at("latency_same_switch", 3.6), 100.0);
  EXPECT_DOUBLE_EQ(at("latency_three_hops", 6.5), 100.0);
  EXPECT_LT(at("latency_three_hops", 6.6), 100.0);
  EXPECT_DOUBLE_EQ(at("rdma_bandwidth", 0.90), 100.0);
  EXPECT_LT(at("rdma_bandwidth", 0.89), 100.0);
  // Storage: >= 6 nines, >= 10 M IOPS per PB, ~1 TB/s per PB.
  EXPECT_DOUBLE_EQ(at("availability_nines", 6.0), 100.0);
  EXPECT_LT(at("availability_nines", 5.9), 100.0);
  EXPECT_DOUBLE_EQ(at("iops_density", 10.0), 100.0);
  EXPECT_LT(at("iops_density", 9.9), 100.0);
  EXPECT_DOUBLE_EQ(at("bandwidth_density", 1000.0), 100.0);
  EXPECT_LT(at("bandwidth_density", 990.0), 100.0);
  // Availability: 2N utility (class 3); CDUs 2N best, N+1 acceptable; UPS + utility monitoring; >= 2 routes.
  EXPECT_DOUBLE_EQ(at("utility", 3), 100.0);
  EXPECT_LT(at("utility", 1), 100.0);
  EXPECT_DOUBLE_EQ(at("cdu", 3), 100.0);
  EXPECT_GE(at("cdu", 1), 60.0);
  EXPECT_LT(at("cdu", 1), at("cdu", 3));
  EXPECT_DOUBLE_EQ(at("monitoring_power", 3), 100.0);
  EXPECT_LT(at("monitoring_power", 2), 100.0);
  EXPECT_DOUBLE_EQ(at("fibre_routes", 2), 100.0);
  EXPECT_LT(at("fibre_routes", 1), 100.0);
  // Security: ops equipment >= 10 % of the ops headcount.
  EXPECT_DOUBLE_EQ(at("ops_equipment", 0.10), 100.0);
  EXPECT_LT(at("ops_equipment", 0.09), 100.0);
  // Service: MTBF reference ~7 days at 1k cards and ~24 h at 10k cards.
  const auto& mtbf = indicator(r, "mtbf");
  ASSERT_TRUE(mtbf.relative_to);
  EXPECT_EQ(mtbf.relative_to->input, "gpus");
  EXPECT_NEAR(mtbf.relative_to->reference.eval(1000), 7 * 24.0, 1e-9);
  EXPECT_NEAR(mtbf.relative_to->reference.eval(10000), 24.0, 1e-9);
  // Green: GB 40879 grades 1.20 / 1.30 / 1.50 at 100 / 80 / 60, and the 1.5 limit caps the grade at 1A.
  EXPECT_DOUBLE_EQ(at("pue", 1.20), 100.0);
  EXPECT_DOUBLE_EQ(at("pue", 1.30), 80.0);
  EXPECT_DOUBLE_EQ(at("pue", 1.50), 60.0);
  bool pue_cap = false;
  for (const auto& c : r.caps)
    pue_cap = pue_cap || (c.input == "pue" && c.above && *c.above == 1.5 && c.max_grade == "1A");
  EXPECT_TRUE(pue_cap);
}

// A minimal valid rubric, with one spot replaced to break it.
std::string rubric_text(const std::string& curve, const std::string& weight = "1", const std::string& input = "pue",
                        const std::string& extra = "") {
  return "schema: aidc-rubric/1\n"
         "name: t\n"
         "grades:\n"
         "  - {grade: 2A, min_score: 60}\n"
         "  - {grade: 1A, min_score: 50}\n"
         "dimensions:\n"
         "  green:\n"
         "    name: Green\n"
         "    weight: 1\n"
         "    indicators:\n"
         "      pue:\n"
         "        name: PUE\n"
         "        input: " +
         input +
         "\n"
         "        direction: lower_is_better\n"
         "        curve: " +
         curve +
         "\n"
         "        weight: " +
         weight +
         "\n"
         "        basis: test\n" +
         extra;
}

std::string error_of(const std::string& text) {
  try {
    load_rubric(YamlNode::load_string(text, "bad.yaml"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(RubricLoader, AcceptsTheMinimalRubric) {
  const models::Rubric r = load_rubric(YamlNode::load_string(rubric_text("[[1.2, 100], [1.5, 60]]"), "ok.yaml"));
  ASSERT_EQ(r.indicators.size(), 1u);
  EXPECT_NEAR(r.indicators[0].curve.eval(1.35), 80.0, 1e-12);  // halfway: (100 + 60) / 2
}

TEST(RubricLoader, RejectsNonMonotoneCurve) {
  // Line 15 is the curve; the third point (index 2) rises again. It starts at column 40: 8 spaces, "curve: "
  // (7), the outer "[" (col 16), "[1.2, 100]" (17-26), ", ", "[1.3, 80]" (29-37), ", ".
  const std::string e = error_of(rubric_text("[[1.2, 100], [1.3, 80], [1.5, 90]]"));
  EXPECT_EQ(e.rfind("bad.yaml:15:40: dimensions.green.indicators.pue.curve[2]: ", 0), 0u) << e;
  EXPECT_NE(e.find("non-monotone"), std::string::npos) << e;
}

TEST(RubricLoader, RejectsScoresOutside0To100) {
  const std::string e = error_of(rubric_text("[[1.2, 120], [1.5, 60]]"));
  EXPECT_NE(e.find("bad.yaml:15:"), std::string::npos) << e;
  EXPECT_NE(e.find("curve[0]: points must be within 0..100"), std::string::npos) << e;
}

TEST(RubricLoader, RejectsNonPositiveWeight) {
  const std::string e = error_of(rubric_text("[[1.2, 100], [1.5, 60]]", "0"));
  EXPECT_NE(e.find("bad.yaml:16:"), std::string::npos) << e;
  EXPECT_NE(e.find("dimensions.green.indicators.pue.weight"), std::string::npos) << e;
}

TEST(RubricLoader, RejectsUnknownInputKey) {
  const std::string e = error_of(rubric_text("[[1.2, 100], [1.5, 60]]", "1", "puee"));
  EXPECT_NE(e.find("bad.yaml:13:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown input 'puee'"), std::string::npos) << e;
}

TEST(RubricLoader, RejectsOtherMistakes) {
  const std::string ok_curve = "[[1.2, 100], [1.5, 60]]";
  // Unknown key inside an indicator.
  EXPECT_NE(error_of(rubric_text(ok_curve, "1", "pue", "        colour: red\n")).find("colour"), std::string::npos);
  // A curve with one point, x not increasing, a higher-is-better curve on a lower-is-better indicator.
  EXPECT_NE(error_of(rubric_text("[[1.2, 100]]")), "accepted");
  EXPECT_NE(error_of(rubric_text("[[1.5, 100], [1.2, 60]]")), "accepted");
  EXPECT_NE(error_of(rubric_text("[[1.2, 60], [1.5, 100]]")), "accepted");
  // A cap naming an unknown grade, or with no condition.
  EXPECT_NE(
      error_of(rubric_text(ok_curve, "1", "pue", "caps:\n  - {input: pue, above: 1.5, max_grade: 9A, reason: r}\n"))
          .find("unknown grade '9A'"),
      std::string::npos);
  EXPECT_NE(error_of(rubric_text(ok_curve, "1", "pue", "caps:\n  - {input: pue, max_grade: 1A, reason: r}\n")),
            "accepted");
  // Grades not best first.
  std::string swapped = rubric_text(ok_curve);
  swapped.replace(swapped.find("min_score: 60"), 13, "min_score: 40");
  EXPECT_NE(error_of(swapped).find("strictly decreasing"), std::string::npos);
  // Wrong schema.
  std::string schema = rubric_text(ok_curve);
  schema.replace(schema.find("aidc-rubric/1"), 13, "aidc-rubric/9");
  EXPECT_NE(error_of(schema).find("unsupported schema"), std::string::npos);
}

}  // namespace
}  // namespace aidc::tools
