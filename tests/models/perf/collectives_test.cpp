// Closed-form and property tests of the NCCL collective cost model (models/perf/collectives.hpp).
#include "models/perf/collectives.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_profiles.hpp"

namespace aidc::models {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// A platform with round numbers and only ring/Simple enabled, so times have closed forms.
CollectiveParams ring_simple_only() {
  CollectiveParams p;
  p.intra_bus_gb_per_s = 200.0;
  p.intra_p2p_gb_per_s = 180.0;
  p.nic_gb_per_s_per_gpu = 25.0;
  p.net_efficiency = 1.0;
  p.tree_bandwidth_fraction = 0.0;
  p.protocol_enabled = {false, false, true};
  p.cost[static_cast<int>(CollectiveAlgorithm::ring)][static_cast<int>(Protocol::simple)] = {10.0, 1.0, 5.0, 1.0};
  return p;
}

TEST(Collectives, BusbwFactorsFollowNcclTests) {
  EXPECT_DOUBLE_EQ(busbw_factor(CollectiveOp::all_reduce, 8), 2.0 * 7.0 / 8.0);
  EXPECT_DOUBLE_EQ(busbw_factor(CollectiveOp::all_gather, 8), 7.0 / 8.0);
  EXPECT_DOUBLE_EQ(busbw_factor(CollectiveOp::reduce_scatter, 16), 15.0 / 16.0);
  EXPECT_DOUBLE_EQ(busbw_factor(CollectiveOp::all_to_all, 4), 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(busbw_factor(CollectiveOp::broadcast, 8), 1.0);
  EXPECT_DOUBLE_EQ(busbw_factor(CollectiveOp::send_recv, 2), 1.0);
}

TEST(Collectives, RingAllReduceInOneDomainIsClosedForm) {
  const auto p = ring_simple_only();
  CollectiveGroup g;
  g.ranks = 8;
  g.ranks_per_domain = 8;
  const double s = kGiB;
  // t = base + 2(n-1) hops + 2(n-1)/n * S / B = 10 us + 14 * 1 us + 1.75 * 2^30 / 200e9 s
  const double expected = 10e-6 + 14e-6 + 1.75 * s / 200e9;
  const auto r = predict_collective(CollectiveOp::all_reduce, s, g, p);
  EXPECT_NEAR(r.time_s, expected, 1e-12);
  EXPECT_EQ(r.algorithm, CollectiveAlgorithm::ring);
  EXPECT_EQ(r.protocol, Protocol::simple);
  EXPECT_NEAR(r.algbw_gb_per_s, s / expected / 1e9, 1e-9);
  EXPECT_NEAR(r.busbw_gb_per_s, r.algbw_gb_per_s * 1.75, 1e-9);
}

TEST(Collectives, RingAllReduceAcrossTwoNodesUsesNicBandwidthAndInterHops) {
  const auto p = ring_simple_only();
  CollectiveGroup g;
  g.ranks = 16;
  g.ranks_per_domain = 8;
  const double s = kGiB;
  // Inter busbw = 8 ranks x 25 GB/s = 200 GB/s = intra, so B = 200. Steps: 2(16-1) = 30, of which
  // 2(2-1) = 2 cross the network: t = 10 + 28 * 1 + 2 * 5 us + 2 * 15/16 * S / 200e9.
  const double expected = 10e-6 + 28e-6 + 10e-6 + 2.0 * 15.0 / 16.0 * s / 200e9;
  EXPECT_NEAR(predict_collective(CollectiveOp::all_reduce, s, g, p).time_s, expected, 1e-12);
  // Halving the NIC bandwidth makes the network the bottleneck: B = 8 x 12.5 = 100 GB/s.
  auto slow = p;
  slow.nic_gb_per_s_per_gpu = 12.5;
  const double expected_slow = 10e-6 + 28e-6 + 10e-6 + 2.0 * 15.0 / 16.0 * s / 100e9;
  EXPECT_NEAR(predict_collective(CollectiveOp::all_reduce, s, g, slow).time_s, expected_slow, 1e-12);
}

TEST(Collectives, AllGatherAndReduceScatterAreHalfAnAllReduce) {
  const auto p = ring_simple_only();
  CollectiveGroup g;
  g.ranks = 8;
  g.ranks_per_domain = 8;
  const double s = 256.0 * 1024 * 1024;
  // (n-1) steps, (n-1)/n * S / B.
  const double expected = 10e-6 + 7e-6 + 7.0 / 8.0 * s / 200e9;
  EXPECT_NEAR(predict_collective(CollectiveOp::all_gather, s, g, p).time_s, expected, 1e-12);
  EXPECT_NEAR(predict_collective(CollectiveOp::reduce_scatter, s, g, p).time_s, expected, 1e-12);
}

TEST(Collectives, OversubscriptionSlowsTheNetworkPart) {
  const auto p = ring_simple_only();
  CollectiveGroup g;
  g.ranks = 64;
  g.ranks_per_domain = 8;
  const double t1 = predict_collective(CollectiveOp::all_reduce, kGiB, g, p).time_s;
  g.oversubscription = 2.0;
  const double t2 = predict_collective(CollectiveOp::all_reduce, kGiB, g, p).time_s;
  EXPECT_GT(t2, t1 * 1.9);
}

TEST(Collectives, MoreBandwidthIsNeverSlower) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  for (auto op : {CollectiveOp::all_reduce, CollectiveOp::all_gather, CollectiveOp::reduce_scatter,
                  CollectiveOp::all_to_all, CollectiveOp::broadcast, CollectiveOp::send_recv}) {
    for (int ranks : {2, 8, 16, 64}) {
      for (double bytes = 1024.0; bytes <= 8.0 * kGiB; bytes *= 8.0) {
        CollectiveGroup g;
        g.ranks = ranks;
        g.ranks_per_domain = ranks >= 8 ? 8 : ranks;
        double previous = INFINITY;
        for (double nic : {12.5, 25.0, 50.0, 100.0}) {
          auto p = hw.collectives;
          p.nic_gb_per_s_per_gpu = nic;
          const double t = predict_collective(op, bytes, g, p).time_s;
          EXPECT_LE(t, previous * (1.0 + 1e-12)) << to_string(op) << " n=" << ranks << " S=" << bytes;
          previous = t;
        }
      }
    }
  }
}

TEST(Collectives, ProtocolFollowsMessageSize) {
  const auto hw = aidc::test::shipped_profile("a100-sxm4-80gb");
  CollectiveGroup g;
  g.ranks = 8;
  g.ranks_per_domain = 8;
  EXPECT_EQ(predict_collective(CollectiveOp::all_reduce, 1024.0, g, hw.collectives).protocol, Protocol::ll);
  EXPECT_EQ(predict_collective(CollectiveOp::all_reduce, kGiB, g, hw.collectives).protocol, Protocol::simple);
  // Explicit switch sizes override the cost-based choice.
  auto p = hw.collectives;
  p.ll_max_bytes = 4096.0;
  p.ll128_max_bytes = 1e9;
  EXPECT_EQ(predict_collective(CollectiveOp::all_reduce, 1e6, g, p).protocol, Protocol::ll128);
  EXPECT_EQ(predict_collective(CollectiveOp::all_reduce, 2e9, g, p).protocol, Protocol::simple);
}

TEST(Collectives, NvlsWinsLargeAllReduceOnHopper) {
  const auto hw = aidc::test::shipped_profile("h100-sxm5-80gb");
  CollectiveGroup g;
  g.ranks = 8;
  g.ranks_per_domain = 8;
  const auto r = predict_collective(CollectiveOp::all_reduce, 8.0 * kGiB, g, hw.collectives);
  EXPECT_EQ(r.algorithm, CollectiveAlgorithm::nvls);
  // Large messages approach the profile's NVLS bus bandwidth (478.9 GB/s, within latency terms).
  EXPECT_NEAR(r.busbw_gb_per_s, 478.9, 478.9 * 0.01);
}

// NVLS-tree beyond two nodes: the inter-node double binary tree halves the usable NIC bandwidth (NCCL's tuning
// model). With NVLS the only algorithm and the NIC the bottleneck, 4 nodes get half the 2-node busbw (up to the
// 2(n-1)/n factor), and 2 nodes are as before.
TEST(Collectives, NvlsTreeHalvesInterNodeBandwidthBeyondTwoNodes) {
  CollectiveParams p;
  p.intra_bus_gb_per_s = 400.0;
  p.nvls_bus_gb_per_s = 10000.0;  // not the limit here
  p.nic_gb_per_s_per_gpu = 10.0;
  p.net_efficiency = 1.0;
  p.tree_bandwidth_fraction = 0.0;  // no tree; no CollNet (collnet_efficiency 0)
  p.protocol_enabled = {false, false, true};
  p.cost[static_cast<int>(CollectiveAlgorithm::ring)][static_cast<int>(Protocol::simple)] = {1e9, 0.0, 0.0, 1.0};
  p.cost[static_cast<int>(CollectiveAlgorithm::nvls)][static_cast<int>(Protocol::simple)] = {0.0, 0.0, 0.0, 1.0};
  const auto busbw = [&](int nodes) {
    CollectiveGroup g;
    g.ranks = 8 * nodes;
    g.ranks_per_domain = 8;
    const auto r = predict_collective(CollectiveOp::all_reduce, 8.0 * kGiB, g, p);
    EXPECT_EQ(r.algorithm, CollectiveAlgorithm::nvls) << nodes;
    return r.busbw_gb_per_s;
  };
  const double two = busbw(2), four = busbw(4);
  // Inter-node limit: 8 GPUs x 10 GB/s = 80 GB/s per node, x 2(n-1)/n in busbw terms, halved beyond 2 nodes.
  EXPECT_NEAR(two, 80.0 * 2.0 * 15.0 / 16.0, 0.5);
  EXPECT_NEAR(four, 0.5 * 80.0 * 2.0 * 31.0 / 32.0, 0.5);
}

TEST(Collectives, SingleRankCostsNothing) {
  const auto hw = aidc::test::shipped_profile("a100-sxm4-80gb");
  CollectiveGroup g;
  EXPECT_EQ(predict_collective(CollectiveOp::all_reduce, kGiB, g, hw.collectives).time_s, 0.0);
}

}  // namespace
}  // namespace aidc::models
