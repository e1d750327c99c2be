#include "topology/equipment_plan.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "topology/topology_error.hpp"

namespace aidc::topo {
namespace {

std::string kw(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v << " kW";
  return s.str();
}

std::string group_text(const LayerPlan& p, int64_t g) {
  const auto gi = static_cast<size_t>(g);
  return "group " + std::to_string(g) + " (racks " + std::to_string(p.group_first_rack[gi]) + "-" +
         std::to_string(p.group_first_rack[gi + 1] - 1) + ")";
}

}  // namespace

const char* layer_name(LayerId id) {
  switch (id) {
    case LayerId::utility_feeds:
      return "utility_feeds";
    case LayerId::transformers:
      return "transformers";
    case LayerId::generators:
      return "generators";
    case LayerId::ups:
      return "ups";
    case LayerId::pdus:
      return "pdus";
    case LayerId::cooling_towers:
      return "cooling_towers";
    case LayerId::dry_coolers:
      return "dry_coolers";
    case LayerId::chillers:
      return "chillers";
    case LayerId::cdus:
      return "cdus";
    case LayerId::crahs:
      return "crahs";
  }
  return "?";
}

Chain chain_of(LayerId id) {
  return static_cast<int>(id) <= static_cast<int>(LayerId::pdus) ? Chain::power : Chain::cooling;
}

std::string layer_path(LayerId id) {
  return std::string(chain_of(id) == Chain::power ? "power." : "cooling.") + layer_name(id);
}

int64_t LayerPlan::spares() const {
  return redundancy.kind == RedundancyKind::distributed ? redundancy.of - redundancy.make : redundancy.x;
}

LayerPlan plan_layer(LayerId id, const UnitLayer& spec, const std::vector<double>& rack_load_kw, int64_t racks_per_row,
                     std::vector<std::string>& warnings) {
  const std::string path = layer_path(id);
  LayerPlan p;
  p.id = id;
  p.present = true;
  p.unit_kw = spec.unit_kw;
  p.redundancy = spec.redundancy;
  p.sides = spec.redundancy.sides();
  p.served_racks = static_cast<int64_t>(rack_load_kw.size());
  if (!(spec.unit_kw > 0)) throw TopologyError(path + ".unit_kw", "must be > 0");
  if (p.served_racks < 1) throw TopologyError(path, "serves no rack");
  const int64_t racks = p.served_racks;

  switch (spec.scope) {
    case GroupScope::site:
      p.groups = 1;
      break;
    case GroupScope::row:
      if (racks_per_row < 1) throw TopologyError("compute.racks_per_row", "must be >= 1");
      p.groups = (racks + racks_per_row - 1) / racks_per_row;
      break;
    case GroupScope::rack:
      p.groups = racks;
      break;
    case GroupScope::count:
      if (spec.groups < 1) throw TopologyError(path + ".groups", "must be >= 1");
      if (spec.groups > racks) {
        throw TopologyError(path + ".groups",
                            std::to_string(spec.groups) + " groups for only " + std::to_string(racks) + " racks");
      }
      p.groups = spec.groups;
      break;
  }
  p.group_first_rack.resize(static_cast<size_t>(p.groups) + 1);
  for (int64_t g = 0; g <= p.groups; ++g) {
    int64_t first = 0;
    if (spec.scope == GroupScope::row) {
      first = std::min(g * racks_per_row, racks);
    } else {
      first = g * racks / p.groups;  // balanced contiguous blocks (site, rack and count)
    }
    p.group_first_rack[static_cast<size_t>(g)] = first;
  }
  p.rack_group.resize(static_cast<size_t>(racks));
  p.group_load_kw.assign(static_cast<size_t>(p.groups), 0.0);
  for (int64_t g = 0; g < p.groups; ++g) {
    for (int64_t r = p.group_first_rack[static_cast<size_t>(g)]; r < p.group_first_rack[static_cast<size_t>(g) + 1];
         ++r) {
      p.rack_group[static_cast<size_t>(r)] = static_cast<int32_t>(g);
      p.group_load_kw[static_cast<size_t>(g)] += rack_load_kw[static_cast<size_t>(r)];
    }
  }
  const double max_load = *std::max_element(p.group_load_kw.begin(), p.group_load_kw.end());

  const Redundancy& red = spec.redundancy;
  const int64_t spares = p.spares();
  if (spec.units == 0) {
    p.auto_sized = true;
    const auto n = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(max_load / spec.unit_kw - 1e-9)));
    p.units_per_side = red.kind == RedundancyKind::distributed ? red.of : n + spares;
    if (red.kind == RedundancyKind::distributed && static_cast<double>(red.make) * spec.unit_kw < max_load) {
      throw TopologyError(path + ".unit_kw", "distributed-redundant " + to_string(red) + ": " +
                                                 std::to_string(red.make) + " x " + kw(spec.unit_kw) +
                                                 " cannot carry the largest group load " + kw(max_load));
    }
  } else {
    if (spec.units % p.buses() != 0) {
      throw TopologyError(path + ".units", std::to_string(spec.units) + " units cannot be split evenly into " +
                                               std::to_string(p.groups) + " group(s) x " + std::to_string(p.sides) +
                                               " side(s)");
    }
    p.units_per_side = spec.units / p.buses();
    if (red.kind == RedundancyKind::distributed && p.units_per_side != red.of) {
      throw TopologyError(path + ".units", to_string(red) + " needs exactly " + std::to_string(red.of) +
                                               " units per group, got " + std::to_string(p.units_per_side));
    }
    if (p.units_per_side <= spares) {
      throw TopologyError(path + ".units", "redundancy " + to_string(red) + " needs more than " +
                                               std::to_string(spares) + " unit(s) per group and side, got " +
                                               std::to_string(p.units_per_side));
    }
  }

  int64_t short_groups = 0;
  int64_t first_short = -1;
  for (int64_t g = 0; g < p.groups; ++g) {
    const double load = p.group_load_kw[static_cast<size_t>(g)];
    if (!p.carries(g, p.units_per_side)) {
      throw TopologyError(path, group_text(p, g) + (p.sides == 2 ? ", each side" : "") + ": " +
                                    std::to_string(p.units_per_side) + " x " + kw(spec.unit_kw) +
                                    " cannot carry the load of " + kw(load) + " even with every unit working");
    }
    if (!p.carries(g, p.units_per_side - spares)) {
      if (short_groups++ == 0) first_short = g;
    }
  }
  if (short_groups > 0) {
    const double load = p.group_load_kw[static_cast<size_t>(first_short)];
    warnings.push_back(path + ": redundancy " + to_string(red) + " not met in " + std::to_string(short_groups) +
                       " of " + std::to_string(p.groups) + " group(s), e.g. " + group_text(p, first_short) +
                       ": with the " + std::to_string(spares) + " largest unit(s) out, " +
                       std::to_string(p.units_per_side - spares) + " x " + kw(spec.unit_kw) + " < load " + kw(load));
  }
  return p;
}

UnitLayer* layer_of(SiteSpec& s, LayerId id) {
  auto opt = [](std::optional<UnitLayer>& l) { return l ? &*l : nullptr; };
  switch (id) {
    case LayerId::utility_feeds:
      return &s.power.utility_feeds;
    case LayerId::transformers:
      return &s.power.transformers;
    case LayerId::generators:
      return opt(s.power.generators);
    case LayerId::ups:
      return &s.power.ups;
    case LayerId::pdus:
      return &s.power.pdus;
    case LayerId::cooling_towers:
      return opt(s.cooling.cooling_towers);
    case LayerId::dry_coolers:
      return opt(s.cooling.dry_coolers);
    case LayerId::chillers:
      return opt(s.cooling.chillers);
    case LayerId::cdus:
      return opt(s.cooling.cdus);
    case LayerId::crahs:
      return opt(s.cooling.crahs);
  }
  return nullptr;
}

}  // namespace aidc::topo
