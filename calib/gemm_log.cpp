#include "calib/gemm_log.hpp"

#include <cmath>

#include "calib/aidc_csv.hpp"
#include "calib/log_metadata.hpp"

namespace aidc::calib {

namespace {

constexpr double kFlopsPerFma = 2.0;
constexpr double kUsPerS = 1e6;
constexpr double kFlopsPerTflop = 1e12;
constexpr double kPrintRelTolerance = 0.01;
constexpr std::string_view kGemmHeader = "dtype,m,n,k,repeats,median_us,min_us,max_us,tflops,check";

bool known_dtype(std::string_view d) {
  return d == "fp32" || d == "tf32" || d == "bf16" || d == "fp16" || d == "fp8" || d == "fp4";
}

double flops(const GemmPoint& p) {
  return kFlopsPerFma * static_cast<double>(p.b) * static_cast<double>(p.m) * static_cast<double>(p.n) *
         static_cast<double>(p.k);
}

// dtype named in a comment ("FP8", "(FP16)", "bf16"): the last one mentioned wins, except an accumulation
// type ("FP8 inputs, FP32 accumulate"), which is not what the GEMM's inputs are.
std::string dtype_in(std::string_view text) {
  const std::string lower = to_lower(text);
  std::string found;
  std::size_t best = std::string::npos;
  for (std::string_view d : {"fp32", "tf32", "bf16", "fp16", "fp8", "fp4"}) {
    for (auto pos = lower.find(d); pos != std::string::npos; pos = lower.find(d, pos + 1)) {
      std::size_t after = pos + d.size();
      while (after < lower.size() && (lower[after] == ' ' || lower[after] == '-' || lower[after] == '_')) ++after;
      if (lower.compare(after, 5, "accum") == 0) continue;
      if (best == std::string::npos || pos > best) {
        best = pos;
        found = std::string(d);
      }
    }
  }
  return found;
}

// Beyond any accelerator's dense peak by two orders of magnitude (B200 fp4: ~9 PFLOP/s), and beyond cuBLAS's
// 32-bit matrix dimensions: a garbled or mis-scaled value, not a measurement.
constexpr double kMaxPlausibleTflops = 1e6;
constexpr long long kMaxGemmDim = 2147483647;

void require_plausible(const TextLines& text, int line, const GemmPoint& p) {
  if (p.m > kMaxGemmDim || p.n > kMaxGemmDim || p.k > kMaxGemmDim || p.b > kMaxGemmDim) {
    text.fail(line, "matrix dimension beyond 2^31 - 1: garbled row");
  }
  if (!(p.tflops <= kMaxPlausibleTflops)) {
    text.fail(line, "throughput " + short_number(p.tflops) + " TFLOP/s is beyond any device (limit " +
                        short_number(kMaxPlausibleTflops) + "): garbled or mis-scaled value");
  }
}

}  // namespace

bool looks_like_aidc_gemm(const TextLines& text) {
  return has_aidc_signature(text, "aidc-gemm");
}

std::vector<GemmSeries> parse_aidc_gemm(const TextLines& text) {
  AidcCsv csv = parse_aidc_csv(text, "aidc-gemm", kGemmHeader);
  std::vector<GemmSeries> out;
  const std::string gpu = canonical_gpu(csv.metadata["gpu"]);
  for (const auto& row : csv.rows) {
    const auto& f = row.fields;
    std::string dtype(f[0]);
    if (!known_dtype(dtype)) text.fail(row.line, "unknown dtype '" + dtype + "'");
    GemmPoint p;
    p.m = require_integer(text, row.line, f[1], "m");
    p.n = require_integer(text, row.line, f[2], "n");
    p.k = require_integer(text, row.line, f[3], "k");
    long long repeats = require_integer(text, row.line, f[4], "repeats");
    p.time_us = require_double(text, row.line, f[5], "median_us");
    double min_us = require_double(text, row.line, f[6], "min_us");
    double max_us = require_double(text, row.line, f[7], "max_us");
    p.tflops = require_double(text, row.line, f[8], "tflops");
    p.line = row.line;
    if (p.m <= 0 || p.n <= 0 || p.k <= 0 || repeats <= 0 || p.time_us <= 0.0) text.fail(row.line, "non-positive field");
    require_plausible(text, row.line, p);
    if (min_us > p.time_us || p.time_us > max_us) text.fail(row.line, "median outside [min, max]: garbled row");
    double tflops = flops(p) / (p.time_us / kUsPerS) / kFlopsPerTflop;
    if (std::abs(tflops / p.tflops - 1.0) > kPrintRelTolerance) {
      text.fail(row.line, "tflops does not match 2 m n k / median time: garbled row");
    }
    if (f[9] == "fail") text.fail(row.line, "the reference check failed for this run: result not trusted");
    if (f[9] != "pass" && f[9] != "not_run") text.fail(row.line, "check must be pass, fail or not_run");
    if (out.empty() || out.back().dtype != dtype) {
      // aidc-gemm writes one block per dtype; a dtype that comes back is two sweeps mixed in one file, which
      // would otherwise become two separate fits of the same dtype.
      for (const auto& earlier : out) {
        if (earlier.dtype == dtype) {
          text.fail(row.line, "dtype " + dtype + " resumes after " + out.back().dtype + " rows: interleaved log");
        }
      }
      GemmSeries s;
      s.file = text.file();
      s.label = "aidc-gemm " + dtype;
      s.gpu = gpu;
      s.dtype = dtype;
      out.push_back(s);
    }
    out.back().points.push_back(p);
  }
  if (out.empty()) text.fail(0, "no GEMM rows");
  return out;
}

bool looks_like_cublaslt_markdown(const TextLines& text) {
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty() || t.front() != '|') continue;
    auto cells = split_on(t.substr(1), '|');
    return cells.size() >= 4 && cells[0] == "m" && cells[1] == "n" && cells[2] == "k" &&
           cells[3].find("TFLOPS") != std::string_view::npos;
  }
  return false;
}

