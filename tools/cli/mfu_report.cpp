#include "tools/cli/mfu_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aidc::cli {

namespace {

std::string json_escape(const std::string& s) {
  std::string o;
  for (char ch : s) {
    switch (ch) {
      case '"':
        o += "\\\"";
        break;
      case '\\':
        o += "\\\\";
        break;
      case '\n':
        o += "\\n";
        break;
      case '\t':
        o += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", ch);
          o += buf;
        } else {
          o += ch;
        }
    }
  }
  return o;
}

std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

MfuErrorStats mfu_error_stats(const std::vector<aidc::tools::MfuPrediction>& rows, const std::string& prefix) {
  std::vector<double> errs;
  for (const auto& r : rows) {
    if (r.predicted && r.id.rfind(prefix, 0) == 0) errs.push_back(std::abs(r.rel_error));
  }
  MfuErrorStats s;
  s.predicted = static_cast<int>(errs.size());
  if (errs.empty()) return s;
  std::sort(errs.begin(), errs.end());
  double sum = 0.0;
  for (double e : errs) sum += e;
  s.mean_abs = sum / static_cast<double>(errs.size());
  const size_t n = errs.size();
  s.median_abs = n % 2 == 1 ? errs[n / 2] : 0.5 * (errs[n / 2 - 1] + errs[n / 2]);
  s.worst_abs = errs.back();
  return s;
}

void print_mfu_table(std::ostream& out, const std::vector<aidc::tools::MfuPrediction>& rows, bool with_assumptions) {
  char line[512];
  std::snprintf(line, sizeof line, "%-40s %-20s %10s %10s %8s %8s %6s %7s  %s\n", "case", "compared", "predicted",
                "reported", "error", "TFLOP/s", "MFU", "mem GiB",
                "breakdown (s): compute/recompute tp cp ep pp bubble dp opt");
  out << line;
  for (const auto& r : rows) {
    if (!r.predicted) {
      std::snprintf(line, sizeof line, "%-40s not predicted: %s\n", r.id.c_str(), r.reason.c_str());
      out << line;
      continue;
    }
    const auto& b = r.step.breakdown;
    std::snprintf(
        line, sizeof line,
        "%-40s %-20s %10.4g %10.4g %+7.1f%% %8.1f %6.3f %7.1f  %.3g/%.3g %.3g %.3g %.3g %.3g %.3g %.3g %.3g\n",
        r.id.c_str(), r.compared.c_str(), r.predicted_value, r.reported_value, 100.0 * r.rel_error,
        r.predicted_tflops_per_gpu, r.step.mfu, r.step.memory.total_bytes / 1073741824.0, b.compute_s, b.recompute_s,
        b.tp_comm_s, b.cp_comm_s, b.ep_comm_s, b.pp_comm_s, b.bubble_s, b.dp_comm_s, b.optimizer_s);
    out << line;
    if (with_assumptions) {
      for (const auto& a : r.assumptions) out << "    assumption: " << a << "\n";
    }
  }
  const auto all = mfu_error_stats(rows, "");
  std::snprintf(line, sizeof line, "predicted %d of %zu cases; |error| mean %.2f%%, median %.2f%%, worst %.2f%%\n",
                all.predicted, rows.size(), 100.0 * all.mean_abs, 100.0 * all.median_abs, 100.0 * all.worst_abs);
  out << line;
}

void print_mfu_json(std::ostream& out, const std::vector<aidc::tools::MfuPrediction>& rows) {
  out << "{\"cases\": [";
  bool first = true;
  for (const auto& r : rows) {
    if (!r.predicted) continue;
    out << (first ? "" : ", ") << "{\"id\": \"" << json_escape(r.id)
        << "\", \"predicted_tflops_per_gpu\": " << num(r.predicted_tflops_per_gpu)
        << ", \"predicted_mfu\": " << num(r.step.mfu) << ", \"predicted_step_time_s\": " << num(r.step.step_time_s)
        << ", \"reported_tflops_per_gpu\": " << (r.reported_tflops_per_gpu ? num(*r.reported_tflops_per_gpu) : "null")
        << ", \"compared\": \"" << r.compared << "\", \"predicted_value\": " << num(r.predicted_value)
        << ", \"reported_value\": " << num(r.reported_value) << ", \"rel_error\": " << num(r.rel_error) << "}";
    first = false;
  }
  const auto all = mfu_error_stats(rows, "");
  out << "], \"median_abs_rel_error\": " << (all.predicted > 0 ? num(all.median_abs) : "null")
      << ", \"not_predicted\": [";
  first = true;
  for (const auto& r : rows) {
    if (r.predicted) continue;
    out << (first ? "" : ", ") << "{\"id\": \"" << json_escape(r.id) << "\", \"reason\": \"" << json_escape(r.reason)
        << "\"}";
    first = false;
  }
  out << "]}\n";
}

}  // namespace aidc::cli
