#pragma once
// calibrate(): from parsed benchmark logs of one platform to a CalibratedProfile: the collective model's
// parameters (collective_fit.hpp), GEMM throughput per dtype and achieved memory bandwidth
// (compute_fit.hpp), with provenance (which logs, which fit, the error of every term).
//
// All logs must describe one platform: one GPU model and form factor ("H100 PCIe" is not "H100") and one
// GPUs-per-node count (a log that states another is a CalibError naming it). A multi-node log run over
// NCCL's socket transport (NET/Socket) is refused: profiles describe RDMA networks. The NIC line rate per GPU (GB/s) is
// a datasheet fact the caller gives; it is needed only when a log spans nodes.
#include <string>
#include <vector>

#include "calib/collective_fit.hpp"
#include "calib/compute_fit.hpp"
#include "calib/log_reader.hpp"

namespace aidc::calib {

struct CalibrateOptions {
  std::string name;
  std::string gpu;        // empty: from the logs
  int gpus_per_node = 0;  // 0: from the logs
  double nic_gb_per_s_per_gpu = 0.0;
  int nvls = -1;        // -1: from the GPU model (NVLink SHARP on Hopper and Blackwell), 0/1: forced
  std::string command;  // the command line, kept in the provenance
};

struct LogRecord {
  std::string file;
  std::string format;
  int series = 0;
  int points = 0;
};

struct CalibratedProfile {
  std::string name;
  std::string gpu;
  int gpus_per_node = 0;
  bool nvls = false;
  bool has_collectives = false;
  CollectiveFit collective_fit;  // params + terms + residuals
  std::vector<GemmFit> gemm;
  std::vector<MemoryFit> memory;
  std::string command;
  std::vector<LogRecord> logs;
};

// True for GPU models with NVLink SHARP (NVLS) in their NVSwitch systems.
bool gpu_has_nvls(const std::string& gpu);

CalibratedProfile calibrate(const std::vector<LogContents>& logs, const CalibrateOptions& options);

}  // namespace aidc::calib
