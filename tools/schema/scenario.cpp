#include "tools/schema/scenario.hpp"

#include <filesystem>

#include <limits>
#include "tools/schema/hardware_loader.hpp"
#include "tools/schema/site_loader.hpp"
#include "tools/schema/workload_loader.hpp"

namespace aidc::tools {
namespace {

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
    if (!std::filesystem::exists(*s.climate)) n.fail_at("climate", "climate file not found: " + *s.climate);
  }
  n.done();
  return s;
}

SimulationSpec load_simulation(const YamlNode& n) {
  SimulationSpec s;
  // A year-long failure simulation must fit; 200 years is far inside SimTime's int64-ns range.
  s.horizon_hours = n.get_in_range_or("horizon_hours", 1e-3, 200.0 * 8766.0, s.horizon_hours);
  s.replications = n.get_count_or("replications", s.replications);
  const int64_t seed = n.get_count0_or("seed", static_cast<int64_t>(s.seed));
  s.seed = static_cast<uint64_t>(seed);
  s.threads = static_cast<int>(n.get_count0_or("threads", s.threads));
  n.done();
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  const YamlNode root = YamlNode::load_file(path);
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
  if (!std::filesystem::exists(sc.hardware_path)) {
    root.fail_at("hardware", "hardware profile not found: " + sc.hardware_path);
  }
  sc.hardware = load_hardware_profile(sc.hardware_path);
  if (auto sim = root.optional_child("simulation")) sc.simulation = load_simulation(*sim);
  sc.site_spec = load_site_spec(root);

  // Sections not modelled yet (reliability, scoring) are accepted but not interpreted; see
  // scenarios/README.md.
  if (auto w = root.optional_child("workloads"))
    sc.workloads = load_workloads(*w, sc.hardware, sc.site_spec.compute.gpus);
  for (const char* key : {"reliability", "scoring"}) {
    (void)root.optional_child(key);
  }
  root.done();
  sc.root = root;
  return sc;
}

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
