#include "tools/plan/plan_spec.hpp"

#include <filesystem>
#include <limits>
#include <set>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "tools/plan/design_values.hpp"
#include "tools/schema/cost_loader.hpp"
#include "tools/schema/file_exists.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {
namespace {

std::string resolve(const std::string& dir, const std::string& ref) {
  const std::filesystem::path p(ref);
  if (p.is_absolute()) return p.lexically_normal().string();
  return (std::filesystem::path(dir) / p).lexically_normal().string();
}

// YAML text of an override value: a scalar as written, a map or list in one-line flow style. The typed YamlNode
// reader has no raw access, so the value is taken from a second, raw parse of the same file at the same place.
std::string value_text(const YAML::Node& raw) {
  if (raw.IsScalar()) return raw.Scalar();
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << raw;
  return e.c_str();
}

// Whether an optional key is given; marks it as known, so that an unknown-key error lists it among the allowed.
bool present(const YamlNode& n, std::string_view key) {
  return n.optional_child(key).has_value();
}

std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::vector<PlanOption> load_options(const YamlNode& options, const YAML::Node& raw_options,
                                     const YAML::Node& base_root) {
  if (!options.is_sequence()) options.fail("must be a list of options {name, set}");
  std::vector<PlanOption> out;
  std::set<std::string> names;
  const auto items = options.items();
  if (items.empty()) options.fail("a choice needs at least one option");
  for (size_t j = 0; j < items.size(); ++j) {
    const YamlNode& item = items[j];
    if (!item.is_map()) item.fail("an option is a mapping {name, set}");
    PlanOption o;
    o.name = item.get<std::string>("name");
    if (o.name.empty()) item.fail_at("name", "must not be empty");
    if (!names.insert(o.name).second) item.fail_at("name", "duplicate option name '" + o.name + "'");
    if (auto set = item.optional_child("set")) {
      if (!set->is_map()) set->fail("must map field paths to values, e.g. {cooling.kind: air}");
      const YAML::Node raw_set = raw_options[j]["set"];
      for (const auto& key : set->keys()) {
        try {
          if (!field_exists(base_root, key)) {
            set->fail_at(key, "the base scenario has no field '" + key +
                                  "' (an override changes a field the base sets; see scenarios/docs/plan.md)");
          }
        } catch (const std::invalid_argument& e) {
          set->fail_at(key, e.what());
        }
        o.overrides.push_back({key, value_text(raw_set[key])});
      }
    }
    item.done();
    out.push_back(std::move(o));
  }
  return out;
}

Objective load_objective(const YamlNode& n, const PlanSpec& spec) {
  if (!n.is_map()) n.fail("an objective is {minimize: METRIC} or {maximize: METRIC}");
  const bool min = n.has("minimize"), max = n.has("maximize");
  if (min == max) n.fail("give exactly one of minimize and maximize");
  Objective o;
  o.goal = min ? Goal::minimize : Goal::maximize;
  const std::string key = min ? "minimize" : "maximize";
  o.metric = n.get<std::string>(key);
  if (design_value_index(o.metric) < 0) {
    std::vector<std::string> names;
    for (const auto& v : kDesignValues) names.emplace_back(v.name);
    n.fail_at(key, "unknown design value '" + o.metric + "' (allowed: " + join_names(names) + ")");
  }
  if (o.metric == "time_to_train" && !spec.train_tokens) {
    n.fail_at(key, "time_to_train needs train_tokens at the top of the plan file");
  }
  n.done();
  return o;
}

PlanConstraints load_constraints(const YamlNode& n) {
  PlanConstraints c;
  if (present(n, "power_budget_mw")) c.power_budget_mw = n.get_positive("power_budget_mw");
  if (present(n, "pue_max")) c.pue_max = n.get_in_range("pue_max", 1.0, 10.0);
  if (auto g = n.get_optional<std::string>("grade_min")) {
    c.grade_min = grade_level(*g);
    if (!c.grade_min) n.fail_at("grade_min", "must be one of 1A, 2A, 3A, 4A, 5A, got '" + *g + "'");
  }
  if (present(n, "mtbf_min_h")) c.mtbf_min_h = n.get_positive("mtbf_min_h");
  if (present(n, "rack_density_kw_max")) c.rack_density_kw_max = n.get_positive("rack_density_kw_max");
  if (present(n, "racks_max")) c.racks_max = n.get_count("racks_max");
  n.done();
  return c;
}

}  // namespace

std::optional<int> grade_level(const std::string& grade) {
  if (grade.size() == 2 && grade[1] == 'A' && grade[0] >= '1' && grade[0] <= '5') return grade[0] - '0';
  return std::nullopt;
}

