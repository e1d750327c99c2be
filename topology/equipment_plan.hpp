#pragma once
// EquipmentPlan: one power or cooling layer (utility feeds, transformers, generators, UPS modules, PDUs,
// CDUs, CRAHs, chillers, cooling towers, dry coolers) resolved into groups, sides and units, with the load
// each group carries and its capacity checks.
//
//   racks:   r0 r1 r2 r3 | r4 r5 r6 r7 | ...        a group serves a contiguous block of racks
//   group:   [    g0    ] [    g1    ]               (site: one group; row: one per row; rack: one per rack;
//   side A:  u u u (+bus)  u u u (+bus)               count: `groups` balanced blocks)
//   side B:  u u u (+bus)  u u u (+bus)              2N / 2(N+X): two sides, each sized for the full load
//
// A group side is up while its bus is up and its surviving units' capacity covers the group load
// (all units of a layer have the same capacity, so "remove the X largest" is "remove any X").
// Capacity checks at build time, per group and side:
//   units x unit_kw < load                    -> TopologyError (the layer cannot carry its load at all)
//   (units - spares) x unit_kw < load         -> warning (the redundancy the scenario asks for is not met)
// Complexity: O(racks) to build, O(1) per status query.
#include <cstdint>
#include <string>
#include <vector>

#include "topology/site_spec.hpp"

namespace aidc::topo {

enum class Chain : uint8_t { power, cooling };

// Layers in chain order, upstream first. Values index arrays; keep kLayerCount in step.
enum class LayerId : uint8_t {
  utility_feeds,
  transformers,
  generators,
  ups,
  pdus,
  cooling_towers,
  dry_coolers,
  chillers,
  cdus,
  crahs,
};
inline constexpr int kLayerCount = 10;

const char* layer_name(LayerId id);  // YAML key, e.g. "ups"
std::string layer_path(LayerId id);  // scenario field path, e.g. "power.ups"
Chain chain_of(LayerId id);
// The scenario's settings of a layer; nullptr for an optional layer the site does not have.
UnitLayer* layer_of(SiteSpec& spec, LayerId id);

struct LayerPlan {
  LayerId id = LayerId::utility_feeds;
  bool present = false;
  bool auto_sized = false;
  double unit_kw = 0.0;
  Redundancy redundancy;
  int64_t groups = 0;
  int64_t sides = 1;
  int64_t units_per_side = 0;             // per group and side
  int64_t served_racks = 0;               // the layer serves racks [0, served_racks)
  std::vector<int32_t> rack_group;        // group of each served rack
  std::vector<int64_t> group_first_rack;  // groups + 1 entries; group g serves [first[g], first[g+1])
  std::vector<double> group_load_kw;      // load each side of a group must carry alone

  int64_t units() const { return groups * sides * units_per_side; }
  int64_t buses() const { return groups * sides; }
  int64_t spares() const;  // units per side that may fail while the side still carries its load
  // Unit index within the layer of unit i of (group g, side s).
  int64_t unit_index(int64_t g, int64_t s, int64_t i) const { return (g * sides + s) * units_per_side + i; }
  int64_t bus_index(int64_t g, int64_t s) const { return g * sides + s; }
  // True when `alive` units of one side of group g carry the group load.
  bool carries(int64_t g, int64_t alive) const {
    return static_cast<double>(alive) * unit_kw >= group_load_kw[static_cast<size_t>(g)] * (1.0 - 1e-12);
  }
};

// Resolves one layer. `rack_load_kw[r]` is the load rack r puts on this layer (its size is served_racks).
// `racks_per_row` defines rows for GroupScope::row. Throws TopologyError (path = layer_path(id)) when the
// spec is inconsistent or the layer cannot carry its load; appends redundancy shortfalls to `warnings`.
LayerPlan plan_layer(LayerId id, const UnitLayer& spec, const std::vector<double>& rack_load_kw, int64_t racks_per_row,
                     std::vector<std::string>& warnings);

}  // namespace aidc::topo
