#pragma once
// FabricPlan: how many leaf, spine and core switches, links and optics a folded-Clos (fat-tree) fabric
// needs for a given number of nodes, and which sizes a switch radix cannot reach. A pure function of
// FabricSpec and the node count; the graph builder (site.hpp) wires switches exactly as planned here.
//
// Rail-optimized, 2 tiers, one plane (NVIDIA DGX SuperPOD style). k = radix, o = leaf oversubscription,
// u = floor(k / (1 + o)) leaf uplinks, d = k - u leaf downlinks, q = NICs per node per plane (rails):
//
//          spine 0   spine 1  ...  spine S-1        S = ceil(L * u / k); every leaf reaches every spine,
//            |  \      / |            |             uplinks spread round-robin, so L <= k is required
//          leaf leaf  ...  leaf  |  leaf ...         leaves per scalable unit (SU) = q (x2 with dual-ToR)
//          r0   r1         rq-1  |  r0  ...         leaf (SU s, rail r) takes NIC r of the SU's d nodes
//          [node 0 .. node d-1]  |  [node d ..]     SU = d nodes (fat_tree: floor(d / q) nodes, one leaf)
//
// Three tiers: leaves are grouped in pods of Lp = floor(d2 / leaves_per_su) * leaves_per_su leaves
// (d2 = spine downlinks, u2 = spine uplinks); a pod has Sp = ceil(Lp * u / d2) spines; spine j of every
// pod connects to core group j, which has ceil(pods * u2 / k) cores; a core must reach every pod, so
// pods <= k. Largest sizes (one plane, 1:1, radix k): 2 tiers k * d endpoint ports (k^2 / 2), 3 tiers
// k * Lp * d (k^3 / 4). Planes replicate the fabric; dual-ToR doubles the NIC ports (two per NIC).
//
// Bisection (per plane, summed over planes) = min(endpoint ports / 2, leaf uplinks / 2, [3 tiers with
// >= 2 pods] spine uplinks / 2) x port_gbps. Complexity: O(1).
// Sources: C. Leiserson, "Fat-trees", IEEE Trans. Computers 1985; M. Al-Fares et al., "A scalable,
// commodity data center network architecture", SIGCOMM 2008 (k^3/4 hosts); NVIDIA DGX SuperPOD H100
// reference architecture (rail-optimized SUs of 32 nodes on 64-port switches).
#include <cstdint>
#include <optional>
#include <string>

#include "topology/site_spec.hpp"

namespace aidc::topo {

struct FabricPlan {
  FabricKind kind = FabricKind::rail_optimized;
  int64_t tiers = 2;
  int64_t radix = 0;
  double port_gbps = 0.0;
  int64_t planes = 1;
  int64_t sides = 1;  // 2 with dual-ToR
  int64_t nodes = 0;
  int64_t nics_per_node = 0;
  int64_t nics_per_node_per_plane = 0;  // q: rails per plane for rail_optimized
  int64_t nics_per_leaf_per_node = 0;   // 1 for rail_optimized, q for fat_tree

  int64_t leaf_down_ports = 0;   // d
  int64_t leaf_up_ports = 0;     // u
  int64_t spine_down_ports = 0;  // d2 (3 tiers; k in 2 tiers)
  int64_t spine_up_ports = 0;    // u2 (3 tiers; 0 in 2 tiers)

  int64_t nodes_per_su = 0;
  int64_t leaves_per_su = 0;
  int64_t sus_per_plane = 0;
  int64_t leaves_per_plane = 0;
  int64_t leaves_per_pod = 0;  // 3 tiers; = leaves_per_plane in 2 tiers
  int64_t sus_per_pod = 0;
  int64_t pods_per_plane = 1;
  int64_t spines_per_pod = 0;  // = spines_per_plane in 2 tiers
  int64_t spines_per_plane = 0;
  int64_t cores_per_group = 0;  // 3 tiers
  int64_t cores_per_plane = 0;

  int64_t endpoint_ports_per_plane = 0;
  int64_t max_nodes = 0;  // largest node count this radix, tier count and oversubscription reach

  int64_t leaves() const { return leaves_per_plane * planes; }
  int64_t spines() const { return spines_per_plane * planes; }
  int64_t cores() const { return cores_per_plane * planes; }
  int64_t switches() const { return leaves() + spines() + cores(); }
  int64_t host_leaf_links() const { return endpoint_ports_per_plane * planes; }
  int64_t leaf_spine_links() const { return leaves_per_plane * leaf_up_ports * planes; }
  int64_t spine_core_links() const { return tiers == 3 ? spines_per_plane * spine_up_ports * planes : 0; }
  int64_t links() const { return host_leaf_links() + leaf_spine_links() + spine_core_links(); }

  // Achieved oversubscription: endpoint ports per leaf uplink; spine downlinks in use per spine uplink.
  double leaf_oversubscription() const;
  double spine_oversubscription() const;  // 3 tiers; 0 otherwise
  double bisection_gbps() const;
};

// Plans `spec` for `nodes` nodes. `path` is the scenario field path used in errors ("network.fabric" or
// "network.storage_network"). Throws TopologyError when the radix cannot reach the size (naming the largest
// reachable size and what to change), or when a parameter is inconsistent.
FabricPlan plan_fabric(const FabricSpec& spec, int64_t nodes, const std::string& path);

}  // namespace aidc::topo