int64_t PlanSpec::design_count() const {
  int64_t n = 1;
  for (const auto& c : choices) {
    const auto k = static_cast<int64_t>(c.options.size());
    if (k > 0 && n > std::numeric_limits<int64_t>::max() / k) return std::numeric_limits<int64_t>::max();
    n *= k;
  }
  return n;
}

std::vector<int> PlanSpec::options_of(int64_t index) const {
  std::vector<int> o(choices.size(), 0);
  for (size_t i = choices.size(); i-- > 0;) {
    const auto k = static_cast<int64_t>(choices[i].options.size());
    o[i] = static_cast<int>(index % k);
    index /= k;
  }
  return o;
}

std::vector<ScenarioOverride> PlanSpec::overrides_of(int64_t index) const {
  std::vector<ScenarioOverride> out;
  const auto o = options_of(index);
  for (size_t i = 0; i < choices.size(); ++i) {
    const auto& ov = choices[i].options[static_cast<size_t>(o[i])].overrides;
    out.insert(out.end(), ov.begin(), ov.end());
  }
  return out;
}

PlanSpec load_plan(const std::string& path, int64_t max_designs) {
  const YamlNode root = YamlNode::load_file(path);
  if (!root.is_map()) root.fail("a plan must be a YAML mapping");
  const std::string schema = root.get<std::string>("schema");
  if (schema != kPlanSchema) {
    root.fail_at("schema", "unsupported schema '" + schema + "' (this aidc reads '" + kPlanSchema + "')");
  }
  PlanSpec s;
  s.path = path;
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  s.name = root.get_or<std::string>("name", "");
  s.base_path = resolve(dir, root.get<std::string>("base"));
  if (!referenced_file_exists(s.base_path)) root.fail_at("base", "base scenario not found: " + s.base_path);
  s.costs_path = resolve(dir, root.get<std::string>("costs"));
  if (!referenced_file_exists(s.costs_path)) root.fail_at("costs", "cost table not found: " + s.costs_path);
  s.costs = load_cost_table(s.costs_path);
  if (present(root, "replications")) s.replications = root.get_count("replications");
  if (present(root, "seed")) s.seed = static_cast<uint64_t>(root.get_count0_or("seed", 0));
  // The same bound as the scenario's simulation.horizon_hours.
  if (present(root, "horizon_hours")) s.horizon_hours = root.get_in_range("horizon_hours", 1e-3, 200.0 * 8766.0);
  if (present(root, "train_tokens")) s.train_tokens = root.get_positive("train_tokens");

  // The raw trees: the plan's, for override values that are maps or lists, and the base scenario's, to check
  // that every override path names a field it sets.
  YAML::Node raw_plan, base_root;
  try {
    raw_plan = YAML::LoadFile(path);
    base_root = YAML::LoadFile(s.base_path);
  } catch (const YAML::Exception& e) {
    throw ConfigError(path, 0, 0, "", std::string("cannot re-read the plan or its base scenario: ") + e.what());
  }

  const YamlNode choices = root.child("choices");
  if (!choices.is_sequence()) choices.fail("must be a list of choices {name, options}");
  const auto items = choices.items();
  if (items.empty()) choices.fail("a plan needs at least one choice");
  std::set<std::string> names;
  for (size_t i = 0; i < items.size(); ++i) {
    const YamlNode& item = items[i];
    if (!item.is_map()) item.fail("a choice is a mapping {name, options}");
    PlanChoice c;
    c.name = item.get<std::string>("name");
    if (c.name.empty()) item.fail_at("name", "must not be empty");
    if (!names.insert(c.name).second) item.fail_at("name", "duplicate choice name '" + c.name + "'");
    c.options = load_options(item.child("options"), raw_plan["choices"][i]["options"], base_root);
    item.done();
    s.choices.push_back(std::move(c));
  }

  const YamlNode objectives = root.child("objectives");
  if (!objectives.is_sequence()) objectives.fail("must be a list, e.g. [{minimize: tco}, {maximize: score}]");
  std::set<std::string> seen;
  for (const auto& o : objectives.items()) {
    s.objectives.push_back(load_objective(o, s));
    if (!seen.insert(s.objectives.back().metric).second) o.fail("objective '" + s.objectives.back().metric + "' twice");
  }
  if (s.objectives.empty()) objectives.fail("a plan needs at least one objective");
  if (auto c = root.optional_child("constraints")) s.constraints = load_constraints(*c);
  root.done();

  const int64_t n = s.design_count();
  if (n > max_designs) {
    std::string sizes;
    for (const auto& c : s.choices) sizes += (sizes.empty() ? "" : " x ") + std::to_string(c.options.size());
    choices.fail("the full factorial has " + std::to_string(n) + " designs (" + sizes + "), more than the limit of " +
                 std::to_string(max_designs) + "; remove options or pass --max-designs " + std::to_string(n));
  }
  return s;
}

}  // namespace aidc::tools
