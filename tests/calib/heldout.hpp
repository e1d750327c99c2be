#pragma once
// Held-out evaluation cases shared by the validation test and tests/bench: each case fits the collective
// model on some logs (or some sizes) and predicts others it never saw. The table of cases and their targets
// is in calib/VALIDATION.md.
#include <string>
#include <vector>

#include "calib/collective_check.hpp"
#include "calib/collective_fit.hpp"
#include "calib/log_reader.hpp"

namespace aidc::calib::heldout {

inline const std::string kDir = std::string(AIDC_SOURCE_DIR) + "/calib/data/published/";

inline std::vector<CollectiveSeries> load(const std::vector<std::string>& files, const ReadOptions& o = {}) {
  std::vector<CollectiveSeries> out;
  for (const auto& f : files) {
    auto c = read_log_file(kDir + f, o);
    out.insert(out.end(), c.collectives.begin(), c.collectives.end());
  }
  return out;
}

// Every other size: parity 0 keeps sizes 0, 2, 4, ... of each series, parity 1 keeps 1, 3, 5, ...
inline std::vector<CollectiveSeries> every_other(std::vector<CollectiveSeries> series, int parity) {
  for (auto& s : series) {
    std::vector<CollectivePoint> kept;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      if (static_cast<int>(i % 2) == parity) kept.push_back(s.points[i]);
    }
    s.points = kept;
  }
  return series;
}

struct Case {
  std::string name;
  std::vector<CollectiveSeries> fit;
  std::vector<CollectiveSeries> check;
  PlatformDescription platform;
  CollectiveFitOptions options;
};

inline CheckReport run(const Case& c) {
  const CollectiveFit f = fit_collectives(c.fit, c.options);
  return check_collectives(c.platform, f.params, c.check);
}

inline const std::vector<std::string> kH100Fit = {
    "nccl_allreduce_h100x8_1node_nvls_azure_ndh100v5.txt", "nccl_allreduce_h100x8_1node_nvls_ncclissue290.txt",
    "nccl_allreduce_h100x8_2nodes_ib400g_default_ncclissue309_gjaion.txt",
    "nccl_allreduce_h100x8_2nodes_ib400g_ring_minctas24_qps2_ncclissue309_gjaion.txt",
    "nccl_allreduce_h100x8_2nodes_ib400g_cx7_nvlstree_ncclissue309_qoofyk.txt"};
inline const std::vector<std::string> kA100Fit = {
    "nccl_allreduce_a100x8_1node_nvswitch_azure_nda100v4.txt",
    "nccl_allreduce_a100x8_1node_nvswitch_massaged_stas00_mlengineering.txt"};
inline const std::vector<std::string> kH200Fit = {
    "nccl_allreduce_h200x8_1node_nvls_azure_ndh200v5.txt",
    "nccl_allreduce_h200x8_2nodes_roce_bf3_400g_openshift_schmaustech.txt"};
// 8 x 400 Gb/s NICs for 8 GPUs: 400 / 8 = 50 GB/s per GPU.
constexpr double kNic400GPerGpu = 50.0;

inline std::vector<Case> cases() {
  CollectiveFitOptions nvls{kNic400GPerGpu, true};
  CollectiveFitOptions no_nvls{0.0, false};
  std::vector<Case> out;
  out.push_back({"H100: fit 1-2 nodes, predict 4 nodes (all_reduce, IB 400G)",
                 load(kH100Fit),
                 load({"nccl_allreduce_h100x8_4nodes_ib400g_default_ncclissue309_gjaion.txt"}),
                 {"H100", 8, true},
                 nvls});
  out.push_back({"H100: fit even sizes, predict odd sizes (1-2 nodes)",
                 every_other(load(kH100Fit), 0),
                 every_other(load(kH100Fit), 1),
                 {"H100", 8, true},
                 nvls});
  out.push_back({"A100: fit even sizes, predict odd sizes (1 node)",
                 every_other(load(kA100Fit), 0),
                 every_other(load(kA100Fit), 1),
                 {"A100", 8, false},
                 no_nvls});
  ReadOptions ag;
  ag.collective = CollectiveKind::all_gather;
  out.push_back({"H200: fit all_reduce 1-2 nodes, predict all_gather 2 nodes (other fabric)",
                 load(kH200Fit),
                 load({"nccl_allgather_h200x8_2nodes_gcp_a3ultra_rdma_gcprawpods_skypilotdoc.txt"}, ag),
                 {"H200", 8, true},
                 nvls});
  out.push_back({"H200: fit even sizes, predict odd sizes (1-2 nodes)",
                 every_other(load(kH200Fit), 0),
                 every_other(load(kH200Fit), 1),
                 {"H200", 8, true},
                 nvls});
  return out;
}

}  // namespace aidc::calib::heldout
