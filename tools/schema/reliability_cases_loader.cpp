#include "tools/schema/reliability_cases_loader.hpp"

#include <cmath>
#include <filesystem>

#include "models/reliability/reliability_sim.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {
namespace {

constexpr double kHoursPerDay = 24.0;
constexpr double kDaysPerWeek = 7.0;
constexpr double kDaysPerMonth = 365.25 / 12.0;
constexpr double kPercent = 100.0;
// Documented assumptions for inputs a case leaves unknown (printed with the prediction).
constexpr double kAssumedGpusPerNode = 8.0;    // HGX/DGX servers of the A100/H100 era
constexpr double kAssumedDurationDays = 21.0;  // "several weeks"

std::optional<double> number_or_unknown(const YamlNode& n, const char* key) {
  auto c = n.optional_child(key);
  if (!c || c->is_null()) return std::nullopt;
  if (c->is_scalar() && c->as<std::string>() == "unknown") return std::nullopt;
  return c->as<double>();
}

// A block the source does not give at all may be `unknown` (or empty) like any single value.
std::optional<YamlNode> block_or_unknown(const YamlNode& n, const char* key) {
  auto c = n.optional_child(key);
  if (!c || c->is_null()) return std::nullopt;
  if (c->is_scalar() && c->as<std::string>() == "unknown") return std::nullopt;
  if (!c->is_map()) c->fail("expected a mapping or 'unknown'");
  return c;
}

bool is_number(const YamlNode& n) {
  if (!n.is_scalar()) return false;
  const std::string s = n.as<std::string>();
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

}  // namespace

std::vector<ReliabilityCase> load_reliability_cases(const std::string& path) {
  const YamlNode root = YamlNode::load_file(path);
  const std::string schema = root.get<std::string>("schema");
  if (schema != "aidc-validation-reliability/1")
    root.fail_at("schema", "expected 'aidc-validation-reliability/1', got '" + schema + "'");
  std::vector<ReliabilityCase> out;
  for (const auto& n : root.child("cases").items()) {
    ReliabilityCase c;
    c.id = n.get<std::string>("id");
    c.source = n.get<std::string>("source");
    c.role = n.get_enum_or("role", {"calibration", "validation", "reference"}, "validation");
    if (auto cl = block_or_unknown(n, "cluster")) {
      c.cluster_gpus = number_or_unknown(*cl, "gpus");
      c.cluster_gpus_lower_bound = number_or_unknown(*cl, "gpus_lower_bound");
      c.gpus_per_node = number_or_unknown(*cl, "gpus_per_node");
      c.spare_nodes = number_or_unknown(*cl, "spare_nodes");
    }
    if (auto j = block_or_unknown(n, "job")) {
      c.gpus = number_or_unknown(*j, "gpus");
      c.nodes = number_or_unknown(*j, "nodes");
      c.duration_days = number_or_unknown(*j, "duration_days");
      c.step_time_s = number_or_unknown(*j, "step_time_s");
      c.failures_per_1000_node_days = number_or_unknown(*j, "failures_per_1000_node_days");
      c.checkpoint_interval_min = number_or_unknown(*j, "checkpoint_interval_min");
      c.checkpoint_save_s = number_or_unknown(*j, "checkpoint_save_s");
      c.restart_min = number_or_unknown(*j, "restart_min");
      c.queue_min_per_failure = number_or_unknown(*j, "queue_min_per_failure");
      if (auto b = j->optional_child("checkpoint_blocking");
          b && !(b->is_scalar() && b->as<std::string>() == "unknown"))
        c.checkpoint_blocking = b->as<bool>();
      for (auto v : {c.gpus, c.nodes, c.duration_days, c.failures_per_1000_node_days, c.checkpoint_interval_min})
        if (v && !(*v > 0.0)) j->fail("job inputs gpus, nodes, duration_days, rates and intervals must be > 0");
    }
    const auto rep = block_or_unknown(n, "reported");
    for (const auto& k : rep ? rep->keys() : std::vector<std::string>{}) {
      const YamlNode v = rep->child(k);
      if (k == "root_causes" && v.is_map()) {
        for (const auto& rc : v.keys()) {
          const YamlNode x = v.child(rc);
          if (is_number(x)) c.reported.emplace_back("root_causes." + rc, x.as<double>());
        }
      } else if (is_number(v)) {
        c.reported.emplace_back(k, v.as<double>());
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

ReliabilityPrediction predict_reliability_case(const ReliabilityCase& c, const models::FailureTable& table,
                                               const models::JobSpec& defaults, int64_t replications, int threads,
                                               uint64_t seed) {
  ReliabilityPrediction p;
  p.id = c.id;
  p.role = c.role;
  std::optional<double> gpus = c.gpus ? c.gpus : c.cluster_gpus;
  if (!gpus && c.cluster_gpus_lower_bound) {
    gpus = c.cluster_gpus_lower_bound;
    p.assumptions.push_back("gpus = cluster.gpus_lower_bound");
  }
  if (!gpus && c.nodes && c.gpus_per_node) gpus = *c.nodes * *c.gpus_per_node;
  if (!gpus) {
    p.predictable = false;
    p.reason = "job size unknown";
    return p;
  }
  double gpn = kAssumedGpusPerNode;
  if (c.gpus_per_node) {
    gpn = *c.gpus_per_node;
  } else {
    p.assumptions.push_back("gpus_per_node = 8");
  }
  double days = 0.0;
  auto find_rep = [&](const std::string& k) -> std::optional<double> {
    for (const auto& [key, v] : c.reported)
      if (key == k) return v;
    return std::nullopt;
  };
  if (c.duration_days) {
    days = *c.duration_days;
  } else if (auto pd = find_rep("period_days")) {
    days = *pd;
  } else if (auto pm = find_rep("period_months")) {
    days = *pm * kDaysPerMonth;
    p.assumptions.push_back("duration = period_months x 30.44 days");
  } else {
    days = kAssumedDurationDays;
    p.assumptions.push_back("duration unknown: 21 days assumed");
  }
  models::ReliabilityInputs in;
  for (const auto& fc : table.classes)
    if (fc.scope != models::FailureScope::group_unit && fc.scope != models::FailureScope::utility &&
        fc.scope != models::FailureScope::spine_switch && fc.scope != models::FailureScope::core_switch)
      in.table.classes.push_back(fc);
  in.job = defaults;
  in.job.gpus = static_cast<int64_t>(std::llround(*gpus));
  in.site.gpus_per_node = static_cast<int>(std::llround(gpn));
  in.site.nics_per_node = in.site.gpus_per_node;
  const int64_t job_nodes = c.nodes ? static_cast<int64_t>(std::llround(*c.nodes))
                                    : (in.job.gpus + in.site.gpus_per_node - 1) / in.site.gpus_per_node;
  in.site.nodes = job_nodes;
  if (c.spare_nodes) in.job.spare_nodes = static_cast<int64_t>(std::llround(*c.spare_nodes));
  if (c.step_time_s) in.job.step_time_s = *c.step_time_s;
  if (c.failures_per_1000_node_days) in.job.failures_per_1000_node_days = *c.failures_per_1000_node_days;
  if (c.checkpoint_interval_min) in.job.checkpoint_interval_min = *c.checkpoint_interval_min;
  if (c.checkpoint_blocking) in.job.checkpoint_blocking = *c.checkpoint_blocking;
  if (c.checkpoint_save_s) in.job.checkpoint_save_s = *c.checkpoint_save_s;
  if (c.restart_min) in.job.restart_min_override = *c.restart_min;
  if (c.queue_min_per_failure) in.job.queue_min_per_failure = *c.queue_min_per_failure;
  in.horizon_hours = days * kHoursPerDay;
  in.seed = seed;
  in = models::with_measured_rate(in);
  const auto s = models::run_reliability(in, replications, threads);

  double gpu_cat = 0.0, hw = 0.0, total = 0.0;
  for (std::size_t i = 0; i < in.table.classes.size(); ++i) {
    const double v = s.interruptions_by_class_mean[i];
    total += v;
    if (in.table.classes[i].category == "gpu") gpu_cat += v;
    if (in.table.classes[i].hardware) hw += v;
  }
  const bool has_unexpected = find_rep("unexpected_interruptions").has_value();
  auto add = [&](const std::string& key, double predicted, double reported) {
    ReliabilityKeyResult r;
    r.key = key;
    r.predicted = predicted;
    r.reported = reported;
    r.rel_error = reported != 0.0 ? (predicted - reported) / reported : 0.0;
    if (key.ends_with("_lower_bound")) {
      r.bound = true;
      r.within = predicted >= reported;
    } else if (key.ends_with("_upper_bound")) {
      r.bound = true;
      r.within = predicted <= reported;
    }
    p.keys.push_back(r);
  };
  std::optional<double> manual, automatic;
  for (const auto& [key, v] : c.reported) {
    if (key == "unexpected_interruptions" || (key == "interruptions" && !has_unexpected)) {
      add(key, s.interruptions.mean, v);
    } else if (key == "mtbf_hours") {
      add(key, s.mtbf_hours.mean, v);
    } else if (key == "mttf_hours") {
      add(key, s.mttf_hours.mean, v);
    } else if (key == "ettr" || key == "ettr_lower_bound") {
      add(key, s.ettr.mean, v);
    } else if (key == "gpu_share_of_unexpected_pct" && total > 0.0) {
      add(key, kPercent * gpu_cat / total, v);
    } else if (key == "hardware_share_of_unexpected_pct" && total > 0.0) {
      add(key, kPercent * hw / total, v);
    } else if (key.starts_with("root_causes.")) {
      const std::string rc = key.substr(std::string("root_causes.").size());
      double n = 0.0;
      for (std::size_t i = 0; i < in.table.classes.size(); ++i)
        if (in.table.classes[i].root_cause == rc) n += s.interruptions_by_class_mean[i];
      add(key, n, v);
    } else if (key == "gpu_failures_per_week") {
      add(key, gpu_cat / (days / kDaysPerWeek), v);
    } else if (key == "work_lost_per_failure_hours_upper_bound") {
      add(key, s.lost_work_per_interruption_hours.mean, v);
    } else if (key == "restarts_lower_bound") {
      add(key, s.interruptions.mean, v);
    } else if (key == "manual_restarts_lower_bound") {
      manual = v;
    } else if (key == "automatic_restarts_lower_bound") {
      automatic = v;
    }
  }
  if (manual && automatic)
    add("manual_restarts_lower_bound+automatic_restarts_lower_bound", s.interruptions.mean, *manual + *automatic);
  if (p.keys.empty()) {
    p.predictable = false;
    p.reason = "no reported key this model predicts";
  }
  return p;
}

std::string find_repo_root(const std::string& start) {
  std::filesystem::path p = std::filesystem::absolute(start);
  while (true) {
    if (std::filesystem::exists(p / "scenarios" / "reliability") && std::filesystem::exists(p / "models"))
      return p.string();
    if (!p.has_parent_path() || p.parent_path() == p) return {};
    p = p.parent_path();
  }
}

}  // namespace aidc::tools
