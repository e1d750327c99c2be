#include "tools/schema/site_loader.hpp"

#include <cctype>
#include <sstream>

#include "topology/site.hpp"
#include "topology/topology_error.hpp"

namespace aidc::tools {
namespace {

using topo::GroupScope;
using topo::Redundancy;
using topo::RedundancyKind;
using topo::UnitLayer;

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int64_t to_int(const std::string& s) {
  return static_cast<int64_t>(std::stoll(s));
}

// "N", "N+X", "2N", "2(N+X)", "K-to-make-M" (spaces ignored, case-insensitive N).
Redundancy parse_redundancy(const YamlNode& layer, std::string_view key) {
  const std::string raw = layer.get<std::string>(key);
  std::string s;
  for (char c : raw)
    if (!std::isspace(static_cast<unsigned char>(c))) s += static_cast<char>(c == 'n' ? 'N' : c);
  Redundancy r;
  auto bad = [&](const std::string& why) {
    layer.fail_at(key, "redundancy '" + raw + "' " + why + " (allowed: N, N+X, 2N, 2(N+X), K-to-make-M)");
  };
  if (s == "N") return r;
  if (s == "2N") {
    r.kind = RedundancyKind::two_n;
    return r;
  }
  if (s.rfind("N+", 0) == 0) {
    const std::string x = s.substr(2);
    if (!all_digits(x) || x.size() > 6 || to_int(x) < 1) bad("needs a whole number X >= 1 of spares");
    r.kind = RedundancyKind::n_plus_x;
    r.x = to_int(x);
    return r;
  }
  if (s.rfind("2(N+", 0) == 0 && s.back() == ')') {
    const std::string x = s.substr(4, s.size() - 5);
    if (!all_digits(x) || x.size() > 6 || to_int(x) < 1) bad("needs a whole number X >= 1 of spares");
    r.kind = RedundancyKind::two_n_plus_x;
    r.x = to_int(x);
    return r;
  }
  const auto pos = s.find("-to-make-");
  if (pos != std::string::npos) {
    const std::string k = s.substr(0, pos);
    const std::string m = s.substr(pos + 9);
    if (!all_digits(k) || !all_digits(m) || k.size() > 6 || m.size() > 6) bad("needs whole numbers K and M");
    r.kind = RedundancyKind::distributed;
    r.of = to_int(k);
    r.make = to_int(m);
    if (r.make < 1 || r.of <= r.make) bad("needs K > M >= 1");
    r.x = r.of - r.make;
    return r;
  }
  bad("is not understood");
  return r;
}

UnitLayer load_layer(const YamlNode& n, GroupScope default_scope) {
  UnitLayer u;
  u.units = n.get_count0_or("units", 0);
  u.unit_kw = n.get_positive("unit_kw");
  u.redundancy = n.has("redundancy") ? parse_redundancy(n, "redundancy") : Redundancy{};
  u.scope = default_scope;
  if (n.has("per") && n.has("groups")) n.fail_at("groups", "give either per or groups, not both");
  const std::string per = n.get_enum_or("per", {"site", "row", "rack"}, "");
  if (per == "site") u.scope = GroupScope::site;
  if (per == "row") u.scope = GroupScope::row;
  if (per == "rack") u.scope = GroupScope::rack;
  if (n.has("groups")) {
    u.scope = GroupScope::count;
    u.groups = n.get_count("groups");
  }
  // Counts the loader can check without knowing the rack count (site-wide or a fixed number of groups).
  if (u.units > 0 && (u.scope == GroupScope::site || u.scope == GroupScope::count)) {
    const int64_t groups = u.scope == GroupScope::site ? 1 : u.groups;
    // Checked before groups * sides, which overflows int64 for a huge group count.
    if (groups > u.units) {
      n.fail_at("groups",
                std::to_string(groups) + " groups need at least as many units, got " + std::to_string(u.units));
    }
    const int64_t buses = groups * u.redundancy.sides();
    if (u.units % buses != 0) {
      n.fail_at("units", std::to_string(u.units) + " units cannot be split evenly into " + std::to_string(groups) +
                             " group(s) x " + std::to_string(u.redundancy.sides()) + " side(s)");
    }
    const int64_t per_side = u.units / buses;
    if (u.redundancy.kind == RedundancyKind::distributed && per_side != u.redundancy.of) {
      n.fail_at("units", topo::to_string(u.redundancy) + " needs exactly " + std::to_string(u.redundancy.of) +
                             " units per group, got " + std::to_string(per_side));
    }
    if (per_side <= u.redundancy.x) {
      n.fail_at("units", "redundancy " + topo::to_string(u.redundancy) + " needs more than " +
                             std::to_string(u.redundancy.x) + " unit(s) per group and side, got " +
                             std::to_string(per_side));
    }
  }
  n.done();
  return u;
}

std::optional<UnitLayer> optional_layer(const YamlNode& parent, std::string_view key, GroupScope scope) {
  if (auto c = parent.optional_child(key)) return load_layer(*c, scope);
  return std::nullopt;
}

topo::ComputeSpec load_compute(const YamlNode& n) {
  topo::ComputeSpec c;
  c.gpus = n.get_count("gpus");
  c.gpus_per_node = n.get_count_or("gpus_per_node", c.gpus_per_node);
  c.nvlink_domain_gpus = n.get_count_or("nvlink_domain_gpus", c.gpus_per_node);
  c.nodes_per_rack = n.get_count_or("nodes_per_rack", c.nodes_per_rack);
  c.racks_per_row = n.get_count_or("racks_per_row", c.racks_per_row);
  if (n.has("node_power_w")) c.node_power_w = n.get_positive("node_power_w");
  c.rack_overhead_w = n.get_nonnegative_or("rack_overhead_w", c.rack_overhead_w);
  n.done();
  return c;
}

topo::NetworkSpec load_network(const YamlNode& n, int64_t gpus_per_node) {
  topo::NetworkSpec net;
  topo::FabricSpec& f = net.fabric;
  const YamlNode fab = n.child("fabric");
  f.kind = fab.get_enum_or("kind", {"rail_optimized", "fat_tree"}, "rail_optimized") == "fat_tree"
               ? topo::FabricKind::fat_tree
               : topo::FabricKind::rail_optimized;
  f.tiers = static_cast<int64_t>(fab.get_in_range_or("tiers", 2, 3, 2));
  if (fab.has("tiers") && fab.get<int64_t>("tiers") != f.tiers) fab.fail_at("tiers", "must be 2 or 3");
  f.switch_radix = fab.get_count("switch_radix");
  if (f.switch_radix < 4) fab.fail_at("switch_radix", "must be >= 4 ports, got " + std::to_string(f.switch_radix));
  f.port_gbps = fab.get_positive("port_gbps");
  if (auto o = fab.optional_child("oversubscription")) {
    f.leaf_oversubscription = o->get_in_range_or("leaf", 1.0, 1e6, 1.0);
    f.spine_oversubscription = o->get_in_range_or("spine", 1.0, 1e6, 1.0);
    o->done();
  }
  f.planes = fab.get_count_or("planes", f.planes);
  f.nics_per_node = fab.get_count_or("nics_per_node", gpus_per_node);
  f.dual_tor = fab.get_or<bool>("dual_tor", false);
  f.switch_power_w = fab.get_nonnegative_or("switch_power_w", f.switch_power_w);
  f.switches_per_rack = fab.get_count_or("switches_per_rack", f.switches_per_rack);
  fab.done();
  if (auto l = n.optional_child("latency")) {
    f.nic_latency_us = l->get_nonnegative_or("nic_us", f.nic_latency_us);
    f.switch_latency_us = l->get_nonnegative_or("switch_us", f.switch_latency_us);
    f.cable_ns_per_m = l->get_nonnegative_or("cable_ns_per_m", f.cable_ns_per_m);
    if (auto m = l->optional_child("cable_m")) {
      f.host_leaf_cable_m = m->get_nonnegative_or("host_leaf", f.host_leaf_cable_m);
      f.leaf_spine_cable_m = m->get_nonnegative_or("leaf_spine", f.leaf_spine_cable_m);
      f.spine_core_cable_m = m->get_nonnegative_or("spine_core", f.spine_core_cable_m);
      m->done();
    }
    l->done();
  }
  if (auto o = n.optional_child("optics_per_link")) {
    f.host_leaf_optics_per_link = o->get_count0_or("host_leaf", f.host_leaf_optics_per_link);
    f.leaf_spine_optics_per_link = o->get_count0_or("leaf_spine", f.leaf_spine_optics_per_link);
    f.spine_core_optics_per_link = o->get_count0_or("spine_core", f.spine_core_optics_per_link);
    for (const char* k : {"host_leaf", "leaf_spine", "spine_core"}) {
      if (o->has(k) && o->get<int64_t>(k) > 2) o->fail_at(k, "at most 2 transceivers per link (one per end)");
    }
    o->done();
  }
  if (auto s = n.optional_child("storage_network")) {
    topo::StorageNetworkSpec sn;
    sn.port_gbps = s->get_positive_or("port_gbps", sn.port_gbps);
    sn.nics_per_node = s->get_count_or("nics_per_node", sn.nics_per_node);
    sn.switch_radix = s->get_count_or("switch_radix", sn.switch_radix);
    if (sn.switch_radix < 4) s->fail_at("switch_radix", "must be >= 4 ports");
    sn.oversubscription = s->get_in_range_or("oversubscription", 1.0, 1e6, sn.oversubscription);
    sn.tiers = static_cast<int64_t>(s->get_in_range_or("tiers", 2, 3, 2));
    if (s->has("tiers") && s->get<int64_t>("tiers") != sn.tiers) s->fail_at("tiers", "must be 2 or 3");
    sn.switch_power_w = s->get_nonnegative_or("switch_power_w", sn.switch_power_w);
    s->done();
    net.storage_network = sn;
  }
  n.done();
  return net;
}

topo::StorageSpec load_storage(const YamlNode& n) {
  topo::StorageSpec s;
  s.nodes = n.get_count("nodes");
  s.capacity_tb_per_node = n.get_positive("capacity_tb_per_node");
  s.iops_per_node = n.get_positive("iops_per_node");
  s.read_gb_per_s_per_node = n.get_positive("read_gb_per_s_per_node");
  s.write_gb_per_s_per_node = n.get_positive("write_gb_per_s_per_node");
  const YamlNode p = n.child("protection");
  const std::string kind = p.get_enum("kind", {"replication", "erasure"});
  if (kind == "replication") {
    s.protection = topo::ProtectionKind::replication;
    s.copies = p.get_count("copies");
  } else {
    s.protection = topo::ProtectionKind::erasure;
    s.ec_k = p.get_count("k");
    s.ec_m = p.get_count("m");
  }
  p.done();
  s.ports_per_node = n.get_count_or("ports_per_node", s.ports_per_node);
  s.node_power_w = n.get_positive_or("node_power_w", s.node_power_w);
  s.nodes_per_rack = n.get_count_or("nodes_per_rack", s.nodes_per_rack);
  n.done();
  return s;
}

topo::PowerSpec load_power(const YamlNode& n) {
  topo::PowerSpec p;
  p.facility_load_fraction = n.get_in_range_or("facility_load_fraction", 0.0, 10.0, p.facility_load_fraction);
  p.utility_feeds = load_layer(n.child("utility_feeds"), GroupScope::site);
  p.transformers = load_layer(n.child("transformers"), GroupScope::site);
  p.generators = optional_layer(n, "generators", GroupScope::site);
  p.ups = load_layer(n.child("ups"), GroupScope::site);
  p.pdus = load_layer(n.child("pdus"), GroupScope::rack);
  if (p.utility_feeds.redundancy.kind == RedundancyKind::distributed) {
    n.child("utility_feeds").fail_at("redundancy", "utility feeds are N, N+X, 2N or 2(N+X)");
  }
  n.done();
  return p;
}

topo::CoolingSpec load_cooling(const YamlNode& n) {
  topo::CoolingSpec c;
  const std::string kind = n.get_enum("kind", {"air", "cold_plate", "immersion"});
  // Defaults documented in topology/site_spec.hpp (CoolingSpec::liquid_fraction).
  double default_fraction = 0.0;
  if (kind == "cold_plate") {
    c.kind = topo::CoolingKind::cold_plate;
    default_fraction = 0.8;
  } else if (kind == "immersion") {
    c.kind = topo::CoolingKind::immersion;
    default_fraction = 1.0;
  }
  c.liquid_fraction = n.get_in_range_or("liquid_fraction", 0.0, 1.0, default_fraction);
  if (c.kind == topo::CoolingKind::air && c.liquid_fraction > 0.0) {
    n.fail_at("liquid_fraction", "must be 0 for kind: air (use cold_plate or immersion)");
  }
  if (c.kind != topo::CoolingKind::air && c.liquid_fraction <= 0.0) {
    n.fail_at("liquid_fraction", "must be > 0 for kind: " + kind);
  }
  c.cdus = optional_layer(n, "cdus", GroupScope::row);
  c.crahs = optional_layer(n, "crahs", GroupScope::row);
  c.chillers = optional_layer(n, "chillers", GroupScope::site);
  c.cooling_towers = optional_layer(n, "cooling_towers", GroupScope::site);
  c.dry_coolers = optional_layer(n, "dry_coolers", GroupScope::site);
  c.liquid_through_chillers = n.get_or<bool>("liquid_through_chillers", true);
  if (c.liquid_fraction > 0.0 && !c.cdus) n.fail_at("cdus", "required: liquid_fraction > 0 sends heat to CDUs");
  if (c.liquid_fraction <= 0.0 && c.cdus)
    n.fail_at("cdus", "CDUs given but no heat goes to liquid (liquid_fraction 0)");
  if (!c.cooling_towers && !c.dry_coolers) n.fail("needs cooling_towers or dry_coolers to reject the heat");
  for (const auto& layer : {c.cdus, c.crahs, c.chillers, c.cooling_towers, c.dry_coolers}) {
    if (layer && layer->redundancy.sides() == 2) {
      n.fail("cooling layers take N, N+X or K-to-make-M redundancy; write 2N as N+N (e.g. N+2 for 2 + 2 units)");
    }
  }
  n.done();
  return c;
}

}  // namespace

[[noreturn]] void rethrow_at(const YamlNode& scenario_root, const topo::TopologyError& e) {
  // Walk the field path as far as the YAML has it; report at the deepest key present.
  std::vector<std::string> parts;
  std::stringstream ss(e.path());
  for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
  YamlNode node = scenario_root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!node.is_map() || !node.has(parts[i])) {
      node.fail_at(parts[i], e.message());
    }
    node = node.child(parts[i]);
  }
  if (parts.empty()) scenario_root.fail(e.message());
  node.fail_at(parts.back(), e.message());
}

topo::SiteSpec load_site_spec(const YamlNode& root) {
  topo::SiteSpec spec;
  spec.compute = load_compute(root.child("compute"));
  spec.network = load_network(root.child("network"), spec.compute.gpus_per_node);
  if (auto s = root.optional_child("storage")) spec.storage = load_storage(*s);
  spec.power = load_power(root.child("power"));
  spec.cooling = load_cooling(root.child("cooling"));
  try {
    topo::validate_site(spec);
  } catch (const topo::TopologyError& e) {
    rethrow_at(root, e);
  }
  return spec;
}

}  // namespace aidc::tools
