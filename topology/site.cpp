#include "topology/site.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "topology/topology_error.hpp"

namespace aidc::topo {
namespace {

int64_t ceil_div(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}
size_t sz(int64_t v) {
  return static_cast<size_t>(v);
}
uint32_t u32(int64_t v) {
  return static_cast<uint32_t>(v);
}

VertexKind unit_kind(LayerId id) {
  return static_cast<VertexKind>(static_cast<int>(VertexKind::utility_feed) + static_cast<int>(id));
}

// The storage network as a fat-tree whose "nodes" are single endpoint ports.
FabricSpec storage_fabric_spec(const StorageNetworkSpec& s) {
  FabricSpec f;
  f.kind = FabricKind::fat_tree;
  f.tiers = s.tiers;
  f.switch_radix = s.switch_radix;
  f.port_gbps = s.port_gbps;
  f.leaf_oversubscription = s.oversubscription;
  f.spine_oversubscription = s.oversubscription;
  f.planes = 1;
  f.nics_per_node = 1;
  f.dual_tor = false;
  return f;
}

// Spreads `up` uplinks of switch `local` (within its block) round-robin over `targets` switches; calls
// f(target, links) for every target that gets at least one link.
template <class F>
void round_robin(int64_t local, int64_t up, int64_t targets, F&& f) {
  const int64_t base = up / targets;
  const int64_t extra = up % targets;
  const int64_t start = (local * up) % targets;
  for (int64_t j = 0; j < targets; ++j) {
    const int64_t offset = (j - start + targets) % targets;
    const int64_t links = base + (offset < extra ? 1 : 0);
    if (links > 0) f(j, links);
  }
}

bool contains_sorted(const std::vector<VertexId>& v, VertexId x) {
  return std::binary_search(v.begin(), v.end(), x);
}

void sort_unique(std::vector<VertexId>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

// ------------------------------------------------------------------------------------------------------
const char* to_string(VertexKind k) {
  static constexpr const char* names[kVertexKindCount] = {
      "gpu",          "node",         "nic",          "rack",          "leaf",         "spine",
      "core",         "storage_node", "storage_leaf", "storage_spine", "storage_core", "cable",
      "utility_feed", "transformer",  "generator",    "ups",           "pdu",          "cooling_tower",
      "dry_cooler",   "chiller",      "cdu",          "crah",          "bus"};
  return names[static_cast<size_t>(k)];
}

const char* to_string(CableTier t) {
  static constexpr const char* names[kCableTierCount] = {
      "host_leaf", "leaf_spine", "spine_core", "storage_host_leaf", "storage_leaf_spine", "storage_spine_core"};
  return names[static_cast<size_t>(t)];
}

const char* to_string(FabricTier t) {
  switch (t) {
    case FabricTier::nvlink:
      return "nvlink";
    case FabricTier::leaf:
      return "leaf";
    case FabricTier::spine:
      return "spine";
    case FabricTier::core:
      return "core";
  }
  return "?";
}

void GpuSet::normalize() {
  std::sort(ranges_.begin(), ranges_.end());
  std::vector<Range> out;
  out.reserve(ranges_.size());
  for (const auto& r : ranges_) {
    if (!out.empty() && r.first <= out.back().second) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  ranges_ = std::move(out);
}

int64_t GpuSet::count() const {
  int64_t n = 0;
  for (const auto& r : ranges_) n += r.second - r.first;
  return n;
}

bool GpuSet::contains(int64_t gpu) const {
  auto it =
      std::upper_bound(ranges_.begin(), ranges_.end(), gpu, [](int64_t x, const Range& r) { return x < r.first; });
  if (it == ranges_.begin()) return false;
  --it;
  return gpu < it->second;
}

// ------------------------------------------------------------------------------------------------------
void validate_site(const SiteSpec& spec) {
  const ComputeSpec& c = spec.compute;
  if (c.gpus < 1) throw TopologyError("compute.gpus", "must be >= 1");
  if (c.gpus_per_node < 1) throw TopologyError("compute.gpus_per_node", "must be >= 1");
  if (c.gpus % c.gpus_per_node != 0) {
    throw TopologyError("compute.gpus", std::to_string(c.gpus) + " GPUs is not a whole number of " +
                                            std::to_string(c.gpus_per_node) + "-GPU nodes");
  }
  if (c.nvlink_domain_gpus < c.gpus_per_node || c.nvlink_domain_gpus % c.gpus_per_node != 0) {
    throw TopologyError("compute.nvlink_domain_gpus", "must be a multiple of gpus_per_node (" +
                                                          std::to_string(c.gpus_per_node) + "), got " +
                                                          std::to_string(c.nvlink_domain_gpus));
  }
  if (c.gpus % c.nvlink_domain_gpus != 0) {
    throw TopologyError("compute.gpus", std::to_string(c.gpus) + " GPUs is not a whole number of " +
                                            std::to_string(c.nvlink_domain_gpus) + "-GPU NVLink domains");
  }
  if (c.nodes_per_rack < 1) throw TopologyError("compute.nodes_per_rack", "must be >= 1");
  if (c.racks_per_row < 1) throw TopologyError("compute.racks_per_row", "must be >= 1");
  const int64_t domain_nodes = c.nvlink_domain_gpus / c.gpus_per_node;
  if (domain_nodes > 1 && c.nodes_per_rack % domain_nodes != 0) {
    throw TopologyError("compute.nodes_per_rack", "an NVLink domain of " + std::to_string(domain_nodes) +
                                                      " nodes must not straddle racks; nodes_per_rack " +
                                                      std::to_string(c.nodes_per_rack) + " is not a multiple");
  }
  const FabricSpec& f = spec.network.fabric;
  if (f.nics_per_node % c.gpus_per_node != 0 && c.gpus_per_node % f.nics_per_node != 0) {
    throw TopologyError("network.fabric.nics_per_node", "NICs per node (" + std::to_string(f.nics_per_node) +
                                                            ") and GPUs per node (" + std::to_string(c.gpus_per_node) +
                                                            ") must divide one another");
  }
  if (f.switches_per_rack < 1) throw TopologyError("network.fabric.switches_per_rack", "must be >= 1");
  const int64_t nodes = c.gpus / c.gpus_per_node;
  (void)plan_fabric(f, nodes, "network.fabric");
  if (spec.storage && spec.storage->nodes > 0) {
    const StorageSpec& s = *spec.storage;
    const StorageNetworkSpec sn = spec.network.storage_network.value_or(StorageNetworkSpec{});
    const int64_t endpoints = nodes * sn.nics_per_node + s.nodes * s.ports_per_node;
    (void)plan_fabric(storage_fabric_spec(sn), endpoints, "network.storage_network");
  }
  const CoolingSpec& cool = spec.cooling;
  if (cool.liquid_fraction < 0.0 || cool.liquid_fraction > 1.0) {
    throw TopologyError("cooling.liquid_fraction", "must be in [0, 1]");
  }
  if (cool.liquid_fraction > 0.0 && !cool.cdus) {
    throw TopologyError("cooling.cdus", "required: liquid_fraction > 0 sends heat to a liquid loop");
  }
  if (!cool.cooling_towers && !cool.dry_coolers) {
    throw TopologyError("cooling", "needs cooling_towers or dry_coolers to reject the heat");
  }
}

// ------------------------------------------------------------------------------------------------------
Site Site::build(const SiteSpec& spec, const BuildOptions& options) {
  validate_site(spec);
  Site s;
  s.spec_ = spec;
  s.options_ = options;
  const ComputeSpec& c = spec.compute;
  s.nodes_ = c.gpus / c.gpus_per_node;
  s.compute_racks_ = ceil_div(s.nodes_, c.nodes_per_rack);
  s.fabric_ = plan_fabric(spec.network.fabric, s.nodes_, "network.fabric");
  if (spec.storage && spec.storage->nodes > 0) {
    const StorageSpec& st = *spec.storage;
    s.storage_nodes_ = st.nodes;
    s.storage_racks_ = ceil_div(st.nodes, st.nodes_per_rack);
    const StorageNetworkSpec sn = spec.network.storage_network.value_or(StorageNetworkSpec{});
    s.spec_.network.storage_network = sn;
    s.storage_fabric_ = plan_fabric(storage_fabric_spec(sn), s.nodes_ * sn.nics_per_node + st.nodes * st.ports_per_node,
                                    "network.storage_network");
  }
  const int64_t storage_switches = s.storage_fabric_ ? s.storage_fabric_->switches() : 0;
  s.network_racks_ = ceil_div(s.fabric_.switches() + storage_switches, spec.network.fabric.switches_per_rack);

  s.node_power_w_ = c.node_power_w
                        ? *c.node_power_w
                        : options.gpu_power_w * static_cast<double>(c.gpus_per_node) + options.node_overhead_w;
  const int64_t racks = s.racks();
  s.rack_it_kw_.assign(sz(racks), 0.0);
  s.rack_liquid_kw_.assign(sz(racks), 0.0);
  for (int64_t r = 0; r < s.compute_racks_; ++r) {
    const int64_t n = std::min(c.nodes_per_rack, s.nodes_ - r * c.nodes_per_rack);
    const double kw = (static_cast<double>(n) * s.node_power_w_ + c.rack_overhead_w) / 1000.0;
    s.rack_it_kw_[sz(r)] = kw;
    s.rack_liquid_kw_[sz(r)] = kw * spec.cooling.liquid_fraction;
  }
  for (int64_t r = 0; r < s.storage_racks_; ++r) {
    const StorageSpec& st = *spec.storage;
    const int64_t n = std::min(st.nodes_per_rack, st.nodes - r * st.nodes_per_rack);
    s.rack_it_kw_[sz(s.compute_racks_ + r)] = static_cast<double>(n) * st.node_power_w / 1000.0;
  }
  const int64_t fabric_switches = s.fabric_.switches();
  const int64_t per_rack = spec.network.fabric.switches_per_rack;
  for (int64_t r = 0; r < s.network_racks_; ++r) {
    double w = 0.0;
    for (int64_t sw = r * per_rack; sw < std::min((r + 1) * per_rack, fabric_switches + storage_switches); ++sw) {
      w += sw < fabric_switches ? spec.network.fabric.switch_power_w : s.spec_.network.storage_network->switch_power_w;
    }
    s.rack_it_kw_[sz(s.compute_racks_ + s.storage_racks_ + r)] = w / 1000.0;
  }
  s.build_equipment();
  s.build_fabric_vertices();
  return s;
}

void Site::build_equipment() {
  const int64_t racks = this->racks();
  const double facility = 1.0 + spec_.power.facility_load_fraction;
  std::vector<double> upstream(sz(racks)), it(rack_it_kw_), liquid(sz(compute_racks_)), air(sz(racks)),
      chiller(sz(racks));
  for (int64_t r = 0; r < racks; ++r) {
    upstream[sz(r)] = rack_it_kw_[sz(r)] * facility;
    air[sz(r)] = rack_air_kw(r);
    chiller[sz(r)] = air[sz(r)] + (spec_.cooling.liquid_through_chillers ? rack_liquid_kw_[sz(r)] : 0.0);
  }
  for (int64_t r = 0; r < compute_racks_; ++r) liquid[sz(r)] = rack_liquid_kw_[sz(r)];
  const int64_t rpr = spec_.compute.racks_per_row;
  auto plan = [&](LayerId id, const UnitLayer& u, const std::vector<double>& load) {
    layers_[static_cast<size_t>(id)] = plan_layer(id, u, load, rpr, warnings_);
  };
  const PowerSpec& pw = spec_.power;
  plan(LayerId::utility_feeds, pw.utility_feeds, upstream);
  plan(LayerId::transformers, pw.transformers, upstream);
  if (pw.generators) plan(LayerId::generators, *pw.generators, upstream);
  plan(LayerId::ups, pw.ups, it);
  plan(LayerId::pdus, pw.pdus, it);
  const CoolingSpec& cl = spec_.cooling;
  if (cl.cooling_towers) plan(LayerId::cooling_towers, *cl.cooling_towers, it);
  if (cl.dry_coolers) plan(LayerId::dry_coolers, *cl.dry_coolers, it);
  if (cl.chillers) plan(LayerId::chillers, *cl.chillers, chiller);
  if (cl.liquid_fraction > 0.0) plan(LayerId::cdus, *cl.cdus, liquid);
  const bool any_air = std::any_of(air.begin(), air.end(), [](double v) { return v > 0.0; });
  if (any_air) {
    if (!cl.crahs) {
      throw TopologyError("cooling.crahs", "required: racks reject heat to air (storage and network racks, and " +
                                               std::string("compute racks unless liquid_fraction is 1)"));
    }
    plan(LayerId::crahs, *cl.crahs, air);
  }
}

// One end of a cable bundle as (kind, index): bundles are enumerated before vertex ids exist.
struct Site::End {
  VertexKind kind;
  int64_t index;
};

// Calls f(tier, plane, from, to, links) for every cable bundle in cable-vertex order (tier by tier, numbering
// in site.hpp). The build runs it twice, once to count the bundles (the graph needs every kind's count before
// the first vertex) and once to wire them, so that counts and wiring cannot disagree.
template <class F>
void Site::for_each_cable(F&& f) const {
  const FabricSpec& fs = spec_.network.fabric;
  const FabricPlan& p = fabric_;
  const int64_t nics = fs.nics_per_node;
  const int64_t q = p.nics_per_node_per_plane;
  for (int64_t node = 0; node < nodes_; ++node) {
    const int64_t su = node / p.nodes_per_su;
    for (int64_t i = 0; i < nics; ++i) {
      const int64_t plane = i / q;
      const int64_t rail = i % q;
      for (int64_t side = 0; side < p.sides; ++side) {
        const int64_t in_su = fs.kind == FabricKind::rail_optimized ? rail * p.sides + side : side;
        const int64_t leaf = plane * p.leaves_per_plane + su * p.leaves_per_su + in_su;
        f(CableTier::host_leaf, plane, End{VertexKind::nic, node * nics + i}, End{VertexKind::leaf, leaf}, 1);
      }
    }
  }
  // Leaf -> spine -> core of one fabric plan; switches are numbered plane-major.
  auto upper_tiers = [&](const FabricPlan& fp, CableTier leaf_spine, CableTier spine_core, VertexKind leaf_k,
                         VertexKind spine_k, VertexKind core_k) {
    for (int64_t plane = 0; plane < fp.planes; ++plane) {
      for (int64_t l = 0; l < fp.leaves_per_plane; ++l) {
        const int64_t pod = l / fp.leaves_per_pod;
        const End leaf{leaf_k, plane * fp.leaves_per_plane + l};
        round_robin(l % fp.leaves_per_pod, fp.leaf_up_ports, fp.spines_per_pod, [&](int64_t j, int64_t links) {
          f(leaf_spine, plane, leaf, End{spine_k, plane * fp.spines_per_plane + pod * fp.spines_per_pod + j}, links);
        });
      }
    }
    if (fp.tiers != 3) return;
    for (int64_t plane = 0; plane < fp.planes; ++plane) {
      for (int64_t sp = 0; sp < fp.spines_per_plane; ++sp) {
        const int64_t j = sp % fp.spines_per_pod;
        const End spine{spine_k, plane * fp.spines_per_plane + sp};
        round_robin(sp / fp.spines_per_pod, fp.spine_up_ports, fp.cores_per_group, [&](int64_t cc, int64_t links) {
          f(spine_core, plane, spine, End{core_k, plane * fp.cores_per_plane + j * fp.cores_per_group + cc}, links);
        });
      }
    }
  };
  upper_tiers(p, CableTier::leaf_spine, CableTier::spine_core, VertexKind::leaf, VertexKind::spine, VertexKind::core);
  if (!storage_fabric_) return;
  // Storage network: compute nodes' front-end ports, then storage nodes' ports, packed onto leaves; the ports
  // of one node on one leaf are one bundle.
  const FabricPlan& sp = *storage_fabric_;
  const int64_t node_ports = spec_.network.storage_network->nics_per_node;
  const int64_t storage_ports = spec_.storage->ports_per_node;
  auto attach = [&](End from, int64_t first_port, int64_t ports) {
    int64_t port = first_port;
    while (port < first_port + ports) {
      const int64_t leaf = port / sp.nodes_per_su;
      const int64_t end = std::min(first_port + ports, (leaf + 1) * sp.nodes_per_su);
      f(CableTier::storage_host_leaf, 0, from, End{VertexKind::storage_leaf, leaf}, end - port);
      port = end;
    }
  };
  for (int64_t node = 0; node < nodes_; ++node) attach(End{VertexKind::node, node}, node * node_ports, node_ports);
  for (int64_t st = 0; st < storage_nodes_; ++st) {
    attach(End{VertexKind::storage_node, st}, nodes_ * node_ports + st * storage_ports, storage_ports);
  }
  upper_tiers(sp, CableTier::storage_leaf_spine, CableTier::storage_spine_core, VertexKind::storage_leaf,
              VertexKind::storage_spine, VertexKind::storage_core);
}

void Site::build_fabric_vertices() {
  const ComputeSpec& c = spec_.compute;
  const FabricSpec& f = spec_.network.fabric;
  // Line rate, propagation latency and transceivers per link of a cable tier. The storage network uses the
  // compute fabric's cable lengths and optics per link (the scenario gives them once, for the site).
  const double storage_gbps = storage_fabric_ ? storage_fabric_->port_gbps : 0.0;
  struct TierWire {
    double gbps_per_link;
    double latency_us;
    int64_t optics_per_link;
  };
  auto cable_us = [&](double m) { return m * f.cable_ns_per_m / 1000.0; };
  const std::array<TierWire, kCableTierCount> wire = {{
      {f.port_gbps, cable_us(f.host_leaf_cable_m), f.host_leaf_optics_per_link},
      {f.port_gbps, cable_us(f.leaf_spine_cable_m), f.leaf_spine_optics_per_link},
      {f.port_gbps, cable_us(f.spine_core_cable_m), f.spine_core_optics_per_link},
      {storage_gbps, cable_us(f.host_leaf_cable_m), f.host_leaf_optics_per_link},
      {storage_gbps, cable_us(f.leaf_spine_cable_m), f.leaf_spine_optics_per_link},
      {storage_gbps, cable_us(f.spine_core_cable_m), f.spine_core_optics_per_link},
  }};
  cables_ = {};
  for_each_cable([&](CableTier t, int64_t, End, End, int64_t links) {
    CableCounts& cc = cables_[static_cast<size_t>(t)];
    ++cc.bundles;
    cc.links += links;
    cc.optics += links * wire[static_cast<size_t>(t)].optics_per_link;
  });
  cable_first_[0] = 0;
  for (size_t t = 0; t < cables_.size(); ++t) cable_first_[t + 1] = cable_first_[t] + cables_[t].bundles;

  std::array<int64_t, kVertexKindCount> n{};
  auto at = [&](VertexKind k) -> int64_t& { return n[static_cast<size_t>(k)]; };
  at(VertexKind::gpu) = c.gpus;
  at(VertexKind::node) = nodes_;
  at(VertexKind::nic) = nodes_ * f.nics_per_node;
  at(VertexKind::rack) = racks();
  at(VertexKind::leaf) = fabric_.leaves();
  at(VertexKind::spine) = fabric_.spines();
  at(VertexKind::core) = fabric_.cores();
  at(VertexKind::storage_node) = storage_nodes_;
  if (storage_fabric_) {
    at(VertexKind::storage_leaf) = storage_fabric_->leaves();
    at(VertexKind::storage_spine) = storage_fabric_->spines();
    at(VertexKind::storage_core) = storage_fabric_->cores();
  }
  at(VertexKind::cable) = cable_first_[kCableTierCount];
  int64_t buses = 0;
  for (int l = 0; l < kLayerCount; ++l) {
    const LayerPlan& p = layers_[static_cast<size_t>(l)];
    bus_first_[static_cast<size_t>(l)] = buses;
    if (!p.present) continue;
    at(unit_kind(p.id)) = p.units();
    buses += p.buses();
  }
  at(VertexKind::bus) = buses;
  first_[0] = 0;
  for (size_t k = 0; k < n.size(); ++k) first_[k + 1] = first_[k] + n[k];

  graph_ = std::make_shared<SiteGraph>(sz(first_[kVertexKindCount]));
  SiteGraph& sg = *graph_;  // filled here; const after build
  for (int k = 0; k < kVertexKindCount; ++k) {
    for (int64_t i = 0; i < n[static_cast<size_t>(k)]; ++i) {
      VertexProps& vp = sg[sz(first_[static_cast<size_t>(k)] + i)];
      vp.kind = static_cast<VertexKind>(k);
      vp.index = u32(i);
    }
  }
  // Containment and PCIe.
  const int64_t gpn = c.gpus_per_node;
  const int64_t nics = f.nics_per_node;
  for (int64_t node = 0; node < nodes_; ++node) {
    boost::add_edge(vertex(VertexKind::rack, node / c.nodes_per_rack), vertex(VertexKind::node, node),
                    EdgeProps{EdgeKind::contains, 1, 0, 0.0f, 0.0f}, sg);
    for (int64_t g = 0; g < gpn; ++g) {
      boost::add_edge(vertex(VertexKind::node, node), vertex(VertexKind::gpu, node * gpn + g),
                      EdgeProps{EdgeKind::contains, 1, 0, 0.0f, 0.0f}, sg);
    }
    for (int64_t i = 0; i < nics; ++i) {
      const VertexId nic = vertex(VertexKind::nic, node * nics + i);
      // NIC i serves GPUs [i * gpn / nics, (i + 1) * gpn / nics), or GPU i * gpn / nics when NICs outnumber GPUs.
      const int64_t g0 = i * gpn / nics;
      const int64_t g1 = std::max(g0 + 1, (i + 1) * gpn / nics);
      for (int64_t g = g0; g < g1; ++g) {
        boost::add_edge(vertex(VertexKind::gpu, node * gpn + g), nic, EdgeProps{EdgeKind::pcie, 1, 0, 0.0f, 0.0f}, sg);
      }
    }
  }
  // Planes and core groups of the compute fabric's switches and NICs.
  const FabricPlan& p = fabric_;
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const VertexId leaf0 = vertex(VertexKind::leaf, 0);
    for (int64_t leaf = 0; leaf < p.leaves_per_plane; ++leaf) {
      sg[leaf0 + sz(plane * p.leaves_per_plane + leaf)].plane = static_cast<uint8_t>(plane);
    }
    for (int64_t s = 0; s < p.spines_per_plane; ++s) {
      VertexProps& vp = sg[vertex(VertexKind::spine, plane * p.spines_per_plane + s)];
      vp.plane = static_cast<uint8_t>(plane);
      vp.group = u32(s / p.spines_per_pod);
    }
    for (int64_t cidx = 0; cidx < p.cores_per_plane; ++cidx) {
      VertexProps& vp = sg[vertex(VertexKind::core, plane * p.cores_per_plane + cidx)];
      vp.plane = static_cast<uint8_t>(plane);
      vp.group = u32(cidx / std::max<int64_t>(1, p.cores_per_group));
    }
  }
  for (int64_t i = 0; i < count(VertexKind::nic); ++i) {
    sg[vertex(VertexKind::nic, i)].plane = static_cast<uint8_t>(i % nics / p.nics_per_node_per_plane);
  }
  // Cables: lower end -> cable -> upper end. Both edges carry the bundle's links and line rate; only the lower
  // one its optics and latency (graph.hpp says why).
  VertexId next = vertex(VertexKind::cable, 0);
  for_each_cable([&](CableTier t, int64_t plane, End from, End to, int64_t links) {
    const TierWire& w = wire[static_cast<size_t>(t)];
    const VertexId cv = next++;
    VertexProps& vp = sg[cv];
    vp.layer = static_cast<uint8_t>(t);
    vp.plane = static_cast<uint8_t>(plane);
    const auto l16 = static_cast<uint16_t>(links);
    const auto gbps = static_cast<float>(w.gbps_per_link * static_cast<double>(links));
    boost::add_edge(vertex(from.kind, from.index), cv,
                    EdgeProps{EdgeKind::data, l16, static_cast<uint16_t>(links * w.optics_per_link), gbps,
                              static_cast<float>(w.latency_us)},
                    sg);
    boost::add_edge(cv, vertex(to.kind, to.index), EdgeProps{EdgeKind::data, l16, 0, gbps, 0.0f}, sg);
  });

  // Power and cooling: unit -> bus of its (group, side); upstream bus -> downstream units; last bus -> racks.
  for (int l = 0; l < kLayerCount; ++l) {
    const LayerPlan& lp = layers_[static_cast<size_t>(l)];
    if (!lp.present) continue;
    const EdgeKind ek = chain_of(lp.id) == Chain::power ? EdgeKind::power : EdgeKind::coolant;
    for (int64_t g = 0; g < lp.groups; ++g) {
      for (int64_t sd = 0; sd < lp.sides; ++sd) {
        const VertexId b = bus_vertex(lp.id, g, sd);
        VertexProps& bp = sg[b];
        bp.layer = static_cast<uint8_t>(l);
        bp.group = u32(g);
        bp.side = static_cast<uint8_t>(sd);
        for (int64_t i = 0; i < lp.units_per_side; ++i) {
          const VertexId u = unit_vertex(lp.id, g, sd, i);
          VertexProps& up = sg[u];
          up.layer = static_cast<uint8_t>(l);
          up.group = u32(g);
          up.side = static_cast<uint8_t>(sd);
          boost::add_edge(u, b, EdgeProps{ek, 1, 0, 0.0f, 0.0f}, sg);
        }
      }
    }
  }
  auto feeds = [&](LayerId up_id, LayerId down_id) {
    const LayerPlan& up = layer(up_id);
    const LayerPlan& down = layer(down_id);
    if (!up.present || !down.present) return;
    const EdgeKind ek = chain_of(up_id) == Chain::power ? EdgeKind::power : EdgeKind::coolant;
    for (int64_t g = 0; g < down.groups; ++g) {
      const int64_t r0 = down.group_first_rack[sz(g)];
      const int64_t r1 = down.group_first_rack[sz(g) + 1] - 1;
      if (r0 >= up.served_racks) continue;
      const int64_t g0 = up.rack_group[sz(r0)];
      const int64_t g1 = up.rack_group[sz(std::min(r1, up.served_racks - 1))];
      for (int64_t sd = 0; sd < down.sides; ++sd) {
        for (int64_t ug = g0; ug <= g1; ++ug) {
          for (int64_t us = 0; us < up.sides; ++us) {
            if (up.sides == down.sides && us != sd) continue;
            for (int64_t i = 0; i < down.units_per_side; ++i) {
              boost::add_edge(bus_vertex(up_id, ug, us), unit_vertex(down_id, g, sd, i),
                              EdgeProps{ek, 1, 0, 0.0f, 0.0f}, sg);
            }
          }
        }
      }
    }
  };
  auto to_racks = [&](LayerId id) {
    const LayerPlan& lp = layer(id);
    if (!lp.present) return;
    const EdgeKind ek = chain_of(id) == Chain::power ? EdgeKind::power : EdgeKind::coolant;
    for (int64_t r = 0; r < lp.served_racks; ++r) {
      for (int64_t sd = 0; sd < lp.sides; ++sd) {
        boost::add_edge(bus_vertex(id, lp.rack_group[sz(r)], sd), vertex(VertexKind::rack, r),
                        EdgeProps{ek, 1, 0, 0.0f, 0.0f}, sg);
      }
    }
  };
  feeds(LayerId::utility_feeds, LayerId::transformers);
  feeds(LayerId::transformers, LayerId::ups);
  feeds(LayerId::generators, LayerId::ups);
  feeds(LayerId::ups, LayerId::pdus);
  to_racks(LayerId::pdus);
  const bool chillers = layer(LayerId::chillers).present;
  for (LayerId rej : {LayerId::cooling_towers, LayerId::dry_coolers}) {
    if (chillers) feeds(rej, LayerId::chillers);
    if (!chillers) feeds(rej, LayerId::crahs);
    if (!chillers || !spec_.cooling.liquid_through_chillers) feeds(rej, LayerId::cdus);
  }
  if (chillers) {
    feeds(LayerId::chillers, LayerId::crahs);
    if (spec_.cooling.liquid_through_chillers) feeds(LayerId::chillers, LayerId::cdus);
  }
  to_racks(LayerId::cdus);
  to_racks(LayerId::crahs);
}

// ------------------------------------------------------------------------------------------------------
VertexId Site::vertex(VertexKind k, int64_t index) const {
  return sz(first_[static_cast<size_t>(k)] + index);
}

VertexId Site::unit_vertex(LayerId id, int64_t group, int64_t side, int64_t i) const {
  return vertex(unit_kind(id), layer(id).unit_index(group, side, i));
}

VertexId Site::bus_vertex(LayerId id, int64_t group, int64_t side) const {
  return vertex(VertexKind::bus, bus_first_[static_cast<size_t>(id)] + layer(id).bus_index(group, side));
}

VertexId Site::cable_vertex(CableTier t, int64_t i) const {
  return vertex(VertexKind::cable, cable_first_[static_cast<size_t>(t)] + i);
}

CableBundle Site::cable(VertexId v) const {
  // A cable vertex has exactly one data in-edge (lower end, with optics and latency) and one out-edge.
  const SiteGraph& g = graph();
  const auto in = *boost::in_edges(v, g).first;
  const auto out = *boost::out_edges(v, g).first;
  const EdgeProps& e = g[in];
  CableBundle b;
  b.tier = static_cast<CableTier>(g[v].layer);
  b.from = boost::source(in, g);
  b.to = boost::target(out, g);
  b.links = e.links;
  b.optics = e.optics;
  b.gbps = e.gbps;
  b.latency_us = e.latency_us;
  return b;
}

std::string Site::describe(VertexId v) const {
  const VertexProps& p = graph()[v];
  std::string s = to_string(p.kind);
  if (p.kind == VertexKind::cable) {
    const CableBundle b = cable(v);
    return s + " " + std::to_string(p.index) + " (" + to_string(b.tier) + ": " + describe(b.from) + " -> " +
           describe(b.to) + ", " + std::to_string(b.links) + (b.links == 1 ? " link, " : " links, ") +
           std::to_string(b.optics) + " optics)";
  }
  if (p.kind >= VertexKind::utility_feed) {
    const auto id = static_cast<LayerId>(p.layer);
    const LayerPlan& lp = layer(id);
    std::string where = "group " + std::to_string(p.group);
    if (lp.sides == 2) where += std::string(", side ") + (p.side == 0 ? "A" : "B");
    if (p.kind == VertexKind::bus) return layer_path(id) + " bus (" + where + ")";
    return layer_path(id) + " unit " + std::to_string(p.index) + " (" + where + ")";
  }
  s += " " + std::to_string(p.index);
  if (p.kind == VertexKind::leaf || p.kind == VertexKind::spine || p.kind == VertexKind::core ||
      p.kind == VertexKind::nic) {
    if (fabric_.planes > 1) s += " (plane " + std::to_string(p.plane) + ")";
  }
  return s;
}

int64_t Site::rows() const {
  return ceil_div(racks(), spec_.compute.racks_per_row);
}

SwitchCounts Site::switches_by_tier() const {
  return {fabric_.leaves(), fabric_.spines(), fabric_.cores()};
}

SwitchCounts Site::storage_switches_by_tier() const {
  if (!storage_fabric_) return {};
  return {storage_fabric_->leaves(), storage_fabric_->spines(), storage_fabric_->cores()};
}

int64_t Site::links() const {
  return fabric_.links() + (storage_fabric_ ? storage_fabric_->links() : 0);
}

int64_t Site::optics() const {
  const FabricSpec& f = spec_.network.fabric;
  auto of = [&](const FabricPlan& p) {
    return p.host_leaf_links() * f.host_leaf_optics_per_link + p.leaf_spine_links() * f.leaf_spine_optics_per_link +
           p.spine_core_links() * f.spine_core_optics_per_link;
  };
  return of(fabric_) + (storage_fabric_ ? of(*storage_fabric_) : 0);
}

double Site::nic_gbps_per_gpu() const {
  const FabricSpec& f = spec_.network.fabric;
  return static_cast<double>(f.nics_per_node * fabric_.sides) * f.port_gbps /
         static_cast<double>(spec_.compute.gpus_per_node);
}

LatencyUs Site::latency_us() const {
  LatencyUs l;
  l.same_leaf = latency_us(FabricTier::leaf);
  l.cross_spine = latency_us(FabricTier::spine);
  if (fabric_.tiers == 3) l.cross_core = latency_us(FabricTier::core);
  return l;
}

double Site::latency_us(FabricTier tier) const {
  const FabricSpec& f = spec_.network.fabric;
  auto cable = [&](double m) { return m * f.cable_ns_per_m / 1000.0; };
  double l = 2.0 * f.nic_latency_us + 2.0 * cable(f.host_leaf_cable_m);
  switch (tier) {
    case FabricTier::nvlink:
      return 0.0;
    case FabricTier::leaf:
      return l + f.switch_latency_us;
    case FabricTier::spine:
      return l + 3.0 * f.switch_latency_us + 2.0 * cable(f.leaf_spine_cable_m);
    case FabricTier::core:
      return l + 5.0 * f.switch_latency_us + 2.0 * cable(f.leaf_spine_cable_m) + 2.0 * cable(f.spine_core_cable_m);
  }
  return l;
}

FabricTier Site::tier_spanned(int64_t first_gpu, int64_t n) const {
  // GPU ids grow with NVLink domain, SU and pod, so a consecutive range spans what its two ends span.
  return n <= 1 ? FabricTier::nvlink : tier_between(first_gpu, first_gpu + n - 1);
}

FabricTier Site::tier_between(int64_t gpu_a, int64_t gpu_b) const {
  const int64_t domain = spec_.compute.nvlink_domain_gpus;
  if (gpu_a / domain == gpu_b / domain) return FabricTier::nvlink;
  const int64_t gpn = spec_.compute.gpus_per_node;
  const int64_t su_a = gpu_a / gpn / fabric_.nodes_per_su;
  const int64_t su_b = gpu_b / gpn / fabric_.nodes_per_su;
  if (su_a == su_b) return FabricTier::leaf;
  if (fabric_.tiers == 2 || su_a / fabric_.sus_per_pod == su_b / fabric_.sus_per_pod) return FabricTier::spine;
  return FabricTier::core;
}

double Site::it_power_kw() const {
  double s = 0.0;
  for (double v : rack_it_kw_) s += v;
  return s;
}

// ------------------------------------------------------------------------------------------------------
StorageSummary Site::storage() const {
  StorageSummary s;
  if (!spec_.storage || storage_nodes_ == 0) return s;
  const StorageSpec& st = *spec_.storage;
  const auto n = static_cast<double>(st.nodes);
  const double efficiency = st.protection == ProtectionKind::replication
                                ? 1.0 / static_cast<double>(st.copies)
                                : static_cast<double>(st.ec_k) / static_cast<double>(st.ec_k + st.ec_m);
  s.nodes = st.nodes;
  s.raw_tb = n * st.capacity_tb_per_node;
  s.usable_tb = s.raw_tb * efficiency;
  s.iops = n * st.iops_per_node;
  s.read_gb_per_s = n * st.read_gb_per_s_per_node;
  // Every byte written costs 1 / efficiency bytes on the storage nodes (copies or k+m fragments).
  s.write_gb_per_s = n * st.write_gb_per_s_per_node * efficiency;
  const double pb = s.usable_tb / 1000.0;
  s.iops_per_pb = pb > 0 ? s.iops / pb : 0.0;
  s.read_gb_per_s_per_pb = pb > 0 ? s.read_gb_per_s / pb : 0.0;
  const StorageNetworkSpec& sn = *spec_.network.storage_network;
  const double port_gb_per_s = sn.port_gbps / 8.0;
  s.compute_path_gb_per_s = static_cast<double>(nodes_ * sn.nics_per_node) * port_gb_per_s;
  const double storage_ports = static_cast<double>(st.nodes * st.ports_per_node) * port_gb_per_s;
  s.network_gb_per_s = std::min({storage_ports, s.compute_path_gb_per_s, storage_fabric_->bisection_gbps() / 8.0});
  return s;
}

double Site::checkpoint_write_s(double bytes, int64_t nodes) const {
  const StorageSummary s = storage();
  if (s.nodes == 0) return std::numeric_limits<double>::infinity();
  const double share = nodes > 0 ? static_cast<double>(std::min(nodes, nodes_)) / static_cast<double>(nodes_) : 1.0;
  const double rate = std::min({s.write_gb_per_s, s.network_gb_per_s, s.compute_path_gb_per_s * share});
  return bytes / (rate * 1e9);
}

double Site::checkpoint_read_s(double bytes, int64_t nodes) const {
  const StorageSummary s = storage();
  if (s.nodes == 0) return std::numeric_limits<double>::infinity();
  const double share = nodes > 0 ? static_cast<double>(std::min(nodes, nodes_)) / static_cast<double>(nodes_) : 1.0;
  const double rate = std::min({s.read_gb_per_s, s.network_gb_per_s, s.compute_path_gb_per_s * share});
  return bytes / (rate * 1e9);
}

// ------------------------------------------------------------------------------------------------------
// Failed power/cooling units and buses, as sorted keys (layer, group, side).
struct Site::FailView {
  std::vector<uint64_t> units;
  std::vector<uint64_t> buses;
  static uint64_t key(int64_t layer, int64_t group, int64_t side) {
    return (static_cast<uint64_t>(layer) << 56) | (static_cast<uint64_t>(group) << 1) | static_cast<uint64_t>(side);
  }
  int64_t failed_units(int64_t layer, int64_t group, int64_t side) const {
    const uint64_t k = key(layer, group, side);
    const auto r = std::equal_range(units.begin(), units.end(), k);
    return r.second - r.first;
  }
  bool bus_failed(int64_t layer, int64_t group, int64_t side) const {
    return std::binary_search(buses.begin(), buses.end(), key(layer, group, side));
  }
  bool empty() const { return units.empty() && buses.empty(); }
  void sort() {
    std::sort(units.begin(), units.end());
    std::sort(buses.begin(), buses.end());
  }
};

bool Site::layer_side_ok(LayerId id, int64_t rack, int64_t side, const FailView& f) const {
  const LayerPlan& lp = layer(id);
  if (!lp.present || rack >= lp.served_racks) return true;
  const auto l = static_cast<int64_t>(id);
  const int64_t g = lp.rack_group[sz(rack)];
  const int64_t s = lp.sides == 2 ? side : 0;
  if (f.bus_failed(l, g, s)) return false;
  return lp.carries(g, lp.units_per_side - f.failed_units(l, g, s));
}

bool Site::rack_power_ok(int64_t rack, const FailView& f) const {
  int64_t sides = 1;
  for (LayerId id : {LayerId::utility_feeds, LayerId::transformers, LayerId::generators, LayerId::ups, LayerId::pdus}) {
    if (layer(id).present) sides = std::max(sides, layer(id).sides);
  }
  for (int64_t s = 0; s < sides; ++s) {
    const bool utility =
        layer_side_ok(LayerId::utility_feeds, rack, s, f) && layer_side_ok(LayerId::transformers, rack, s, f);
    const bool backup = layer(LayerId::generators).present && layer_side_ok(LayerId::generators, rack, s, f);
    if ((utility || backup) && layer_side_ok(LayerId::ups, rack, s, f) && layer_side_ok(LayerId::pdus, rack, s, f)) {
      return true;
    }
  }
  return false;
}

bool Site::rack_cooling_ok(int64_t rack, const FailView& f) const {
  const bool plant =
      layer_side_ok(LayerId::cooling_towers, rack, 0, f) && layer_side_ok(LayerId::dry_coolers, rack, 0, f);
  const bool chillers = layer_side_ok(LayerId::chillers, rack, 0, f);
  const bool liquid = rack_liquid_kw_[sz(rack)] > 0.0;
  const bool air = rack_air_kw(rack) > 0.0;
  if (liquid) {
    const bool via_chillers = spec_.cooling.liquid_through_chillers ? chillers : true;
    if (!(layer_side_ok(LayerId::cdus, rack, 0, f) && plant && via_chillers)) return false;
  }
  if (air && !(layer_side_ok(LayerId::crahs, rack, 0, f) && chillers && plant)) return false;
  return true;
}

Impact Site::impact(std::span<const VertexId> failed, std::span<const LinkLoss> partial) const {
  Impact im;
  std::vector<VertexId> fv(failed.begin(), failed.end());
  sort_unique(fv);
  // Cable bundles hit, as (cable, links lost); a failed cable vertex loses all of them.
  std::vector<std::pair<VertexId, int64_t>> cable_hits;
  for (const LinkLoss& l : partial) {
    if (l.cable >= boost::num_vertices(graph()) || graph()[l.cable].kind != VertexKind::cable) {
      throw std::invalid_argument("Site::impact: LinkLoss names vertex " + std::to_string(l.cable) +
                                  ", which is not a cable bundle");
    }
    if (l.links < 1) {
      throw std::invalid_argument("Site::impact: LinkLoss of " + describe(l.cable) + " loses " +
                                  std::to_string(l.links) + " links; at least 1 is needed");
    }
    cable_hits.emplace_back(l.cable, l.links);
  }
  FailView view;
  std::vector<std::pair<int, int64_t>> touched;  // (layer, group)
  std::vector<VertexId> switches;                // compute-fabric switches out of service
  std::vector<VertexId> nics;
  const ComputeSpec& c = spec_.compute;
  const int64_t gpn = c.gpus_per_node;
  const int64_t gpus_per_rack = c.nodes_per_rack * gpn;
  auto rack_gpus = [&](int64_t r) { return std::pair{r * gpus_per_rack, std::min((r + 1) * gpus_per_rack, gpus())}; };
  const int64_t fabric_switches = fabric_.switches();
  const int64_t per_rack = spec_.network.fabric.switches_per_rack;
  const int64_t net_rack0 = compute_racks_ + storage_racks_;
  int64_t storage_switches_lost = 0;
  // A rack out of service takes its contents with it.
  auto rack_lost = [&](int64_t r, GpuSet& set) {
    if (r < compute_racks_) {
      const auto [g0, g1] = rack_gpus(r);
      set.add(g0, g1);
    } else if (r < net_rack0) {
      const StorageSpec& st = *spec_.storage;
      im.storage_nodes_lost += std::min(st.nodes_per_rack, st.nodes - (r - compute_racks_) * st.nodes_per_rack);
    } else {
      const int64_t total = fabric_switches + (storage_fabric_ ? storage_fabric_->switches() : 0);
      for (int64_t sw = (r - net_rack0) * per_rack; sw < std::min((r - net_rack0 + 1) * per_rack, total); ++sw) {
        if (sw < fabric_switches) {
          switches.push_back(sz(first_[static_cast<size_t>(VertexKind::leaf)] + sw));
        } else {
          ++storage_switches_lost;
        }
      }
    }
  };

  for (VertexId v : fv) {
    const VertexProps& p = graph()[v];
    switch (p.kind) {
      case VertexKind::gpu:
        im.compute.add(p.index, p.index + 1);
        break;
      case VertexKind::node:
        im.compute.add(int64_t{p.index} * gpn, (int64_t{p.index} + 1) * gpn);
        break;
      case VertexKind::nic:
        nics.push_back(v);
        break;
      case VertexKind::rack:
        rack_lost(p.index, im.compute);
        break;
      case VertexKind::leaf:
      case VertexKind::spine:
      case VertexKind::core:
        switches.push_back(v);
        break;
      case VertexKind::storage_node:
        ++im.storage_nodes_lost;
        break;
      case VertexKind::storage_leaf:
      case VertexKind::storage_spine:
      case VertexKind::storage_core:
        ++storage_switches_lost;
        break;
      case VertexKind::cable:
        cable_hits.emplace_back(v, std::numeric_limits<int64_t>::max());
        break;
      case VertexKind::bus:
        view.buses.push_back(FailView::key(p.layer, p.group, p.side));
        touched.emplace_back(p.layer, p.group);
        break;
      default:  // power and cooling units
        view.units.push_back(FailView::key(p.layer, p.group, p.side));
        touched.emplace_back(p.layer, p.group);
        break;
    }
  }

  // Power and cooling: only racks of groups that lost a side can be affected.
  if (!view.empty()) {
    view.sort();
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (const auto& [l, g] : touched) {
      const LayerPlan& lp = layers_[static_cast<size_t>(l)];
      bool down = false;
      for (int64_t s = 0; s < lp.sides; ++s) {
        down = down || view.bus_failed(l, g, s) || !lp.carries(g, lp.units_per_side - view.failed_units(l, g, s));
      }
      if (down) ranges.emplace_back(lp.group_first_rack[sz(g)], lp.group_first_rack[sz(g) + 1]);
    }
    std::sort(ranges.begin(), ranges.end());
    int64_t next = 0;
    for (const auto& [r0, r1] : ranges) {
      for (int64_t r = std::max(r0, next); r < r1; ++r) {
        if (!rack_power_ok(r, view)) im.racks_without_power.push_back(r);
        if (!rack_cooling_ok(r, view)) im.racks_without_cooling.push_back(r);
      }
      next = std::max(next, r1);
    }
    for (int64_t r : im.racks_without_power) rack_lost(r, im.power);
    for (int64_t r : im.racks_without_cooling) rack_lost(r, im.cooling);
    for (const auto& [l, g] : touched) {
      const LayerPlan& lp = layers_[static_cast<size_t>(l)];
      const auto& lost = chain_of(lp.id) == Chain::power ? im.racks_without_power : im.racks_without_cooling;
      const int64_t r0 = lp.group_first_rack[sz(g)];
      const int64_t r1 = lp.group_first_rack[sz(g) + 1];
      const bool any = std::any_of(lost.begin(), lost.end(), [&](int64_t r) { return r >= r0 && r < r1; });
      if (!any) im.absorbed.push_back(layer_path(lp.id) + " group " + std::to_string(g));
    }
  }

  // Cables: merge the hits per bundle; a bundle with no link left is dead, one with links left only lost
  // capacity, which its remaining links absorb.
  std::sort(cable_hits.begin(), cable_hits.end());
  std::vector<VertexId> dead_cables;  // sorted
  int64_t dead_compute_cables = 0;
  for (size_t i = 0; i < cable_hits.size();) {
    const VertexId cv = cable_hits[i].first;
    const CableBundle b = cable(cv);
    int64_t lost = 0;
    for (; i < cable_hits.size() && cable_hits[i].first == cv; ++i) {
      lost = std::min(b.links, lost + std::min(b.links, cable_hits[i].second));
    }
    im.cables.push_back(
        CableLoss{cv, b.links, lost, b.gbps * static_cast<double>(lost) / static_cast<double>(b.links)});
    im.links_lost += lost;
    if (lost == b.links) {
      ++im.cables_lost;
      dead_cables.push_back(cv);
      if (b.tier <= CableTier::spine_core) ++dead_compute_cables;
    } else {
      im.absorbed.push_back("network: " + describe(cv) + " keeps " + std::to_string(b.links - lost) + " of " +
                            std::to_string(b.links) + " links");
    }
  }

  // Network: switches cut from the fabric, then NICs cut, then GPUs whose every NIC is cut. A path from one
  // tier to the next crosses a cable: it is cut when the cable is dead or the switch beyond it is.
  sort_unique(switches);
  im.switches_lost = static_cast<int64_t>(switches.size()) + storage_switches_lost;
  if (!switches.empty() || !nics.empty() || dead_compute_cables > 0) {
    const SiteGraph& g = graph();
    auto kind = [&](VertexId v) { return g[v].kind; };
    auto tier = [&](VertexId cv) { return static_cast<CableTier>(g[cv].layer); };
    auto lower_end = [&](VertexId cv) { return boost::source(*boost::in_edges(cv, g).first, g); };
    auto upper_end = [&](VertexId cv) { return boost::target(*boost::out_edges(cv, g).first, g); };
    // Every uplink of `v` (its out-edges, each to a cable) is dead or ends at a switch in `dead`.
    auto all_uplinks_cut = [&](VertexId v, const std::vector<VertexId>& dead) {
      for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
        const VertexId cv = boost::target(e, g);
        if (!contains_sorted(dead_cables, cv) && !contains_sorted(dead, upper_end(cv))) return false;
      }
      return true;
    };
    std::vector<VertexId> dead_spines;
    for (VertexId v : switches) {
      if (kind(v) == VertexKind::spine) dead_spines.push_back(v);
    }
    // In 3 tiers with several pods, a spine whose every core uplink is cut (its whole core group failed, or
    // its spine-core cables) can no longer reach other pods.
    if (fabric_.tiers == 3 && fabric_.pods_per_plane > 1) {
      std::vector<VertexId> candidates;
      for (VertexId v : switches) {
        if (kind(v) != VertexKind::core) continue;
        for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) {
          candidates.push_back(lower_end(boost::source(e, g)));
        }
      }
      for (VertexId cv : dead_cables) {
        if (tier(cv) == CableTier::spine_core) candidates.push_back(lower_end(cv));
      }
      sort_unique(candidates);
      for (VertexId sp : candidates) {
        if (all_uplinks_cut(sp, switches)) dead_spines.push_back(sp);
      }
    }
    sort_unique(dead_spines);
    std::vector<VertexId> dead_leaves;
    std::vector<VertexId> candidates;
    for (VertexId v : switches) {
      if (kind(v) == VertexKind::leaf) dead_leaves.push_back(v);
    }
    for (VertexId sp : dead_spines) {
      for (auto e : boost::make_iterator_range(boost::in_edges(sp, g))) {
        candidates.push_back(lower_end(boost::source(e, g)));
      }
    }
    for (VertexId cv : dead_cables) {
      if (tier(cv) == CableTier::leaf_spine) candidates.push_back(lower_end(cv));
    }
    sort_unique(candidates);
    for (VertexId leaf : candidates) {
      if (all_uplinks_cut(leaf, dead_spines)) dead_leaves.push_back(leaf);
    }
    sort_unique(dead_leaves);
    std::vector<VertexId> candidate_nics = nics;
    for (VertexId leaf : dead_leaves) {
      for (auto e : boost::make_iterator_range(boost::in_edges(leaf, g))) {
        candidate_nics.push_back(lower_end(boost::source(e, g)));
      }
    }
    for (VertexId cv : dead_cables) {
      if (tier(cv) == CableTier::host_leaf) candidate_nics.push_back(lower_end(cv));
    }
    sort_unique(candidate_nics);
    sort_unique(nics);
    std::vector<VertexId> lost_nics;
    for (VertexId n : candidate_nics) {
      if (contains_sorted(nics, n) || all_uplinks_cut(n, dead_leaves)) lost_nics.push_back(n);
    }
    std::vector<VertexId> gpus_cut;
    for (VertexId n : lost_nics) {
      for (auto e : boost::make_iterator_range(boost::in_edges(n, g))) {
        const VertexId gpu = boost::source(e, g);
        bool all = true;
        for (auto oe : boost::make_iterator_range(boost::out_edges(gpu, g))) {
          all = all && contains_sorted(lost_nics, boost::target(oe, g));
        }
        if (all) gpus_cut.push_back(gpu);
      }
    }
    sort_unique(gpus_cut);
    for (VertexId gpu : gpus_cut) im.network.add(g[gpu].index, int64_t{g[gpu].index} + 1);
    const std::string how = std::string(fabric_.sides == 2 ? "dual-ToR, " : "") + "multipath)";
    if (gpus_cut.empty() && !switches.empty()) {
      im.absorbed.push_back("network: " + std::to_string(switches.size()) + " switch(es) (" + how);
    }
    if (gpus_cut.empty() && dead_compute_cables > 0) {
      im.absorbed.push_back("network: " + std::to_string(dead_compute_cables) + " cable bundle(s) (" + how);
    }
  }

