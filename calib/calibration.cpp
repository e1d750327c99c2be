#include "calib/calibration.hpp"

#include <array>

#include "calib/calib_error.hpp"
#include "calib/collective_check.hpp"

namespace aidc::calib {

bool gpu_has_nvls(const std::string& gpu) {
  static const std::array<std::string_view, 8> kNvls = {"H100", "H200", "H800",  "GH200",
                                                        "B200", "B300", "GB200", "GB300"};
  for (auto g : kNvls) {
    if (gpu == g) return true;
  }
  return false;
}

CalibratedProfile calibrate(const std::vector<LogContents>& logs, const CalibrateOptions& o) {
  CalibratedProfile p;
  p.name = o.name;
  p.gpu = o.gpu;
  p.gpus_per_node = o.gpus_per_node;
  p.command = o.command;
  auto agree_gpu = [&](const std::string& file, int line, const std::string& gpu) {
    if (gpu.empty()) throw CalibError(file, line, "the log does not name its GPU; pass it explicitly");
    if (p.gpu.empty()) p.gpu = gpu;
    if (gpu != p.gpu) throw CalibError(file, line, "GPU " + gpu + " but the profile is for " + p.gpu);
  };
  std::vector<CollectiveSeries> collectives;
  for (const auto& log : logs) {
    LogRecord rec{log.file, std::string(format_name(log.format)), 0, 0};
    for (const auto& s : log.collectives) {
      agree_gpu(s.file, s.first_line, s.gpu);
      if (s.concurrent_groups == 1) {
        if (s.gpus_per_node <= 0) throw CalibError(s.file, s.first_line, s.label + ": GPUs per node unknown; pass it");
        if (p.gpus_per_node == 0) p.gpus_per_node = s.gpus_per_node;
        // A profile records no network transport and describes RDMA networks (collective_check.hpp): a TCP
        // socket run would pull the network terms far down and then not be described by its own profile.
        if (s.nodes > 1 && is_socket_transport(s.network)) {
          throw CalibError(s.file, s.first_line,
                           s.label + ": spans nodes over network transport " + s.network +
                               " (NCCL NET/Socket, TCP); profiles are fitted on RDMA networks (NET/IB: InfiniBand, "
                               "RoCE; EFA) only, so this log is not mixed into the fit");
        }
        if (s.gpus_per_node != p.gpus_per_node) {
          throw CalibError(s.file, s.first_line,
                           std::to_string(s.gpus_per_node) + " GPUs per node but the profile has " +
                               std::to_string(p.gpus_per_node));
        }
      }
      collectives.push_back(s);
      ++rec.series;
      rec.points += static_cast<int>(s.points.size());
    }
    for (const auto& g : log.gemms) {
      agree_gpu(g.file, g.points.empty() ? 0 : g.points.front().line, g.gpu);
      p.gemm.push_back(fit_gemm(g));
      ++rec.series;
      rec.points += static_cast<int>(g.points.size());
    }
    for (const auto& m : log.membw) {
      agree_gpu(m.file, m.points.empty() ? 0 : m.points.front().line, m.gpu);
      for (auto& f : fit_memory(m)) p.memory.push_back(f);
      ++rec.series;
      rec.points += static_cast<int>(m.points.size());
    }
    p.logs.push_back(rec);
  }
  p.nvls = o.nvls < 0 ? gpu_has_nvls(p.gpu) : o.nvls == 1;
  if (!collectives.empty()) {
    CollectiveFitOptions fo;
    fo.nic_gb_per_s_per_gpu = o.nic_gb_per_s_per_gpu;
    fo.nvls = p.nvls;
    p.collective_fit = fit_collectives(collectives, fo);
    p.has_collectives = true;
  }
  return p;
}

}  // namespace aidc::calib
