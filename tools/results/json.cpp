#include "tools/results/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace aidc::tools {

Json& Json::set(const std::string& key, Json value) {
  if (is_null()) v_ = Object{};
  auto& obj = std::get<Object>(v_);
  for (auto& kv : obj) {
    if (kv.first == key) {
      kv.second = std::move(value);
      return kv.second;
    }
  }
  obj.emplace_back(key, std::move(value));
  return obj.back().second;
}

Json& Json::push(Json value) {
  if (is_null()) v_ = Array{};
  auto& arr = std::get<Array>(v_);
  arr.push_back(std::move(value));
  return arr.back();
}

std::string json_quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string json_number(double d) {
  if (!std::isfinite(d)) return "null";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

std::string Json::dump(int indent) const {
  std::string out;
  dump_to(out, indent, 0);
  return out;
}

void Json::dump_to(std::string& out, int indent, int depth) const {
  const auto newline = [&](int d) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * d), ' ');
  };
  if (std::holds_alternative<std::monostate>(v_)) {
    out += "null";
  } else if (const auto* b = std::get_if<bool>(&v_)) {
    out += *b ? "true" : "false";
  } else if (const auto* d = std::get_if<double>(&v_)) {
    out += json_number(*d);
  } else if (const auto* i = std::get_if<int64_t>(&v_)) {
    out += std::to_string(*i);
  } else if (const auto* s = std::get_if<std::string>(&v_)) {
    out += json_quote(*s);
  } else if (const auto* a = std::get_if<Array>(&v_)) {
    if (a->empty()) {
      out += "[]";
      return;
    }
    out += '[';
    for (std::size_t k = 0; k < a->size(); ++k) {
      if (k) out += ',';
      newline(depth + 1);
      (*a)[k].dump_to(out, indent, depth + 1);
    }
    newline(depth);
    out += ']';
  } else if (const auto* o = std::get_if<Object>(&v_)) {
    if (o->empty()) {
      out += "{}";
      return;
    }
    out += '{';
    for (std::size_t k = 0; k < o->size(); ++k) {
      if (k) out += ',';
      newline(depth + 1);
      out += json_quote((*o)[k].first);
      out += indent < 0 ? ":" : ": ";
      (*o)[k].second.dump_to(out, indent, depth + 1);
    }
    newline(depth);
    out += '}';
  }
}

}  // namespace aidc::tools
