#pragma once
// Finding the files a user's input refers to, without throwing: whether one exists, and the shipped ones found
// by walking up. std::filesystem::exists(path) throws filesystem_error on a symbolic-link loop (ELOOP) or a name
// too long for the file system (ENAMETOOLONG: a YAML quoted scalar can span lines and run to kilobytes), which
// the CLI would report as an internal error (exit 1). A reference that cannot be followed is bad input like a
// missing file: the caller names the field.
#include <filesystem>
#include <initializer_list>
#include <string>
#include <system_error>

namespace aidc::tools {

inline bool referenced_file_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

// The first of `relatives` that exists below `dir` or one of its parents, nearest folder first (and, within a
// folder, in the order given); empty when none does. How the CLI finds the shipped hardware profiles, rubrics
// and model architectures from a user's file or the working directory.
inline std::string find_upward(const std::filesystem::path& dir, std::initializer_list<const char*> relatives) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(dir, ec).lexically_normal();
  for (; !p.empty(); p = p.parent_path()) {
    for (const char* rel : relatives) {
      const auto candidate = p / rel;
      if (referenced_file_exists(candidate.string())) return candidate.string();
    }
    if (p == p.root_path()) break;
  }
  return {};
}

}  // namespace aidc::tools
