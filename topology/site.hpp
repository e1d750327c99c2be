#pragma once
// Site: the built site graph and the questions every other model asks about it. Build once from a SiteSpec
// (tools/schema/site_loader.hpp reads it from a scenario), then query; a Site is immutable after build and
// safe to share between threads for reading.
//
//        utility feeds ──> transformers ──> [LV switchgear] <── generators
//                                                 │
//                                      UPS modules ──> [UPS bus] ──> PDUs (A/B) ──> rack
//   towers / dry coolers ──> chillers ──> CDUs (liquid) / CRAHs (air) ──────────────> rack
//   rack ──> node ──> gpu ──pcie──> nic ─> cable ─> leaf ─> cable ─> spine ─> cable ─> core  (per plane)
//   node ─> cable ─> storage leaf <─ cable <─ storage node                   (storage network)
//
// Numbering: GPU g is in node g / gpus_per_node; node n in rack n / nodes_per_rack. Racks are numbered
// compute racks first, then storage racks, then network racks (switches in fabric order: compute leaves,
// spines, cores, then storage-network leaves, spines, cores; switches_per_rack each), in rows of
// racks_per_row. Cable bundles (graph.hpp says why bundles) are numbered by CableTier, then in wiring order:
// host-leaf cables node by node, NIC by NIC, side by side (index = (node x nics_per_node + nic) x sides +
// side); leaf-spine bundles leaf by leaf (plane-major), then spine-core bundles spine by spine; then the
// storage network's: compute nodes' ports, storage nodes' ports, leaf-spine, spine-core.
//
// Who uses what:
//  - performance: nic_gbps_per_gpu(), nvlink_domain_gpus(), gpus_per_node(), tier_spanned(), latency_us(),
//    leaf/spine_oversubscription(), bisection_gbps(), fabric();
//  - energy: layer(LayerId) (units, unit_kw, redundancy, group loads), it_power_kw(), node_power_w(),
//    rack_it_kw(), switch_power_w(), cooling heat split (rack_liquid_kw / rack_air_kw);
//  - reliability: count(VertexKind), vertex(kind, index), cable_vertex(), cable(), impact() (of any set of
//    components and of single links or optics of a cable bundle), rack_cut_sets();
//  - cost / bill of materials: links(), optics(), cables(tier).
//
// Cost: build O(V + E) with V ~ 5-6 x GPUs and E ~ 9 x GPUs for the fabric (a cable bundle is one vertex and
// two edges) plus O(racks x layers) for power and cooling; a 100,000-GPU, 3-tier site builds in well under
// 2 s and 2 GB (~0.2 s and ~140 MB of heap; tests/bench/bench_topology.cpp). impact() touches
// only the failed components' neighbourhoods and the racks of equipment groups that actually went down, so a
// single masked failure costs microseconds. rack_cut_sets() is O(c^2) in the rack's c candidate components.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "topology/equipment_plan.hpp"
#include "topology/fabric_plan.hpp"
#include "topology/graph.hpp"
#include "topology/impact.hpp"
#include "topology/site_spec.hpp"

namespace aidc::topo {

// Values the topology needs but does not own (GPU power comes from the hardware profile, owned by the
// performance/hardware module; the caller passes it here). compute.node_power_w in the scenario wins.
struct BuildOptions {
  double gpu_power_w = 700.0;  // H100 SXM5 TDP, NVIDIA H100 product page via Epoch energy.py [V]
  // Node power beyond its GPUs: DGX H100 10.2 kW max (NVIDIA user guide via Epoch [V]) - 8 x 700 W = 4.6 kW [D].
  double node_overhead_w = 4600.0;
};

struct SwitchCounts {
  int64_t leaf = 0;
  int64_t spine = 0;
  int64_t core = 0;
  int64_t total() const { return leaf + spine + core; }
};

// One-way GPU-to-GPU latency over the scale-out fabric: 2 x NIC + h switches + the cables on the path.
// cross_core is empty for a 2-tier fabric.
struct LatencyUs {
  double same_leaf = 0.0;            // 1 switch, 2 host cables
  double cross_spine = 0.0;          // 3 switches, + 2 leaf-spine cables
  std::optional<double> cross_core;  // 5 switches, + 2 spine-core cables
};

// Smallest part of the fabric that a set of GPUs spans.
enum class FabricTier : uint8_t { nvlink, leaf, spine, core };
const char* to_string(FabricTier t);

struct StorageSummary {
  int64_t nodes = 0;
  double raw_tb = 0.0;
  double usable_tb = 0.0;              // after replication or erasure coding
  double iops = 0.0;                   // aggregate
  double read_gb_per_s = 0.0;          // aggregate of the storage nodes
  double write_gb_per_s = 0.0;         // aggregate of the nodes, divided by the protection write amplification
  double iops_per_pb = 0.0;            // per usable PB (the report's target: >= 10 M IOPS/PB)
  double read_gb_per_s_per_pb = 0.0;   // per usable PB (the report's target: ~1,000 GB/s per PB)
  double network_gb_per_s = 0.0;       // storage network: min(storage ports, compute ports, bisection)
  double compute_path_gb_per_s = 0.0;  // compute nodes' own front-end ports, all nodes
};

// Cable bundles of one tier: vertices, the parallel links they hold, and those links' transceivers.
struct CableCounts {
  int64_t bundles = 0;
  int64_t links = 0;
  int64_t optics = 0;
};

// One cable bundle as the graph holds it (Site::cable).
struct CableBundle {
  CableTier tier = CableTier::host_leaf;
  VertexId from = 0;  // lower end: NIC, compute node, storage node, leaf or spine
  VertexId to = 0;    // upper end: a switch
  int64_t links = 0;
  int64_t optics = 0;
  double gbps = 0.0;        // line rate of all its links
  double latency_us = 0.0;  // one-way propagation
};

struct CutSet {
  std::vector<VertexId> components;  // 1 or 2 vertices; together they cut the rack's path
};

class Site {
 public:
  // Builds the site. Throws TopologyError (with the scenario field path) when the fabric radix cannot reach
  // the size, a layer cannot carry its load, or counts are inconsistent. Redundancy shortfalls (the layer
  // carries its load but not with its X spares out) are reported in warnings().
  static Site build(const SiteSpec& spec, const BuildOptions& options = {});

