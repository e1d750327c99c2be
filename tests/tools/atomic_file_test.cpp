#include "tools/results/atomic_file.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace aidc::tools {
namespace {

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AtomicFile, WritesAndReplaces) {
  const auto dir = std::filesystem::temp_directory_path() / ("aidc_atomic_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string target = (dir / "out.txt").string();
  write_file_atomic(target, "first");
  write_file_atomic(target, "second");
  EXPECT_EQ(slurp(target), "second");
  EXPECT_FALSE(std::filesystem::exists(temp_path_for(target)));
  std::filesystem::remove_all(dir);
}

TEST(AtomicFile, FailedWriterLeavesOldFileAndNoTemp) {
  const auto dir = std::filesystem::temp_directory_path() / ("aidc_atomic_test2_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string target = (dir / "out.txt").string();
  write_file_atomic(target, "old");
  EXPECT_THROW(commit_file_atomic(target,
                                  [](const std::string& tmp) {
                                    std::ofstream(tmp) << "half";
                                    throw std::runtime_error("writer died");
                                  }),
               std::runtime_error);
  EXPECT_EQ(slurp(target), "old");
  EXPECT_FALSE(std::filesystem::exists(temp_path_for(target)));
  std::filesystem::remove_all(dir);
}

TEST(AtomicFile, UnwritableDirectoryThrows) {
  EXPECT_THROW(write_file_atomic("/nonexistent-dir/x.txt", "x"), std::runtime_error);
}

}  // namespace
}  // namespace aidc::tools
