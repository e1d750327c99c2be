#include "models/perf/cluster_view.hpp"

#include <algorithm>
#include <stdexcept>

namespace aidc::models {

namespace {
constexpr double kBitsPerByte = 8.0;
// DGX SuperPOD reference architecture: a scalable unit (SU) of 32 nodes shares rail-aligned leaf switches.
// Groups beyond 1,024 nodes (an assumed two-tier limit, below the k^2/2 = 2,048 ports per rail plane of
// radix-64 switches) cross a core tier. Used only when a case names no fabric; sites give their own tiers.
constexpr std::int64_t kLeafNodes = 32;
constexpr std::int64_t kSpineNodes = 1024;
constexpr std::int64_t kCoreNodes = 1 << 20;
// About 20 m of fibre per cable at 5 ns/m.
constexpr double kCableLatencyUs = 0.1;
constexpr double kLargeMessageBytes = 1024.0 * 1024.0 * 1024.0;
}  // namespace

double ClusterView::nic_gb_per_s_per_gpu() const {
  return nics_per_node * gbps_per_nic / kBitsPerByte / gpus_per_node;
}

ClusterView make_cluster_view(const HardwareProfile& gpu, std::int64_t gpus, int gpus_per_node, int nics_per_node,
                              double gbps_per_nic) {
  if (gpus < 1) throw std::invalid_argument("cluster: gpus must be >= 1");
  ClusterView c;
  c.gpu = gpu;
  c.gpus = gpus;
  c.gpus_per_node = gpus_per_node > 0 ? gpus_per_node : gpu.gpus_per_node;
  c.scale_up_domain_gpus = std::max(gpu.scale_up_domain_gpus, c.gpus_per_node);
  if (gpu.scale_up_domain_gpus < c.gpus_per_node) c.scale_up_domain_gpus = c.gpus_per_node;
  c.nics_per_node = nics_per_node > 0 ? nics_per_node : gpu.nics_per_node;
  c.gbps_per_nic = gbps_per_nic > 0.0 ? gbps_per_nic : gpu.gbps_per_nic;
  c.cable_latency_us = kCableLatencyUs;
  c.tiers = {{kLeafNodes, 1.0, gpu.switch_latency_us},
             {kSpineNodes, 1.0, gpu.switch_latency_us},
             {kCoreNodes, 1.0, gpu.switch_latency_us}};
  c.collectives = gpu.collectives;
  c.collectives.nic_gb_per_s_per_gpu = c.nic_gb_per_s_per_gpu();
  return c;
}

CollectiveGroup make_group(const ClusterView& c, int ranks, int ranks_per_domain) {
  CollectiveGroup g;
  g.ranks = std::max(1, ranks);
  g.ranks_per_domain = std::clamp(ranks_per_domain, 1, g.ranks);
  const std::int64_t domains = g.domains();
  if (domains <= 1) return g;
  // Nodes spanned: every domain is at least one node; a multi-node NVLink domain spans several.
  const std::int64_t nodes_per_domain = std::max(1, c.scale_up_domain_gpus / c.gpus_per_node);
  const std::int64_t nodes = domains * nodes_per_domain;
  int tier = 1;
  while (tier < static_cast<int>(c.tiers.size()) && nodes > c.tiers[tier - 1].nodes_reachable) ++tier;
  g.fabric_tier = tier;
  double oversub = 1.0;
  double extra_latency = 0.0;
  for (int t = 1; t < tier; ++t) {
    oversub = std::max(oversub, c.tiers[t - 1].oversubscription);
    // Going up one tier and back down adds two switch traversals and two cables.
    extra_latency += 2.0 * (c.tiers[t].switch_latency_us + c.cable_latency_us);
  }
  g.oversubscription = oversub;
  g.tier_latency_us = extra_latency;
  return g;
}

NetworkFigures network_figures(const ClusterView& c) {
  NetworkFigures f;
  const double leaf = c.tiers.empty() ? 0.0 : c.tiers[0].switch_latency_us;
  const double spine = c.tiers.size() > 1 ? c.tiers[1].switch_latency_us : leaf;
  f.latency_same_switch_us = c.gpu.nic_latency_us + leaf + 2.0 * c.cable_latency_us;
  f.latency_three_hops_us = c.gpu.nic_latency_us + 2.0 * leaf + spine + 4.0 * c.cable_latency_us;
  const double line_per_gpu = c.nic_gb_per_s_per_gpu();
  const int per_domain = c.gpus_per_node;
  const CollectiveGroup two_nodes = make_group(c, 2 * per_domain, per_domain);
  CollectiveGroup p2p = make_group(c, 2, 1);
  const double p2p_t = predict_collective(CollectiveOp::send_recv, kLargeMessageBytes, p2p, c.collectives).time_s;
  f.p2p_effective_bandwidth = kLargeMessageBytes / p2p_t / 1e9 / line_per_gpu;
  auto eff = [&](CollectiveOp op) {
    const auto r = predict_collective(op, kLargeMessageBytes, two_nodes, c.collectives);
    // Per-GPU line rate in busbw terms: a node's NICs carry the node's ring traffic, so busbw is compared with
    // the node's line rate shared by its GPUs in the group.
    return r.busbw_gb_per_s / (line_per_gpu * per_domain);
  };
  f.all_reduce_effective_bandwidth = eff(CollectiveOp::all_reduce);
  f.all_gather_effective_bandwidth = eff(CollectiveOp::all_gather);
  f.reduce_scatter_effective_bandwidth = eff(CollectiveOp::reduce_scatter);
  f.broadcast_effective_bandwidth = eff(CollectiveOp::broadcast);
  const auto a2a = predict_collective(CollectiveOp::all_to_all, kLargeMessageBytes, two_nodes, c.collectives);
  // all_to_all: only (n-k)/n of the bytes cross the network; compare that flow with one GPU's rail.
  const double n = two_nodes.ranks;
  const double k = two_nodes.ranks_per_domain;
  f.all_to_all_effective_bandwidth = (n - k) / n * kLargeMessageBytes / a2a.time_s / 1e9 / line_per_gpu;
  return f;
}

}  // namespace aidc::models