std::vector<GemmSeries> parse_cublaslt_markdown(const TextLines& text) {
  std::vector<GemmSeries> out;
  std::string gpu;
  std::string dtype;
  bool in_table = false;
  bool closing_pipes = false;
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty()) continue;
    if (t.front() == '#') {
      auto body = trim(t.substr(1));
      if (gpu.empty() && starts_with(to_lower(body), "hardware")) gpu = canonical_gpu(body);
      if (auto d = dtype_in(body); !d.empty()) dtype = d;
      in_table = false;
      continue;
    }
    if (t.front() != '|') text.fail(l.number, "expected a markdown table row");
    auto cells = split_on(t.substr(1), '|');
    if (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.size() != 4) text.fail(l.number, "row has " + std::to_string(cells.size()) + " cells, expected 4");
    // A row cut inside its last cell ("| 8192 | 8192 | 8192 | 129") keeps its cell count: only the missing
    // closing '|' that the header has tells that the number lost digits.
    if (cells[0] != "m" && closing_pipes && t.back() != '|') {
      text.fail(l.number, "row does not end with '|' as the header does: truncated row");
    }
    if (cells[0] != "m" && !closing_pipes) require_line_end(text, l.number, "markdown row without a closing '|'");
    if (cells[0] == "m") {
      closing_pipes = t.back() == '|';
      if (dtype.empty()) text.fail(l.number, "table without a dtype in the comments before it");
      GemmSeries s;
      s.file = text.file();
      s.label = "cuBLASLt " + dtype + " (line " + std::to_string(l.number) + ")";
      s.gpu = gpu;
      s.dtype = dtype;
      out.push_back(s);
      in_table = true;
      continue;
    }
    if (!in_table) text.fail(l.number, "row before the table header");
    if (cells[0].find("--") != std::string_view::npos) continue;
    GemmPoint p;
    p.m = require_integer(text, l.number, cells[0], "m");
    p.n = require_integer(text, l.number, cells[1], "n");
    p.k = require_integer(text, l.number, cells[2], "k");
    p.tflops = require_double(text, l.number, cells[3], "TFLOPS");
    if (p.m <= 0 || p.n <= 0 || p.k <= 0 || p.tflops <= 0.0) text.fail(l.number, "non-positive field");
    require_plausible(text, l.number, p);
    p.time_us = flops(p) / (p.tflops * kFlopsPerTflop) * kUsPerS;
    p.line = l.number;
    out.back().points.push_back(p);
  }
  if (out.empty()) text.fail(0, "no GEMM table");
  for (const auto& s : out) {
    if (s.points.empty()) text.fail(0, s.label + ": table without rows");
  }
  return out;
}

bool looks_like_xla_matmul_csv(const TextLines& text) {
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty() || t.front() == '#') continue;
    return t == "b,m,n,k,bf16_flops_per_s,f32_flops_per_s";
  }
  return false;
}

std::vector<GemmSeries> parse_xla_matmul_csv(const TextLines& text) {
  GemmSeries bf16;
  GemmSeries tf32;
  std::string gpu;
  bool header = false;
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty()) continue;
    if (t.front() == '#') {
      if (gpu.empty() && starts_with(to_lower(trim(t.substr(1))), "hardware")) gpu = canonical_gpu(t);
      continue;
    }
    if (!header) {
      header = true;
      continue;
    }
    auto f = split_on(t, ',');
    if (f.size() != 6) text.fail(l.number, "row has " + std::to_string(f.size()) + " fields, expected 6");
    require_line_end(text, l.number, "XLA matmul row");
    GemmPoint p;
    p.b = require_integer(text, l.number, f[0], "b");
    p.m = require_integer(text, l.number, f[1], "m");
    p.n = require_integer(text, l.number, f[2], "n");
    p.k = require_integer(text, l.number, f[3], "k");
    p.line = l.number;
    if (p.b <= 0 || p.m <= 0 || p.n <= 0 || p.k <= 0) text.fail(l.number, "non-positive shape");
    for (auto [series, idx] : {std::pair{&bf16, 4}, std::pair{&tf32, 5}}) {
      double flops_per_s = require_double(text, l.number, f[static_cast<std::size_t>(idx)], "flops_per_s");
      if (flops_per_s <= 0.0) text.fail(l.number, "non-positive throughput");
      GemmPoint q = p;
      q.tflops = flops_per_s / kFlopsPerTflop;
      require_plausible(text, l.number, q);
      q.time_us = flops(q) / flops_per_s * kUsPerS;
      series->points.push_back(q);
    }
  }
  if (bf16.points.empty()) text.fail(0, "no rows");
  bf16.file = tf32.file = text.file();
  bf16.gpu = tf32.gpu = gpu;
  bf16.dtype = "bf16";
  tf32.dtype = "tf32";
  bf16.label = "XLA matmul bf16";
  tf32.label = "XLA matmul f32 (TF32)";
  return {bf16, tf32};
}

}  // namespace aidc::calib
