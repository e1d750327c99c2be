#include "tools/schema/reliability_loader.hpp"

#include <filesystem>
#include <set>

#include "tools/schema/file_exists.hpp"

namespace aidc::tools {
namespace {

using models::FailureScope;
using models::LifeDistribution;
using models::ReliabilityLayer;
using models::RepairDistribution;

template <class E>
E pick(const std::string& v, const std::vector<std::string>& names, const std::vector<E>& values) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == v) return values[i];
  return values.front();
}

models::FailureClass parse_class(const YamlNode& n) {
  models::FailureClass c;
  c.name = n.get<std::string>("name");
  c.root_cause = n.get_or<std::string>("root_cause", c.name);
  c.category = n.get_or<std::string>("category", "unknown");
  c.hardware = n.get_or<bool>("hardware", true);
  const std::vector<std::string> layers = {"compute", "network", "storage", "power", "cooling", "software"};
  c.layer = pick(
      n.get_enum("layer", layers), layers,
      std::vector<ReliabilityLayer>{ReliabilityLayer::compute, ReliabilityLayer::network, ReliabilityLayer::storage,
                                    ReliabilityLayer::power, ReliabilityLayer::cooling, ReliabilityLayer::software});
  const std::vector<std::string> scopes = {"gpu",         "nic",     "optic",      "node",   "spine_switch",
                                           "core_switch", "job_gpu", "group_unit", "utility"};
  c.scope = pick(n.get_enum("scope", scopes), scopes,
                 std::vector<FailureScope>{FailureScope::gpu, FailureScope::nic, FailureScope::optic,
                                           FailureScope::node, FailureScope::spine_switch, FailureScope::core_switch,
                                           FailureScope::job_gpu, FailureScope::group_unit, FailureScope::utility});
  const YamlNode life = n.child("life");
  const std::string dist = life.get_enum("distribution", {"exponential", "weibull"});
  c.life = dist == "weibull" ? LifeDistribution::weibull : LifeDistribution::exponential;
  c.mtbf_hours = life.get_positive("mtbf_hours");
  if (c.life == LifeDistribution::weibull) c.weibull_shape = life.get_positive("shape");
  life.done();
  const YamlNode rep = n.child("repair");
  const std::string rd = rep.get_enum("distribution", {"fixed", "exponential", "lognormal"});
  c.repair = rd == "fixed"         ? RepairDistribution::fixed
             : rd == "exponential" ? RepairDistribution::exponential
                                   : RepairDistribution::lognormal;
  c.repair_median_hours = rep.get_positive("median_hours");
  if (c.repair == RepairDistribution::lognormal) c.repair_sigma = rep.get_positive("sigma");
  rep.done();
  c.detection_min = n.get_nonnegative_or("detection_min", 0.0);
  c.fail_to_start_probability = n.get_in_range_or("fail_to_start_probability", 0.0, 1.0, 0.0);
  n.done();
  return c;
}

}  // namespace

models::FailureTable parse_failure_table(const YamlNode& root) {
  const std::string schema = root.get<std::string>("schema");
  if (schema != kReliabilityTableSchema)
    root.fail_at("schema", "expected '" + std::string(kReliabilityTableSchema) + "', got '" + schema + "'");
  models::FailureTable t;
  t.source = root.file();
  const YamlNode classes = root.child("classes");
  std::set<std::string> names;
  for (const auto& item : classes.items()) {
    auto c = parse_class(item);
    if (!names.insert(c.name).second) item.fail_at("name", "duplicate class name '" + c.name + "'");
    t.classes.push_back(std::move(c));
  }
  if (t.classes.empty()) classes.fail("a reliability table needs at least one class");
  root.done();
  return t;
}

models::FailureTable load_failure_table(const std::string& path) {
  return parse_failure_table(YamlNode::load_file(path));
}

ReliabilitySection parse_reliability_section(const YamlNode& node, const std::string& base_dir) {
  ReliabilitySection s;
  const std::string rel = node.get<std::string>("table");
  const std::filesystem::path p(rel);
  s.table_path = p.is_absolute() ? rel : (std::filesystem::path(base_dir) / p).lexically_normal().string();
  if (!referenced_file_exists(s.table_path)) node.fail_at("table", "file not found: " + s.table_path);
  s.table = load_failure_table(s.table_path);
  auto& j = s.job;
  if (auto ck = node.optional_child("checkpoint")) {
    j.checkpoint_interval_min = ck->get_positive_or("interval_min", j.checkpoint_interval_min);
    j.checkpoint_blocking = ck->get_or<bool>("blocking", j.checkpoint_blocking);
    j.checkpoint_save_s = ck->get_nonnegative_or("save_s", j.checkpoint_save_s);
    j.checkpoint_restore_s = ck->get_nonnegative_or("restore_s", j.checkpoint_restore_s);
    if (ck->has("size_gb")) {
      if (ck->has("save_s") || ck->has("restore_s")) {
        ck->fail_at("size_gb", "give size_gb (times from the storage model) or save_s/restore_s, not both");
      }
      s.checkpoint_size_bytes = ck->get_positive("size_gb") * 1e9;
    }
    ck->done();
  }
  if (auto r = node.optional_child("restart")) {
    j.relaunch_min = r->get_nonnegative_or("relaunch_min", j.relaunch_min);
    j.comm_init_s_per_1k_gpus = r->get_nonnegative_or("comm_init_s_per_1k_gpus", j.comm_init_s_per_1k_gpus);
    j.queue_min_per_failure = r->get_nonnegative_or("queue_min_per_failure", j.queue_min_per_failure);
    j.spare_swap_min = r->get_nonnegative_or("spare_swap_min", j.spare_swap_min);
    r->done();
  }
  j.spare_nodes = node.get_count0_or("hot_spare_nodes", j.spare_nodes);
  j.step_time_s = node.get_nonnegative_or("step_time_s", j.step_time_s);
  j.gpus = node.get_count0_or("job_gpus", j.gpus);
  if (auto m = node.optional_child("maintenance")) {
    s.maintenance.interval_hours = m->get_positive("interval_hours");
    s.maintenance.duration_hours = m->get_positive("duration_hours");
    m->done();
  }
  node.done();
  return s;
}

}  // namespace aidc::tools
