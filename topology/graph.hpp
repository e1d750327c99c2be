#pragma once
// SiteGraph: the one Boost.Graph that holds a whole site. Every GPU, node (server), NIC, rack, switch,
// storage node, power unit, cooling unit and bus (switchgear, UPS output bus, PDU whip, coolant header) is a
// vertex; edges are data links (bandwidth, latency, optics), containment, power feeds and coolant loops.
//
// Layout invariants (what makes lookups O(1)):
//   - vertices of one VertexKind are contiguous and numbered in `index` order, so
//     vertex(kind, i) = first[kind] + i (see Site::vertex);
//   - edges point from supplier/lower tier to consumer/upper tier: rack -> node -> gpu (containment),
//     gpu -> nic -> leaf -> spine -> core (data), feed -> ... -> pdu bus -> rack (power),
//     tower -> ... -> CDU/CRAH bus -> rack (coolant). Parallel links between two switches are one edge
//     whose `links` counts them.
// Memory: vecS/vecS bidirectional adjacency list; ~16 B per vertex property, 16 B per edge property plus
// Boost's per-edge list node and two adjacency entries (~80 B per edge in all).
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
inline constexpr int kVertexKindCount = 22;

const char* to_string(VertexKind k);

enum class EdgeKind : uint8_t {
  contains,  // rack -> node, node -> gpu
  pcie,      // gpu -> nic
  data,      // nic -> leaf, leaf -> spine, spine -> core, storage network
  power,     // power unit -> bus -> next layer's units ... -> rack
  coolant,   // cooling unit -> header -> next layer's units ... -> rack
};

struct VertexProps {
  VertexKind kind = VertexKind::gpu;
  uint8_t plane = 0;   // fabric plane (switches, NICs)
  uint8_t side = 0;    // power side A = 0, B = 1 (power units and buses)
  uint8_t layer = 0;   // LayerId for power/cooling units and buses
  uint32_t index = 0;  // index within its kind
  uint32_t group = 0;  // equipment group (power/cooling), pod (spine/core: core group)
};

struct EdgeProps {
  EdgeKind kind = EdgeKind::contains;
  uint16_t links = 1;       // parallel physical links this edge stands for
  uint16_t optics = 0;      // transceivers on those links
  float gbps = 0.0f;        // total line rate of those links (data edges)
  float latency_us = 0.0f;  // one-way propagation latency of the cable (data edges)
};

using SiteGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexProps, EdgeProps>;
using VertexId = boost::graph_traits<SiteGraph>::vertex_descriptor;

}  // namespace aidc::topo
