// Sweep files: designs (grid order, linked axes, random and Latin-hypercube samples), overrides applied to the
// base scenario, and bad sweep files rejected with file:line:col and the field.
#include "tools/sweep/sweep_spec.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "tools/schema/scenario.hpp"

namespace aidc::tools {
namespace {

namespace fs = std::filesystem;
const std::string kSrc = AIDC_SOURCE_DIR;

class SweepFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("aidc_sweep_spec_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& body) {
    const auto p = dir_ / "sweep.yaml";
    std::ofstream(p) << "schema: aidc-sweep/1\nbase: " << kSrc << "/scenarios/default.yaml\n" << body;
    return p.string();
  }
  std::string error_of(const std::string& body) {
    try {
      (void)load_sweep(write(body));
    } catch (const ConfigError& e) {
      const std::string m = e.what();
      const auto pos = m.find("sweep.yaml");
      return pos == std::string::npos ? m : m.substr(pos);
    }
    return "no error";
  }
  fs::path dir_;
};

TEST_F(SweepFiles, GridIsRowMajorFirstAxisSlowest) {
  const auto s =
      load_sweep(write("axes:\n"
                       "  - {path: cooling.cdus.redundancy, values: [N+1, N+2]}\n"
                       "  - {path: energy.utilisation, range: {from: 0.5, to: 0.9, steps: 3}}\n"
                       "metrics: [pue]\n"));
  const auto pts = sweep_points(s);
  ASSERT_EQ(pts.size(), 6u);
  EXPECT_EQ(describe(pts[0].overrides), "cooling.cdus.redundancy=N+1, energy.utilisation=0.5");
  EXPECT_EQ(describe(pts[1].overrides), "cooling.cdus.redundancy=N+1, energy.utilisation=0.7");
  EXPECT_EQ(describe(pts[2].overrides), "cooling.cdus.redundancy=N+1, energy.utilisation=0.9");
  EXPECT_EQ(describe(pts[3].overrides), "cooling.cdus.redundancy=N+2, energy.utilisation=0.5");
  EXPECT_EQ(pts[5].index, 5);
  EXPECT_FALSE(s.axes[0].fields[0].numeric);
  EXPECT_TRUE(s.axes[1].fields[0].numeric);
}

TEST_F(SweepFiles, LogAndIntegerRanges) {
  const auto s =
      load_sweep(write("axes:\n"
                       "  - {path: storage.nodes, range: {from: 16, to: 256, steps: 5, log: true, "
                       "integer: true}}\n"
                       "metrics: [score]\n"));
  const auto pts = sweep_points(s);
  std::vector<std::string> v;
  for (const auto& p : pts) v.push_back(p.overrides[0].value);
  EXPECT_EQ(v, (std::vector<std::string>{"16", "32", "64", "128", "256"}));
}

TEST_F(SweepFiles, LinkedAxesMoveTogether) {
  const auto s =
      load_sweep(write("axes:\n"
                       "  - linked:\n"
                       "      - {path: reliability.checkpoint.interval_min, values: [60, 30, 15]}\n"
                       "      - {path: reliability.restart.relaunch_min, values: [10, 5, 2]}\n"
                       "  - {path: energy.utilisation, values: [0.5, 0.9]}\n"
                       "metrics: [ettr]\n"));
  const auto pts = sweep_points(s);
  ASSERT_EQ(pts.size(), 6u);
  for (const auto& p : pts) {
    ASSERT_EQ(p.overrides.size(), 3u);
    const int a = std::stoi(p.overrides[0].value), b = std::stoi(p.overrides[1].value);
    EXPECT_TRUE((a == 60 && b == 10) || (a == 30 && b == 5) || (a == 15 && b == 2)) << describe(p.overrides);
  }
}

TEST_F(SweepFiles, LatinHypercubeHasOneSamplePerStratum) {
  const auto s =
      load_sweep(write("design: lhs\nsamples: 40\nseed: 3\naxes:\n"
                       "  - {path: energy.utilisation, range: {from: 0.0, to: 1.0}}\n"
                       "  - {path: energy.renewable_share, range: {from: 0.0, to: 1.0}}\n"
                       "metrics: [pue]\n"));
  const auto pts = sweep_points(s);
  ASSERT_EQ(pts.size(), 40u);
  for (std::size_t d = 0; d < 2; ++d) {
    std::set<int> strata;
    for (const auto& p : pts) {
      const double u = std::stod(p.overrides[d].value);
      ASSERT_GT(u, 0.0);
      ASSERT_LT(u, 1.0);
      strata.insert(static_cast<int>(u * 40));
    }
    EXPECT_EQ(strata.size(), 40u) << "axis " << d << " misses a stratum";
  }
  // Same file, same points; another seed, other points.
  EXPECT_EQ(describe(sweep_points(s)[7].overrides), describe(pts[7].overrides));
  const auto s2 =
      load_sweep(write("design: lhs\nsamples: 40\nseed: 4\naxes:\n"
                       "  - {path: energy.utilisation, range: {from: 0.0, to: 1.0}}\n"
                       "  - {path: energy.renewable_share, range: {from: 0.0, to: 1.0}}\n"
                       "metrics: [pue]\n"));
  EXPECT_NE(describe(sweep_points(s2)[7].overrides), describe(pts[7].overrides));
}

TEST_F(SweepFiles, RandomDiscreteAxisVisitsEveryLevel) {
  const auto s =
      load_sweep(write("design: random\nsamples: 200\naxes:\n"
                       "  - {path: cooling.cdus.redundancy, values: [N, N+1, N+2]}\n"
                       "metrics: [pue]\n"));
  std::map<std::string, int> count;
  for (const auto& p : sweep_points(s)) ++count[p.overrides[0].value];
  ASSERT_EQ(count.size(), 3u);
  // 200 uniform draws over 3 levels: each level's count is Binomial(200, 1/3), sd 6.7; 30 is 5.5 sd below.
  for (const auto& [k, n] : count) EXPECT_GT(n, 30) << k;
}

TEST_F(SweepFiles, OverridesChangeTheLoadedScenario) {
  const Scenario sc = load_scenario(kSrc + "/scenarios/default.yaml",
                                    {{"energy.utilisation", "0.55"}, {"workloads[0].batch.global", "3840"}});
  ASSERT_TRUE(sc.energy);
  EXPECT_DOUBLE_EQ(sc.energy->utilisation, 0.55);
  EXPECT_EQ(sc.workloads.at(0).global_batch, 3840);
}

TEST_F(SweepFiles, BadOverrideValueNamesFieldAndOverride) {
  try {
    (void)load_scenario(kSrc + "/scenarios/default.yaml", {{"energy.utilisation", "1.5"}});
    FAIL() << "accepted utilisation 1.5";
  } catch (const ConfigError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("energy.utilisation"), std::string::npos) << m;
    EXPECT_NE(m.find("[overrides: energy.utilisation=1.5]"), std::string::npos) << m;
  }
}

