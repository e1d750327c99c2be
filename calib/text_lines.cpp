#include "calib/text_lines.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aidc::calib {

namespace {
// A decimal-labelled size ("536M") may differ from the power of two it names by the rounding of the
// label: 2^30 B is "1G" (7.4 % below 2^30), 2^33 B is "8G" (6.9 % below). Anything further off is not
// a power-of-two label and is rejected rather than guessed.
constexpr double kPowerOfTwoLabelTolerance = 0.10;
constexpr double kKilo = 1000.0;
constexpr double kKibi = 1024.0;
}  // namespace

TextLines TextLines::read_file(const std::string& path) {
  // A folder opens as a stream on Linux and reads as empty ("unrecognised log format"): say what it is.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw CalibError(path, 0, "is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CalibError(path, 0, "cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw CalibError(path, 0, "read error");
  return from_string(ss.str(), path);
}

TextLines TextLines::from_string(const std::string& text, const std::string& name) {
  TextLines t;
  t.file_ = name;
  int number = 0;
  std::size_t pos = 0;
  // A UTF-8 byte order mark (editors on Windows write one) is not part of the first line: left in, it hid
  // a first-line "# nThread" header from the nccl-tests parser and made CSV and markdown headers unrecognised.
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (std::string_view(text).substr(0, kUtf8Bom.size()) == kUtf8Bom) pos = kUtf8Bom.size();
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    t.lines_.push_back({++number, std::move(line)});
    pos = end + 1;
  }
  t.ends_with_newline_ = text.empty() || text.back() == '\n';
  return t;
}

TextLines TextLines::from_lines(const std::string& name, std::vector<TextLine> lines) {
  TextLines t;
  t.file_ = name;
  t.lines_ = std::move(lines);
  return t;
}

void require_line_end(const TextLines& text, int line, std::string_view what) {
  if (text.ends_with_newline() || text.lines().empty() || text.lines().back().number != line) return;
  text.fail(line, std::string(what) +
                      " is the last line and has no line end: the file may be cut inside its last value (tools "
                      "end every line); if it was written by hand, end it with a newline");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string_view> split_on(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) {
      out.push_back(trim(s.substr(pos)));
      return out;
    }
    out.push_back(trim(s.substr(pos, end - pos)));
    pos = end + 1;
  }
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<double> parse_double(std::string_view token) {
  token = trim(token);
  if (token.empty()) return std::nullopt;
  if (token.front() == '+') token.remove_prefix(1);
  double v = 0.0;
  auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  if (ec != std::errc() || ptr != token.data() + token.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(std::string_view token) {
  token = trim(token);
  if (token.empty()) return std::nullopt;
  long long v = 0;
  auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  if (ec != std::errc() || ptr != token.data() + token.size()) return std::nullopt;
  return v;
}

double require_double(const TextLines& text, int line, std::string_view token, std::string_view what) {
  auto v = parse_double(token);
  if (!v) text.fail(line, std::string(what) + ": expected a number, got '" + std::string(token) + "'");
  return *v;
}

long long require_integer(const TextLines& text, int line, std::string_view token, std::string_view what) {
  auto v = parse_integer(token);
  if (!v) text.fail(line, std::string(what) + ": expected an integer, got '" + std::string(token) + "'");
  return *v;
}

std::optional<double> parse_size_label(std::string_view token, bool nearest_power_of_two) {
  std::string digits;
  std::string suffix;
  for (char c : trim(token)) {
    if (c == '_') continue;
    if (suffix.empty() && (std::isdigit(static_cast<unsigned char>(c)) || c == '.')) {
      digits += c;
    } else {
      suffix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  auto number = parse_double(digits);
  if (!number || *number <= 0.0) return std::nullopt;
  if (suffix == "B") suffix.clear();
  bool binary = suffix.size() >= 2 && suffix[1] == 'I';
  if (binary && suffix.size() == 3 && suffix[2] != 'B') return std::nullopt;
  if (!binary && suffix.size() == 2 && suffix[1] != 'B') return std::nullopt;
  if (suffix.size() > 3) return std::nullopt;
  int power = 0;
  if (!suffix.empty()) {
    switch (suffix[0]) {
      case 'K':
        power = 1;
        break;
      case 'M':
        power = 2;
        break;
      case 'G':
        power = 3;
        break;
      case 'T':
        power = 4;
        break;
      default:
        return std::nullopt;
    }
  }
  double value = *number * std::pow(binary ? kKibi : kKilo, power);
  if (binary || power == 0 || !nearest_power_of_two) return value;
  double p2 = std::exp2(std::round(std::log2(value)));
  if (std::abs(value / p2 - 1.0) > kPowerOfTwoLabelTolerance) return std::nullopt;
  return p2;
}

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

}  // namespace aidc::calib
