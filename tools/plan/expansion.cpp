#include "tools/plan/expansion.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <limits>

#include <yaml-cpp/yaml.h>

#include "tools/schema/config_error.hpp"
#include "topology/topology_error.hpp"

namespace aidc::tools {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string emit_flow(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

// Smallest, over the layer's groups, of what one side can still take with its redundancy intact.
double headroom_kw(const topo::LayerPlan& p) {
  double h = std::numeric_limits<double>::infinity();
  const double usable = static_cast<double>(p.units_per_side - p.spares()) * p.unit_kw;
  for (double load : p.group_load_kw) h = std::min(h, usable - load);
  return h;
}

double max_load(const topo::LayerPlan& p) {
  return p.group_load_kw.empty() ? 0.0 : *std::max_element(p.group_load_kw.begin(), p.group_load_kw.end());
}

FabricDelta fabric_delta(const std::string& path, const topo::FabricPlan* before, const topo::FabricPlan* after) {
  FabricDelta d;
  d.path = path;
  if (before) {
    d.tiers_before = before->tiers;
    d.leaves_before = before->leaves();
    d.spines_before = before->spines();
    d.cores_before = before->cores();
  }
  if (after) {
    d.tiers_after = after->tiers;
    d.leaves_after = after->leaves();
    d.spines_after = after->spines();
    d.cores_after = after->cores();
  }
  return d;
}

// Rewrites a relative file reference of the scenario so that it still resolves from the output file's folder.
void rebase(YAML::Node parent, const char* key, const std::filesystem::path& from, const std::filesystem::path& to) {
  if (!parent || !parent.IsMap() || !parent[key] || !parent[key].IsScalar()) return;
  const std::filesystem::path p(parent[key].Scalar());
  if (p.is_absolute()) return;
  const std::filesystem::path target = std::filesystem::weakly_canonical(from / p);
  const std::filesystem::path dir = std::filesystem::weakly_canonical(to);
  // Relative when the two share a folder below the root (the pair moves together), absolute otherwise.
  const bool share = std::distance(target.begin(), target.end()) > 1 && std::distance(dir.begin(), dir.end()) > 1 &&
                     *std::next(target.begin()) == *std::next(dir.begin());
  const std::filesystem::path rel = target.lexically_relative(dir);
  parent[key] = share && !rel.empty() ? rel.string() : target.string();
}

}  // namespace

ExpansionResult expand_site(const ExpansionRequest& req, const models::CostTable* costs) {
  const std::string& path = req.scenario_path;
  ExpansionResult r;
  r.scenario_path = path;
  const Scenario sc0 = load_scenario(path);
  const topo::Site site0 = build_site(sc0);
  const topo::ComputeSpec& c0 = sc0.site_spec.compute;
  if (req.add_gpus < 1) throw ConfigError(path, 0, 0, "compute.gpus", "--add-gpus must be >= 1");
  r.gpus_before = c0.gpus;
  r.gpus_after = c0.gpus + req.add_gpus;
  if (req.add_gpus % c0.nvlink_domain_gpus != 0) {
    throw ConfigError(path, 0, 0, "compute.gpus",
                      "--add-gpus " + std::to_string(req.add_gpus) + " is not a whole number of " +
                          std::to_string(c0.nvlink_domain_gpus) + "-GPU NVLink domains (compute.nvlink_domain_gpus)");
  }

  YAML::Node raw;
  try {
    raw = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw ConfigError(path, 0, 0, "", std::string("cannot re-read the scenario: ") + e.what());
  }
  std::vector<std::string> touched;  // top-level sections edited, in order
  auto touch = [&touched](const std::string& section) {
    if (std::find(touched.begin(), touched.end(), section) == touched.end()) touched.push_back(section);
  };
  auto change = [&r](const std::string& field, const std::string& before, const std::string& after) {
    r.changes.push_back({field, before, after});
  };

  topo::SiteSpec trial = sc0.site_spec;
  trial.compute.gpus = r.gpus_after;
  raw["compute"]["gpus"] = r.gpus_after;
  touch("compute");
  change("compute.gpus", std::to_string(r.gpus_before), std::to_string(r.gpus_after));

  if (!sc0.workloads.empty()) {
    const models::TrainingJob& job = sc0.workloads.front();
    const int64_t mp = static_cast<int64_t>(job.parallel.tp) * job.parallel.pp * job.parallel.cp;
    const int64_t g0 = mp * job.parallel.dp;
    const int64_t g1 = (g0 + req.add_gpus) / mp * mp;
    const int64_t dp1 = g1 / mp;
    // Weak scaling: every data-parallel rank keeps its micro-batches (global is a multiple of micro x dp).
    const int64_t global1 = static_cast<int64_t>(job.global_batch) / job.parallel.dp * dp1;
    if (g1 != g0) {
      YAML::Node w = raw["workloads"][0];
      w["gpus"] = g1;
      w["batch"]["global"] = global1;
      touch("workloads");
      change("workloads[0].gpus", std::to_string(g0), std::to_string(g1));
      change("workloads[0].batch.global", std::to_string(job.global_batch), std::to_string(global1));
    }
    if (g1 != g0 + req.add_gpus) {
      r.notes.push_back("reference job: " + std::to_string(g0 + req.add_gpus - g1) +
                        " of the new GPUs are not a whole tp x pp x cp replica and stay outside the job");
    }
  }

  r.storage_nodes_before = site0.storage_nodes();
  r.storage_nodes_after = r.storage_nodes_before;
  if (trial.storage && trial.storage->nodes > 0) {
    // Raw capacity per GPU kept: ceil(nodes x new GPUs / old GPUs).
    const int64_t n1 = (trial.storage->nodes * r.gpus_after + r.gpus_before - 1) / r.gpus_before;
    trial.storage->nodes = n1;
    r.storage_nodes_after = n1;
    raw["storage"]["nodes"] = n1;
    touch("storage");
    change("storage.nodes", std::to_string(r.storage_nodes_before), std::to_string(n1));
  }

  // Fabrics: one more tier when the current count cannot reach the new size.
  for (int attempt = 0;; ++attempt) {
    try {
      topo::validate_site(trial);
      break;
    } catch (const topo::TopologyError& e) {
      topo::FabricSpec& f = trial.network.fabric;
      if (attempt < 2 && starts_with(e.path(), "network.fabric") && f.tiers == 2) {
        f.tiers = 3;
        raw["network"]["fabric"]["tiers"] = 3;
        touch("network");
        change("network.fabric.tiers", "2", "3");
        r.notes.push_back("network.fabric: 2 tiers cannot reach the expanded size (" + e.message() +
                          "); the expansion adds a core tier");
        continue;
      }
      if (attempt < 2 && starts_with(e.path(), "network.storage_network") && trial.network.storage_network &&
          trial.network.storage_network->tiers == 2) {
        trial.network.storage_network->tiers = 3;
        raw["network"]["storage_network"]["tiers"] = 3;
        touch("network");
        change("network.storage_network.tiers", "2", "3");
        r.notes.push_back("network.storage_network: 2 tiers cannot reach the expanded size; the expansion adds a tier");
        continue;
      }
      throw ConfigError(path, 0, 0, e.path(),
                        "the site cannot grow to " + std::to_string(r.gpus_after) + " GPUs: " + e.message());
    }
  }

  // Equipment layers with explicit unit counts: size them from the new load (the builder's own rule, by building
  // the site with those layers on automatic), keep at least the old units per group and side.
  topo::BuildOptions options;
  options.gpu_power_w = sc0.hardware.tdp_w;
  topo::SiteSpec automatic = trial;
  for (int l = 0; l < topo::kLayerCount; ++l) {
    if (topo::UnitLayer* u = topo::layer_of(automatic, static_cast<topo::LayerId>(l))) u->units = 0;
  }
  topo::Site sized;
  try {
    sized = topo::Site::build(automatic, options);
  } catch (const topo::TopologyError& e) {
    throw ConfigError(path, 0, 0, e.path(), "the expanded site cannot be sized: " + e.message());
  }
  for (int l = 0; l < topo::kLayerCount; ++l) {
    const auto id = static_cast<topo::LayerId>(l);
    topo::UnitLayer* u = topo::layer_of(trial, id);
    if (!u || u->units == 0 || !sized.layer(id).present) continue;
    const topo::LayerPlan& need = sized.layer(id);
    const int64_t per_side = std::max(site0.layer(id).units_per_side, need.units_per_side);
    const int64_t units = per_side * need.buses();
    if (units == u->units) continue;
    change(topo::layer_path(id) + ".units", std::to_string(u->units), std::to_string(units));
    u->units = units;
    const std::string section = topo::chain_of(id) == topo::Chain::power ? "power" : "cooling";
    raw[section][topo::layer_name(id)]["units"] = units;
    touch(section);
  }

  for (const auto& section : touched) r.overrides.push_back({section, emit_flow(raw[section])});
  const Scenario sc1 = load_scenario(path, r.overrides);
  const topo::Site site1 = build_site(sc1);

  r.fabrics.push_back(fabric_delta("network.fabric", &site0.fabric(), &site1.fabric()));
  if (site0.storage_fabric() || site1.storage_fabric()) {
    r.fabrics.push_back(fabric_delta("network.storage_network",
                                     site0.storage_fabric() ? &*site0.storage_fabric() : nullptr,
                                     site1.storage_fabric() ? &*site1.storage_fabric() : nullptr));
  }
  for (int l = 0; l < topo::kLayerCount; ++l) {
    const auto id = static_cast<topo::LayerId>(l);
    const topo::LayerPlan& a = site0.layer(id);
    const topo::LayerPlan& b = site1.layer(id);
    if (!a.present && !b.present) continue;
    LayerDelta d;
    d.path = topo::layer_path(id);
    d.auto_sized = b.auto_sized;
    d.redundancy = topo::to_string(b.redundancy);
    d.unit_kw = b.unit_kw;
    d.groups_before = a.present ? a.groups : 0;
    d.groups_after = b.groups;
    d.units_before = a.present ? a.units() : 0;
    d.units_after = b.units();
    d.max_group_load_before_kw = a.present ? max_load(a) : 0.0;
    d.max_group_load_after_kw = max_load(b);
    d.headroom_before_kw = a.present ? headroom_kw(a) : 0.0;
    d.absorbed = a.present && d.units_after <= d.units_before;
    r.layers.push_back(d);
  }
  for (const auto& w : site1.warnings()) r.notes.push_back("expanded site: " + w);

  r.before = evaluate_design(sc0, req.run, costs, std::nullopt, false);
  r.after = evaluate_design(sc1, req.run, costs, std::nullopt, false);

  // The expanded file: the same edits, file references rebased for the output folder.
  YAML::Node out = YAML::Clone(raw);
  if (!req.output_path.empty()) {
    std::filesystem::path from = std::filesystem::path(path).parent_path();
    if (from.empty()) from = ".";
    std::filesystem::path to = std::filesystem::absolute(req.output_path).parent_path();
    rebase(out, "hardware", from, to);
    rebase(out["site"], "climate", from, to);
    rebase(out["energy"], "plant", from, to);
    rebase(out["energy"], "it_power", from, to);
    rebase(out["reliability"], "table", from, to);
    rebase(out["scoring"], "rubric", from, to);
  }
  YAML::Emitter e;
  e << out;
  std::string header = "# Expanded from " + path + " by `aidc expand --add-gpus " + std::to_string(req.add_gpus) +
                       "` (" + std::to_string(r.gpus_before) + " -> " + std::to_string(r.gpus_after) +
                       " GPUs).\n# Changed:";
  for (const auto& ch : r.changes) header += " " + ch.path + " " + ch.before + " -> " + ch.after + ";";
  header += "\n# Keys: scenarios/docs/site.md. Comments of the original file are not carried over.\n";
  r.expanded_yaml = header + e.c_str() + "\n";
  return r;
}

Json expansion_json(const ExpansionResult& r, const models::CostTable* costs) {
  Json j = Json::object();
  j.set("scenario", r.scenario_path);
  j.set("gpus_before", r.gpus_before);
  j.set("gpus_after", r.gpus_after);
  Json changes = Json::array();
  for (const auto& c : r.changes) {
    Json x = Json::object();
    x.set("path", c.path);
    x.set("before", c.before);
    x.set("after", c.after);
    changes.push(x);
  }
  j.set("changes", changes);
  Json fabrics = Json::array();
  for (const auto& f : r.fabrics) {
    Json x = Json::object();
    x.set("path", f.path);
    x.set("tiers_before", f.tiers_before);
    x.set("tiers_after", f.tiers_after);
    x.set("tier_added", f.tiers_after > f.tiers_before && f.tiers_before > 0);
    x.set("leaves_before", f.leaves_before);
    x.set("leaves_after", f.leaves_after);
    x.set("spines_before", f.spines_before);
    x.set("spines_after", f.spines_after);
    x.set("cores_before", f.cores_before);
    x.set("cores_after", f.cores_after);
    fabrics.push(x);
  }
  j.set("fabrics", fabrics);
  Json layers = Json::array();
  for (const auto& l : r.layers) {
    Json x = Json::object();
    x.set("path", l.path);
    x.set("auto_sized", l.auto_sized);
    x.set("redundancy", l.redundancy);
    x.set("unit_kw", l.unit_kw);
    x.set("groups_before", l.groups_before);
    x.set("groups_after", l.groups_after);
    x.set("units_before", l.units_before);
    x.set("units_after", l.units_after);
    x.set("units_added", l.units_after - l.units_before);
    x.set("max_group_load_before_kw", l.max_group_load_before_kw);
    x.set("max_group_load_after_kw", l.max_group_load_after_kw);
    x.set("headroom_before_kw", l.headroom_before_kw);
    x.set("absorbed", l.absorbed);
    layers.push(x);
  }
  j.set("layers", layers);
  j.set("storage_nodes_before", r.storage_nodes_before);
  j.set("storage_nodes_after", r.storage_nodes_after);
  Json metrics = Json::object();
  for (const char* k : {"mfu", "pue", "mtbf_hours", "ettr", "availability", "cluster_effective_compute", "score",
                        "facility_power_mw", "it_power_mw", "racks", "tco", "capex"}) {
    Json x = Json::object();
    x.set("before", Json(design_value(r.before, k)));
    x.set("after", Json(design_value(r.after, k)));
    metrics.set(k, x);
  }
  Json grade = Json::object();
  grade.set("before", r.before.grade ? Json(*r.before.grade) : Json());
  grade.set("after", r.after.grade ? Json(*r.after.grade) : Json());
  metrics.set("grade", grade);
  j.set("metrics", metrics);
  j.set("bill_of_materials_before", bom_json(r.before.bom));
  j.set("bill_of_materials_after", bom_json(r.after.bom));
  if (costs && r.before.tco && r.after.tco) {
    j.set("tco_before", tco_json(*r.before.tco, *costs));
    j.set("tco_after", tco_json(*r.after.tco, *costs));
  }
  Json notes = Json::array();
  for (const auto& n : r.notes) notes.push(n);
  j.set("notes", notes);
  return j;
}

}  // namespace aidc::tools
