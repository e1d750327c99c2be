#pragma once
// Shared helpers for the performance-model tests: the shipped hardware profiles, loaded from the source tree.
#include <string>

#include "models/perf/hardware_profile.hpp"
#include "tools/schema/hardware_loader.hpp"

namespace aidc::test {

inline aidc::models::HardwareProfile shipped_profile(const std::string& name) {
  return aidc::tools::load_hardware_profile(aidc::tools::hardware_profile_path(AIDC_SOURCE_DIR, name));
}

}  // namespace aidc::test
