#pragma once
// Json: a minimal ordered JSON value for the CLI's --json outputs. Keys keep insertion order so that
// outputs are stable and diffable. Doubles are printed in shortest round-trip form (std::to_chars), so
// the JSON carries exactly the bits computed; non-finite doubles become null (JSON has no NaN).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace aidc::tools {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;

  Json() = default;  // null
  Json(std::nullptr_t) {}
  Json(bool b) : v_(b) {}
  Json(double d) : v_(d) {}
  Json(int i) : v_(static_cast<int64_t>(i)) {}
  Json(int64_t i) : v_(i) {}
  Json(uint64_t i) : v_(static_cast<int64_t>(i)) {}
  Json(const char* s) : v_(std::string(s)) {}
  Json(std::string s) : v_(std::move(s)) {}
  Json(std::optional<double> d) {
    if (d) v_ = *d;
  }

  static Json array() {
    Json j;
    j.v_ = Array{};
    return j;
  }
  static Json object() {
    Json j;
    j.v_ = Object{};
    return j;
  }

  // Object access: sets (or replaces) `key`. Turns a null into an object.
  Json& set(const std::string& key, Json value);
  // Array append. Turns a null into an array.
  Json& push(Json value);

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  // Serialises; indent < 0 gives one line.
  std::string dump(int indent = 2) const;

 private:
  void dump_to(std::string& out, int indent, int depth) const;
  std::variant<std::monostate, bool, double, int64_t, std::string, Array, Object> v_;
};

// Escapes a string for inclusion in JSON (quotes included).
std::string json_quote(const std::string& s);
// Shortest round-trip decimal form of a finite double ("null" otherwise).
std::string json_number(double d);

}  // namespace aidc::tools
