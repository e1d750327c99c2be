// Scenario loader: a valid scenario loads; a table of bad scenarios each gives its exact error text.
#include "tools/schema/scenario.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace aidc::tools {
namespace {

namespace fs = std::filesystem;

// Writes `text` as scenario.yaml in a scratch directory that also holds an (empty) hardware profile
// stand-in, so that reference checks can be exercised without the real profiles.
class ScenarioFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per process: ctest runs the tests of this fixture in parallel processes.
    dir_ = fs::temp_directory_path() / ("aidc_scenario_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    fs::copy_file(fs::path(AIDC_SOURCE_DIR) / "scenarios/hardware/h100-sxm5-80gb.yaml", dir_ / "hw.yaml");
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Every case ends with these valid site sections (a 16-GPU, 2-node site), so that each case exercises
  // exactly one fault.
  static constexpr const char* kSections =
      "compute: {gpus: 16, gpus_per_node: 8, nodes_per_rack: 2, node_power_w: 10200}\n"
      "network: {fabric: {kind: rail_optimized, tiers: 2, switch_radix: 64, port_gbps: 400, nics_per_node: 8}}\n"
      "power: {utility_feeds: {units: 2, unit_kw: 100, redundancy: 2N}, transformers: {unit_kw: 100, redundancy: 2N},\n"
      "        ups: {unit_kw: 50, redundancy: 2N}, pdus: {unit_kw: 50, redundancy: 2N, per: rack}}\n"
      "cooling: {kind: air, crahs: {unit_kw: 50, redundancy: N+1}, chillers: {unit_kw: 200, redundancy: N+1},\n"
      "          cooling_towers: {unit_kw: 300, redundancy: N+1}}\n";
  std::string write(const std::string& text) {
    const auto p = dir_ / "scenario.yaml";
    std::ofstream(p) << text << kSections;
    return p.string();
  }
  std::string error_of(const std::string& text) {
    const std::string p = write(text);
    try {
      (void)load_scenario(p);
    } catch (const ConfigError& e) {
      std::string msg = e.what();
      // Report the message relative to the file name so expectations stay short.
      const auto pos = msg.find("scenario.yaml");
      return pos == std::string::npos ? msg : msg.substr(pos);
    }
    return "no error";
  }
  fs::path dir_;
};

const char* kValid =
    "schema: aidc-scenario/1\n"
    "site: {name: test-site, location: nowhere}\n"
    "hardware: hw.yaml\n"
    "simulation: {horizon_hours: 24, replications: 4, seed: 9, threads: 2}\n";

TEST_F(ScenarioFiles, ValidScenarioLoads) {
  const Scenario sc = load_scenario(write(kValid));
  EXPECT_EQ(sc.site.name, "test-site");
  EXPECT_EQ(sc.site.location, "nowhere");
  EXPECT_DOUBLE_EQ(sc.simulation.horizon_hours, 24.0);
  EXPECT_EQ(sc.simulation.replications, 4);
  EXPECT_EQ(sc.simulation.seed, 9u);
  EXPECT_EQ(sc.simulation.threads, 2);
  EXPECT_EQ(fs::path(sc.hardware_path).filename(), "hw.yaml");
  EXPECT_EQ(sc.hardware.tdp_w, 700.0);  // H100 SXM5 datasheet TDP, from the profile
  EXPECT_EQ(sc.site_spec.compute.gpus, 16);
  const topo::Site site = build_site(sc);
  EXPECT_EQ(site.nodes(), 2);
}

struct BadCase {
  const char* name;
  std::string yaml;
  std::string expected;
};

TEST_F(ScenarioFiles, BadInputsGiveExactErrors) {
  const std::string head = "schema: aidc-scenario/1\nsite: {name: s}\nhardware: hw.yaml\n";
  const std::vector<BadCase> cases = {
      {"unknown top-level key", head + "simulaton: {seed: 1}\n",
       "scenario.yaml:4:1: simulaton: unknown key (allowed here: compute, cooling, energy, hardware, network, power, "
       "reliability, schema, scoring, simulation, site, storage, workloads)"},
      {"wrong schema", "schema: aidc-scenario/9\nsite: {name: s}\nhardware: hw.yaml\n",
       "scenario.yaml:1:9: schema: unsupported schema 'aidc-scenario/9' (this aidc reads 'aidc-scenario/1')"},
      {"missing site", "schema: aidc-scenario/1\nhardware: hw.yaml\n",
       "scenario.yaml:1:1: site: required field is missing"},
      {"missing hardware file", "schema: aidc-scenario/1\nsite: {name: s}\nhardware: nope.yaml\n",
       "scenario.yaml:3:11: hardware: hardware profile not found: " + (dir_ / "nope.yaml").string()},
      {"zero replications", head + "simulation: {replications: 0}\n",
       "scenario.yaml:4:28: simulation.replications: must be a positive integer (>= 1), got 0"},
      {"negative seed", head + "simulation: {seed: -3}\n",
       "scenario.yaml:4:20: simulation.seed: must be a non-negative integer, got -3"},
      {"negative horizon", head + "simulation: {horizon_hours: -5}\n",
       "scenario.yaml:4:29: simulation.horizon_hours: must be in [0.001, 1.7532e+06], got -5"},
      {"string threads", head + "simulation: {threads: many}\n",
       "scenario.yaml:4:23: simulation.threads: expected an integer, got 'many'"},
      {"unknown site key", "schema: aidc-scenario/1\nsite: {name: s, owner: x}\nhardware: hw.yaml\n",
       "scenario.yaml:2:17: site.owner: unknown key (allowed here: climate, location, name)"},
      {"empty site name", "schema: aidc-scenario/1\nsite: {name: ''}\nhardware: hw.yaml\n",
       "scenario.yaml:2:14: site.name: must not be empty"},
      {"missing climate file", "schema: aidc-scenario/1\nsite: {name: s, climate: c.csv}\nhardware: hw.yaml\n",
       "scenario.yaml:2:26: site.climate: climate file not found: " + (dir_ / "c.csv").string()},
      {"site section error reaches the scenario", head + "simulation: {seed: 1}\ncompute: {gpus: -16}\n",
       "scenario.yaml:5:17: compute.gpus: must be a positive integer (>= 1), got -16"},
      {"duplicate section", head + "simulation: {seed: 1}\nsimulation: {seed: 2}\n",
       "scenario.yaml:5:1: simulation: duplicate key"},
  };
  for (const auto& c : cases) EXPECT_EQ(error_of(c.yaml), c.expected) << c.name;
}

TEST_F(ScenarioFiles, CheckpointSizeAndExplicitTimesAreExclusive) {
  const std::string table = std::string(AIDC_SOURCE_DIR) + "/scenarios/reliability/h100_default.yaml";
  const std::string line = "reliability: {table: " + table + ", checkpoint: {save_s: 5, size_gb: 10}}";
  const std::string head = "schema: aidc-scenario/1\nsite: {name: s}\nhardware: hw.yaml\n";
  // The error points at the value of size_gb on line 4 (columns are 1-based).
  const auto col = line.find("size_gb: 10") + std::string("size_gb: ").size() + 1;
  EXPECT_EQ(error_of(head + line + "\n"), "scenario.yaml:4:" + std::to_string(col) +
                                              ": reliability.checkpoint.size_gb: give size_gb (times from the "
                                              "storage model) or save_s/restore_s, not both");
  const Scenario sc = load_scenario(write(head + "reliability: {table: " + table + ", checkpoint: {size_gb: 10}}\n"));
  ASSERT_TRUE(sc.reliability.has_value());
  EXPECT_EQ(sc.reliability->checkpoint_size_bytes, 10e9);
}

}  // namespace
}  // namespace aidc::tools
