// Expansion (tools/plan/expansion.hpp): equipment counts of a 1k -> 2k and 1k -> 4k expansion, counted by hand
// from the builder's rules (topology/fabric_plan.hpp, topology/equipment_plan.hpp), and the expanded file loads.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tools/plan/expansion.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

namespace fs = std::filesystem;

const std::string kSrc = AIDC_SOURCE_DIR;

const LayerDelta& layer(const ExpansionResult& r, const std::string& path) {
  for (const auto& l : r.layers) {
    if (l.path == path) return l;
  }
  throw std::runtime_error("no layer " + path);
}

ExpansionRequest request(const std::string& scenario, int64_t add) {
  ExpansionRequest q;
  q.scenario_path = scenario;
  q.add_gpus = add;
  q.run.replications = 1;
  q.run.threads = 1;
  return q;
}

// 1,024 -> 2,048 cards of the liquid test site (tests/plan/data/liquid-1k.yaml).
TEST(Expansion, LiquidSiteDoublesSwitchesAndCdusAsCountedByHand) {
  const ExpansionResult r = expand_site(request(kSrc + "/tests/plan/data/liquid-1k.yaml", 1024), nullptr);
  EXPECT_EQ(r.gpus_before, 1024);
  EXPECT_EQ(r.gpus_after, 2048);
  // Fabric: radix 64 at 1:1 -> 32 down / 32 up ports, 32 nodes and 8 rail leaves per scalable unit.
  // 128 nodes = 4 SUs = 32 leaves, 32 x 32 / 64 = 16 spines; 256 nodes = 8 SUs = 64 leaves (the 2-tier maximum,
  // 64 leaves for 64 spine ports), 32 spines.
  const FabricDelta& f = r.fabrics.at(0);
  EXPECT_EQ(f.path, "network.fabric");
  EXPECT_EQ(f.tiers_after, 2);
  EXPECT_EQ(f.leaves_before, 32);
  EXPECT_EQ(f.leaves_after, 64);
  EXPECT_EQ(f.spines_before, 16);
  EXPECT_EQ(f.spines_after, 32);
  EXPECT_EQ(f.cores_after, 0);
  // Storage: 16 nodes for 1,024 GPUs -> 32 for 2,048 (capacity per GPU kept).
  EXPECT_EQ(r.storage_nodes_after, 32);
  // CDUs (explicit 3 units, per row): a compute rack is 8 x 10.2 kW x 0.8 liquid = 65.28 kW; a row of 16 racks
  // 1,044.48 kW -> ceil(1044.48 / 800) = 2, + 1 spare = 3 per row. 16 racks = 1 row (3 CDUs); 32 racks = 2 rows (6).
  const LayerDelta& cdu = layer(r, "cooling.cdus");
  EXPECT_FALSE(cdu.auto_sized);
  EXPECT_EQ(cdu.groups_before, 1);
  EXPECT_EQ(cdu.groups_after, 2);
  EXPECT_EQ(cdu.units_before, 3);
  EXPECT_EQ(cdu.units_after, 6);
  EXPECT_NEAR(cdu.max_group_load_before_kw, 16 * 65.28, 1e-9);
  EXPECT_NEAR(cdu.headroom_before_kw, 2 * 800 - 16 * 65.28, 1e-9);  // (3 - 1 spare) x 800 - load
  EXPECT_FALSE(cdu.absorbed);
  // UPS (automatic, 2N of 500 kW): IT 1,432 kW -> 3 per side (6); 2,862 kW -> 6 per side (12). The IT load is
  // 16 x 81.6 compute + 1 storage rack of 16 x 1.5 kW + 62 switches (48 fabric + 14 storage network) x 1.65 kW.
  const LayerDelta& ups = layer(r, "power.ups");
  EXPECT_TRUE(ups.auto_sized);
  EXPECT_EQ(ups.units_before, 6);
  EXPECT_EQ(ups.units_after, 12);
  EXPECT_NEAR(ups.max_group_load_before_kw, 16 * 81.6 + 16 * 1.5 + 62 * 1.65, 1e-9);
  // Utility feeds (explicit 2 x 2,500 kW, 2N): the new load x 1.25 facility = 3,578 kW needs 2 per side -> 4.
  EXPECT_EQ(layer(r, "power.utility_feeds").units_after, 4);
  // Towers (automatic, 4,000 kW N+1) carry 2,862 kW with their spare intact: absorbed.
  const LayerDelta& towers = layer(r, "cooling.cooling_towers");
  EXPECT_TRUE(towers.absorbed);
  EXPECT_GT(towers.headroom_before_kw, towers.max_group_load_after_kw - towers.max_group_load_before_kw);
  // Every changed field is reported.
  bool saw_cdus = false;
  for (const auto& c : r.changes) saw_cdus = saw_cdus || (c.path == "cooling.cdus.units" && c.after == "6");
  EXPECT_TRUE(saw_cdus);
}

