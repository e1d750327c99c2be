#pragma once
// ClusterView: the plain description of a cluster the performance models need, built either from a
// validation case's few cluster fields (make_cluster_view) or from a full Site (cluster_from_site, when the
// topology module provides one).
//
// Contents: the GPU's HardwareProfile, the GPU count, node and scale-up domain sizes, the NICs per node and
// their line rate, and the scale-out fabric as tiers: tier i (1 = leaf) connects up to nodes_reachable nodes
// with the given oversubscription (downlink : uplink bandwidth, >= 1) and adds its switch latency per hop.
// A group of GPUs that spans more nodes than tier i reaches crosses tier i+1.
//
// Network figures (INDICATORS.md §3, the report's thresholds):
//   one-way latency, same leaf switch:  nic_latency + 1 switch traversal + 2 cable delays
//   one-way latency, three hops:        nic_latency + 3 switch traversals (leaf-spine-leaf) + 4 cable delays
//   effective bandwidth: for point-to-point RDMA and each collective at a large size (1 GiB), the achieved
//   per-GPU bandwidth (busbw for collectives) over the line rate the GPU's rail provides.
// Units: _us microseconds, _gbps gigabits/s, _gb_per_s gigabytes/s.
#include <cstdint>
#include <vector>

#include "models/perf/collectives.hpp"
#include "models/perf/hardware_profile.hpp"

namespace aidc::models {

struct FabricTier {
  std::int64_t nodes_reachable = 1;  // nodes connected within this tier
  double oversubscription = 1.0;     // >= 1
  double switch_latency_us = 0.0;    // per traversal of a switch at this tier
};

struct ClusterView {
  HardwareProfile gpu;
  std::int64_t gpus = 1;
  int gpus_per_node = 1;
  int scale_up_domain_gpus = 1;
  int nics_per_node = 1;
  double gbps_per_nic = 0.0;
  double cable_latency_us = 0.0;  // propagation per cable (about 5 ns per metre of fibre)
  std::vector<FabricTier> tiers;  // at least one
  CollectiveParams collectives;   // profile's NCCL parameters with this cluster's NIC share filled in

  std::int64_t nodes() const { return (gpus + gpus_per_node - 1) / gpus_per_node; }
  double nic_gb_per_s_per_gpu() const;
};

// Builds a view from the few facts a validation case gives. nics_per_node / gbps_per_nic <= 0 take the profile's
// defaults. The fabric is a non-blocking rail-optimised fat tree (the DGX SuperPOD reference design) whose
// leaf reaches kLeafNodes nodes and whose spine reaches kSpineNodes; larger clusters get a third tier.
ClusterView make_cluster_view(const HardwareProfile& gpu, std::int64_t gpus, int gpus_per_node, int nics_per_node,
                              double gbps_per_nic);

// The CollectiveGroup of `ranks` GPUs that sit `ranks_per_domain` to a scale-up domain, with the fabric tier,
// oversubscription and per-hop latency for the nodes they span.
CollectiveGroup make_group(const ClusterView& c, int ranks, int ranks_per_domain);

struct NetworkFigures {
  double latency_same_switch_us = 0.0;
  double latency_three_hops_us = 0.0;
  double p2p_effective_bandwidth = 0.0;         // achieved / line rate, one GPU's rail, 1 GiB message
  double all_reduce_effective_bandwidth = 0.0;  // busbw / line rate per GPU across nodes
  double all_gather_effective_bandwidth = 0.0;
  double reduce_scatter_effective_bandwidth = 0.0;
  double all_to_all_effective_bandwidth = 0.0;
  double broadcast_effective_bandwidth = 0.0;
};

// Figures for a collective over two full nodes (the smallest group that exercises the network), 1 GiB.
NetworkFigures network_figures(const ClusterView& c);

}  // namespace aidc::models
