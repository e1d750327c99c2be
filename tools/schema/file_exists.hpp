#pragma once
// Whether a file a user's input refers to exists, without throwing. std::filesystem::exists(path) throws
// filesystem_error on a symbolic-link loop (ELOOP) or a name too long for the file system (ENAMETOOLONG: a YAML
// quoted scalar can span lines and run to kilobytes), which the CLI would report as an internal error (exit 1).
// A reference that cannot be followed is bad input like a missing file: the caller names the field.
#include <filesystem>
#include <string>
#include <system_error>

namespace aidc::tools {

inline bool referenced_file_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

}  // namespace aidc::tools