TEST(Expansion, ReferenceJobAndExpandedFileLoad) {
  const fs::path dir = fs::temp_directory_path() / ("aidc_expansion_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ExpansionRequest q = request(kSrc + "/scenarios/plans/base-1k-h100.yaml", 1024);
  q.output_path = (dir / "expanded.yaml").string();
  const ExpansionResult r = expand_site(q, nullptr);
  std::ofstream(q.output_path) << r.expanded_yaml;
  const Scenario sc = load_scenario(q.output_path);
  EXPECT_EQ(sc.site_spec.compute.gpus, 2048);
  // tp 8 x pp 8 = 64 GPUs per replica: dp 16 -> 32, global batch 1,536 -> 3,072 (96 sequences per rank kept).
  ASSERT_FALSE(sc.workloads.empty());
  EXPECT_EQ(sc.workloads[0].parallel.dp, 32);
  EXPECT_EQ(sc.workloads[0].global_batch, 3072);
  EXPECT_EQ(sc.site_spec.storage->nodes, 32);
  EXPECT_EQ(sc.site_spec.power.utility_feeds.units, 4);
  EXPECT_EQ(sc.site_spec.power.transformers.units, 4);
  // The file references still resolve from the other folder.
  EXPECT_TRUE(fs::exists(sc.hardware_path));
  ASSERT_TRUE(sc.reliability.has_value());
  EXPECT_TRUE(fs::exists(sc.reliability->table_path));
  const topo::Site site = build_site(sc);
  EXPECT_EQ(site.switches_by_tier().leaf, 64);
  // Both sites were evaluated: MFU before and after.
  EXPECT_TRUE(std::isfinite(design_value(r.before, "mfu")));
  EXPECT_TRUE(std::isfinite(design_value(r.after, "mfu")));
  fs::remove_all(dir);
}

// 1,024 -> 4,096 cards: 512 nodes exceed the 2-tier maximum of 256, so a core tier is added. Three tiers at 1:1:
// spines 32 down / 32 up; a pod is 32 / 8 = 4 SUs = 32 leaves; 16 SUs = 4 pods, 128 leaves; 32 x 32 / 32 = 32
// spines per pod -> 128; cores per group ceil(4 x 32 / 64) = 2, one group per spine position -> 64 cores.
TEST(Expansion, AddsATierWhenTheRadixForcesIt) {
  const ExpansionResult r = expand_site(request(kSrc + "/tests/plan/data/liquid-1k.yaml", 3072), nullptr);
  const FabricDelta& f = r.fabrics.at(0);
  EXPECT_EQ(f.tiers_before, 2);
  EXPECT_EQ(f.tiers_after, 3);
  EXPECT_EQ(f.leaves_after, 128);
  EXPECT_EQ(f.spines_after, 128);
  EXPECT_EQ(f.cores_after, 64);
  bool noted = false;
  for (const auto& n : r.notes) noted = noted || n.find("adds a core tier") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(Expansion, RejectsPartialNvlinkDomainsAndUnreachableSizes) {
  EXPECT_THROW(expand_site(request(kSrc + "/tests/plan/data/liquid-1k.yaml", 4), nullptr), ConfigError);
  EXPECT_THROW(expand_site(request(kSrc + "/tests/plan/data/liquid-1k.yaml", 0), nullptr), ConfigError);
  // 3 tiers of 64 ports reach 64 pods x 128 nodes = 8,192 nodes (65,536 GPUs); 70,000 more cannot be built.
  try {
    (void)expand_site(request(kSrc + "/tests/plan/data/liquid-1k.yaml", 70000), nullptr);
    FAIL() << "an unreachable size was accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.path(), "network.fabric");
    EXPECT_NE(e.message().find("cannot grow to 71024 GPUs"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace aidc::tools
