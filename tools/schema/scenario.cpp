#include "tools/schema/scenario.hpp"

#include <filesystem>

#include <limits>
#include "tools/schema/energy_loader.hpp"
#include "tools/schema/file_exists.hpp"
#include "tools/schema/hardware_loader.hpp"
#include "tools/schema/scoring_loader.hpp"
#include "tools/schema/site_loader.hpp"
#include "tools/schema/workload_loader.hpp"

namespace aidc::tools {
namespace {

constexpr int64_t kMaxThreads = 4096;

std::string resolve(const std::string& dir, const std::string& ref) {
  const std::filesystem::path p(ref);
  if (p.is_absolute()) return p.lexically_normal().string();
  return (std::filesystem::path(dir) / p).lexically_normal().string();
}

SiteInfo load_site(const YamlNode& n, const std::string& dir) {
  SiteInfo s;
  s.name = n.get<std::string>("name");
  if (s.name.empty()) n.fail_at("name", "must not be empty");
  s.location = n.get_or<std::string>("location", "");
  if (auto c = n.get_optional<std::string>("climate")) {
    s.climate = resolve(dir, *c);
    if (!referenced_file_exists(*s.climate)) n.fail_at("climate", "climate file not found: " + *s.climate);
  }
  n.done();
  return s;
}

EnergySpec load_energy(const YamlNode& n, const std::string& dir, const std::string& hardware_name) {
  EnergySpec e;
  e.plant_path = resolve(dir, n.get<std::string>("plant"));
  if (!referenced_file_exists(e.plant_path)) n.fail_at("plant", "plant file not found: " + e.plant_path);
  const auto plant_dir = std::filesystem::path(e.plant_path).parent_path();
  e.it_power_path = n.has("it_power") ? resolve(dir, n.get<std::string>("it_power"))
                                      : (plant_dir / "it-power.yaml").lexically_normal().string();
  if (!referenced_file_exists(e.it_power_path)) {
    n.fail_at("it_power", "IT power library not found: " + e.it_power_path);
  }
  e.gpu = n.get_or<std::string>("gpu", hardware_name);
  const bool has_region = n.has("grid_region"), has_value = n.has("grid_kg_per_kwh");
  if (has_region == has_value) n.fail("give exactly one of grid_region and grid_kg_per_kwh");
  if (has_value) {
    e.grid_kg_per_kwh = n.get_nonnegative("grid_kg_per_kwh");
  } else {
    const std::string region = n.get<std::string>("grid_region");
    const auto grid_file = (plant_dir / "grid-carbon.yaml").lexically_normal().string();
    const auto regions = load_grid_carbon_file(grid_file);
    const auto it = regions.find(region);
    if (it == regions.end()) n.fail_at("grid_region", "unknown grid region '" + region + "' (see " + grid_file + ")");
    e.grid_kg_per_kwh = it->second.kg_per_kwh;
  }
  e.renewable_share = n.get_in_range_or("renewable_share", 0.0, 1.0, e.renewable_share);
  e.utilisation = n.get_in_range_or("utilisation", 0.0, 1.0, e.utilisation);
  n.done();
  return e;
}

SimulationSpec load_simulation(const YamlNode& n) {
  SimulationSpec s;
  // A year-long failure simulation must fit; 200 years is far inside SimTime's int64-ns range.
  s.horizon_hours = n.get_in_range_or("horizon_hours", 1e-3, 200.0 * 8766.0, s.horizon_hours);
  s.replications = n.get_count_or("replications", s.replications);
  const int64_t seed = n.get_count0_or("seed", static_cast<int64_t>(s.seed));
  s.seed = static_cast<uint64_t>(seed);
  // Bounded before the cast to int, which silently wrapped 99999999999 to 1215752191 (and TBB then failed
  // with bad_alloc, exit 1). 4096 is above any machine this runs on.
  const int64_t threads = n.get_count0_or("threads", s.threads);
  if (threads > kMaxThreads)
    n.fail_at("threads", "must be at most " + std::to_string(kMaxThreads) + ", got " + std::to_string(threads));
  s.threads = static_cast<int>(threads);
  n.done();
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  return load_scenario(path, {});
}

namespace {
Scenario load_scenario_root(const std::string& path, const YamlNode& root);
}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  if (overrides.empty()) return load_scenario_root(path, YamlNode::load_file(path));
  const YamlNode root = YamlNode::load_file_edited(path, [&](YAML::Node& n) {
    try {
      apply_overrides(n, overrides);
    } catch (const std::invalid_argument& e) {
      throw ConfigError(path, 0, 0, "", std::string("override: ") + e.what());
    }
  });
  try {
    return load_scenario_root(path, root);
  } catch (const ConfigError& e) {
    throw ConfigError(e.file(), e.line(), e.column(), e.path(),
                      e.message() + " [overrides: " + describe(overrides) + "]");
  }
}

namespace {
Scenario load_scenario_root(const std::string& path, const YamlNode& root) {
  if (!root.is_map()) root.fail("a scenario must be a YAML mapping of sections");
  Scenario sc;
  sc.path = path;
  sc.dir = std::filesystem::path(path).parent_path().string();
  if (sc.dir.empty()) sc.dir = ".";

  const std::string schema = root.get<std::string>("schema");
  if (schema != kScenarioSchema) {
    root.fail_at("schema", "unsupported schema '" + schema + "' (this aidc reads '" + kScenarioSchema + "')");
  }
  sc.site = load_site(root.child("site"), sc.dir);
  sc.hardware_path = resolve(sc.dir, root.get<std::string>("hardware"));
  if (!referenced_file_exists(sc.hardware_path)) {
    root.fail_at("hardware", "hardware profile not found: " + sc.hardware_path);
  }
  sc.hardware = load_hardware_profile(sc.hardware_path);
  if (auto sim = root.optional_child("simulation")) sc.simulation = load_simulation(*sim);
  sc.site_spec = load_site_spec(root);

  // Each section is validated by its own module's loader (scenarios/README.md links their docs).
  if (auto en = root.optional_child("energy")) sc.energy = load_energy(*en, sc.dir, sc.hardware.name);
  if (auto w = root.optional_child("workloads"))
    sc.workloads = load_workloads(*w, sc.hardware, sc.site_spec.compute.gpus);
  if (auto rel = root.optional_child("reliability")) sc.reliability = parse_reliability_section(*rel, sc.dir);
  (void)load_scoring_spec(root);  // validated here; the score stage reads it again with the rubric
  root.done();
  sc.root = root;
  return sc;
}
}  // namespace

topo::Site build_site(const Scenario& sc) {
  topo::BuildOptions options;
  options.gpu_power_w = sc.hardware.tdp_w;
  try {
    return topo::Site::build(sc.site_spec, options);
  } catch (const topo::TopologyError& e) {
    rethrow_at(*sc.root, e);
  }
}

}  // namespace aidc::tools
