// Running plans (tools/plan/plan_runner.hpp): constraint filtering and selection on synthetic designs, and the
// shipped example end to end: deterministic for 1 and 2 threads, infeasible designs listed with the reason.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tools/plan/plan_runner.hpp"

namespace aidc::tools {
namespace {

const std::string kExample = std::string(AIDC_SOURCE_DIR) + "/scenarios/plans/example.yaml";

void set(DesignResult& d, const char* name, double v) {
  d.values[static_cast<size_t>(design_value_index(name))] = v;
}

DesignResult design(int64_t index, double tco, double score, double pue, const char* grade) {
  DesignResult d;
  d.index = index;
  d.evaluated = true;
  d.values.fill(std::numeric_limits<double>::quiet_NaN());
  set(d, "tco", tco);
  set(d, "score", score);
  set(d, "pue", pue);
  set(d, "facility_power_mw", 2.0);
  set(d, "mtbf_hours", 10.0);
  set(d, "max_rack_kw", 40.0);
  set(d, "racks", 30.0);
  d.grade = grade;
  return d;
}

TEST(PlanConstraints, EachLimitFilters) {
  PlanConstraints c;
  c.power_budget_mw = 1.5;
  c.pue_max = 1.3;
  c.grade_min = 3;
  c.mtbf_min_h = 12.0;
  c.rack_density_kw_max = 30.0;
  c.racks_max = 20;
  DesignResult d = design(0, 1.0, 50.0, 1.4, "2A");
  apply_constraints(c, d);
  // Every one of the six is violated: 2 > 1.5 MW, 1.4 > 1.3, 2A < 3A, 10 < 12 h, 40 > 30 kW, 30 > 20 racks.
  ASSERT_EQ(d.violations.size(), 6u);
  EXPECT_EQ(d.violations[0], "power_budget_mw: facility_power_mw 2 > 1.5");
  EXPECT_FALSE(d.feasible());
  EXPECT_EQ(d.status(), "violates");

  PlanConstraints loose;
  loose.power_budget_mw = 2.0;  // equal to the limit passes
  loose.pue_max = 1.4;
  loose.grade_min = 2;
  loose.mtbf_min_h = 10.0;
  loose.rack_density_kw_max = 40.0;
  loose.racks_max = 30;
  apply_constraints(loose, d);
  EXPECT_TRUE(d.violations.empty());
  EXPECT_TRUE(d.feasible());
}

TEST(PlanConstraints, MissingValueIsAViolationNotAPass) {
  PlanConstraints c;
  c.pue_max = 1.5;
  c.grade_min = 1;
  DesignResult d = design(0, 1.0, 50.0, std::numeric_limits<double>::quiet_NaN(), "1A");
  d.grade.reset();
  apply_constraints(c, d);
  EXPECT_EQ(d.violations, (std::vector<std::string>{"pue_max: pue not modelled", "grade_min: grade not modelled"}));
}

TEST(PlanSelection, FrontAndRecommendationSkipInfeasibleDesigns) {
  PlanSpec spec;
  spec.objectives = {{"tco", Goal::minimize}, {"score", Goal::maximize}};
  PlanResult r;
  r.designs.push_back(design(0, 100.0, 60.0, 1.2, "2A"));  // front
  r.designs.push_back(design(1, 90.0, 50.0, 1.2, "2A"));   // front, cheapest feasible
  r.designs.push_back(design(2, 120.0, 55.0, 1.2, "2A"));  // dominated by 0
  r.designs.push_back(design(3, 80.0, 70.0, 1.2, "2A"));   // would dominate all, but violates a constraint
  r.designs[3].violations.push_back("pue_max: pue 1.6 > 1.4");
  r.designs.push_back(design(4, 90.0, 50.0, 1.2, "2A"));  // ties design 1 exactly: both on the front
  r.designs.push_back(design(5, 0.0, 0.0, 1.2, "2A"));    // infeasible: never ranked
  r.designs[5].reason = "network.fabric: too many leaves";
  select_designs(spec, r);
  EXPECT_EQ(r.pareto, (std::vector<int64_t>{0, 1, 4}));
  ASSERT_TRUE(r.recommended.has_value());
  EXPECT_EQ(*r.recommended, 1);  // ties with 4 on every objective: the lower index wins
  EXPECT_FALSE(r.designs[3].pareto);
  EXPECT_EQ(r.designs[5].status(), "infeasible");
}

TEST(PlanSelection, NoFeasibleDesignNoRecommendation) {
  PlanSpec spec;
  spec.objectives = {{"tco", Goal::minimize}};
  PlanResult r;
  r.designs.push_back(design(0, 100.0, 60.0, 1.2, "2A"));
  r.designs[0].violations.push_back("racks_max: racks 30 > 20");
  select_designs(spec, r);
  EXPECT_TRUE(r.pareto.empty());
  EXPECT_FALSE(r.recommended.has_value());
}

TEST(PlanRun, ExampleIsIdenticalForOneAndTwoThreads) {
  const PlanSpec spec = load_plan(kExample);
  PlanRunOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const std::string a = plan_json(spec, run_plan(spec, one)).dump();
  const std::string b = plan_json(spec, run_plan(spec, two)).dump();
  EXPECT_EQ(a, b);
}

TEST(PlanRun, ExampleListsInfeasibleDesignsAndRecommendsAFeasibleOne) {
  const PlanSpec spec = load_plan(kExample);
  const PlanResult r = run_plan(spec, {});
  ASSERT_EQ(r.designs.size(), 32u);
  int64_t infeasible = 0;
  for (const auto& d : r.designs) {
    // 2,048 cards (choice 0 = 1) with dual-ToR (choice 3 = 1) need 128 leaves of 64 ports: more than 2 tiers reach.
    const bool expect_infeasible = d.options[0] == 1 && d.options[3] == 1;
    EXPECT_EQ(d.status() == "infeasible", expect_infeasible) << d.index << ": " << d.reason;
    if (expect_infeasible) {
      ++infeasible;
      EXPECT_NE(d.reason.find("network.fabric"), std::string::npos) << d.reason;
    }
  }
  EXPECT_EQ(infeasible, 8);
  ASSERT_TRUE(r.recommended.has_value());
  const DesignResult& best = r.designs[static_cast<size_t>(*r.recommended)];
  EXPECT_TRUE(best.feasible());
  EXPECT_TRUE(best.pareto);
  ASSERT_TRUE(best.tco.has_value());
  EXPECT_GT(best.tco->tco, best.tco->capex_it);
  // Nothing feasible is cheaper than the recommendation.
  for (const auto& d : r.designs) {
    if (d.feasible()) {
      EXPECT_GE(d.values[0], best.values[0]) << d.index;  // values[0] is "tco" (design_values.hpp)
    }
  }
}

}  // namespace
}  // namespace aidc::tools
