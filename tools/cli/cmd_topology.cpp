// `aidc topology SCENARIO [--json]`: builds the site graph of a scenario and prints its counts and the
// queries of topology/site.hpp (fabric sizes, bisection, latency, storage, power and cooling layers, the
// impact of single failures and a rack's minimal cut sets). Exit 2 on bad input (file:line:col: path).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "tools/cli/commands.hpp"
#include "tools/results/json.hpp"
#include "tools/schema/hardware_loader.hpp"
#include "tools/schema/scenario.hpp"
#include "tools/schema/site_loader.hpp"
#include "topology/site.hpp"

namespace aidc::cli {
namespace {

struct TopologyArgs {
  std::string scenario;
  bool json = false;
  int64_t rack = 0;
  // A round reference size; pass the real checkpoint size of a workload with --checkpoint-bytes.
  double checkpoint_bytes = 1e12;
};

using tools::Json;

Json tiers_json(const topo::SwitchCounts& s) {
  Json j = Json::object();
  j.set("leaf", s.leaf);
  j.set("spine", s.spine);
  j.set("core", s.core);
  return j;
}

Json layer_json(const topo::LayerPlan& p) {
  Json j = Json::object();
  j.set("units", p.units());
  j.set("unit_kw", p.unit_kw);
  j.set("redundancy", topo::to_string(p.redundancy));
  j.set("groups", p.groups);
  j.set("sides", p.sides);
  j.set("units_per_group_side", p.units_per_side);
  double max_load = 0.0;
  for (double v : p.group_load_kw) max_load = std::max(max_load, v);
  j.set("max_group_load_kw", max_load);
  j.set("auto_sized", p.auto_sized);
  return j;
}

Json chain_json(const topo::Site& site, topo::Chain chain) {
  Json j = Json::object();
  for (int l = 0; l < topo::kLayerCount; ++l) {
    const auto id = static_cast<topo::LayerId>(l);
    if (topo::chain_of(id) != chain) continue;
    const topo::LayerPlan& p = site.layer(id);
    j.set(topo::layer_name(id), p.present ? layer_json(p) : Json());
  }
  return j;
}

Json impact_json(const topo::Impact& im, const std::string& component) {
  Json j = Json::object();
  j.set("component", component);
  j.set("masked", im.masked());
  j.set("gpus_lost", im.any.count());
  j.set("gpus_lost_compute", im.compute.count());
  j.set("gpus_lost_network", im.network.count());
  j.set("gpus_lost_power", im.power.count());
  j.set("gpus_lost_cooling", im.cooling.count());
  j.set("cables_lost", im.cables_lost);
  j.set("links_lost", im.links_lost);
  double gbps = 0.0;
  for (const auto& c : im.cables) gbps += c.gbps_lost;
  j.set("cable_gbps_lost", gbps);
  return j;
}

Json impact_json(const topo::Site& site, topo::VertexId v) {
  return impact_json(site.impact(v), site.describe(v));
}

// Cable bundles of the compute fabric (tiers host_leaf, leaf_spine, spine_core) or of the storage network.
Json cables_json(const topo::Site& s, bool storage) {
  using topo::CableTier;
  const CableTier tiers[3] = {storage ? CableTier::storage_host_leaf : CableTier::host_leaf,
                              storage ? CableTier::storage_leaf_spine : CableTier::leaf_spine,
                              storage ? CableTier::storage_spine_core : CableTier::spine_core};
  const char* names[3] = {"host_leaf", "leaf_spine", "spine_core"};
  Json j = Json::object();
  for (int i = 0; i < 3; ++i) {
    const topo::CableCounts& c = s.cables(tiers[i]);
    Json t = Json::object();
    t.set("vertices", c.bundles);
    t.set("links", c.links);
    t.set("optics", c.optics);
    j.set(names[i], t);
  }
  return j;
}

Json cut_sets_json(const topo::Site& site, int64_t rack, topo::Chain chain) {
  const auto sets = site.rack_cut_sets(rack, chain, 2);
  Json j = Json::object();
  int64_t singles = 0;
  int64_t pairs = 0;
  Json examples = Json::array();
  for (const auto& cs : sets) {
    (cs.components.size() == 1 ? singles : pairs) += 1;
    // The first few sets, so that the output stays short on large sites.
    if (singles + pairs <= 8) {
      Json e = Json::array();
      for (auto v : cs.components) e.push(site.describe(v));
      examples.push(e);
    }
  }
  j.set("size_1", singles);
  j.set("size_2", pairs);
  j.set("examples", examples);
  return j;
}

Json site_json(const topo::Site& s, const TopologyArgs& a) {
  Json j = Json::object();
  j.set("scenario", a.scenario);
  j.set("gpus", s.gpus());
  j.set("nodes", s.nodes());
  Json racks = Json::object();
  racks.set("compute", s.compute_racks());
  racks.set("storage", s.storage_racks());
  racks.set("network", s.network_racks());
  racks.set("total", s.racks());
  j.set("racks", racks);
  j.set("rows", s.rows());
  j.set("switches_by_tier", tiers_json(s.switches_by_tier()));
  j.set("storage_switches_by_tier", tiers_json(s.storage_switches_by_tier()));
  j.set("links", s.links());
  j.set("optics", s.optics());
  // Cable bundles are graph vertices (topology/graph.hpp): per tier, the vertices, their links and optics.
  j.set("cable_vertices", s.count(topo::VertexKind::cable));
  j.set("cables_by_tier", cables_json(s, false));
  j.set("storage_cables_by_tier", cables_json(s, true));
  j.set("storage_nodes", s.storage_nodes());
  const topo::FabricPlan& f = s.fabric();
  Json fab = Json::object();
  fab.set("kind", f.kind == topo::FabricKind::rail_optimized ? "rail_optimized" : "fat_tree");
  fab.set("tiers", f.tiers);
  fab.set("planes", f.planes);
  fab.set("dual_tor", f.sides == 2);
  fab.set("nodes_per_scalable_unit", f.nodes_per_su);
  fab.set("pods_per_plane", f.pods_per_plane);
  fab.set("max_nodes_per_plane", f.max_nodes);
  j.set("fabric", fab);
  j.set("bisection_gbps", s.bisection_gbps());
  j.set("injection_gbps_per_gpu", s.nic_gbps_per_gpu());
  Json over = Json::object();
  over.set("leaf", s.leaf_oversubscription());
  over.set("spine", f.tiers == 3 ? Json(s.spine_oversubscription()) : Json());
  j.set("oversubscription", over);
  const topo::LatencyUs lat = s.latency_us();
  Json l = Json::object();
  l.set("same_leaf", lat.same_leaf);
  l.set("cross_spine", lat.cross_spine);
  l.set("cross_core", lat.cross_core ? Json(*lat.cross_core) : Json());
  j.set("latency_us", l);
  Json hops = Json::object();
  hops.set("same_leaf", topo::Site::switch_hops(topo::FabricTier::leaf));
  hops.set("cross_spine", topo::Site::switch_hops(topo::FabricTier::spine));
  hops.set("cross_core", f.tiers == 3 ? Json(topo::Site::switch_hops(topo::FabricTier::core)) : Json());
  j.set("switch_hops", hops);
  j.set("nvlink_domain_gpus", s.nvlink_domain_gpus());

  if (s.storage_nodes() > 0) {
    const topo::StorageSummary st = s.storage();
    Json js = Json::object();
    js.set("raw_tb", st.raw_tb);
    js.set("usable_tb", st.usable_tb);
    js.set("iops", st.iops);
    js.set("read_gb_per_s", st.read_gb_per_s);
    js.set("write_gb_per_s", st.write_gb_per_s);
    js.set("iops_per_pb", st.iops_per_pb);
    js.set("read_gb_per_s_per_pb", st.read_gb_per_s_per_pb);
    js.set("network_gb_per_s", st.network_gb_per_s);
    js.set("compute_path_gb_per_s", st.compute_path_gb_per_s);
    Json ck = Json::object();
    ck.set("bytes", a.checkpoint_bytes);
    ck.set("write_s", s.checkpoint_write_s(a.checkpoint_bytes));
    ck.set("read_s", s.checkpoint_read_s(a.checkpoint_bytes));
    js.set("checkpoint", ck);
    j.set("storage", js);
  } else {
    j.set("storage", Json());
  }

  Json pw = Json::object();
  pw.set("it_kw", s.it_power_kw());
  pw.set("node_w", s.node_power_w());
  pw.set("layers", chain_json(s, topo::Chain::power));
  j.set("power", pw);
  Json cl = Json::object();
  double liquid = 0.0;
  for (int64_t r = 0; r < s.racks(); ++r) liquid += s.rack_liquid_kw(r);
  cl.set("heat_kw", s.it_power_kw());
  cl.set("liquid_kw", liquid);
  cl.set("layers", chain_json(s, topo::Chain::cooling));
  j.set("cooling", cl);

  // Single failures of one component of each class, to show what the redundancy masks.
  Json imp = Json::array();
  using topo::VertexKind;
  for (VertexKind k :
       {VertexKind::gpu, VertexKind::node, VertexKind::nic, VertexKind::leaf, VertexKind::spine, VertexKind::core}) {
    if (s.count(k) > 0) imp.push(impact_json(s, s.vertex(k, 0)));
  }
  for (int li = 0; li < topo::kLayerCount; ++li) {
    const auto id = static_cast<topo::LayerId>(li);
    if (s.layer(id).present) imp.push(impact_json(s, s.unit_vertex(id, 0, 0, 0)));
  }
  // A whole cable bundle of each tier, and one optic (one link) of the first leaf-spine bundle; appended so
  // that the earlier entries keep their places.
  for (topo::CableTier t : {topo::CableTier::host_leaf, topo::CableTier::leaf_spine, topo::CableTier::spine_core}) {
    if (s.cables(t).bundles > 0) imp.push(impact_json(s, s.cable_vertex(t, 0)));
  }
  if (s.cables(topo::CableTier::leaf_spine).bundles > 0) {
    const topo::VertexId c = s.cable_vertex(topo::CableTier::leaf_spine, 0);
    imp.push(impact_json(s.impact(topo::LinkLoss{c, 1}), "one optic of " + s.describe(c)));
  }
  j.set("single_failures", imp);
  Json cuts = Json::object();
  cuts.set("rack", a.rack);
  cuts.set("power", cut_sets_json(s, a.rack, topo::Chain::power));
  cuts.set("cooling", cut_sets_json(s, a.rack, topo::Chain::cooling));
  j.set("rack_cut_sets", cuts);
  Json w = Json::array();
  for (const auto& m : s.warnings()) w.push(m);
  j.set("warnings", w);
  return j;
}

void print_text(const topo::Site& s) {
  const auto sw = s.switches_by_tier();
  std::printf("gpus %lld  nodes %lld  racks %lld (compute %lld, storage %lld, network %lld)\n",
              static_cast<long long>(s.gpus()), static_cast<long long>(s.nodes()), static_cast<long long>(s.racks()),
              static_cast<long long>(s.compute_racks()), static_cast<long long>(s.storage_racks()),
              static_cast<long long>(s.network_racks()));
  std::printf("fabric: %lld-tier, switches leaf %lld spine %lld core %lld, links %lld, optics %lld\n",
              static_cast<long long>(s.fabric().tiers), static_cast<long long>(sw.leaf),
              static_cast<long long>(sw.spine), static_cast<long long>(sw.core), static_cast<long long>(s.links()),
              static_cast<long long>(s.optics()));
  using topo::CableTier;
  std::printf("cable vertices %lld: host-leaf %lld, leaf-spine %lld, spine-core %lld, storage network %lld\n",
              static_cast<long long>(s.count(topo::VertexKind::cable)),
              static_cast<long long>(s.cables(CableTier::host_leaf).bundles),
              static_cast<long long>(s.cables(CableTier::leaf_spine).bundles),
              static_cast<long long>(s.cables(CableTier::spine_core).bundles),
              static_cast<long long>(s.cables(CableTier::storage_host_leaf).bundles +
                                     s.cables(CableTier::storage_leaf_spine).bundles +
                                     s.cables(CableTier::storage_spine_core).bundles));
  const auto lat = s.latency_us();
  std::printf("bisection %.6g Gb/s, injection %.6g Gb/s per GPU, oversubscription leaf %.4g spine %.4g\n",
              s.bisection_gbps(), s.nic_gbps_per_gpu(), s.leaf_oversubscription(), s.spine_oversubscription());
  std::printf("latency us: same leaf %.3f, cross spine %.3f", lat.same_leaf, lat.cross_spine);
  if (lat.cross_core) std::printf(", cross core %.3f", *lat.cross_core);
  std::printf("\nIT power %.6g kW\n", s.it_power_kw());
  std::printf("(run with --json for every query)\n");
  for (const auto& m : s.warnings()) std::fprintf(stderr, "warning: %s\n", m.c_str());
}

}  // namespace

void add_topology_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("topology", "Build a scenario's site graph and print its counts and queries");
  auto a = std::make_shared<TopologyArgs>();
  cmd->add_option("SCENARIO", a->scenario, "Scenario YAML file")->required();
  cmd->add_flag("--json", a->json, "Print every query as JSON on stdout");
  cmd->add_option("--rack", a->rack, "Rack whose power and cooling minimal cut sets are listed (default 0)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--checkpoint-bytes", a->checkpoint_bytes, "Checkpoint size for write/read times (default 1e12)")
      ->check(CLI::PositiveNumber);
  cmd->callback([a, &g] {
    // The full scenario loader validates every section; the site is built with the hardware profile's TDP.
    const tools::Scenario sc = tools::load_scenario(a->scenario);
    const auto site = std::make_unique<topo::Site>(tools::build_site(sc));
    if (a->rack >= site->racks()) {
      throw tools::ConfigError(
          a->scenario, 0, 0, "--rack",
          std::to_string(a->rack) + " is beyond the site's " + std::to_string(site->racks()) + " racks");
    }
    if (a->json) {
      std::cout << site_json(*site, *a).dump(2) << "\n";
    } else if (!g.quiet) {
      print_text(*site);
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
