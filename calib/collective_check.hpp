#pragma once
// Held-out check of a calibrated collective model: predicts every point of measured series with
// models::predict_collective and reports the busbw relative error |busbw_model / busbw_measured - 1| (equal to
// |t_measured / t_model - 1|), as median and worst value per size band (>= 1 MiB, < 1 MiB) and overall.
//
// A series whose platform the profile does not describe is listed with the reason and not predicted: a
// different GPU model or form factor ("H100 PCIe" and "H100 NVL" are not "H100") or GPUs per node, an
// unknown GPU or GPU count, more than one node when the profile has no calibrated network, more than one
// node over another network transport than the profile's (a log that states NET/Socket against a profile
// calibrated over RDMA), concurrent groups, or a collective the model lacks.
#include <string>
#include <vector>

#include "calib/collective_series.hpp"
#include "models/perf/collectives.hpp"

namespace aidc::calib {

inline constexpr double kOneMiB = 1048576.0;

struct PlatformDescription {
  std::string gpu;  // canonical model
  int gpus_per_node = 0;
  bool network_calibrated = false;  // always over an RDMA NIC (NET/IB: InfiniBand, RoCE; EFA): calibrate() refuses
                                    // multi-node logs over NCCL's socket transport
};

// True when NCCL's network transport is TCP sockets ("Socket"), not an RDMA NIC.
bool is_socket_transport(const std::string& network);

// One predicted point: measured and model busbw at one message size (busbw_model = busbw_measured x
// t_measured / t_model, since busbw is proportional to 1 / time at a given size).
struct PointCheck {
  double size_bytes = 0.0;
  double measured_busbw_gb_per_s = 0.0;
  double model_busbw_gb_per_s = 0.0;
  double rel_error = 0.0;  // |busbw_model / busbw_measured - 1|
};

struct SeriesCheck {
  std::string file;
  std::string label;
  bool described = true;
  std::string reason;  // why not described
  int points = 0;
  double median_rel_error_ge_1mib = 0.0;  // NaN when the band is empty
  double median_rel_error_lt_1mib = 0.0;
  double max_rel_error = 0.0;
  std::string collective{};  // "all_reduce", ...; empty when unknown
  int nodes = 0;
  int gpus_per_node = 0;
  std::vector<PointCheck> rows{};  // described series only
};

struct CheckReport {
  std::vector<SeriesCheck> series;
  int points = 0;
  double median_rel_error_ge_1mib = 0.0;  // over all described points of the band; NaN when empty
  double median_rel_error_lt_1mib = 0.0;
  double max_rel_error = 0.0;
};

// Empty string when described, otherwise the reason.
std::string undescribed_reason(const PlatformDescription& platform, const CollectiveSeries& series);
CheckReport check_collectives(const PlatformDescription& platform, const models::CollectiveParams& params,
                              const std::vector<CollectiveSeries>& series);

}  // namespace aidc::calib
