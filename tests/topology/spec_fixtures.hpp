#pragma once
// Small SiteSpecs for the topology tests. Every number the tests check is derived by hand in the test from
// the values set here.
#include "topology/site_spec.hpp"

namespace aidc::topo::test {

inline UnitLayer layer(double unit_kw, RedundancyKind kind, int64_t x = 0, int64_t units = 0,
                       GroupScope scope = GroupScope::site) {
  UnitLayer u;
  u.unit_kw = unit_kw;
  u.redundancy.kind = kind;
  u.redundancy.x = x;
  u.units = units;
  u.scope = scope;
  return u;
}

// `gpus` H100-like GPUs, 8 per node, 4 nodes (40 kW) per rack, a rail-optimized 2-tier fabric of 64-port
// 400G switches at 1:1, no storage, and power/cooling layers large enough to carry any site of <= 16 MW.
// Node power 10 kW, switch power 1 kW, so rack loads are round numbers.
inline SiteSpec small_site(int64_t gpus) {
  SiteSpec s;
  s.compute.gpus = gpus;
  s.compute.gpus_per_node = 8;
  s.compute.nvlink_domain_gpus = 8;
  s.compute.nodes_per_rack = 4;
  s.compute.racks_per_row = 16;
  s.compute.node_power_w = 10000.0;
  s.network.fabric.kind = FabricKind::rail_optimized;
  s.network.fabric.tiers = 2;
  s.network.fabric.switch_radix = 64;
  s.network.fabric.port_gbps = 400.0;
  s.network.fabric.nics_per_node = 8;
  s.network.fabric.switch_power_w = 1000.0;
  s.network.fabric.switches_per_rack = 16;
  s.power.facility_load_fraction = 0.0;
  s.power.utility_feeds = layer(20000.0, RedundancyKind::n);
  s.power.transformers = layer(20000.0, RedundancyKind::n);
  s.power.ups = layer(20000.0, RedundancyKind::n);
  s.power.pdus = layer(100.0, RedundancyKind::n, 0, 0, GroupScope::rack);
  s.cooling.kind = CoolingKind::air;
  s.cooling.liquid_fraction = 0.0;
  s.cooling.crahs = layer(20000.0, RedundancyKind::n);
  s.cooling.cooling_towers = layer(20000.0, RedundancyKind::n);
  return s;
}

}  // namespace aidc::topo::test
