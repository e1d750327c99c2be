#include "calib/membw_log.hpp"

#include <algorithm>

#include <cmath>
#include <optional>

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

// No GPU memory comes within an order of magnitude of this (HBM3e: ~8 TB/s per GPU; an nvbandwidth SUM over a
// 4-GPU NVLink host: ~18 TB/s): a larger figure is a garbled or mis-scaled value, not a measurement.
constexpr double kMaxPlausibleGbPerS = 1e6;

void require_plausible_bandwidth(const TextLines& text, int line, double gb_per_s) {
  if (!(gb_per_s > 0.0)) text.fail(line, "non-positive bandwidth");
  if (gb_per_s > kMaxPlausibleGbPerS) {
    text.fail(line, "bandwidth " + short_number(gb_per_s) + " GB/s is beyond any device (limit " +
                        short_number(kMaxPlausibleGbPerS) + "): garbled or mis-scaled value");
  }
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
    require_plausible_bandwidth(text, row.line, p.gb_per_s);
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
  bool closing_pipes = false;
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
    const bool header = cells[0].empty();
    // A row cut inside its value keeps its cell count: only the missing closing '|' that the header has tells.
    if (!header && closing_pipes && t.back() != '|') {
      text.fail(l.number, "row does not end with '|' as the header does: truncated row");
    }
    if (!header && !closing_pipes) require_line_end(text, l.number, "markdown row without a closing '|'");
    if (header || cells[0].find("--") != std::string_view::npos) {
      if (header) {
        closing_pipes = t.back() == '|';
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
    require_plausible_bandwidth(text, l.number, p.gb_per_s);
    out.back().points.push_back(p);
  }
  if (out.empty()) text.fail(0, "no bandwidth table");
  return out;
}

namespace {

// GB/s per unit of BabelStream's bandwidth column.
// Versions 3-4 write "MBytes/sec" (or MiBytes, GBytes, GiBytes); version 5 writes its unit's short name and
// "/s" ("MB/s", "GiB/s", ... up to TiB, BabelStream Unit.h).
std::optional<double> babelstream_unit(std::string_view header_unit) {
  static const std::pair<std::string_view, double> kUnits[] = {
      {"MBytes/sec", 1e-3}, {"MiBytes/sec", 1048576.0 / 1e9}, {"GBytes/sec", 1.0}, {"GiBytes/sec", 1073741824.0 / 1e9},
      {"MB/s", 1e-3},       {"MiB/s", 1048576.0 / 1e9},       {"GB/s", 1.0},       {"GiB/s", 1073741824.0 / 1e9},
      {"TB/s", 1e3},        {"TiB/s", 1099511627776.0 / 1e9}};
  for (const auto& [name, gb] : kUnits) {
    if (name == header_unit) return gb;
  }
  return std::nullopt;
}

// Arrays each BabelStream kernel reads or writes per element (BabelStream's bench table).
std::optional<double> babelstream_weight(std::string_view kernel) {
  if (kernel == "copy" || kernel == "mul" || kernel == "dot") return 2.0;
  if (kernel == "add" || kernel == "triad") return 3.0;
  if (kernel == "nstream") return 4.0;
  return std::nullopt;
}

constexpr std::string_view kBabelCsvHeader = "function,num_times,n_elements,sizeof,max_";
constexpr std::string_view kBabelCsvTail = "_per_sec,min_runtime,max_runtime,avg_runtime";

// The unit of a BabelStream --csv header ("mbytes" from max_mbytes_per_sec), empty if `t` is not one.
std::string_view babelstream_csv_unit(std::string_view t) {
  if (!starts_with(t, kBabelCsvHeader) || t.size() < kBabelCsvHeader.size() + kBabelCsvTail.size() ||
      t.substr(t.size() - kBabelCsvTail.size()) != kBabelCsvTail) {
    return {};
  }
  return t.substr(kBabelCsvHeader.size(), t.size() - kBabelCsvHeader.size() - kBabelCsvTail.size());
}

// GB/s per unit of a --csv header: "mbytes"/"mibytes" (versions 3-4), Unit::str() of version 5.
std::optional<double> babelstream_csv_scale(std::string_view unit) {
  static const std::pair<std::string_view, double> kUnits[] = {
      {"mbytes", 1e-3}, {"mibytes", 1048576.0 / 1e9}, {"MB", 1e-3}, {"MiB", 1048576.0 / 1e9},
      {"GB", 1.0},      {"GiB", 1073741824.0 / 1e9},  {"TB", 1e3},  {"TiB", 1099511627776.0 / 1e9}};
  for (const auto& [name, gb] : kUnits) {
    if (name == unit) return gb;
  }
  return std::nullopt;
}

bool is_babelstream_header(const std::vector<std::string_view>& tok) {
  return tok.size() == 6 && tok[0] == "Function" && tok[2] == "Min" && tok[3] == "(sec)" && tok[4] == "Max" &&
         tok[5] == "Average";
}

// Lines a GPU backend prints to stdout before the CSV header even with --csv (CUDAStream, HIPStream: "Using
// CUDA device <name>", "Driver: ...", "Memory: ..."; a HIP variant "Reduction kernel config: ...").
bool is_babelstream_device_line(std::string_view t) {
  const auto tok = split_ws(t);
  if (tok.size() >= 4 && tok[0] == "Using" && tok[2] == "device") return true;
  return starts_with(t, "Driver:") || starts_with(t, "Memory:") || starts_with(t, "Reduction kernel config");
}

}  // namespace

bool looks_like_babelstream(const TextLines& text) {
  for (const auto& l : text.lines()) {
    if (is_babelstream_header(split_ws(l.text))) return true;
  }
  return false;
}

std::vector<MembwSeries> parse_babelstream(const TextLines& text) {
  MembwSeries s;
  s.file = text.file();
  s.label = "BabelStream";
  double scale = 0.0;
  int header_line = 0;
  for (const auto& l : text.lines()) {
    const auto t = trim(l.text);
    if (t.empty()) continue;
    const auto tok = split_ws(t);
    // "Using CUDA device NVIDIA H100 80GB HBM3" (HIP, SYCL, OpenMP backends print the same form).
    if (tok.size() >= 4 && tok[0] == "Using" && tok[2] == "device") {
      if (s.gpu.empty()) s.gpu = canonical_gpu(t);
      continue;
    }
    if (is_babelstream_header(tok)) {
      if (header_line != 0) {
        text.fail(l.number, "a second BabelStream table (the first at line " + std::to_string(header_line) +
                                "): two runs in one file");
      }
      const auto unit = babelstream_unit(tok[1]);
      if (!unit) text.fail(l.number, "unknown bandwidth unit '" + std::string(tok[1]) + "'");
      scale = *unit;
      header_line = l.number;
      continue;
    }
    if (header_line == 0) continue;  // the run's preamble
    if (tok[0] == "BabelStream") {
      text.fail(l.number, "a second BabelStream run (the first table at line " + std::to_string(header_line) +
                              "): two runs in one file");
    }
    if (tok.size() != 5) {
      text.fail(l.number, "BabelStream row has " + std::to_string(tok.size()) +
                              " fields, expected 5 (function, bandwidth, min, max, average): truncated or garbled row");
    }
    MembwPoint p;
    p.kernel = to_lower(tok[0]);
    if (p.kernel != "copy" && p.kernel != "mul" && p.kernel != "add" && p.kernel != "triad" && p.kernel != "dot" &&
        p.kernel != "nstream") {
      text.fail(l.number, "unknown BabelStream kernel '" + std::string(tok[0]) + "'");
    }
    for (const auto& earlier : s.points) {
      if (earlier.kernel == p.kernel) text.fail(l.number, "kernel '" + std::string(tok[0]) + "' listed twice");
    }
    const double bandwidth = require_double(text, l.number, tok[1], "bandwidth");
    const double min_s = require_double(text, l.number, tok[2], "min time");
    const double max_s = require_double(text, l.number, tok[3], "max time");
    const double avg_s = require_double(text, l.number, tok[4], "average time");
    if (!(min_s > 0.0) || min_s > avg_s || avg_s > max_s) {
      text.fail(l.number, "times must satisfy 0 < min <= average <= max: truncated or garbled row");
    }
    p.gb_per_s = bandwidth * scale;
    p.line = l.number;
    require_plausible_bandwidth(text, l.number, p.gb_per_s);
    s.points.push_back(p);
  }
  if (s.points.empty()) text.fail(header_line, "BabelStream table without rows: truncated output");
  return {s};
}

bool looks_like_babelstream_csv(const TextLines& text) {
  for (const auto& l : text.lines()) {
    const auto t = trim(l.text);
    if (t.empty() || t.front() == '#' || is_babelstream_device_line(t)) continue;
    return !babelstream_csv_unit(t).empty();
  }
  return false;
}

std::vector<MembwSeries> parse_babelstream_csv(const TextLines& text) {
  MembwSeries s;
  s.file = text.file();
  s.label = "BabelStream CSV";
  s.gpu = gpu_from_comments(text);
  double scale = 0.0;
  int header_line = 0;
  for (const auto& l : text.lines()) {
    const auto t = trim(l.text);
    if (t.empty() || t.front() == '#') continue;
    if (header_line == 0) {
      if (is_babelstream_device_line(t)) {
        if (s.gpu.empty() && starts_with(t, "Using")) s.gpu = canonical_gpu(t);
        continue;
      }
      const auto unit = babelstream_csv_unit(t);
      const auto gb = babelstream_csv_scale(unit);
      if (!gb) text.fail(l.number, "unknown bandwidth unit 'max_" + std::string(unit).substr(0, 32) + "_per_sec'");
      scale = *gb;
      header_line = l.number;
      continue;
    }
    if (!babelstream_csv_unit(t).empty() || is_babelstream_device_line(t)) {
      text.fail(l.number, "a second BabelStream CSV header or device line (the first header at line " +
                              std::to_string(header_line) + "): two runs in one file");
    }
    auto f = split_on(t, ',');
    if (f.size() != 8) {
      text.fail(l.number, "BabelStream CSV row has " + std::to_string(f.size()) +
                              " fields, expected 8: truncated or garbled row");
    }
    require_line_end(text, l.number, "BabelStream CSV row");
    MembwPoint p;
    p.kernel = to_lower(f[0]);
    // Version 5.0 also reports the array initialisation and the read back to the host, once each, over the
    // three arrays: checked like the kernels, not kept (they are not the device bandwidth the profile wants).
    const bool setup = p.kernel == "init" || p.kernel == "read";
    const auto weight = setup ? std::optional<double>(3.0) : babelstream_weight(p.kernel);
    if (!weight) text.fail(l.number, "unknown BabelStream kernel '" + std::string(f[0]).substr(0, 32) + "'");
    for (const auto& earlier : s.points) {
      if (earlier.kernel == p.kernel) {
        text.fail(l.number, "kernel '" + std::string(f[0]) + "' listed twice (first at line " +
                                std::to_string(earlier.line) + "): two runs in one file");
      }
    }
    const long long times = require_integer(text, l.number, f[1], "num_times");
    const long long elements = require_integer(text, l.number, f[2], "n_elements");
    const long long word = require_integer(text, l.number, f[3], "sizeof");
    const double bandwidth = require_double(text, l.number, f[4], "bandwidth");
    const double min_s = require_double(text, l.number, f[5], "min_runtime");
    const double max_s = require_double(text, l.number, f[6], "max_runtime");
    const double avg_s = require_double(text, l.number, f[7], "avg_runtime");
    if ((setup ? times != 1 : times < 2) || elements <= 0 || (word != 4 && word != 8)) {
      text.fail(l.number, std::string("num_times must be ") + (setup ? "1 for Init and Read" : ">= 2") +
                              ", n_elements > 0 and sizeof 4 or 8");
    }
    if (!(min_s > 0.0) || min_s > avg_s || avg_s > max_s) {
      text.fail(l.number, "times must satisfy 0 < min <= average <= max: truncated or garbled row");
    }
    p.gb_per_s = bandwidth * scale;
    p.buffer_bytes = static_cast<double>(elements) * static_cast<double>(word);
    p.line = l.number;
    require_plausible_bandwidth(text, l.number, p.gb_per_s);
    // BabelStream's bandwidth is weight x sizeof x n_elements over the fastest run (every version).
    const double expected = *weight * p.buffer_bytes / min_s / kBytesPerGb;
    if (std::abs(p.gb_per_s / expected - 1.0) > kPrintRelTolerance) {
      text.fail(l.number, "bandwidth " + std::string(f[4]) + " is not " + short_number(*weight) +
                              " x sizeof x n_elements / min_runtime (" + short_number(expected / scale) +
                              "): garbled row or wrong unit");
    }
    if (!setup) s.points.push_back(p);
  }
  if (s.points.empty()) text.fail(header_line, "BabelStream CSV without kernel rows: truncated output");
  return {s};
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
  std::string running;  // the test nvbandwidth announced ("Running X.") and has not summed yet
  int running_line = 0;
  for (const auto& l : text.lines()) {
    auto tok = split_ws(l.text);
    // nvbandwidth's own header names the devices: "Process 0 (host): device 0: NVIDIA H100 80GB HBM3 (...)".
    if (s.gpu.empty() && l.text.find(": device ") != std::string::npos) s.gpu = canonical_gpu(l.text);
    if (tok.size() == 2 && tok[0] == "Running") {
      if (!running.empty())
        text.fail(l.number, "test '" + running + "' (line " + std::to_string(running_line) +
                                ") has no SUM line: truncated or interleaved output");
      running = std::string(tok[1]);
      if (!running.empty() && running.back() == '.') running.pop_back();
      running_line = l.number;
      continue;
    }
    if (tok.empty() || tok[0] != "SUM") continue;
    if (tok.size() != 3) text.fail(l.number, "SUM line must read 'SUM <test> <GB/s>'");
    require_line_end(text, l.number, "SUM line");
    if (!running.empty() && tok[1] != running) {
      text.fail(l.number, "SUM of '" + std::string(tok[1]) + "' while test '" + running + "' (line " +
                              std::to_string(running_line) + ") runs: interleaved output");
    }
    running.clear();
    const std::string kernel(tok[1]);
    // The latency tests sum nanoseconds, not bandwidth.
    if (kernel.find("latency") != std::string::npos) continue;
    for (const auto& earlier : s.points) {
      if (earlier.kernel == kernel) {
        text.fail(l.number, "test '" + kernel + "' summed twice (first at line " + std::to_string(earlier.line) +
                                "): two runs in one file");
      }
    }
    MembwPoint p;
    p.kernel = kernel;
    p.gb_per_s = require_double(text, l.number, tok[2], "bandwidth");
    p.line = l.number;
    require_plausible_bandwidth(text, l.number, p.gb_per_s);
    s.points.push_back(p);
  }
  if (!running.empty()) {
    text.fail(running_line, "test '" + running + "' has no SUM line: truncated output");
  }
  if (s.points.empty()) text.fail(0, "no SUM lines");
  return {s};
}

}  // namespace aidc::calib
