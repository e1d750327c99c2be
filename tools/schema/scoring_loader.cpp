#include "tools/schema/scoring_loader.hpp"

#include "tools/schema/file_exists.hpp"

#include <filesystem>

namespace aidc::tools {
namespace {

const std::vector<std::string> kServices = {"infrastructure", "compute_leasing", "model_services"};
const std::vector<std::string> kMonitoringPower = {"none", "utility", "ups", "ups_and_utility"};
// -log10 of an availability of 1 - 1e-12: far beyond any storage design, so a larger figure is a typo.
constexpr double kMaxNines = 12.0;

}  // namespace

const char* to_string(MonitoringPower m) {
  switch (m) {
    case MonitoringPower::none:
      return "none";
    case MonitoringPower::utility:
      return "utility";
    case MonitoringPower::ups:
      return "ups";
    case MonitoringPower::ups_and_utility:
      return "ups_and_utility";
  }
  return "none";
}

ScoringSpec load_scoring_spec(const YamlNode& scenario_root) {
  ScoringSpec s;
  const auto n = scenario_root.optional_child("scoring");
  if (!n) return s;
  if (!n->is_map()) n->fail("expected a mapping of declared facts");
  if (auto r = n->get_optional<std::string>("rubric")) {
    std::filesystem::path p(*r);
    if (p.is_relative()) p = std::filesystem::path(scenario_root.file()).parent_path() / p;
    s.rubric = p.lexically_normal().string();
    if (!referenced_file_exists(*s.rubric)) n->fail_at("rubric", "rubric file not found: " + *s.rubric);
  }
  s.monitoring_24x7 = n->get_or<bool>("monitoring_24x7", false);
  s.fire_alarm = n->get_or<bool>("fire_alarm", false);
  s.certified_staff = n->get_or<bool>("certified_staff", false);
  s.security_zoning = n->get_or<bool>("security_zoning", false);
  if (n->has("ops_headcount")) s.ops_headcount = n->get_count("ops_headcount");
  s.ops_equipment = n->get_count0_or("ops_equipment", 0);
  if (n->has("ops_equipment") && !s.ops_headcount) {
    n->fail_at("ops_equipment", "needs ops_headcount: the indicator is equipment per person");
  }
  s.diverse_fibre_routes = n->get_count0_or("diverse_fibre_routes", 0);
  const std::string mp = n->get_enum_or("monitoring_power", kMonitoringPower, "none");
  for (size_t i = 0; i < kMonitoringPower.size(); ++i) {
    if (mp == kMonitoringPower[i]) s.monitoring_power = static_cast<MonitoringPower>(i);
  }
  if (auto list = n->optional_child("services")) {
    for (const YamlNode& item : list->items()) {
      const std::string v = item.as<std::string>();
      bool known = false;
      for (const std::string& k : kServices) known = known || k == v;
      if (!known) item.fail("unknown service '" + v + "' (allowed: infrastructure, compute_leasing, model_services)");
      for (const std::string& seen : s.services) {
        if (seen == v) item.fail("service '" + v + "' listed twice");
      }
      s.services.push_back(v);
    }
  }
  s.ipmi_redfish_monitoring = n->get_or<bool>("ipmi_redfish_monitoring", false);
  s.automated_ops = n->get_or<bool>("automated_ops", false);
  s.maintenance_planning = n->get_or<bool>("maintenance_planning", false);
  s.capacity_management = n->get_or<bool>("capacity_management", false);
  s.ai_energy_saving = n->get_or<bool>("ai_energy_saving", false);
  s.energy_aware_scheduling = n->get_or<bool>("energy_aware_scheduling", false);
  s.renewable_share = n->get_in_range_or("renewable_share", 0.0, 1.0, 0.0);
  if (n->has("storage_availability_nines")) {
    s.storage_availability_nines = n->get_in_range("storage_availability_nines", 0.0, kMaxNines);
  }
  n->done();
  return s;
}

}  // namespace aidc::tools
