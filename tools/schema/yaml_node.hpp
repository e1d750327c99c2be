#pragma once
// YamlNode: a strict, typed view of one YAML node, used by every loader in aidcsim.
//
// Why: configuration must be validated once, at the edge, with errors that name file, line, column
// and the dotted field path (STYLE.md §8). A loader reads each key it knows through get<T>() and
// friends, then calls done(); done() rejects every key that was never read ("unknown key"), so a typo
// in a scenario is an error rather than a silently ignored setting.
//
// Contract:
//  - Numbers are rejected if NaN or infinite; integers must be written as integers.
//  - get_positive / get_nonnegative / get_in_range reject out-of-range values with the allowed range.
//  - Every failure throws ConfigError("file:line:col: path: message").
//  - Copies share the set of read keys, so a child obtained twice is tracked once.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "tools/schema/config_error.hpp"

namespace aidc::tools {

class YamlNode {
 public:
  // Parses a whole file. Missing file, unreadable file or YAML syntax errors throw ConfigError.
  static YamlNode load_file(const std::string& path);
  // Parses a string (for tests and embedded defaults); `name` stands in for the file name in errors.
  static YamlNode load_string(const std::string& text, const std::string& name);
  // Parses a whole file, then lets `edit` change the raw tree before any typed access (used by scenario
  // overrides: sweep axes, plan choices). Nodes that `edit` creates carry no position (line 0).
  static YamlNode load_file_edited(const std::string& path, const std::function<void(YAML::Node&)>& edit);

  YamlNode(YAML::Node node, std::shared_ptr<const std::string> file, std::string path);

  const std::string& file() const { return *file_; }
  const std::string& path() const { return path_; }
  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  bool is_null() const { return !node_.IsDefined() || node_.IsNull(); }

  bool has(std::string_view key) const;

  // Required child of any kind (map, sequence or scalar). Throws if missing.
  YamlNode child(std::string_view key) const;
  // Child if present and not null.
  std::optional<YamlNode> optional_child(std::string_view key) const;
  // Elements of a sequence node (throws if this node is not a sequence).
  std::vector<YamlNode> items() const;
  // Keys of a map node in document order (for maps keyed by name). Marks them all as read.
  std::vector<std::string> keys() const;

  // Scalar conversions of this node itself.
  template <class T>
  T as() const;

  // Typed access to a key of this map. Supported T: bool, int64_t, int, double, std::string.
  template <class T>
  T get(std::string_view key) const {
    return child(key).as<T>();
  }
  template <class T>
  T get_or(std::string_view key, T fallback) const {
    auto c = optional_child(key);
    return c ? c->as<T>() : fallback;
  }
  template <class T>
  std::optional<T> get_optional(std::string_view key) const {
    auto c = optional_child(key);
    if (!c) return std::nullopt;
    return c->as<T>();
  }

  // Range-checked access. The *_or variants check the value only when the key is present.
  double get_positive(std::string_view key) const;
  double get_positive_or(std::string_view key, double fallback) const;
  double get_nonnegative(std::string_view key) const;
  double get_nonnegative_or(std::string_view key, double fallback) const;
  double get_in_range(std::string_view key, double lo, double hi) const;
  double get_in_range_or(std::string_view key, double lo, double hi, double fallback) const;
  int64_t get_count(std::string_view key) const;  // integer >= 1
  int64_t get_count_or(std::string_view key, int64_t fallback) const;
  int64_t get_count0_or(std::string_view key, int64_t fallback) const;  // integer >= 0
  // One of a fixed set of strings; the error lists the allowed values.
  std::string get_enum(std::string_view key, const std::vector<std::string>& allowed) const;
  std::string get_enum_or(std::string_view key, const std::vector<std::string>& allowed, std::string fallback) const;

  // Rejects every key of this map that no accessor has read. Call once a loader has read its keys.
  void done() const;

  // Throws ConfigError at this node's position.
  [[noreturn]] void fail(const std::string& message) const;
  // Throws ConfigError at the position of `key` (or of this node if the key is absent).
  [[noreturn]] void fail_at(std::string_view key, const std::string& message) const;

 private:
  std::string child_path(std::string_view key) const;
  YAML::Node node_;
  std::shared_ptr<const std::string> file_;
  std::string path_;
  std::shared_ptr<std::set<std::string, std::less<>>> read_keys_;
};

// Scalar conversions are defined in yaml_node.cpp for exactly these types.
template <>
std::string YamlNode::as<std::string>() const;
template <>
bool YamlNode::as<bool>() const;
template <>
double YamlNode::as<double>() const;
template <>
int64_t YamlNode::as<int64_t>() const;
template <>
int YamlNode::as<int>() const;

}  // namespace aidc::tools
