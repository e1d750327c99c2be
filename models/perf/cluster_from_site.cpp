#include "models/perf/cluster_from_site.hpp"

#include <algorithm>
#include <cstdint>

namespace aidc::models {

namespace {

// Largest GPU count n (a multiple of the node size) whose first n GPUs stay within `tier`.
std::int64_t largest_block_within(const aidc::topo::Site& site, aidc::topo::FabricTier tier) {
  const std::int64_t node = std::max<std::int64_t>(1, site.gpus_per_node());
  std::int64_t lo = node;  // one node never leaves its leaf
  std::int64_t hi = site.gpus();
  if (site.tier_spanned(hi) <= tier) return hi;
  while (hi - lo > node) {
    const std::int64_t mid = (lo + (hi - lo) / 2) / node * node;
    if (mid <= lo) break;
    if (site.tier_spanned(mid) <= tier) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

ClusterView cluster_from_site(const aidc::topo::Site& site, const HardwareProfile& gpu) {
  const int per_node = static_cast<int>(site.gpus_per_node());
  ClusterView c = make_cluster_view(gpu, site.gpus(), per_node, per_node, site.nic_gbps_per_gpu());
  c.scale_up_domain_gpus = std::max<int>(per_node, static_cast<int>(site.nvlink_domain_gpus()));
  const std::int64_t node = std::max(1, per_node);
  const std::int64_t leaf_nodes = largest_block_within(site, aidc::topo::FabricTier::leaf) / node;
  const std::int64_t spine_nodes = largest_block_within(site, aidc::topo::FabricTier::spine) / node;
  const auto lat = site.latency_us();
  // same = nic + L, three hops = nic + 3 L (cables folded into L).
  const double per_switch = std::max(0.0, (lat.cross_spine - lat.same_leaf) / 2.0);
  c.gpu.nic_latency_us = std::max(0.0, lat.same_leaf - per_switch);
  c.cable_latency_us = 0.0;
  c.tiers = {{std::max<std::int64_t>(1, leaf_nodes), std::max(1.0, site.leaf_oversubscription()), per_switch},
             {std::max<std::int64_t>(1, spine_nodes), std::max(1.0, site.spine_oversubscription()), per_switch},
             {std::max<std::int64_t>(1, site.nodes()), 1.0, per_switch}};
  c.collectives = c.gpu.collectives;
  c.collectives.nic_gb_per_s_per_gpu = c.nic_gb_per_s_per_gpu();
  return c;
}

}  // namespace aidc::models
