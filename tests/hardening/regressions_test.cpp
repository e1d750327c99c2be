// Replays saved inputs through the fuzz entry points (tests/hardening/fuzz/fuzz_entries.hpp) in the ordinary
// build: every fuzz finding kept in tests/hardening/regressions/<target>/, and every bad-input catalogue file
// of the formats those targets read. Each input must end in a clean ConfigError/CalibError or in success; an
// escaping exception fails the test with the file name, and a crash or sanitizer report (ASan build) aborts.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "tests/hardening/fuzz/fuzz_entries.hpp"

namespace aidc::hardening {
namespace {

namespace fs = std::filesystem;

const fs::path kHardening = fs::path(AIDC_SOURCE_DIR) / "tests" / "hardening";

// Catalogue folders (tests/hardening/catalogue/<format>/) and the target whose parser reads that format.
const std::map<std::string, std::string> kCatalogueTarget = {
    {"scenario", "scenario"}, {"hardware", "hardware"}, {"reliability", "reliability"},
    {"rubric", "rubric"},     {"plant", "plant"},       {"climate", "climate"},
    {"nccl", "nccl"},         {"gemm", "gemm"},         {"membw", "membw"},
    {"sweep", "sweep"},       {"plan", "plan"},         {"architectures", "architectures"}};

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename().string().front() != '.') out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

FuzzEntry entry_of(const std::string& target) {
  for (const auto& t : fuzz_targets())
    if (t.name == target) return t.entry;
  return nullptr;
}

// Runs every file through `entry`; returns how many files ran.
int replay(const std::vector<fs::path>& files, FuzzEntry entry) {
  int n = 0;
  for (const auto& f : files) {
    const std::string bytes = slurp(f);
    SCOPED_TRACE(f.string());
    EXPECT_NO_THROW(entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size())) << f;
    ++n;
  }
  return n;
}

TEST(FuzzRegressions, EverySavedFindingEndsCleanly) {
  for (const auto& t : fuzz_targets()) replay(files_in(kHardening / "regressions" / t.name), t.entry);
  // A folder named after no target would be silently skipped: reject it.
  for (const auto& e : fs::directory_iterator(kHardening / "regressions")) {
    if (!e.is_directory()) continue;
    EXPECT_NE(entry_of(e.path().filename().string()), nullptr) << "no fuzz target for " << e.path();
  }
}

TEST(FuzzRegressions, EveryCatalogueInputEndsCleanly) {
  int total = 0;
  for (const auto& [folder, target] : kCatalogueTarget) {
    const int n = replay(files_in(kHardening / "catalogue" / folder), entry_of(target));
    EXPECT_GT(n, 0) << "catalogue folder " << folder << " is empty or missing";
    total += n;
  }
  EXPECT_GE(total, 60);
}

// The entries must not swallow what the CLI would report as an internal error: an input that makes a parser
// throw something other than ConfigError/CalibError has to escape (this is what makes the two tests above able
// to fail). An empty input is bad input for every format, so it must end cleanly everywhere.
TEST(FuzzRegressions, EmptyInputIsCleanBadInputForEveryTarget) {
  for (const auto& t : fuzz_targets()) {
    SCOPED_TRACE(t.name);
    EXPECT_NO_THROW(t.entry(nullptr, 0));
  }
}

}  // namespace
}  // namespace aidc::hardening
