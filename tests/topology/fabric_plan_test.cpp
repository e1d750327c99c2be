// Fat-tree sizes checked against counts worked out by hand (k = radix, u = uplinks, d = downlinks).
#include <gtest/gtest.h>

#include "topology/fabric_plan.hpp"
#include "topology/topology_error.hpp"

namespace aidc::topo {
namespace {

FabricSpec rail(int64_t radix, int64_t tiers, int64_t nics) {
  FabricSpec f;
  f.kind = FabricKind::rail_optimized;
  f.tiers = tiers;
  f.switch_radix = radix;
  f.port_gbps = 400.0;
  f.nics_per_node = nics;
  return f;
}

std::string error_of(const FabricSpec& f, int64_t nodes) {
  try {
    (void)plan_fabric(f, nodes, "network.fabric");
  } catch (const TopologyError& e) {
    return e.what();
  }
  return "no error";
}

TEST(FabricPlan, Rail1024GpusOn64PortSwitches) {
  // 1,024 GPUs = 128 nodes x 8 rails. k = 64 at 1:1: u = d = 32. A scalable unit (SU) is d = 32 nodes and
  // 8 leaves (one per rail); 128 / 32 = 4 SUs -> 32 leaves. Leaf uplinks 32 x 32 = 1,024, / 64 ports = 16 spines.
  const FabricPlan p = plan_fabric(rail(64, 2, 8), 128, "network.fabric");
  EXPECT_EQ(p.leaf_up_ports, 32);
  EXPECT_EQ(p.leaf_down_ports, 32);
  EXPECT_EQ(p.nodes_per_su, 32);
  EXPECT_EQ(p.leaves(), 32);
  EXPECT_EQ(p.spines(), 16);
  EXPECT_EQ(p.cores(), 0);
  // Links: 1,024 NIC-leaf + 1,024 leaf-spine.
  EXPECT_EQ(p.host_leaf_links(), 1024);
  EXPECT_EQ(p.leaf_spine_links(), 1024);
  EXPECT_EQ(p.links(), 2048);
  EXPECT_DOUBLE_EQ(p.leaf_oversubscription(), 1.0);
  // Bisection = min(1,024 / 2 endpoint ports, 1,024 / 2 uplinks) x 400 = 204,800 Gb/s.
  EXPECT_DOUBLE_EQ(p.bisection_gbps(), 204800.0);
}

TEST(FabricPlan, LargestTwoTierSizeForRadix64) {
  // Every leaf reaches every spine, so at most k = 64 leaves = 8 SUs of 8 rail leaves = 8 x 32 = 256 nodes
  // (2,048 GPUs = k^2 / 2 endpoints). 256 nodes need 64 leaves and 64 x 32 / 64 = 32 spines.
  const FabricPlan p = plan_fabric(rail(64, 2, 8), 256, "network.fabric");
  EXPECT_EQ(p.max_nodes, 256);
  EXPECT_EQ(p.leaves(), 64);
  EXPECT_EQ(p.spines(), 32);
  EXPECT_EQ(p.endpoint_ports_per_plane, 2048);
  // One node more needs a 9th SU (72 leaves > 64): refused, naming the limit and the ways out.
  const std::string e = error_of(rail(64, 2, 8), 257);
  EXPECT_NE(e.find("network.fabric: a 2-tier rail-optimized fabric of radix 64"), std::string::npos) << e;
  EXPECT_NE(e.find("reaches at most 256 nodes per plane (2048 NICs)"), std::string::npos) << e;
  EXPECT_NE(e.find("use tiers: 3"), std::string::npos) << e;
}

TEST(FabricPlan, ClassicFatTreeTwoTierLimitIsKSquaredOverTwo) {
  // One NIC per node, fat_tree: a leaf takes d = 32 nodes; at most 64 leaves -> 2,048 nodes = 64^2 / 2.
  FabricSpec f = rail(64, 2, 1);
  f.kind = FabricKind::fat_tree;
  const FabricPlan p = plan_fabric(f, 2048, "network.fabric");
  EXPECT_EQ(p.max_nodes, 2048);
  EXPECT_EQ(p.leaves(), 64);
  EXPECT_EQ(p.spines(), 32);
  EXPECT_NE(error_of(f, 2049), "no error");
}

TEST(FabricPlan, ThreeTier16kGpus) {
  // 16,384 GPUs = 2,048 nodes, 8 rails, k = 64, 1:1 at leaf and spine (d2 = u2 = 32).
  // SUs: 2,048 / 32 = 64 -> 512 leaves. A pod takes floor(32 / 8) = 4 SUs = 32 leaves -> 16 pods.
  // Spines per pod: 32 leaves x 32 uplinks / 32 spine downlinks = 32 -> 512 spines.
  // Core groups: one per spine position (32); each has ceil(16 pods x 32 uplinks / 64) = 8 cores -> 256 cores.
  const FabricPlan p = plan_fabric(rail(64, 3, 8), 2048, "network.fabric");
  EXPECT_EQ(p.leaves(), 512);
  EXPECT_EQ(p.leaves_per_pod, 32);
  EXPECT_EQ(p.pods_per_plane, 16);
  EXPECT_EQ(p.spines_per_pod, 32);
  EXPECT_EQ(p.spines(), 512);
  EXPECT_EQ(p.cores_per_group, 8);
  EXPECT_EQ(p.cores(), 256);
  // Links: 16,384 per tier, 3 tiers.
  EXPECT_EQ(p.links(), 3 * 16384);
  // Largest 3-tier size: 64 pods x 4 SUs x 32 nodes = 8,192 nodes = 65,536 GPUs = k^3 / 4.
  EXPECT_EQ(p.max_nodes, 8192);
  EXPECT_DOUBLE_EQ(p.spine_oversubscription(), 1.0);
  // Bisection: min(8,192, 8,192, 8,192) ports x 400 = 3,276,800 Gb/s.
  EXPECT_DOUBLE_EQ(p.bisection_gbps(), 3276800.0);
}

TEST(FabricPlan, ThreeTierLimitRefused) {
  // k = 8, 2 rails, 1:1: d = 4 nodes per SU, 2 leaves per SU, a pod = floor(4 / 2) = 2 SUs = 8 nodes, at
  // most k = 8 pods -> 64 nodes. 65 nodes need 9 pods.
  EXPECT_EQ(plan_fabric(rail(8, 3, 2), 64, "network.fabric").pods_per_plane, 8);
  const std::string e = error_of(rail(8, 3, 2), 65);
  EXPECT_NE(e.find("a 3-tier rail-optimized fabric of radix 8 reaches at most 64 nodes per plane (8 pods of 8 nodes)"),
            std::string::npos)
      << e;
}

TEST(FabricPlan, LeafOversubscription3To1) {
  // k = 64 at 3:1: u = floor(64 / 4) = 16, d = 48. 128 nodes / 48 per SU -> 3 SUs -> 24 leaves;
  // spines = ceil(24 x 16 / 64) = 6. Achieved: 1,024 endpoint ports / 384 uplinks = 2.667 (last SU partial).
  FabricSpec f = rail(64, 2, 8);
  f.leaf_oversubscription = 3.0;
  const FabricPlan p = plan_fabric(f, 128, "network.fabric");
  EXPECT_EQ(p.leaf_up_ports, 16);
  EXPECT_EQ(p.leaf_down_ports, 48);
  EXPECT_EQ(p.leaves(), 24);
  EXPECT_EQ(p.spines(), 6);
  EXPECT_NEAR(p.leaf_oversubscription(), 1024.0 / 384.0, 1e-12);
  // Bisection limited by the uplinks: min(512, 192) x 400 = 76,800 Gb/s.
  EXPECT_DOUBLE_EQ(p.bisection_gbps(), 76800.0);
}

TEST(FabricPlan, DualTorAndPlanes) {
  // fat_tree, 2 NICs per node, dual-ToR: each NIC has a port on leaf A and on leaf B of a pair; a leaf takes
  // floor(32 / 2) = 16 nodes; 64 nodes -> 4 pairs = 8 leaves; 64 x 2 NICs x 2 ports = 256 endpoint ports;
  // spines = 8 x 32 / 64 = 4.
  FabricSpec f = rail(64, 2, 2);
  f.kind = FabricKind::fat_tree;
  f.dual_tor = true;
  const FabricPlan p = plan_fabric(f, 64, "network.fabric");
  EXPECT_EQ(p.nodes_per_su, 16);
  EXPECT_EQ(p.leaves(), 8);
  EXPECT_EQ(p.endpoint_ports_per_plane, 256);
  EXPECT_EQ(p.spines(), 4);
  // 8 NICs over 2 planes: 4 rails per plane; per plane 4 SUs x 4 leaves = 16 leaves and 16 x 32 / 64 = 8
  // spines; both planes: 32 leaves and 16 spines, as with one plane, but each plane reaches 64 / 4 = 16 SUs.
  FabricSpec g = rail(64, 2, 8);
  g.planes = 2;
  const FabricPlan q = plan_fabric(g, 128, "network.fabric");
  EXPECT_EQ(q.leaves(), 32);
  EXPECT_EQ(q.spines(), 16);
  EXPECT_EQ(q.max_nodes, 512);
}

TEST(FabricPlan, BadParametersRejected) {
  FabricSpec f = rail(64, 4, 8);
  EXPECT_NE(error_of(f, 8).find("network.fabric.tiers: must be 2 or 3"), std::string::npos);
  f = rail(64, 2, 6);
  f.planes = 4;
  EXPECT_NE(error_of(f, 8).find("6 NICs per node cannot be split evenly over 4 planes"), std::string::npos);
  f = rail(64, 2, 8);
  f.leaf_oversubscription = 0.5;
  EXPECT_NE(error_of(f, 8).find("network.fabric.oversubscription.leaf: must be >= 1"), std::string::npos);
  // A fat_tree leaf with 2 down ports cannot take a node's 8 NICs.
  f = rail(4, 2, 8);
  f.kind = FabricKind::fat_tree;
  EXPECT_NE(error_of(f, 8).find("fewer than the 8 NICs per node"), std::string::npos) << error_of(f, 8);
}

}  // namespace
}  // namespace aidc::topo
