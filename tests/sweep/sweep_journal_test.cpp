// The sweep journal: exact round trip (NaN and status text included), a torn last line ignored and truncated
// before appending, a journal of another sweep refused, corruption before the end refused.
#include "tools/sweep/sweep_journal.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

namespace aidc::tools {
namespace {

namespace fs = std::filesystem;

class Journal : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("aidc_journal_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    out_ = (dir_ / "results.h5").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  static PointResult point(int64_t i) {
    PointResult p;
    p.point = i;
    p.rows = {{0.1 * static_cast<double>(i), 1.0 / 3.0}, {-0.0, std::numeric_limits<double>::quiet_NaN()}};
    return p;
  }
  fs::path dir_;
  std::string out_;
  JournalHeader header_{"0123456789abcdef", 10, 2, ""};
};

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST_F(Journal, RoundTripIsBitExact) {
  {
    JournalWriter w(journal_path(out_, 0), header_);
    w.append(point(3));
    PointResult bad = point(7);
    bad.status = "infeasible: file.yaml:3:4: x: has spaces\nand a newline";
    w.append(bad);
  }
  const auto got = read_journal(journal_path(out_, 0), header_);
  ASSERT_EQ(got.size(), 2u);
  const auto& p = got.at(3);
  EXPECT_EQ(p.status, "ok");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_TRUE(same_bits(p.rows[0][0], 0.1 * 3.0));
  EXPECT_TRUE(same_bits(p.rows[0][1], 1.0 / 3.0));
  EXPECT_TRUE(same_bits(p.rows[1][0], -0.0));
  EXPECT_TRUE(std::isnan(p.rows[1][1]));
  EXPECT_EQ(got.at(7).status, "infeasible: file.yaml:3:4: x: has spaces\nand a newline");
}

TEST_F(Journal, TornLastLineIsIgnoredAndTruncated) {
  const std::string path = journal_path(out_, 0);
  {
    JournalWriter w(path, header_);
    w.append(point(1));
    w.append(point(2));
  }
  // A writer killed mid-line: cut the file in the middle of the last line.
  const auto size = fs::file_size(path);
  fs::resize_file(path, size - 20);
  EXPECT_EQ(read_journal(path, header_).size(), 1u);
  {
    JournalWriter w(path, header_);  // reopening drops the torn tail
    w.append(point(2));
  }
  const auto got = read_journal(path, header_);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(same_bits(got.at(2).rows[0][0], 0.1 * 2.0));
}

TEST_F(Journal, OtherSweepIsRefused) {
  { JournalWriter w(journal_path(out_, 0), header_); }
  JournalHeader other = header_;
  other.fingerprint = "fedcba9876543210";
  EXPECT_THROW((void)read_journal(journal_path(out_, 0), other), std::runtime_error);
  other = header_;
  other.shard = "1/2";
  EXPECT_THROW((void)read_journal(journal_path(out_, 0), other), std::runtime_error);
}

TEST_F(Journal, CorruptionBeforeTheEndIsAnError) {
  const std::string path = journal_path(out_, 0);
  {
    JournalWriter w(path, header_);
    w.append(point(1));
    w.append(point(2));
  }
  std::string text;
  {
    std::ifstream in(path);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto second_line = text.find('\n') + 1;
  text[second_line + 5] = text[second_line + 5] == 'a' ? 'b' : 'a';  // flip a digit of point 1's data
  std::ofstream(path, std::ios::trunc) << text;
  EXPECT_THROW((void)read_journal(path, header_), std::runtime_error);
}

TEST_F(Journal, FilesAreFoundByRank) {
  { JournalWriter a(journal_path(out_, 0), header_); }
  { JournalWriter b(journal_path(out_, 3), header_); }
  std::ofstream(out_ + ".journal.x") << "not a journal";
  const auto files = journal_files(out_);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], journal_path(out_, 0));
  EXPECT_EQ(files[1], journal_path(out_, 3));
}

}  // namespace
}  // namespace aidc::tools
