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
// a spine among many); `absorbed` names the layers or tiers whose redundancy absorbed a failure.
//
// GpuSet stores sorted, disjoint, half-open GPU-id ranges [first, last): GPU ids are contiguous per node and
// rack, so a rack or a power group is one range and a rail cut is one range per node.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace aidc::topo {

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
  std::vector<std::string> absorbed;  // e.g. "power.ups group 0 side A" or "network leaf (dual-ToR)"
  bool masked() const { return any.empty(); }
};

}  // namespace aidc::topo
