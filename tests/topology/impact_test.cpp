// Impact of failures and minimal cut sets: N, N+1, 2N power, generators, N+1 CDUs, single-homed and
// dual-ToR leaves, spines, network racks. Expected GPU sets are worked out by hand from the numbering rules
// in topology/site.hpp (GPU g in node g / 8, node n in rack n / 4; leaf of (SU s, rail r) = 8 s + r).
#include <gtest/gtest.h>

#include "tests/topology/spec_fixtures.hpp"
#include "topology/site.hpp"

namespace aidc::topo {
namespace {

using test::layer;
using test::small_site;

// 1,024 GPUs = 32 compute racks of 32 GPUs; IT load 1,328 kW.
TEST(Impact, UpsRedundancyNNPlus1And2N) {
  SiteSpec spec = small_site(1024);
  // N: 3 x 500 kW carry 1,328 kW; any single module out leaves 1,000 kW -> every rack loses power.
  spec.power.ups = layer(500.0, RedundancyKind::n, 0, 3);
  Site s = Site::build(spec);
  Impact im = s.impact(s.unit_vertex(LayerId::ups, 0, 0, 0));
  EXPECT_FALSE(im.masked());
  EXPECT_EQ(im.power.count(), 1024);
  EXPECT_EQ(static_cast<int64_t>(im.racks_without_power.size()), s.racks());
  // The network racks went down too, so every switch is out and every GPU also loses the network.
  EXPECT_EQ(im.switches_lost, 48);
  EXPECT_EQ(im.network.count(), 1024);

  // N+1: 4 x 500 kW. One module out: 1,500 kW >= 1,328 -> masked. Two out: 1,000 kW -> all racks down.
  spec.power.ups = layer(500.0, RedundancyKind::n_plus_x, 1, 4);
  s = Site::build(spec);
  im = s.impact(s.unit_vertex(LayerId::ups, 0, 0, 2));
  EXPECT_TRUE(im.masked());
  ASSERT_EQ(im.absorbed.size(), 1u);
  EXPECT_EQ(im.absorbed[0], "power.ups group 0");
  const std::vector<VertexId> two = {s.unit_vertex(LayerId::ups, 0, 0, 0), s.unit_vertex(LayerId::ups, 0, 0, 3)};
  EXPECT_EQ(s.impact(two).power.count(), 1024);

  // 2N: 3 modules per side. A whole side out (3 modules, or its bus) is masked by the other side.
  spec.power.ups = layer(500.0, RedundancyKind::two_n, 0, 6);
  s = Site::build(spec);
  const std::vector<VertexId> side_a = {s.unit_vertex(LayerId::ups, 0, 0, 0), s.unit_vertex(LayerId::ups, 0, 0, 1),
                                        s.unit_vertex(LayerId::ups, 0, 0, 2)};
  EXPECT_TRUE(s.impact(side_a).masked());
  EXPECT_TRUE(s.impact(s.bus_vertex(LayerId::ups, 0, 0)).masked());
  // Both buses out: nothing left.
  const std::vector<VertexId> buses = {s.bus_vertex(LayerId::ups, 0, 0), s.bus_vertex(LayerId::ups, 0, 1)};
  EXPECT_EQ(s.impact(buses).power.count(), 1024);
  // One module on each side: each side is left with 1,000 kW < 1,328 kW; sides are independent -> lost.
  const std::vector<VertexId> one_each = {s.unit_vertex(LayerId::ups, 0, 0, 0), s.unit_vertex(LayerId::ups, 0, 1, 0)};
  EXPECT_EQ(s.impact(one_each).power.count(), 1024);
}

TEST(Impact, TwoNPdusPerRack) {
  SiteSpec spec = small_site(1024);
  spec.power.pdus = layer(100.0, RedundancyKind::two_n, 0, 0, GroupScope::rack);
  const Site s = Site::build(spec);
  // One PDU of rack 3 out: its B PDU carries the 40 kW -> masked.
  EXPECT_TRUE(s.impact(s.unit_vertex(LayerId::pdus, 3, 0, 0)).masked());
  // Both PDUs of rack 3: rack 3 = nodes 12-15 = GPUs 96-127 lose power.
  const std::vector<VertexId> both = {s.unit_vertex(LayerId::pdus, 3, 0, 0), s.unit_vertex(LayerId::pdus, 3, 1, 0)};
  const Impact im = s.impact(both);
  EXPECT_EQ(im.power.count(), 32);
  EXPECT_TRUE(im.power.contains(96));
  EXPECT_TRUE(im.power.contains(127));
  EXPECT_FALSE(im.power.contains(95));
  EXPECT_FALSE(im.power.contains(128));
  ASSERT_EQ(im.racks_without_power.size(), 1u);
  EXPECT_EQ(im.racks_without_power[0], 3);
  EXPECT_TRUE(im.network.empty());
  // Both PDUs of network rack 32 (switches 0-15 = leaves 0-15 = SUs 0 and 1, all 8 rails): the NICs of
  // nodes 0-63 lose their only leaf -> GPUs 0-511 lose the network; none loses power.
  const std::vector<VertexId> net = {s.unit_vertex(LayerId::pdus, 32, 0, 0), s.unit_vertex(LayerId::pdus, 32, 1, 0)};
  const Impact nim = s.impact(net);
  EXPECT_EQ(nim.switches_lost, 16);
  EXPECT_TRUE(nim.power.empty());
  EXPECT_EQ(nim.network.count(), 512);
}

TEST(Impact, GeneratorsBackUpTheUtility) {
  SiteSpec spec = small_site(1024);
  // 2N utility feeds of 2,000 kW, generators N+1 of 1,000 kW (2 carry 1,328 kW, 3 installed).
  spec.power.utility_feeds = layer(2000.0, RedundancyKind::two_n, 0, 2);
  spec.power.generators = layer(1000.0, RedundancyKind::n_plus_x, 1);
  const Site s = Site::build(spec);
  EXPECT_EQ(s.layer(LayerId::generators).units(), 3);
  const VertexId a = s.unit_vertex(LayerId::utility_feeds, 0, 0, 0);
  const VertexId b = s.unit_vertex(LayerId::utility_feeds, 0, 1, 0);
  EXPECT_TRUE(s.impact(a).masked());
  const std::vector<VertexId> grid_down = {a, b};
  EXPECT_TRUE(s.impact(grid_down).masked());  // generators carry the site
  const std::vector<VertexId> grid_and_gen = {a, b, s.unit_vertex(LayerId::generators, 0, 0, 0)};
  EXPECT_TRUE(s.impact(grid_and_gen).masked());  // N+1: one generator may fail
  const std::vector<VertexId> grid_and_two = {a, b, s.unit_vertex(LayerId::generators, 0, 0, 0),
                                              s.unit_vertex(LayerId::generators, 0, 0, 1)};
  EXPECT_EQ(s.impact(grid_and_two).power.count(), 1024);
}

TEST(Impact, CdusNPlus1PerRow) {
  SiteSpec spec = small_site(1024);
  spec.cooling.kind = CoolingKind::cold_plate;
  spec.cooling.liquid_fraction = 0.8;
  // Row 0 = compute racks 0-15: 16 x 40 kW x 0.8 = 512 kW of liquid heat; 300 kW CDUs -> N = 2, N+1 = 3.
  spec.cooling.cdus = layer(300.0, RedundancyKind::n_plus_x, 1, 0, GroupScope::row);
  const Site s = Site::build(spec);
  EXPECT_EQ(s.layer(LayerId::cdus).groups, 2);  // CDUs serve the 32 compute racks: 2 rows
  EXPECT_EQ(s.layer(LayerId::cdus).units_per_side, 3);
  EXPECT_TRUE(s.impact(s.unit_vertex(LayerId::cdus, 0, 0, 1)).masked());
  const std::vector<VertexId> two = {s.unit_vertex(LayerId::cdus, 0, 0, 0), s.unit_vertex(LayerId::cdus, 0, 0, 1)};
  const Impact im = s.impact(two);
  // Row 0's 16 racks x 32 GPUs = GPUs 0-511 lose cooling; row 1 keeps its own CDUs.
  EXPECT_EQ(im.cooling.count(), 512);
  EXPECT_TRUE(im.cooling.contains(511));
  EXPECT_FALSE(im.cooling.contains(512));
  EXPECT_TRUE(im.power.empty());
}

TEST(Impact, SingleHomedLeafCutsItsRail) {
  const Site s = Site::build(small_site(1024));
  // Leaf 0 = SU 0 (nodes 0-31), rail 0: GPU 0 of each of nodes 0-31 = GPUs 0, 8, ..., 248.
  const Impact im = s.impact(s.vertex(VertexKind::leaf, 0));
  EXPECT_EQ(im.network.count(), 32);
  EXPECT_TRUE(im.network.contains(0));
  EXPECT_TRUE(im.network.contains(8));
  EXPECT_TRUE(im.network.contains(248));
  EXPECT_FALSE(im.network.contains(1));
  EXPECT_FALSE(im.network.contains(256));
  EXPECT_TRUE(im.compute.empty());
  // Leaf 9 = SU 1, rail 1: GPU 1 of nodes 32-63 = GPUs 257, 265, ...
  const Impact im9 = s.impact(s.vertex(VertexKind::leaf, 9));
  EXPECT_TRUE(im9.network.contains(257));
  EXPECT_FALSE(im9.network.contains(256));
  // A NIC cuts its GPU only.
  EXPECT_EQ(s.impact(s.vertex(VertexKind::nic, 17)).network.count(), 1);
  EXPECT_TRUE(s.impact(s.vertex(VertexKind::nic, 17)).network.contains(17));
}

TEST(Impact, DualTorMasksALeaf) {
  SiteSpec spec = small_site(1024);
  spec.network.fabric.dual_tor = true;
  const Site s = Site::build(spec);
  // Leaves of SU 0, rail 0 are 0 (side A) and 1 (side B). One is masked; both cut GPUs 0, 8, ..., 248.
  EXPECT_TRUE(s.impact(s.vertex(VertexKind::leaf, 0)).masked());
  const std::vector<VertexId> pair = {s.vertex(VertexKind::leaf, 0), s.vertex(VertexKind::leaf, 1)};
  const Impact im = s.impact(pair);
  EXPECT_EQ(im.network.count(), 32);
  EXPECT_TRUE(im.network.contains(248));
  // Leaves 1 and 2 are different rails' B and A sides: each rail still has one leaf.
  const std::vector<VertexId> mixed = {s.vertex(VertexKind::leaf, 1), s.vertex(VertexKind::leaf, 2)};
  EXPECT_TRUE(s.impact(mixed).masked());
}

TEST(Impact, SpinesAndCores) {
  const Site s = Site::build(small_site(1024));
  // One spine of 16: every leaf keeps 15 -> masked (capacity drops, connectivity stays).
  EXPECT_TRUE(s.impact(s.vertex(VertexKind::spine, 0)).masked());
  // All 16 spines: every leaf is cut off -> all 1,024 GPUs lose the network.
  std::vector<VertexId> all;
  for (int64_t i = 0; i < 16; ++i) all.push_back(s.vertex(VertexKind::spine, i));
  EXPECT_EQ(s.impact(all).network.count(), 1024);

  // 16k, 3 tiers: core group 0 has 8 cores; losing all of it cuts spine 0 of every pod from the core, but
  // every leaf still has 31 other spines -> masked.
  SiteSpec spec = small_site(16384);
  spec.network.fabric.tiers = 3;
  const Site t = Site::build(spec);
  std::vector<VertexId> group0;
  for (int64_t i = 0; i < 8; ++i) group0.push_back(t.vertex(VertexKind::core, i));
  EXPECT_TRUE(t.impact(group0).masked());
  // Every core: each pod is cut from the others -> every GPU loses the network.
  std::vector<VertexId> cores;
  for (int64_t i = 0; i < 256; ++i) cores.push_back(t.vertex(VertexKind::core, i));
  EXPECT_EQ(t.impact(cores).network.count(), 16384);
}

// Cables: host cable i of a single-homed site is NIC i's only link (cable index = NIC index); leaf-spine
// bundles follow, 16 per leaf (leaf l -> spine j is bundle 1,024 + 16 l + j), 2 links and 4 optics each.
TEST(Impact, HostCableCutsItsNicsRail) {
  const Site s = Site::build(small_site(1024));
  const VertexId c17 = s.cable_vertex(CableTier::host_leaf, 17);
  // The whole cable, or its one optic (the bundle has a single link): NIC 17 loses its only leaf -> GPU 17
  // (node 2, rail 1) loses the network, like a failed NIC.
  for (const Impact& im : {s.impact(c17), s.impact(LinkLoss{c17, 1})}) {
    EXPECT_FALSE(im.masked());
    EXPECT_EQ(im.network.count(), 1);
    EXPECT_TRUE(im.network.contains(17));
    EXPECT_TRUE(im.compute.empty());
    EXPECT_EQ(im.switches_lost, 0);
    EXPECT_EQ(im.cables_lost, 1);
    EXPECT_EQ(im.links_lost, 1);
    ASSERT_EQ(im.cables.size(), 1u);
    EXPECT_EQ(im.cables[0].cable, c17);
    EXPECT_EQ(im.cables[0].links, 1);
    EXPECT_EQ(im.cables[0].links_lost, 1);
    EXPECT_DOUBLE_EQ(im.cables[0].gbps_lost, 400.0);
  }

  // 4 NICs per node, each serving 2 GPUs: NIC 5 = node 1's NIC 1 serves GPUs 2-3 of node 1 = GPUs 10 and 11;
  // its cable's optic takes both off the network.
  SiteSpec spec = small_site(1024);
  spec.network.fabric.nics_per_node = 4;
  const Site f = Site::build(spec);
  const Impact im = f.impact(LinkLoss{f.cable_vertex(CableTier::host_leaf, 5), 1});
  EXPECT_EQ(im.network.count(), 2);
  EXPECT_TRUE(im.network.contains(10));
  EXPECT_TRUE(im.network.contains(11));
}

TEST(Impact, DualTorMasksAHostCable) {
  SiteSpec spec = small_site(1024);
  spec.network.fabric.dual_tor = true;
  const Site s = Site::build(spec);
  // NIC 17's cables are 2 x 17 = 34 (side A) and 35 (side B): one is masked, both cut GPU 17.
  const VertexId a = s.cable_vertex(CableTier::host_leaf, 34);
  const VertexId b = s.cable_vertex(CableTier::host_leaf, 35);
  EXPECT_EQ(s.cable(a).from, s.vertex(VertexKind::nic, 17));
  EXPECT_EQ(s.cable(b).from, s.vertex(VertexKind::nic, 17));
  const Impact one = s.impact(LinkLoss{a, 1});
  EXPECT_TRUE(one.masked());
  ASSERT_EQ(one.absorbed.size(), 1u);
  EXPECT_EQ(one.absorbed[0], "network: 1 cable bundle(s) (dual-ToR, multipath)");
  const std::vector<VertexId> both = {a, b};
  const Impact im = s.impact(both);
  EXPECT_EQ(im.network.count(), 1);
  EXPECT_TRUE(im.network.contains(17));
  EXPECT_EQ(im.cables_lost, 2);
}

TEST(Impact, OneOpticOfALeafSpineBundle) {
  const Site s = Site::build(small_site(1024));
  const VertexId c = s.cable_vertex(CableTier::leaf_spine, 0);  // leaf 0 -> spine 0, 2 links, 800 Gb/s
  // One optic: one of the 2 links down, half the bundle's capacity (400 of 800 Gb/s); leaf 0 still reaches
  // spine 0 over the other link -> no GPU loses anything.
  const Impact one = s.impact(LinkLoss{c, 1});
  EXPECT_TRUE(one.masked());
  EXPECT_EQ(one.cables_lost, 0);
  EXPECT_EQ(one.links_lost, 1);
  ASSERT_EQ(one.cables.size(), 1u);
  EXPECT_EQ(one.cables[0].links, 2);
  EXPECT_EQ(one.cables[0].links_lost, 1);
  EXPECT_DOUBLE_EQ(one.cables[0].gbps_lost, 400.0);
  ASSERT_EQ(one.absorbed.size(), 1u);
  EXPECT_EQ(one.absorbed[0],
            "network: cable 1024 (leaf_spine: leaf 0 -> spine 0, 2 links, 4 optics) keeps 1 of 2 links");
  // Both links (two optics, one per link; or more links than the bundle has; or the cable vertex): the
  // bundle is down, leaf 0 keeps its 15 other spines -> masked by multipath, 800 Gb/s lost.
  const std::vector<LinkLoss> two = {LinkLoss{c, 1}, LinkLoss{c, 1}};
  const LinkLoss too_many{c, 5};
  const VertexId whole[] = {c};
  for (const Impact& im : {s.impact({}, two), s.impact(too_many), s.impact(whole)}) {
    EXPECT_TRUE(im.masked());
    EXPECT_EQ(im.cables_lost, 1);
    EXPECT_EQ(im.links_lost, 2);
    ASSERT_EQ(im.cables.size(), 1u);
    EXPECT_DOUBLE_EQ(im.cables[0].gbps_lost, 800.0);
    ASSERT_EQ(im.absorbed.size(), 1u);
    EXPECT_EQ(im.absorbed[0], "network: 1 cable bundle(s) (multipath)");
  }
  // Not a cable, or no link: rejected.
  const LinkLoss leaf{s.vertex(VertexKind::leaf, 0), 1};
  EXPECT_THROW((void)s.impact(leaf), std::invalid_argument);
  EXPECT_THROW((void)s.impact(LinkLoss{c, 0}), std::invalid_argument);
}

TEST(Impact, LeafCutOffByItsCables) {
  const Site s = Site::build(small_site(1024));
  // Leaf 0's 16 uplink bundles are 1,024-1,039. 15 of them down: it keeps spine 15 -> masked. All 16: leaf 0
  // is cut off exactly as if it had failed: GPUs 0, 8, ..., 248 (rail 0 of SU 0) lose the network.
  std::vector<VertexId> up;
  for (int64_t j = 0; j < 15; ++j) up.push_back(s.cable_vertex(CableTier::leaf_spine, j));
  EXPECT_TRUE(s.impact(up).masked());
  up.push_back(s.cable_vertex(CableTier::leaf_spine, 15));
  const Impact im = s.impact(up);
  EXPECT_EQ(im.network.count(), 32);
  EXPECT_EQ(im.network.ranges(), s.impact(s.vertex(VertexKind::leaf, 0)).network.ranges());
  EXPECT_EQ(im.cables_lost, 16);
  EXPECT_EQ(im.links_lost, 32);
  EXPECT_EQ(im.switches_lost, 0);

  // 16k, 3 tiers, pods of 32 leaves and 32 spines; leaf 0's bundle j goes to spine j, spine 0's 8 bundles
  // (spine-core 0-7) to the cores of group 0. Spine 0 cut from the core by its cables alone is masked
  // (every leaf has 31 other spines). Leaf 0 left with spine 0 only (its bundles 1-31 down) still reaches its
  // pod, also masked; both together leave leaf 0 no way out of the pod -> rail 0 of SU 0 (32 GPUs) cut.
  SiteSpec spec = small_site(16384);
  spec.network.fabric.tiers = 3;
  const Site t = Site::build(spec);
  std::vector<VertexId> spine0_up;
  for (int64_t c = 0; c < 8; ++c) spine0_up.push_back(t.cable_vertex(CableTier::spine_core, c));
  std::vector<VertexId> leaf0_up;
  for (int64_t j = 1; j < 32; ++j) leaf0_up.push_back(t.cable_vertex(CableTier::leaf_spine, j));
  EXPECT_TRUE(t.impact(spine0_up).masked());
  EXPECT_TRUE(t.impact(leaf0_up).masked());
  std::vector<VertexId> both = spine0_up;
  both.insert(both.end(), leaf0_up.begin(), leaf0_up.end());
  const Impact cut = t.impact(both);
  EXPECT_EQ(cut.network.count(), 32);
  EXPECT_TRUE(cut.network.contains(0));
  EXPECT_TRUE(cut.network.contains(248));
  EXPECT_FALSE(cut.network.contains(1));
  // The same leaf with the cores of group 0 failed instead of spine 0's cables: the same 32 GPUs.
  std::vector<VertexId> cores = leaf0_up;
  for (int64_t c = 0; c < 8; ++c) cores.push_back(t.vertex(VertexKind::core, c));
  EXPECT_EQ(t.impact(cores).network.ranges(), cut.network.ranges());
}

TEST(Impact, StorageCablesCutNoGpu) {
  SiteSpec spec = small_site(1024);
  StorageSpec st;
  st.nodes = 16;
  spec.storage = st;
  const Site s = Site::build(spec);
  // Compute node 0's front-end bundle (its 2 default ports on storage leaf 0): counted, no GPU impact
  // (the storage network is not on the GPUs' compute path, as for storage switches).
  const VertexId c = s.cable_vertex(CableTier::storage_host_leaf, 0);
  EXPECT_EQ(s.cable(c).from, s.vertex(VertexKind::node, 0));
  const Impact im = s.impact(c);
  EXPECT_TRUE(im.any.empty());
  EXPECT_EQ(im.cables_lost, 1);
  EXPECT_EQ(im.links_lost, 2);
}

TEST(Impact, ComputeComponents) {
  const Site s = Site::build(small_site(1024));
  const Impact node = s.impact(s.vertex(VertexKind::node, 2));  // GPUs 16-23
  EXPECT_EQ(node.compute.count(), 8);
  EXPECT_TRUE(node.compute.contains(16));
  EXPECT_TRUE(node.compute.contains(23));
  const std::vector<VertexId> overlap = {s.vertex(VertexKind::node, 2), s.vertex(VertexKind::gpu, 17),
                                         s.vertex(VertexKind::rack, 0)};
  // Rack 0 = GPUs 0-31 contains the others: 32 in all, one range.
  const Impact im = s.impact(overlap);
  EXPECT_EQ(im.any.count(), 32);
  EXPECT_EQ(im.any.ranges().size(), 1u);
}

TEST(CutSets, RackPowerPath) {
  // Feeds N (1 unit), transformers N (1), no generators, UPS N+1 (2 x 2,000 kW, either carries the site),
  // PDUs 2N per rack. Candidates for rack 0: feed + bus, transformer + bus, 2 UPS + bus, PDU A + bus A,
  // PDU B + bus B = 11. Singles: feed, feed bus, transformer, transformer bus, UPS bus = 5.
  // Pairs (neither member a single): {UPS 0, UPS 1}, and one of {PDU A, bus A} with one of {PDU B, bus B}
  // = 1 + 4 = 5.
  SiteSpec spec = small_site(1024);
  spec.power.utility_feeds = layer(20000.0, RedundancyKind::n, 0, 1);
  spec.power.transformers = layer(20000.0, RedundancyKind::n, 0, 1);
  spec.power.ups = layer(2000.0, RedundancyKind::n_plus_x, 1, 2);
  spec.power.pdus = layer(100.0, RedundancyKind::two_n, 0, 0, GroupScope::rack);
  const Site s = Site::build(spec);
  const auto sets = s.rack_cut_sets(0, Chain::power, 2);
  int singles = 0;
  int pairs = 0;
  bool ups_pair = false;
  for (const auto& cs : sets) {
    if (cs.components.size() == 1) ++singles;
    if (cs.components.size() == 2) {
      ++pairs;
      ups_pair = ups_pair || (cs.components[0] == s.unit_vertex(LayerId::ups, 0, 0, 0) &&
                              cs.components[1] == s.unit_vertex(LayerId::ups, 0, 0, 1));
    }
  }
  EXPECT_EQ(singles, 5);
  EXPECT_EQ(pairs, 5);
  EXPECT_TRUE(ups_pair);
  // Size 1 only: the 5 singles.
  EXPECT_EQ(s.rack_cut_sets(0, Chain::power, 1).size(), 5u);
}

TEST(CutSets, RackCoolingPath) {
  // Air only: towers N (1 unit), CRAHs N (1 unit), no chillers. Singles: tower, tower bus, CRAH, CRAH bus.
  const Site s = Site::build(small_site(1024));
  const auto sets = s.rack_cut_sets(0, Chain::cooling, 2);
  EXPECT_EQ(sets.size(), 4u);
  for (const auto& cs : sets) EXPECT_EQ(cs.components.size(), 1u);
}

}  // namespace
}  // namespace aidc::topo