  im.compute.normalize();
  im.network.normalize();
  im.power.normalize();
  im.cooling.normalize();
  im.any.add(im.compute);
  im.any.add(im.network);
  im.any.add(im.power);
  im.any.add(im.cooling);
  im.any.normalize();
  return im;
}

std::vector<CutSet> Site::rack_cut_sets(int64_t rack, Chain chain, int max_size) const {
  std::vector<VertexId> cand;
  for (int l = 0; l < kLayerCount; ++l) {
    const LayerPlan& lp = layers_[static_cast<size_t>(l)];
    if (!lp.present || chain_of(lp.id) != chain || rack >= lp.served_racks) continue;
    const int64_t g = lp.rack_group[sz(rack)];
    for (int64_t s = 0; s < lp.sides; ++s) {
      for (int64_t i = 0; i < lp.units_per_side; ++i) cand.push_back(unit_vertex(lp.id, g, s, i));
      cand.push_back(bus_vertex(lp.id, g, s));
    }
  }
  auto add = [&](FailView& f, VertexId v) {
    const VertexProps& p = graph()[v];
    (p.kind == VertexKind::bus ? f.buses : f.units).push_back(FailView::key(p.layer, p.group, p.side));
  };
  auto ok = [&](const FailView& f) {
    return chain == Chain::power ? rack_power_ok(rack, f) : rack_cooling_ok(rack, f);
  };
  std::vector<CutSet> out;
  std::vector<char> single(cand.size(), 0);
  for (size_t i = 0; i < cand.size(); ++i) {
    FailView f;
    add(f, cand[i]);
    if (!ok(f)) {
      single[i] = 1;
      out.push_back(CutSet{{cand[i]}});
    }
  }
  if (max_size < 2) return out;
  for (size_t i = 0; i < cand.size(); ++i) {
    if (single[i]) continue;
    for (size_t j = i + 1; j < cand.size(); ++j) {
      if (single[j]) continue;
      FailView f;
      add(f, cand[i]);
      add(f, cand[j]);
      f.sort();
      if (!ok(f)) out.push_back(CutSet{{cand[i], cand[j]}});
    }
  }
  return out;
}

}  // namespace aidc::topo
