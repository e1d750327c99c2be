#include "tools/schema/yaml_node.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

namespace aidc::tools {
namespace {

// yaml-cpp marks are 0-based; -1 means unknown. Users read 1-based positions.
int one_based(int v) {
  return v < 0 ? 0 : v + 1;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// Counts documents without building nodes; keeps the start of the second one.
class DocumentCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ == 2) second_ = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  const std::optional<YAML::Mark>& second() const { return second_; }

 private:
  int documents_ = 0;
  std::optional<YAML::Mark> second_;
};

// Start of a second document, if the text has one. Asks the parser for at most two documents (a loop until
// HandleNextDocument returns false, as LoadAll does, spins forever on some garbage).
std::optional<YAML::Mark> second_document(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentCounter counter;
  if (parser.HandleNextDocument(counter) && parser.HandleNextDocument(counter)) return counter.second();
  return std::nullopt;
}

YamlNode parse(const std::string& text, const std::string& name) {
  auto file = std::make_shared<const std::string>(name);
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF) {
    throw ConfigError(name, 1, 1, "", "file starts with a UTF-8 byte-order mark; save it as plain UTF-8");
  }
  if (text.find('\0') != std::string::npos) {
    throw ConfigError(name, 0, 0, "", "file contains NUL bytes: not a YAML text file");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
    // Load stops after the first document, so a second one ("---" or text after "...") would be silently
    // ignored: half a file read as if it were all of it. YAML::LoadAll cannot be used to find it: on some
    // garbage (", ") it never returns (yaml-cpp 0.7, found by tools/fuzz).
    if (const auto second = second_document(text)) {
      throw ConfigError(name, one_based(second->line), one_based(second->column), "",
                        "a second YAML document starts here ('---' or text after '...'); the file must hold one");
    }
  } catch (const YAML::Exception& e) {
    throw ConfigError(name, one_based(e.mark.line), one_based(e.mark.column), "", "YAML syntax error: " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) throw ConfigError(name, 1, 1, "", "file is empty");
  return YamlNode(root, file, "");
}

}  // namespace

YamlNode YamlNode::load_file(const std::string& path) {
  // A folder opens as a stream on Linux and reads as empty: name the real problem instead of "file is empty".
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ConfigError(path, 0, 0, "", "is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path, 0, 0, "", "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

YamlNode YamlNode::load_file_edited(const std::string& path, const std::function<void(YAML::Node&)>& edit) {
  YamlNode n = load_file(path);
  edit(n.node_);
  return n;
}

YamlNode YamlNode::load_string(const std::string& text, const std::string& name) {
  return parse(text, name);
}

YamlNode::YamlNode(YAML::Node node, std::shared_ptr<const std::string> file, std::string path)
    : node_(std::move(node)),
      file_(std::move(file)),
      path_(std::move(path)),
      read_keys_(std::make_shared<std::set<std::string, std::less<>>>()) {}

std::string YamlNode::child_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void YamlNode::fail(const std::string& message) const {
  const auto m = node_.Mark();
  throw ConfigError(*file_, one_based(m.line), one_based(m.column), path_, message);
}

void YamlNode::fail_at(std::string_view key, const std::string& message) const {
  if (node_.IsMap()) {
    for (const auto& kv : node_) {
      if (kv.first.IsScalar() && kv.first.Scalar() == key) {
        const auto m = kv.second.Mark().line >= 0 ? kv.second.Mark() : kv.first.Mark();
        throw ConfigError(*file_, one_based(m.line), one_based(m.column), child_path(key), message);
      }
    }
  }
  const auto m = node_.Mark();
  throw ConfigError(*file_, one_based(m.line), one_based(m.column), child_path(key), message);
}

bool YamlNode::has(std::string_view key) const {
  if (!node_.IsMap()) return false;
  for (const auto& kv : node_)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return true;
  return false;
}

YamlNode YamlNode::child(std::string_view key) const {
  if (!node_.IsMap()) fail("expected a mapping with key '" + std::string(key) + "'");
  read_keys_->insert(std::string(key));
  for (const auto& kv : node_) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) {
      if (kv.second.IsNull()) fail_at(key, "value is empty");
      return YamlNode(kv.second, file_, child_path(key));
    }
  }
  fail_at(key, "required field is missing");
}

std::optional<YamlNode> YamlNode::optional_child(std::string_view key) const {
  if (!node_.IsMap()) {
    if (is_null()) return std::nullopt;
    fail("expected a mapping");
  }
  read_keys_->insert(std::string(key));
  for (const auto& kv : node_) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) {
      if (kv.second.IsNull()) return std::nullopt;
      return YamlNode(kv.second, file_, child_path(key));
    }
  }
  return std::nullopt;
}

std::vector<YamlNode> YamlNode::items() const {
  if (!node_.IsSequence()) fail("expected a list");
  std::vector<YamlNode> out;
  std::size_t i = 0;
  for (const auto& n : node_) out.emplace_back(n, file_, path_ + "[" + std::to_string(i++) + "]");
  return out;
}

std::vector<std::string> YamlNode::keys() const {
  if (!node_.IsMap()) fail("expected a mapping");
  std::vector<std::string> out;
  std::set<std::string, std::less<>> seen;
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar()) fail("mapping keys must be plain strings");
    // Maps keyed by name (GPU types, grid regions, rubric dimensions) are read through keys() and child(),
    // which finds the first entry: a repeated name would silently drop the second, so it is an error here.
    if (!seen.insert(kv.first.Scalar()).second) {
      const auto m = kv.first.Mark();
      throw ConfigError(*file_, one_based(m.line), one_based(m.column), child_path(kv.first.Scalar()), "duplicate key");
    }
    out.push_back(kv.first.Scalar());
    read_keys_->insert(kv.first.Scalar());
  }
  return out;
}

