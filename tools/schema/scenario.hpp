#pragma once
// Scenario: one validated, typed description of a site (schema `aidc-scenario/1`), loaded from YAML.
//
// Top-level keys (documented in scenarios/README.md):
//   schema, site, hardware, compute, network, storage, power, cooling, reliability, workloads,
//   simulation, scoring
// Every section is validated when the scenario is loaded: unknown keys, wrong types, negative or zero
// counts, missing references and impossible values raise ConfigError ("file:line:col: path: message"),
// which the CLI turns into exit code 2 with nothing written. Relative paths in a scenario (hardware
// profile, climate file) are resolved against the scenario file's directory.
#include <cstdint>
#include <optional>
#include <string>

#include <vector>

#include "models/perf/hardware_profile.hpp"
#include "models/perf/training_job.hpp"
#include "tools/schema/reliability_loader.hpp"
#include "tools/schema/scenario_override.hpp"
#include "tools/schema/yaml_node.hpp"
#include "topology/site.hpp"
#include "topology/site_spec.hpp"

namespace aidc::tools {

// `site`: identity of the site being modelled.
struct SiteInfo {
  std::string name;
  std::string location;                // free text (city, region)
  std::optional<std::string> climate;  // path to an hourly climate file, resolved; empty = none given
};

// `simulation`: how the stochastic parts run.
struct SimulationSpec {
  double horizon_hours = 720.0;  // simulated time per replication
  int64_t replications = 8;      // Monte Carlo replications
  uint64_t seed = 1;             // root of every random stream
  int threads = 0;               // worker threads; 0 = all hardware threads
};

// `energy`: which plant, IT power library and grid the hourly energy model uses (scenarios/docs/energy.md
// documents the files; the climate comes from site.climate).
struct EnergySpec {
  std::string plant_path;     // aidc-plant/1 file, resolved
  std::string it_power_path;  // aidc-it-power/1 file; default: it-power.yaml beside the plant file
  std::string gpu;            // GPU type in the IT power library; default: the hardware profile's name
  double grid_kg_per_kwh = 0.0;
  double renewable_share = 0.0;
  double utilisation = 1.0;  // constant fraction of GPUs busy over the year
};

struct Scenario {
  std::string path;  // the file it was loaded from
  std::string dir;   // its directory, for resolving relative references
  SiteInfo site;
  std::string hardware_path;  // resolved path of the hardware profile
  models::HardwareProfile hardware;
  topo::SiteSpec site_spec;                    // compute, network, storage, power, cooling (topology/site_spec.hpp)
  std::vector<models::TrainingJob> workloads;  // scenarios/docs/workloads.md; the first is the reference job
  std::optional<EnergySpec> energy;
  std::optional<ReliabilitySection> reliability;  // scenarios/docs/reliability.md
  SimulationSpec simulation;
  // The raw, already-validated YAML root, kept for stages that re-read their own section.
  std::optional<YamlNode> root;
};

// Loads and validates a scenario file. Throws ConfigError on any problem.
Scenario load_scenario(const std::string& path);
// Loads the scenario with `overrides` applied to its YAML before validation (scenario_override.hpp). A bad
// override path is a ConfigError naming the path; a value the schema rejects is the schema's ConfigError,
// with the overrides listed after the message (overridden nodes have no line in the file).
Scenario load_scenario(const std::string& path, const std::vector<ScenarioOverride>& overrides);

// Builds the site graph of a loaded scenario (GPU power from its hardware profile). Build-time errors
// (a radix too small for the size, a layer that cannot carry its load) are reported as ConfigError at the
// offending field of the scenario file.
topo::Site build_site(const Scenario& sc);

// The version string a scenario's `schema` key must carry.
inline constexpr const char* kScenarioSchema = "aidc-scenario/1";

}  // namespace aidc::tools
