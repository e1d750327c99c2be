#pragma once
// Impact: what a failure of a set of components does to the site (Site::impact).
//
// For each cause, the set of GPUs that lose it:
//   compute - the GPU, its node or its rack itself failed;
//   network - every NIC serving the GPU is cut from the fabric (NIC failed, or every leaf its ports reach is
//             failed or has lost all its spines; in 3 tiers a spine whose whole core group failed counts
//             as cut, as does a switch whose network rack lost power or cooling);
//   power   - its rack has no complete power path on either side (A/B), given unit capacities;
//   cooling - its rack's liquid or air heat path lost capacity (CDUs, CRAHs, chillers, towers/dry coolers).
// A failure is *masked* when some component failed but no GPU lost anything (2N power, N+1 CDUs, dual-ToR,
// a spine among many, one link of a multi-link cable bundle); `absorbed` names the layers or tiers whose
// redundancy absorbed a failure.
//
// Cables: a failed cable vertex takes all links of its bundle down; a LinkLoss takes down some of them (one
// failed transceiver, or one cut cable, is one link). A bundle with links left only loses capacity
// (`cables`: links_lost / links of it); a bundle with none left cuts its endpoints apart like a failed
// switch port, so a NIC whose only host cable is lost cuts its GPUs' rail. Storage-network cables are
// counted but, like storage switches, cut no GPU.
//
// GpuSet stores sorted, disjoint, half-open GPU-id ranges [first, last): GPU ids are contiguous per node and
// rack, so a rack or a power group is one range and a rail cut is one range per node.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "topology/graph.hpp"

namespace aidc::topo {

// Part of a cable bundle out of service: `links` of its parallel links. links >= the bundle's links is the
// whole bundle, the same as failing the cable vertex itself.
struct LinkLoss {
  VertexId cable = 0;
  int64_t links = 1;
};

// A cable bundle hit by a failure; capacity left = 1 - links_lost / links.
struct CableLoss {
  VertexId cable = 0;
  int64_t links = 0;       // links in the bundle
  int64_t links_lost = 0;  // links out of service (= links when the whole bundle is down)
  double gbps_lost = 0.0;  // line rate of the lost links
};

class GpuSet {
 public:
  using Range = std::pair<int64_t, int64_t>;  // [first, last)
  // Adds a range; call normalize() once after the last add.
  void add(int64_t first, int64_t last) {
    if (last > first) ranges_.emplace_back(first, last);
  }
  void add(const GpuSet& other) { ranges_.insert(ranges_.end(), other.ranges_.begin(), other.ranges_.end()); }
  // Sorts and merges overlapping or adjacent ranges.
  void normalize();
  bool empty() const { return ranges_.empty(); }
  int64_t count() const;
  bool contains(int64_t gpu) const;  // requires normalize(); O(log ranges)
  const std::vector<Range>& ranges() const { return ranges_; }

 private:
  std::vector<Range> ranges_;
};

struct Impact {
  GpuSet compute;
  GpuSet network;
  GpuSet power;
  GpuSet cooling;
  GpuSet any;                                // union of the four
  std::vector<int64_t> racks_without_power;  // all racks (compute, storage, network)
  std::vector<int64_t> racks_without_cooling;
  int64_t storage_nodes_lost = 0;     // failed directly or in a rack that lost power/cooling
  int64_t switches_lost = 0;          // failed directly or in a network rack that lost power/cooling
  std::vector<CableLoss> cables;      // cable bundles hit by the failure, by vertex; links of failed or
                                      // unpowered switches are not listed here (switches_lost says it)
  int64_t cables_lost = 0;            // bundles with every link out
  int64_t links_lost = 0;             // links out in those bundles, whole or partial
  std::vector<std::string> absorbed;  // e.g. "power.ups group 0 side A" or "network leaf (dual-ToR)"
  bool masked() const { return any.empty(); }
};

}  // namespace aidc::topo