TEST(FieldPath, ParsesKeysAndIndices) {
  const auto s = parse_field_path("workloads[0].parallel.dp");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].key, "workloads");
  EXPECT_TRUE(s[1].is_index);
  EXPECT_EQ(s[1].index, 0u);
  EXPECT_EQ(s[3].key, "dp");
  for (const char* bad : {"", "a..b", "a.", "a[", "a[x]", "a[-1]", "a]b"}) {
    EXPECT_THROW((void)parse_field_path(bad), std::invalid_argument) << bad;
  }
}

TEST_F(SweepFiles, BadSweepFilesNameLineAndField) {
  struct Case {
    const char* body;
    const char* error;
  };
  const Case cases[] = {
      {"axes:\n  - {path: cooling.cdus.redundancy, values: [N+1]}\nmetrics: [pue]\nbogus: 1\n",
       "sweep.yaml:6:1: bogus: unknown key (allowed here: axes, base, design, horizon_hours, metrics, replications, "
       "samples, schema, seed)"},
      {"axes:\n  - {path: cooling.cdu.redundancy, values: [N+1]}\nmetrics: [pue]\n",
       "sweep.yaml:4:5: axes[0]: path 'cooling.cdu.redundancy' is not a field of the base scenario"},
      {"axes:\n  - {path: energy.utilisation, values: [0.5]}\nmetrics: [pue, mfuu]\n",
       "sweep.yaml:5:16: metrics[1]: unknown metric 'mfuu'"},
      {"axes:\n  - {path: energy.utilisation, range: {from: 0.5, to: 0.9}}\nmetrics: [pue]\n",
       "sweep.yaml:4:39: axes[0].range: a grid range needs steps"},
      {"axes:\n  - {path: energy.utilisation, range: {from: 0.9, to: 0.5, steps: 3}}\nmetrics: [pue]\n",
       "sweep.yaml:4:55: axes[0].range.to: must be greater than from"},
      {"design: lhs\naxes:\n  - {path: energy.utilisation, range: {from: 0.1, to: 0.5}}\nmetrics: [pue]\n",
       "sweep.yaml:1:1: samples: required field is missing"},
      {"axes: []\nmetrics: [pue]\n", "sweep.yaml:3:7: axes: must be a non-empty list of axes"},
      {"axes:\n  - linked:\n      - {path: energy.utilisation, values: [0.5, 0.6]}\n"
       "      - {path: energy.renewable_share, values: [0.1]}\nmetrics: [pue]\n",
       "linked fields must have the same number of values"},
      {"axes:\n  - {path: energy.utilisation, values: [0.5]}\n  - {path: energy.utilisation, values: [0.6]}\n"
       "metrics: [pue]\n",
       "path 'energy.utilisation' is set by two axes"},
      {"axes:\n  - {path: energy.utilisation, values: [0.5], range: {from: 0, to: 1, steps: 2}}\nmetrics: [pue]\n",
       "give exactly one of values and range"},
      {"axes:\n  - {path: 'energy..x', values: [1]}\nmetrics: [pue]\n", "empty component"},
      {"axes:\n  - {path: energy.utilisation, values: [[1, 2]]}\nmetrics: [pue]\n", "sweep values must be scalars"},
  };
  for (const auto& c : cases) {
    const std::string e = error_of(c.body);
    EXPECT_NE(e.find(c.error), std::string::npos) << "body:\n" << c.body << "\ngot: " << e << "\nwant: " << c.error;
  }
}

}  // namespace
}  // namespace aidc::tools
