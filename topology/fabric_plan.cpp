#include "topology/fabric_plan.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "topology/topology_error.hpp"

namespace aidc::topo {
namespace {

int64_t ceil_div(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}

// Uplinks of a switch with `radix` ports at down:up ratio `o`: the largest u with (k - u) / u >= o.
int64_t up_ports(int64_t radix, double o) {
  return static_cast<int64_t>(std::floor(static_cast<double>(radix) / (1.0 + o) + 1e-9));
}

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

double FabricPlan::leaf_oversubscription() const {
  const int64_t up = leaves_per_plane * leaf_up_ports;
  return up > 0 ? static_cast<double>(endpoint_ports_per_plane) / static_cast<double>(up) : 0.0;
}

double FabricPlan::spine_oversubscription() const {
  if (tiers != 3) return 0.0;
  const int64_t up = spines_per_plane * spine_up_ports;
  return up > 0 ? static_cast<double>(leaves_per_plane * leaf_up_ports) / static_cast<double>(up) : 0.0;
}

double FabricPlan::bisection_gbps() const {
  double ports = static_cast<double>(endpoint_ports_per_plane) / 2.0;
  ports = std::min(ports, static_cast<double>(leaves_per_plane * leaf_up_ports) / 2.0);
  if (tiers == 3 && pods_per_plane >= 2) {
    ports = std::min(ports, static_cast<double>(spines_per_plane * spine_up_ports) / 2.0);
  }
  return ports * port_gbps * static_cast<double>(planes);
}

FabricPlan plan_fabric(const FabricSpec& spec, int64_t nodes, const std::string& path) {
  if (nodes < 1) throw TopologyError(path, "the fabric needs at least one node");
  if (spec.tiers != 2 && spec.tiers != 3) {
    throw TopologyError(path + ".tiers", "must be 2 or 3, got " + std::to_string(spec.tiers));
  }
  if (spec.planes < 1) throw TopologyError(path + ".planes", "must be >= 1");
  if (spec.nics_per_node < 1) throw TopologyError(path + ".nics_per_node", "must be >= 1");
  if (spec.nics_per_node % spec.planes != 0) {
    throw TopologyError(path + ".nics_per_node", std::to_string(spec.nics_per_node) +
                                                     " NICs per node cannot be split evenly over " +
                                                     std::to_string(spec.planes) + " planes");
  }
  if (!(spec.port_gbps > 0)) throw TopologyError(path + ".port_gbps", "must be > 0");
  if (!(spec.leaf_oversubscription >= 1.0)) {
    throw TopologyError(path + ".oversubscription.leaf",
                        "must be >= 1 (down:up), got " + num(spec.leaf_oversubscription));
  }
  if (!(spec.spine_oversubscription >= 1.0)) {
    throw TopologyError(path + ".oversubscription.spine",
                        "must be >= 1 (down:up), got " + num(spec.spine_oversubscription));
  }

  FabricPlan p;
  p.kind = spec.kind;
  p.tiers = spec.tiers;
  p.radix = spec.switch_radix;
  p.port_gbps = spec.port_gbps;
  p.planes = spec.planes;
  p.sides = spec.dual_tor ? 2 : 1;
  p.nodes = nodes;
  p.nics_per_node = spec.nics_per_node;
  p.nics_per_node_per_plane = spec.nics_per_node / spec.planes;
  const int64_t k = spec.switch_radix;
  const int64_t q = p.nics_per_node_per_plane;

  p.leaf_up_ports = up_ports(k, spec.leaf_oversubscription);
  p.leaf_down_ports = k - p.leaf_up_ports;
  if (k < 2 || p.leaf_up_ports < 1 || p.leaf_down_ports < 1) {
    throw TopologyError(path + ".switch_radix", "radix " + std::to_string(k) + " at leaf oversubscription " +
                                                    num(spec.leaf_oversubscription) +
                                                    ":1 leaves no uplink or no downlink port");
  }
  p.nics_per_leaf_per_node = spec.kind == FabricKind::rail_optimized ? 1 : q;
  p.nodes_per_su = p.leaf_down_ports / p.nics_per_leaf_per_node;
  if (p.nodes_per_su < 1) {
    throw TopologyError(path + ".switch_radix", "a leaf has " + std::to_string(p.leaf_down_ports) +
                                                    " down ports, fewer than the " + std::to_string(q) +
                                                    " NICs per node and plane a fat_tree leaf must take");
  }
  p.leaves_per_su = (spec.kind == FabricKind::rail_optimized ? q : 1) * p.sides;
  p.sus_per_plane = ceil_div(nodes, p.nodes_per_su);
  p.leaves_per_plane = p.sus_per_plane * p.leaves_per_su;
  p.endpoint_ports_per_plane = nodes * q * p.sides;

  const std::string what = spec.kind == FabricKind::rail_optimized ? "rail-optimized" : "fat-tree";
  if (spec.tiers == 2) {
    p.spine_down_ports = k;
    // Every leaf must reach every spine (one hop up, one down), so at most k leaves.
    const int64_t max_sus = k / p.leaves_per_su;
    p.max_nodes = max_sus * p.nodes_per_su;
    if (p.leaves_per_plane > k || max_sus < 1) {
      throw TopologyError(path, "a 2-tier " + what + " fabric of radix " + std::to_string(k) + " at " +
                                    num(spec.leaf_oversubscription) + ":1 reaches at most " +
                                    std::to_string(p.max_nodes) + " nodes per plane (" +
                                    std::to_string(p.max_nodes * q) + " NICs); " + std::to_string(nodes) +
                                    " nodes need " + std::to_string(p.leaves_per_plane) +
                                    " leaves: use tiers: 3, more planes, a larger radix or more oversubscription");
    }
    p.leaves_per_pod = p.leaves_per_plane;
    p.sus_per_pod = p.sus_per_plane;
    p.pods_per_plane = 1;
    p.spines_per_plane = ceil_div(p.leaves_per_plane * p.leaf_up_ports, k);
    p.spines_per_pod = p.spines_per_plane;
    return p;
  }

  p.spine_up_ports = up_ports(k, spec.spine_oversubscription);
  p.spine_down_ports = k - p.spine_up_ports;
  if (p.spine_up_ports < 1 || p.spine_down_ports < 1) {
    throw TopologyError(path + ".switch_radix", "radix " + std::to_string(k) + " at spine oversubscription " +
                                                    num(spec.spine_oversubscription) +
                                                    ":1 leaves no uplink or no downlink port on a spine");
  }
  p.sus_per_pod = p.spine_down_ports / p.leaves_per_su;
  if (p.sus_per_pod < 1) {
    throw TopologyError(path + ".switch_radix", "a spine has " + std::to_string(p.spine_down_ports) +
                                                    " down ports, fewer than the " + std::to_string(p.leaves_per_su) +
                                                    " leaves of one scalable unit");
  }
  p.leaves_per_pod = p.sus_per_pod * p.leaves_per_su;
  p.max_nodes = k * p.sus_per_pod * p.nodes_per_su;
  p.pods_per_plane = ceil_div(p.sus_per_plane, p.sus_per_pod);
  if (p.pods_per_plane > k) {
    throw TopologyError(path, "a 3-tier " + what + " fabric of radix " + std::to_string(k) + " reaches at most " +
                                  std::to_string(p.max_nodes) + " nodes per plane (" + std::to_string(k) + " pods of " +
                                  std::to_string(p.sus_per_pod * p.nodes_per_su) + " nodes); " + std::to_string(nodes) +
                                  " nodes need " + std::to_string(p.pods_per_plane) +
                                  " pods: use more planes or a larger radix");
  }
  // Spines per pod sized for a full pod; every leaf has one or more links to every spine of its pod.
  p.spines_per_pod = ceil_div(p.leaves_per_pod * p.leaf_up_ports, p.spine_down_ports);
  p.spines_per_plane = p.spines_per_pod * p.pods_per_plane;
  p.cores_per_group = ceil_div(p.pods_per_plane * p.spine_up_ports, k);
  p.cores_per_plane = p.spines_per_pod * p.cores_per_group;
  return p;
}

}  // namespace aidc::topo
