// The site loader: a valid scenario loads; a table of bad snippets each fails with its expected error text
// (file:line:col: field.path: message); the reference scenarios load and build with the sizes issue 3 names.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tools/schema/site_loader.hpp"
#include "topology/site.hpp"

namespace aidc::tools {
namespace {

// A small valid scenario; each bad case replaces one line (`from`) with its own text (`to`).
const char* kBase = R"(schema: aidc-scenario/1
site: {name: "t", location: "x", climate: null}
hardware: ../hardware/h100-sxm5-80gb.yaml
compute:
  gpus: 1024
  gpus_per_node: 8
  nodes_per_rack: 4
  node_power_w: 10000
network:
  fabric:
    kind: rail_optimized
    tiers: 2
    switch_radix: 64
    port_gbps: 400
    oversubscription: {leaf: 1}
storage:
  nodes: 4
  capacity_tb_per_node: 100
  iops_per_node: 1000000
  read_gb_per_s_per_node: 20
  write_gb_per_s_per_node: 10
  protection: {kind: erasure, k: 8, m: 2}
power:
  utility_feeds: {units: 2, unit_kw: 3000, redundancy: 2N}
  transformers: {unit_kw: 2000, redundancy: 2N}
  ups: {unit_kw: 500, redundancy: N+1}
  pdus: {unit_kw: 100, redundancy: 2N}
cooling:
  kind: air
  crahs: {unit_kw: 150, redundancy: N+1, per: row}
  cooling_towers: {unit_kw: 2000, redundancy: N+1}
simulation: {horizon_hours: 720}
)";

std::string patched(const std::string& from, const std::string& to) {
  std::string s = kBase;
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << "test bug: '" << from << "' not in the base scenario";
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

std::string load_error(const std::string& text) {
  try {
    const YamlNode root = YamlNode::load_string(text, "t.yaml");
    const topo::SiteSpec spec = load_site_spec(root);
    try {
      (void)topo::Site::build(spec);
    } catch (const topo::TopologyError& e) {
      rethrow_at(root, e);
    }
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SiteLoader, BaseScenarioLoadsAndIgnoresOtherTopLevelKeys) {
  const YamlNode root = YamlNode::load_string(kBase, "t.yaml");
  const topo::SiteSpec spec = load_site_spec(root);
  EXPECT_EQ(spec.compute.gpus, 1024);
  EXPECT_EQ(spec.compute.nvlink_domain_gpus, 8);  // defaults to gpus_per_node
  EXPECT_EQ(spec.network.fabric.nics_per_node, 8);
  EXPECT_EQ(spec.power.ups.redundancy.kind, topo::RedundancyKind::n_plus_x);
  EXPECT_EQ(spec.power.ups.redundancy.x, 1);
  EXPECT_EQ(spec.power.pdus.scope, topo::GroupScope::rack);  // the PDU default
  EXPECT_EQ(spec.cooling.crahs->scope, topo::GroupScope::row);
  ASSERT_TRUE(spec.storage.has_value());
  EXPECT_EQ(spec.storage->ec_k, 8);
  EXPECT_EQ(load_error(kBase), "no error");
}

TEST(SiteLoader, RedundancySpellings) {
  struct Case {
    std::string text;
    topo::RedundancyKind kind;
    int64_t x;
  };
  const std::vector<Case> cases = {{"N", topo::RedundancyKind::n, 0},
                                   {"N+2", topo::RedundancyKind::n_plus_x, 2},
                                   {"2N", topo::RedundancyKind::two_n, 0},
                                   {"2(N+1)", topo::RedundancyKind::two_n_plus_x, 1},
                                   {"4-to-make-3", topo::RedundancyKind::distributed, 1}};
  for (const auto& c : cases) {
    const std::string text =
        patched("ups: {unit_kw: 500, redundancy: N+1}", "ups: {unit_kw: 500, redundancy: " + c.text + "}");
    const topo::SiteSpec spec = load_site_spec(YamlNode::load_string(text, "t.yaml"));
    EXPECT_EQ(spec.power.ups.redundancy.kind, c.kind) << c.text;
    EXPECT_EQ(spec.power.ups.redundancy.x, c.x) << c.text;
    EXPECT_EQ(topo::to_string(spec.power.ups.redundancy), c.text);
  }
}

struct BadCase {
  std::string from;
  std::string to;
  std::string expected;  // substring of the error
};

TEST(SiteLoader, BadInputsRejectedWithClearErrors) {
  const std::vector<BadCase> cases = {
      {"gpus: 1024", "gpus: -8", "t.yaml:5:9: compute.gpus: must be a positive integer (>= 1), got -8"},
      {"gpus: 1024", "gpus: 1020", "compute.gpus: 1020 GPUs is not a whole number of 8-GPU nodes"},
      {"nodes_per_rack: 4", "nodes_per_rack: 0", "compute.nodes_per_rack: must be a positive integer"},
      {"gpus_per_node: 8", "gpus_per_node: 8\n  nvlink_domain_gpus: 12",
       "compute.nvlink_domain_gpus: must be a multiple of gpus_per_node (8), got 12"},
      {"gpus_per_node: 8", "gpus_per_node: 8\n  gpu_count: 3", "t.yaml:7:3: compute.gpu_count: unknown key"},
      {"switch_radix: 64", "radixx: 64", "network.fabric.switch_radix: required field is missing"},
      {"switch_radix: 64", "switch_radix: 64\n    radixx: 64", "network.fabric.radixx: unknown key"},
      {"kind: rail_optimized", "kind: torus",
       "network.fabric.kind: unknown value 'torus' (allowed: rail_optimized, fat_tree)"},
      {"tiers: 2", "tiers: 4", "network.fabric.tiers: must be in [2, 3], got 4"},
      {"switch_radix: 64", "switch_radix: 2", "network.fabric.switch_radix: must be >= 4 ports, got 2"},
      // Radix 16 at 1:1: 8 down ports -> SUs of 8 nodes and 8 rail leaves; at most 16 leaves = 2 SUs = 16 nodes.
      {"switch_radix: 64", "switch_radix: 16",
       "network.fabric: a 2-tier rail-optimized fabric of radix 16 at 1:1 reaches at most 16 nodes per plane"},
      {"oversubscription: {leaf: 1}", "oversubscription: {leaf: 0.5}",
       "network.fabric.oversubscription.leaf: must be in [1, 1e+06], got 0.5"},
      {"port_gbps: 400", "port_gbps: 400\n    planes: 3",
       "network.fabric.nics_per_node: 8 NICs per node cannot be split evenly over 3 planes"},
      {"port_gbps: 400", "port_gbps: 400\n    port_gbps: 200", "network.fabric.port_gbps: duplicate key"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {units: 2, unit_kw: 500, redundancy: N+3}",
       "power.ups.units: redundancy N+3 needs more than 3 unit(s) per group and side, got 2"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {unit_kw: 500, redundancy: N+}",
       "power.ups.redundancy: redundancy 'N+' needs a whole number X >= 1 of spares"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {unit_kw: 500, redundancy: 3N}",
       "power.ups.redundancy: redundancy '3N' is not understood (allowed: N, N+X, 2N, 2(N+X), K-to-make-M)"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {unit_kw: 500, redundancy: 3-to-make-3}",
       "power.ups.redundancy: redundancy '3-to-make-3' needs K > M >= 1"},
      {"transformers: {unit_kw: 2000, redundancy: 2N}", "transformers: {units: 3, unit_kw: 2000, redundancy: 2N}",
       "power.transformers.units: 3 units cannot be split evenly into 1 group(s) x 2 side(s)"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {units: 6, unit_kw: 500, redundancy: 4-to-make-3}",
       "power.ups.units: 4-to-make-3 needs exactly 4 units per group, got 6"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {unit_kw: 0, redundancy: N+1}",
       "power.ups.unit_kw: must be > 0, got 0"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {unit_kw: 500, per: row, groups: 2}",
       "power.ups.groups: give either per or groups, not both"},
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {unit_kw: 500, per: hall}", "power.ups.per: unknown value 'hall'"},
      {"  ups: {unit_kw: 500, redundancy: N+1}\n", "", "power.ups: required field is missing"},
      // IT: 128 nodes x 10 kW = 1,280 kW; switches: 48 fabric + storage network (128 x 2 + 4 x 2 = 264 ports
      // -> 9 leaves, 5 spines) = 62 x 1.65 kW = 102.3 kW; storage 4 x 1.5 kW = 6 kW. Total 1,388.3 kW on
      // 32 + 1 + ceil(62 / 16) = 37 racks. 2 x 500 kW cannot carry it (a build-time check).
      {"ups: {unit_kw: 500, redundancy: N+1}", "ups: {units: 2, unit_kw: 500}",
       "power.ups: group 0 (racks 0-36): 2 x 500 kW cannot carry the load of 1388.3 kW even with every unit working"},
      {"kind: air", "kind: cold_plate", "cooling.cdus: required: liquid_fraction > 0 sends heat to CDUs"},
      {"kind: air", "kind: air\n  liquid_fraction: 1.5", "cooling.liquid_fraction: must be in [0, 1], got 1.5"},
      {"kind: air", "kind: air\n  liquid_fraction: 0.5", "cooling.liquid_fraction: must be 0 for kind: air"},
      {"  cooling_towers: {unit_kw: 2000, redundancy: N+1}\n", "", "cooling: needs cooling_towers or dry_coolers"},
      {"crahs: {unit_kw: 150, redundancy: N+1, per: row}", "crahs: {unit_kw: 150, redundancy: 2N}",
       "cooling layers take N, N+X or K-to-make-M redundancy"},
      {"protection: {kind: erasure, k: 8, m: 2}", "protection: {kind: raid6}",
       "storage.protection.kind: unknown value 'raid6' (allowed: replication, erasure)"},
      {"protection: {kind: erasure, k: 8, m: 2}", "protection: {kind: replication, k: 3}",
       "storage.protection.copies: required field is missing"},
      {"iops_per_node: 1000000", "iops_per_node: -1", "storage.iops_per_node: must be > 0, got -1"},
  };
  for (const auto& c : cases) {
    const std::string e = load_error(patched(c.from, c.to));
    EXPECT_NE(e.find(c.expected), std::string::npos)
        << "case '" << c.to << "'\n  got:      " << e << "\n  expected: " << c.expected;
    EXPECT_EQ(e.rfind("t.yaml:", 0), 0u) << e;
  }
}

// The reference scenarios of issue 3 (full scenario files; only the site sections are read here).
topo::Site build_ref(const std::string& name) {
  const YamlNode root = YamlNode::load_file(std::string(AIDC_SOURCE_DIR) + "/scenarios/ref/" + name);
  return topo::Site::build(load_site_spec(root));
}

TEST(SiteLoader, ReferenceRail1kH100) {
  const topo::Site s = build_ref("rail-1k-h100.yaml");
  // Exactly the issue's case: 1,024 GPUs, 8 rails, 64-port 400G, 1:1 -> 32 leaves and 16 spines.
  EXPECT_EQ(s.gpus(), 1024);
  EXPECT_EQ(s.switches_by_tier().leaf, 32);
  EXPECT_EQ(s.switches_by_tier().spine, 16);
  EXPECT_EQ(s.switches_by_tier().core, 0);
  EXPECT_DOUBLE_EQ(s.spec().network.fabric.port_gbps, 400.0);
  EXPECT_DOUBLE_EQ(s.leaf_oversubscription(), 1.0);
  EXPECT_TRUE(s.warnings().empty());
}

TEST(SiteLoader, ReferenceSite10kH100Liquid) {
  const topo::Site s = build_ref("site-10k-h100-liquid.yaml");
  EXPECT_EQ(s.gpus(), 10240);
  EXPECT_EQ(s.fabric().tiers, 3);
  EXPECT_EQ(s.spec().cooling.kind, topo::CoolingKind::cold_plate);
  EXPECT_EQ(topo::to_string(s.layer(topo::LayerId::cdus).redundancy), "N+1");
  EXPECT_EQ(topo::to_string(s.layer(topo::LayerId::utility_feeds).redundancy), "2N");
  // 1,280 nodes / 32 per SU = 40 SUs = 320 leaves; pods of 4 SUs -> 10 pods x 32 spines = 320 spines;
  // 32 core groups x ceil(10 x 32 / 64) = 5 -> 160 cores.
  EXPECT_EQ(s.switches_by_tier().leaf, 320);
  EXPECT_EQ(s.switches_by_tier().spine, 320);
  EXPECT_EQ(s.switches_by_tier().core, 160);
  // One CDU out in a row is masked (N+1).
  EXPECT_TRUE(s.impact(s.unit_vertex(topo::LayerId::cdus, 0, 0, 0)).masked());
  EXPECT_TRUE(s.warnings().empty());
}

TEST(SiteLoader, ReferenceSite100kGb200) {
  const topo::Site s = build_ref("site-100k-gb200.yaml");
  // 1,392 NVL72 racks x 72 = 100,224 GPUs, one NVLink domain per rack.
  EXPECT_EQ(s.gpus(), 100224);
  EXPECT_EQ(s.compute_racks(), 1392);
  EXPECT_EQ(s.nvlink_domain_gpus(), 72);
  EXPECT_EQ(s.fabric().tiers, 3);
  EXPECT_EQ(s.tier_spanned(72), topo::FabricTier::nvlink);
  EXPECT_TRUE(s.warnings().empty());
}

}  // namespace
}  // namespace aidc::tools
