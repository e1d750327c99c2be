#include "models/reliability/reliability_from_site.hpp"

#include <algorithm>
#include <utility>

namespace aidc::models {

ReliabilityInputs reliability_from_site(const topo::Site& site, const FailureTable& table, const JobSpec& job,
                                        const SiteReliabilityOptions& options) {
  ReliabilityInputs in;
  in.table = table;
  in.job = job;
  in.site.nodes = site.nodes();
  in.site.gpus_per_node = static_cast<int>(site.gpus_per_node());
  in.site.nics_per_node = static_cast<int>(site.spec().network.fabric.nics_per_node);
  const auto sw = site.switches_by_tier();
  in.site.spine_switches = sw.spine;
  in.site.core_switches = sw.core;
  auto add = [&](const char* cls, int64_t groups, int64_t units, int64_t required, GroupAction action,
                 GroupServes serves) {
    if (table.find(cls) < 0 || groups < 1 || units < 1) return;
    RedundancyGroupSpec g;
    g.name = cls;
    g.class_name = cls;
    g.groups = groups;
    g.units = static_cast<int>(units);
    g.required = static_cast<int>(std::clamp<int64_t>(required, 1, units));
    g.action = action;
    g.serves = serves;
    g.thermal_ride_through_min = options.thermal_ride_through_min;
    g.thermal_action = options.thermal_action;
    g.throttle_speed_fraction = options.throttle_speed_fraction;
    in.groups.push_back(std::move(g));
  };
  if (site.spec().network.fabric.dual_tor) {
    add("leaf_switch", sw.leaf / 2, 2, 1, GroupAction::immediate, GroupServes::nodes);
  } else {
    add("leaf_switch", sw.leaf, 1, 1, GroupAction::immediate, GroupServes::nodes);
  }
  if (const auto& st = site.spec().storage; st && st->nodes > 0) {
    const int64_t tolerated = st->protection == topo::ProtectionKind::erasure ? st->ec_m : st->copies - 1;
    add("storage_server", 1, st->nodes, st->nodes - tolerated, GroupAction::immediate, GroupServes::storage);
  }
  const std::pair<topo::LayerId, const char*> layers[] = {{topo::LayerId::transformers, "transformer"},
                                                          {topo::LayerId::generators, "generator"},
                                                          {topo::LayerId::ups, "ups_module"},
                                                          {topo::LayerId::pdus, "pdu"},
                                                          {topo::LayerId::cooling_towers, "cooling_tower"},
                                                          {topo::LayerId::dry_coolers, "cooling_tower"},
                                                          {topo::LayerId::chillers, "chiller"},
                                                          {topo::LayerId::cdus, "cdu"},
                                                          {topo::LayerId::crahs, "crah"}};
  for (const auto& [id, cls] : layers) {
    const auto& l = site.layer(id);
    if (!l.present) continue;
    const auto chain = topo::chain_of(id);
    const GroupAction action = id == topo::LayerId::generators ? GroupAction::standby_generator
                               : chain == topo::Chain::cooling ? GroupAction::thermal
                                                               : GroupAction::immediate;
    add(cls, l.groups, l.sides * l.units_per_side, l.units_per_side - l.spares(), action, GroupServes::nodes);
  }
  return in;
}

}  // namespace aidc::models
