#pragma once
// Loader for hardware profiles (scenarios/hardware/<name>.yaml) into aidc::models::HardwareProfile.
//
// Strict: unknown or duplicate keys, wrong types and out-of-range values throw ConfigError with
// file:line:column: field.path. Every key is documented in scenarios/docs/hardware.md. The optional
// `collectives` block holds NCCL parameters fitted by `aidc calibrate`; keys it omits get datasheet-derived
// defaults (models/perf/collectives.hpp).
#include <string>

#include "models/perf/hardware_profile.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

aidc::models::HardwareProfile load_hardware_profile(const std::string& path);
// Parses a profile from an already loaded node (the file's root map); `name` is used when the file has none.
aidc::models::HardwareProfile parse_hardware_profile(const YamlNode& root, const std::string& name);
// scenarios/hardware/<name>.yaml under `source_dir` (the repository root).
std::string hardware_profile_path(const std::string& source_dir, const std::string& name);

}  // namespace aidc::tools
