#pragma once
// YAML form of a calibrated profile (calib/profiles/*.yaml), written by `aidc calibrate -o` and read back
// by `aidc calibrate --check`.
//
//   name, gpu, gpus_per_node
//   platform: {nic_gb_per_s_per_gpu, nvls, network_calibrated}
//   collectives: {...}     exactly the keys of the `collectives` block of a hardware profile
//                          (tools/schema/hardware_loader.cpp), so it can be pasted into one
//   gemm: [{dtype, peak_tflops, peak_tflops_std_error, overhead_us, overhead_us_std_error, points,
//           median_abs_rel_error, max_abs_rel_error, source}]
//   memory: [{kernel, gb_per_s, points, source}]
//   provenance: {generator, command, logs: [{file, format, series, points}],
//                fit: {method, points, iterations, median_abs_rel_error, max_abs_rel_error,
//                      terms: [{name, unit, value, std_error}], series: [...], model_switch_sizes_bytes}}
// Numbers are written with 10 significant digits. Reading is strict (unknown keys are errors) for the parts
// --check uses; gemm, memory and provenance are informational and read only for their presence.
#include <string>

#include "calib/calibration.hpp"
#include "models/perf/collectives.hpp"

namespace aidc::tools {

std::string calibrated_profile_yaml(const aidc::calib::CalibratedProfile& profile);

struct LoadedCalibratedProfile {
  std::string name;
  std::string gpu;
  int gpus_per_node = 0;
  double nic_gb_per_s_per_gpu = 0.0;
  bool nvls = false;
  bool network_calibrated = false;
  bool has_collectives = false;
  aidc::models::CollectiveParams collectives;
};

// Throws ConfigError "file:line:col: field: message" on any malformed or missing field.
LoadedCalibratedProfile load_calibrated_profile(const std::string& path);

}  // namespace aidc::tools
