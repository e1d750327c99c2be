#include "tools/schema/scenario_override.hpp"

#include <stdexcept>

namespace aidc::tools {
namespace {

[[noreturn]] void bad(const std::string& path, const std::string& why) {
  throw std::invalid_argument("field path '" + path + "': " + why);
}

// Follows `steps[0..n)` from `root`; returns an invalid (undefined) node when a step does not exist.
// Node::reset rebinds the handle: assigning one yaml-cpp Node to another would overwrite the tree instead.
bool walk(const YAML::Node& root, const std::vector<FieldStep>& steps, std::size_t n, YAML::Node& out) {
  YAML::Node cur;
  cur.reset(root);
  for (std::size_t i = 0; i < n; ++i) {
    const FieldStep& s = steps[i];
    YAML::Node next;
    if (s.is_index) {
      if (!cur.IsSequence() || s.index >= cur.size()) return false;
      next.reset(cur[s.index]);
    } else {
      if (!cur.IsMap() || !cur[s.key]) return false;
      next.reset(cur[s.key]);
    }
    cur.reset(next);
  }
  out.reset(cur);
  return true;
}

}  // namespace

std::vector<FieldStep> parse_field_path(const std::string& path) {
  std::vector<FieldStep> steps;
  std::size_t i = 0;
  if (path.empty()) bad(path, "empty");
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos) bad(path, "unbalanced '['");
      const std::string digits = path.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
        bad(path, "index '" + digits + "' is not a non-negative integer");
      }
      steps.push_back({"", std::stoul(digits), true});
      i = close + 1;
      if (i < path.size() && path[i] == '.') {
        ++i;
        if (i == path.size()) bad(path, "ends with '.'");
      }
      continue;
    }
    const std::size_t end = path.find_first_of(".[", i);
    const std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (key.empty()) bad(path, "empty component");
    if (key.find(']') != std::string::npos) bad(path, "unbalanced ']'");
    steps.push_back({key, 0, false});
    if (end == std::string::npos) break;
    i = end;
    if (path[i] == '.') {
      ++i;
      if (i == path.size()) bad(path, "ends with '.'");
    }
  }
  return steps;
}

bool field_exists(const YAML::Node& root, const std::string& path) {
  const auto steps = parse_field_path(path);
  YAML::Node n;
  return walk(root, steps, steps.size(), n);
}

void apply_overrides(YAML::Node& root, const std::vector<ScenarioOverride>& overrides) {
  for (const auto& o : overrides) {
    const auto steps = parse_field_path(o.path);
    YAML::Node parent;
    if (!walk(root, steps, steps.size() - 1, parent)) bad(o.path, "no such section in the base scenario");
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      bad(o.path, "value '" + o.value + "' is not valid YAML: " + e.msg);
    }
    const FieldStep& last = steps.back();
    if (last.is_index) {
      if (!parent.IsSequence() || last.index >= parent.size()) bad(o.path, "no such element in the base scenario");
      parent[last.index] = value;
    } else {
      if (!parent.IsMap() || !parent[last.key]) {
        bad(o.path, "the base scenario does not set this field (an override changes a field, it does not add one)");
      }
      parent[last.key] = value;
    }
  }
}

std::string describe(const std::vector<ScenarioOverride>& overrides) {
  std::string s;
  for (const auto& o : overrides) s += (s.empty() ? "" : ", ") + o.path + "=" + o.value;
  return s;
}

}  // namespace aidc::tools
