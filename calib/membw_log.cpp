#include "calib/membw_log.hpp"

#include <cmath>

#include "calib/aidc_csv.hpp"
#include "calib/log_metadata.hpp"

namespace aidc::calib {

namespace {

constexpr double kGbPerTb = 1000.0;
constexpr double kUsPerS = 1e6;
constexpr double kBytesPerGb = 1e9;
constexpr double kPrintRelTolerance = 0.01;
constexpr std::string_view kMembwHeader = "kernel,buffer_bytes,bytes_moved,repeats,median_us,gb_per_s";

std::string kernel_name(std::string_view label) {
  std::string out;
  for (char c : to_lower(label)) out += (c == ' ') ? '_' : c;
  if (out == "host_to_device") return "h2d";
  if (out == "device_to_host") return "d2h";
  if (out == "device_to_device_read") return "d2d_read";
  return out;
}

std::string gpu_from_comments(const TextLines& text) {
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (!t.empty() && t.front() == '#' && starts_with(to_lower(trim(t.substr(1))), "hardware")) return canonical_gpu(t);
  }
  return {};
}

}  // namespace

bool looks_like_aidc_membw(const TextLines& text) {
  return has_aidc_signature(text, "aidc-membw");
}

std::vector<MembwSeries> parse_aidc_membw(const TextLines& text) {
  AidcCsv csv = parse_aidc_csv(text, "aidc-membw", kMembwHeader);
  MembwSeries s;
  s.file = text.file();
  s.label = "aidc-membw";
  s.gpu = canonical_gpu(csv.metadata["gpu"]);
  for (const auto& row : csv.rows) {
    const auto& f = row.fields;
    MembwPoint p;
    p.kernel = std::string(f[0]);
    if (p.kernel != "copy" && p.kernel != "triad") text.fail(row.line, "unknown kernel '" + p.kernel + "'");
    p.buffer_bytes = require_double(text, row.line, f[1], "buffer_bytes");
    double moved = require_double(text, row.line, f[2], "bytes_moved");
    long long repeats = require_integer(text, row.line, f[3], "repeats");
    double median_us = require_double(text, row.line, f[4], "median_us");
    p.gb_per_s = require_double(text, row.line, f[5], "gb_per_s");
    p.line = row.line;
    if (p.buffer_bytes <= 0 || moved <= 0 || repeats <= 0 || median_us <= 0 || p.gb_per_s <= 0) {
      text.fail(row.line, "non-positive field");
    }
    const double streams = p.kernel == "copy" ? 2.0 : 3.0;
    if (moved != streams * p.buffer_bytes)
      text.fail(row.line, "bytes_moved must be " + std::to_string(streams) + " x buffer_bytes");
    double gbps = moved / (median_us / kUsPerS) / kBytesPerGb;
    if (std::abs(gbps / p.gb_per_s - 1.0) > kPrintRelTolerance) {
      text.fail(row.line, "gb_per_s does not match bytes_moved / median time: garbled row");
    }
    s.points.push_back(p);
  }
  if (s.points.empty()) text.fail(0, "no rows");
  return {s};
}

bool looks_like_bandwidth_markdown(const TextLines& text) {
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty() || t.front() != '|') continue;
    auto cells = split_on(t.substr(1), '|');
    return cells.size() >= 2 && cells[0].empty() &&
           (cells[1].find("TB/s") != std::string_view::npos || cells[1].find("GB/s") != std::string_view::npos);
  }
  return false;
}

std::vector<MembwSeries> parse_bandwidth_markdown(const TextLines& text) {
  std::vector<MembwSeries> out;
  const std::string gpu = gpu_from_comments(text);
  std::string section;
  double scale = 0.0;
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty()) continue;
    if (t.front() == '#') {
      section = std::string(trim(t.substr(1)));
      continue;
    }
    if (t.front() != '|') text.fail(l.number, "expected a markdown table row");
    auto cells = split_on(t.substr(1), '|');
    if (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.size() != 2) text.fail(l.number, "row has " + std::to_string(cells.size()) + " cells, expected 2");
    if (cells[0].empty() || cells[0].find("--") != std::string_view::npos) {
      if (cells[0].empty()) {
        if (cells[1].find("TB/s") != std::string_view::npos) {
          scale = kGbPerTb;
        } else if (cells[1].find("GB/s") != std::string_view::npos) {
          scale = 1.0;
        } else {
          text.fail(l.number, "header must give the unit (TB/s or GB/s)");
        }
        MembwSeries s;
        s.file = text.file();
        s.label = section.empty() ? "table" : section;
        s.gpu = gpu;
        out.push_back(s);
      }
      continue;
    }
    if (out.empty()) text.fail(l.number, "row before the table header");
    MembwPoint p;
    p.kernel = kernel_name(cells[0]);
    if (to_lower(section).find("cpu") != std::string::npos) p.kernel = "cpu_" + p.kernel;
    p.gb_per_s = require_double(text, l.number, cells[1], "bandwidth") * scale;
    p.line = l.number;
    if (p.gb_per_s <= 0.0) text.fail(l.number, "non-positive bandwidth");
    out.back().points.push_back(p);
  }
  if (out.empty()) text.fail(0, "no bandwidth table");
  return out;
}

bool looks_like_nvbandwidth_sum(const TextLines& text) {
  for (const auto& l : text.lines()) {
    auto tok = split_ws(l.text);
    if (tok.size() == 3 && tok[0] == "SUM" && parse_double(tok[2])) return true;
  }
  return false;
}

std::vector<MembwSeries> parse_nvbandwidth_sum(const TextLines& text) {
  MembwSeries s;
  s.file = text.file();
  s.label = "nvbandwidth SUM";
  s.gpu = gpu_from_comments(text);
  for (const auto& l : text.lines()) {
    auto tok = split_ws(l.text);
    if (tok.empty() || tok[0] != "SUM") continue;
    if (tok.size() != 3) text.fail(l.number, "SUM line must read 'SUM <test> <GB/s>'");
    MembwPoint p;
    p.kernel = std::string(tok[1]);
    p.gb_per_s = require_double(text, l.number, tok[2], "bandwidth");
    p.line = l.number;
    s.points.push_back(p);
  }
  if (s.points.empty()) text.fail(0, "no SUM lines");
  return {s};
}

}  // namespace aidc::calib