  const SiteSpec& spec() const { return spec_; }
  const SiteGraph& graph() const { return *graph_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // --- counts ------------------------------------------------------------------------------------------
  int64_t gpus() const { return spec_.compute.gpus; }
  int64_t nodes() const { return nodes_; }
  int64_t racks() const { return compute_racks_ + storage_racks_ + network_racks_; }
  int64_t compute_racks() const { return compute_racks_; }
  int64_t storage_racks() const { return storage_racks_; }
  int64_t network_racks() const { return network_racks_; }
  int64_t rows() const;
  int64_t storage_nodes() const { return storage_nodes_; }
  SwitchCounts switches_by_tier() const;          // compute fabric
  SwitchCounts storage_switches_by_tier() const;  // storage network (zeros when none)
  int64_t links() const;   // physical links, compute fabric + storage network (host-leaf included)
  int64_t optics() const;  // transceivers on those links
  // Cable vertices, links and optics of one tier (counted while wiring, so they match the graph).
  const CableCounts& cables(CableTier t) const { return cables_[static_cast<size_t>(t)]; }
  int64_t count(VertexKind k) const { return first_[static_cast<size_t>(k) + 1] - first_[static_cast<size_t>(k)]; }
  // Vertex of the `index`-th component of a kind (for buses: all layers' buses in LayerId order).
  VertexId vertex(VertexKind k, int64_t index) const;
  // Unit / bus vertex of an equipment layer.
  VertexId unit_vertex(LayerId layer, int64_t group, int64_t side, int64_t i) const;
  VertexId bus_vertex(LayerId layer, int64_t group, int64_t side) const;
  // The `i`-th cable bundle of a tier (numbering in the header comment), and what a cable vertex holds.
  VertexId cable_vertex(CableTier t, int64_t i) const;
  CableBundle cable(VertexId v) const;  // v must be a cable vertex
  // Short name of a vertex, e.g. "gpu 17", "leaf 3 (plane 0)", "power.ups unit 4 (group 0, side B)",
  // "cable 40 (leaf_spine: leaf 0 -> spine 3, 2 links, 4 optics)".
  std::string describe(VertexId v) const;

  // --- fabric ------------------------------------------------------------------------------------------
  const FabricPlan& fabric() const { return fabric_; }
  const std::optional<FabricPlan>& storage_fabric() const { return storage_fabric_; }
  int64_t gpus_per_node() const { return spec_.compute.gpus_per_node; }
  int64_t nvlink_domain_gpus() const { return spec_.compute.nvlink_domain_gpus; }
  double nic_gbps_per_gpu() const;  // scale-out injection bandwidth per GPU (all its NIC ports)
  double bisection_gbps() const { return fabric_.bisection_gbps(); }
  double leaf_oversubscription() const { return fabric_.leaf_oversubscription(); }
  double spine_oversubscription() const { return fabric_.spine_oversubscription(); }
  LatencyUs latency_us() const;
  // One-way latency between two GPUs on the scale-out fabric at a tier (nvlink: 0, not modelled here).
  double latency_us(FabricTier tier) const;
  // Smallest tier spanned by GPUs [first_gpu, first_gpu + n): one NVLink domain, one scalable unit (same
  // rail leaves), one pod (3 tiers; the whole plane in 2 tiers), or the core.
  FabricTier tier_spanned(int64_t first_gpu, int64_t n) const;
  FabricTier tier_spanned(int64_t n) const { return tier_spanned(0, n); }
  // Smallest tier connecting two GPUs (same rules as tier_spanned, for GPUs that are not consecutive).
  FabricTier tier_between(int64_t gpu_a, int64_t gpu_b) const;
  // Switches on the path between two GPUs whose smallest common tier is `tier`: 0, 1, 3 or 5.
  static int switch_hops(FabricTier tier) { return tier == FabricTier::nvlink ? 0 : 2 * static_cast<int>(tier) - 1; }

  // --- power and heat ----------------------------------------------------------------------------------
  double node_power_w() const { return node_power_w_; }
  double switch_power_w() const { return spec_.network.fabric.switch_power_w; }
  double it_power_kw() const;  // all racks
  double rack_it_kw(int64_t rack) const { return rack_it_kw_[static_cast<size_t>(rack)]; }
  double rack_liquid_kw(int64_t rack) const { return rack_liquid_kw_[static_cast<size_t>(rack)]; }
  double rack_air_kw(int64_t rack) const { return rack_it_kw_[static_cast<size_t>(rack)] - rack_liquid_kw(rack); }
  // A power or cooling layer (present == false when the scenario has none, e.g. no generators).
  const LayerPlan& layer(LayerId id) const { return layers_[static_cast<size_t>(id)]; }

  // --- storage -----------------------------------------------------------------------------------------
  StorageSummary storage() const;
  // Time to write / read `bytes` (a checkpoint) from `nodes` compute nodes (0 = all), limited by the slowest
  // of the storage nodes, the storage network and those nodes' own front-end ports. Infinity without storage.
  double checkpoint_write_s(double bytes, int64_t nodes = 0) const;
  double checkpoint_read_s(double bytes, int64_t nodes = 0) const;

  // --- failures ----------------------------------------------------------------------------------------
  // `failed` components out entirely, plus `partial` links of cable bundles (one failed optic: {cable, 1}).
  // Throws std::invalid_argument when a LinkLoss names a vertex that is not a cable or fewer than 1 link.
  Impact impact(std::span<const VertexId> failed, std::span<const LinkLoss> partial = {}) const;
  Impact impact(VertexId failed) const { return impact(std::span<const VertexId>(&failed, 1)); }
  Impact impact(const LinkLoss& partial) const { return impact({}, std::span<const LinkLoss>(&partial, 1)); }
  // Minimal cut sets of size <= max_size (1 or 2) of a rack's power or cooling path: the single components
  // whose failure alone drops the rack, then the pairs that drop it when neither member does alone.
  std::vector<CutSet> rack_cut_sets(int64_t rack, Chain chain, int max_size = 2) const;

 private:
  struct FailView;
  bool layer_side_ok(LayerId id, int64_t rack, int64_t side, const FailView& f) const;
  bool rack_power_ok(int64_t rack, const FailView& f) const;
  bool rack_cooling_ok(int64_t rack, const FailView& f) const;
  void build_fabric_vertices();
  void build_equipment();
  struct End;
  template <class F>
  void for_each_cable(F&& f) const;

  SiteSpec spec_;
  BuildOptions options_;
  // Held by pointer because Boost 1.74's adjacency_list has no move constructor (and its swap copies): a
  // by-value graph was deep-copied on every move of a Site, e.g. out of build() into a unique_ptr. The graph
  // is immutable after build, so copies of a Site share it.
  std::shared_ptr<SiteGraph> graph_ = std::make_shared<SiteGraph>();
  FabricPlan fabric_;
  std::optional<FabricPlan> storage_fabric_;
  std::array<LayerPlan, kLayerCount> layers_{};
  std::array<int64_t, kLayerCount> bus_first_{};  // first bus index (within kind `bus`) of each layer
  std::array<int64_t, kVertexKindCount + 1> first_{};
  std::array<int64_t, kCableTierCount + 1> cable_first_{};  // first cable index (within kind `cable`) per tier
  std::array<CableCounts, kCableTierCount> cables_{};
  int64_t nodes_ = 0;
  int64_t storage_nodes_ = 0;
  int64_t compute_racks_ = 0;
  int64_t storage_racks_ = 0;
  int64_t network_racks_ = 0;
  double node_power_w_ = 0.0;
  std::vector<double> rack_it_kw_;
  std::vector<double> rack_liquid_kw_;
  std::vector<std::string> warnings_;
};

// Structural checks that need no graph (fabric sizing, equipment counts against redundancy). The loader
// calls it to report problems at the right YAML position; Site::build calls it too. Throws TopologyError.
void validate_site(const SiteSpec& spec);

}  // namespace aidc::topo
