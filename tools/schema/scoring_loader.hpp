#pragma once
// ScoringSpec: the facts a scenario declares for the evaluation score (its optional `scoring` section) —
// features a simulator cannot derive, such as a fire alarm or certified staff — plus an optional rubric
// path. Keys, meanings and defaults are documented in scenarios/docs/scoring.md.
//
// Rule: a feature the scenario does not declare is taken as absent (false / 0): the score never assumes a
// feature nobody stated. Only storage_availability_nines, a measured figure, stays empty when not given,
// and its indicator is then reported as not evaluated.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

enum class MonitoringPower { none, utility, ups, ups_and_utility };
const char* to_string(MonitoringPower m);

struct ScoringSpec {
  std::optional<std::string> rubric;  // resolved path of a user rubric; empty: the default rubric
  // Security.
  bool monitoring_24x7 = false;
  bool fire_alarm = false;
  bool certified_staff = false;
  bool security_zoning = false;
  std::optional<int64_t> ops_headcount;  // operations staff
  int64_t ops_equipment = 0;             // operations equipment units (test instruments, tools sets)
  // Availability.
  int64_t diverse_fibre_routes = 0;
  MonitoringPower monitoring_power = MonitoringPower::none;
  // Service: any of "infrastructure", "compute_leasing", "model_services".
  std::vector<std::string> services;
  // Smart operations.
  bool ipmi_redfish_monitoring = false;
  bool automated_ops = false;
  bool maintenance_planning = false;
  bool capacity_management = false;
  bool ai_energy_saving = false;
  // Green.
  bool energy_aware_scheduling = false;
  double renewable_share = 0.0;  // 0..1
  // Storage.
  std::optional<double> storage_availability_nines;
};

// Reads root.optional_child("scoring") (absent: all defaults) and calls done() inside it. A relative rubric
// path is resolved against the directory of the scenario file.
ScoringSpec load_scoring_spec(const YamlNode& scenario_root);

}  // namespace aidc::tools
