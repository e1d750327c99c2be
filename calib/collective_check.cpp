#include "calib/collective_check.hpp"

#include <algorithm>
#include <cmath>

#include "calib/collective_fit.hpp"
#include "calib/text_lines.hpp"

namespace aidc::calib {

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

bool is_socket_transport(const std::string& network) {
  return to_lower(network) == "socket";
}

std::string undescribed_reason(const PlatformDescription& platform, const CollectiveSeries& s) {
  if (s.gpu.empty()) return "the log does not name its GPU";
  if (s.gpu != platform.gpu) return "GPU " + s.gpu + ", the profile describes " + platform.gpu;
  if (s.gpus_per_node <= 0 || s.nodes <= 0) return "the log does not give nodes x GPUs per node";
  if (s.gpus_per_node != platform.gpus_per_node) {
    return std::to_string(s.gpus_per_node) + " GPUs per node, the profile describes " +
           std::to_string(platform.gpus_per_node);
  }
  if (s.nodes > 1 && !platform.network_calibrated) return "spans nodes but the profile has no calibrated network";
  if (s.nodes > 1 && is_socket_transport(s.network)) {
    return "network transport " + s.network + " (TCP sockets); the profile's network was calibrated over RDMA";
  }
  if (s.concurrent_groups != 1) return "concurrent groups in one node are not modelled";
  if (!s.collective) return "collective unknown";
  if (!model_supports(s)) return std::string(collective_name(*s.collective)) + " is not in the collective model";
  return {};
}

CheckReport check_collectives(const PlatformDescription& platform, const models::CollectiveParams& params,
                              const std::vector<CollectiveSeries>& series) {
  CheckReport report;
  std::vector<double> ge, lt;
  for (const auto& s : series) {
    SeriesCheck c;
    c.file = s.file;
    c.label = s.label;
    if (s.collective) c.collective = std::string(collective_name(*s.collective));
    c.nodes = s.nodes;
    c.gpus_per_node = s.gpus_per_node;
    c.reason = undescribed_reason(platform, s);
    c.described = c.reason.empty();
    if (c.described) {
      std::vector<double> sge, slt;
      for (const auto& p : s.points) {
        const double t = point_time_us(s, p);
        if (!std::isfinite(t) || t <= 0.0) continue;
        const double tm = model_time_us(params, s, p.size_bytes);
        const double err = std::abs(t / tm - 1.0);
        c.rows.push_back({p.size_bytes, p.busbw_gb_per_s, p.busbw_gb_per_s * t / tm, err});
        (p.size_bytes >= kOneMiB ? sge : slt).push_back(err);
        c.max_rel_error = std::max(c.max_rel_error, err);
        ++c.points;
      }
      c.median_rel_error_ge_1mib = median(sge);
      c.median_rel_error_lt_1mib = median(slt);
      ge.insert(ge.end(), sge.begin(), sge.end());
      lt.insert(lt.end(), slt.begin(), slt.end());
      report.max_rel_error = std::max(report.max_rel_error, c.max_rel_error);
      report.points += c.points;
    }
    report.series.push_back(c);
  }
  report.median_rel_error_ge_1mib = median(ge);
  report.median_rel_error_lt_1mib = median(lt);
  return report;
}

}  // namespace aidc::calib
