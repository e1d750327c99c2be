#pragma once
// SiteGraph: the one Boost.Graph that holds a whole site. Every GPU, node (server), NIC, rack, switch,
// cable bundle (with its optics), storage node, power unit, cooling unit and bus (switchgear, UPS output bus,
// PDU whip, coolant header) is a vertex; edges are data attachments (bandwidth, latency, optics),
// containment, power feeds and coolant loops.
//
// Layout invariants (what makes lookups O(1)):
//   - vertices of one VertexKind are contiguous and numbered in `index` order, so
//     vertex(kind, i) = first[kind] + i (see Site::vertex); cable vertices are further grouped by CableTier
//     in enum order (see Site::cable_vertex);
//   - edges point from supplier/lower tier to consumer/upper tier: rack -> node -> gpu (containment),
//     gpu -> nic -> cable -> leaf -> cable -> spine -> cable -> core (data), node / storage node -> cable ->
//     storage leaf -> ... (storage network), feed -> ... -> pdu bus -> rack (power),
//     tower -> ... -> CDU/CRAH bus -> rack (coolant);
//   - every cable vertex has exactly one data in-edge (from its lower end) and one data out-edge (to its
//     upper end), and every data edge has a cable at one end, so no two endpoints are joined directly.
//
// Cable granularity: one `cable` vertex is a *bundle*, the `links` parallel cables between the same two
// endpoints (a NIC port's cable is a bundle of 1; a leaf's 2 cables to one spine are a bundle of 2), with the
// `optics` transceivers on them. Links of a bundle share both ends, so they are indistinguishable for
// connectivity, and what one of them carries is a count (links, gbps). A vertex per link or per transceiver
// would grow the graph for no query that a count cannot answer: the 100k-GPU reference
// (scenarios/ref/site-100k-gb200.yaml) has 274,080 bundles for 382,816 links and 765,632 optics. One failed
// link or optic of a bundle is a partial loss of that vertex (LinkLoss in impact.hpp), not a vertex of its
// own.
//
// Both data edges of a bundle carry its `links` and `gbps`, so a switch's edges still show the ports it uses
// and their line rate towards each neighbour. Only the lower edge (endpoint -> cable) carries the bundle's
// `optics` and `latency_us`, so summing either over the data edges of a path or of the graph counts each
// cable once.
//
// Memory: vecS/vecS bidirectional adjacency list; ~12 B per vertex property, 16 B per edge property plus
// Boost's per-edge list node and two adjacency entries (~80 B per edge in all). A bundle costs one vertex
// (~100 B with its two one-entry adjacency vectors) and two edges; at 100k GPUs the cables take the graph
// from ~235k vertices and ~550k edges to ~555k and ~870k (tests/bench/bench_topology.cpp).
#include <cstdint>

#include <boost/graph/adjacency_list.hpp>

namespace aidc::topo {

enum class VertexKind : uint8_t {
  gpu,
  node,
  nic,
  rack,
  leaf,
  spine,
  core,
  storage_node,
  storage_leaf,
  storage_spine,
  storage_core,
  cable,  // a bundle of parallel cables with their transceivers; `layer` holds its CableTier
  utility_feed,
  transformer,
  generator,
  ups,
  pdu,
  cooling_tower,
  dry_cooler,
  chiller,
  cdu,
  crah,
  bus,  // output bus / header of one (layer, group, side); `layer` says which layer
};
inline constexpr int kVertexKindCount = 23;

const char* to_string(VertexKind k);

// Where a cable bundle runs. Compute fabric first, then the storage network (the order of cable vertices).
enum class CableTier : uint8_t {
  host_leaf,           // NIC port -> leaf (one cable per port)
  leaf_spine,          // leaf -> spine
  spine_core,          // spine -> core (3 tiers)
  storage_host_leaf,   // compute node front-end ports / storage node ports -> storage leaf
  storage_leaf_spine,  // storage leaf -> storage spine
  storage_spine_core,  // storage spine -> storage core (3 tiers)
};
inline constexpr int kCableTierCount = 6;

const char* to_string(CableTier t);

enum class EdgeKind : uint8_t {
  contains,  // rack -> node, node -> gpu
  pcie,      // gpu -> nic
  data,      // endpoint -> cable -> endpoint: nic/leaf/spine -> cable -> leaf/spine/core, storage network
  power,     // power unit -> bus -> next layer's units ... -> rack
  coolant,   // cooling unit -> header -> next layer's units ... -> rack
};

struct VertexProps {
  VertexKind kind = VertexKind::gpu;
  uint8_t plane = 0;   // fabric plane (switches, NICs, compute-fabric cables)
  uint8_t side = 0;    // power side A = 0, B = 1 (power units and buses)
  uint8_t layer = 0;   // LayerId for power/cooling units and buses; CableTier for cables
  uint32_t index = 0;  // index within its kind
  uint32_t group = 0;  // equipment group (power/cooling), pod (spine/core: core group)
};

struct EdgeProps {
  EdgeKind kind = EdgeKind::contains;
  uint16_t links = 1;       // parallel physical links of the cable bundle this edge attaches
  uint16_t optics = 0;      // transceivers of that bundle (lower edge only, see above)
  float gbps = 0.0f;        // total line rate of those links (data edges)
  float latency_us = 0.0f;  // one-way propagation latency of the cable (lower data edge only)
};

using SiteGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexProps, EdgeProps>;
using VertexId = boost::graph_traits<SiteGraph>::vertex_descriptor;

}  // namespace aidc::topo