template <>
std::string YamlNode::as<std::string>() const {
  if (!node_.IsScalar()) fail("expected a string");
  return node_.Scalar();
}

template <>
bool YamlNode::as<bool>() const {
  if (!node_.IsScalar()) fail("expected true or false");
  const std::string& s = node_.Scalar();
  if (s == "true" || s == "True" || s == "TRUE" || s == "yes") return true;
  if (s == "false" || s == "False" || s == "FALSE" || s == "no") return false;
  fail("expected true or false, got '" + s + "'");
}

template <>
double YamlNode::as<double>() const {
  if (!node_.IsScalar()) fail("expected a number");
  const std::string& s = node_.Scalar();
  std::string lower;
  for (const char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // YAML spells these .nan / .inf / -.inf; plain nan/inf would also be accepted by stod.
  if (lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos) {
    fail("expected a finite number, got '" + s + "'");
  }
  double v = 0.0;
  std::size_t used = 0;
  try {
    v = std::stod(s, &used);
  } catch (const std::out_of_range&) {
    fail("number out of range: '" + s + "'");
  } catch (const std::exception&) {
    fail("expected a number, got '" + s + "'");
  }
  if (used != s.size()) fail("expected a number, got '" + s + "'");
  if (!std::isfinite(v)) fail("expected a finite number, got '" + s + "'");
  return v;
}

template <>
int64_t YamlNode::as<int64_t>() const {
  if (!node_.IsScalar()) fail("expected an integer");
  const std::string& s = node_.Scalar();
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(s, &used, 10);
  } catch (const std::out_of_range&) {
    fail("integer out of range: '" + s + "'");
  } catch (const std::exception&) {
    fail("expected an integer, got '" + s + "'");
  }
  if (used != s.size()) fail("expected an integer, got '" + s + "'");
  return static_cast<int64_t>(v);
}

template <>
int YamlNode::as<int>() const {
  const int64_t v = as<int64_t>();
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    fail("integer out of range: " + std::to_string(v));
  }
  return static_cast<int>(v);
}

double YamlNode::get_positive(std::string_view key) const {
  const double v = get<double>(key);
  if (!(v > 0)) fail_at(key, "must be > 0, got " + child(key).as<std::string>());
  return v;
}
double YamlNode::get_positive_or(std::string_view key, double fallback) const {
  return has(key) ? get_positive(key) : (read_keys_->insert(std::string(key)), fallback);
}
double YamlNode::get_nonnegative(std::string_view key) const {
  const double v = get<double>(key);
  if (v < 0) fail_at(key, "must be >= 0, got " + child(key).as<std::string>());
  return v;
}
double YamlNode::get_nonnegative_or(std::string_view key, double fallback) const {
  return has(key) ? get_nonnegative(key) : (read_keys_->insert(std::string(key)), fallback);
}
double YamlNode::get_in_range(std::string_view key, double lo, double hi) const {
  const double v = get<double>(key);
  if (v < lo || v > hi) {
    std::ostringstream m;
    m << "must be in [" << lo << ", " << hi << "], got " << child(key).as<std::string>();
    fail_at(key, m.str());
  }
  return v;
}
double YamlNode::get_in_range_or(std::string_view key, double lo, double hi, double fallback) const {
  return has(key) ? get_in_range(key, lo, hi) : (read_keys_->insert(std::string(key)), fallback);
}
int64_t YamlNode::get_count(std::string_view key) const {
  const int64_t v = get<int64_t>(key);
  if (v < 1) fail_at(key, "must be a positive integer (>= 1), got " + std::to_string(v));
  return v;
}
int64_t YamlNode::get_count_or(std::string_view key, int64_t fallback) const {
  return has(key) ? get_count(key) : (read_keys_->insert(std::string(key)), fallback);
}
int64_t YamlNode::get_count0_or(std::string_view key, int64_t fallback) const {
  if (!has(key)) {
    read_keys_->insert(std::string(key));
    return fallback;
  }
  const int64_t v = get<int64_t>(key);
  if (v < 0) fail_at(key, "must be a non-negative integer, got " + std::to_string(v));
  return v;
}
std::string YamlNode::get_enum(std::string_view key, const std::vector<std::string>& allowed) const {
  const std::string v = get<std::string>(key);
  for (const auto& a : allowed)
    if (a == v) return v;
  fail_at(key, "unknown value '" + v + "' (allowed: " + join(allowed) + ")");
}
std::string YamlNode::get_enum_or(std::string_view key, const std::vector<std::string>& allowed,
                                  std::string fallback) const {
  if (!has(key)) {
    read_keys_->insert(std::string(key));
    return fallback;
  }
  return get_enum(key, allowed);
}

void YamlNode::done() const {
  // done() is called on every section a loader reads as a mapping; a list or scalar there would otherwise pass
  // with every key defaulted (e.g. `simulation: [24, 2, 1]`).
  if (is_null()) return;
  if (!node_.IsMap()) fail("expected a mapping");
  std::map<std::string, int> seen;
  std::vector<std::string> known(read_keys_->begin(), read_keys_->end());
  for (const auto& kv : node_) {
    const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : std::string("<non-scalar key>");
    const auto m = kv.first.Mark();
    if (++seen[k] > 1) {
      throw ConfigError(*file_, one_based(m.line), one_based(m.column), child_path(k), "duplicate key");
    }
    if (read_keys_->find(k) == read_keys_->end()) {
      throw ConfigError(*file_, one_based(m.line), one_based(m.column), child_path(k),
                        "unknown key (allowed here: " + join(known) + ")");
    }
  }
}

}  // namespace aidc::tools
