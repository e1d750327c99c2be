// Sweep results: a point evaluated through the pipeline gives per-replication rows; the HDF5 table file reads
// back exactly; equal contents give byte-identical files; shards merge into the single-run file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/results/h5_writer.hpp"
#include "tools/sweep/sweep_runner.hpp"

namespace aidc::tools {
namespace {

namespace fs = std::filesystem;
const std::string kSrc = AIDC_SOURCE_DIR;

std::string bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SweepRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("aidc_sweep_run_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    const auto p = dir_ / "sweep.yaml";
    std::ofstream(p) << "schema: aidc-sweep/1\nbase: " << kSrc
                     << "/scenarios/default.yaml\nseed: 5\nreplications: 3\nhorizon_hours: 240\naxes:\n"
                        "  - {path: cooling.cdus.redundancy, values: [N+1, 2N]}\n"
                        "  - {path: energy.utilisation, values: [0.6, 0.9]}\n"
                        "metrics: [mfu, pue, ettr, score, interruptions]\n";
    spec_ = load_sweep(p.string());
    points_ = sweep_points(spec_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string run(const std::string& name, Shard shard = {}, int threads = 1) {
    SweepRunOptions o;
    o.output = (dir_ / name).string();
    o.threads = threads;
    o.shard = shard;
    (void)run_sweep_share(spec_, points_, o);
    finish_sweep(spec_, points_, o.output, shard);
    return o.output;
  }
  fs::path dir_;
  SweepSpec spec_;
  std::vector<SweepPoint> points_;
};

TEST_F(SweepRun, PointRowsComeFromThePipeline) {
  const PointResult ok = evaluate_point(spec_, points_[1], 8);
  EXPECT_EQ(ok.status, "ok");
  ASSERT_EQ(ok.rows.size(), 3u);  // replications: 3 from the sweep file
  // mfu and pue are per point (same in every row); ettr and interruptions are per replication.
  EXPECT_EQ(ok.rows[0][0], ok.rows[2][0]);
  EXPECT_EQ(ok.rows[0][1], ok.rows[2][1]);
  EXPECT_GT(ok.rows[0][0], 0.2);
  EXPECT_LT(ok.rows[0][0], 0.6);
  bool ettr_varies = false;
  for (const auto& r : ok.rows) ettr_varies |= r[2] != ok.rows[0][2];
  EXPECT_TRUE(ettr_varies) << "every replication has the same ETTR: rows are not per replication";
  // Cooling layers take N+X, not 2N (topology): the variant is rejected, and the point says why.
  const PointResult bad = evaluate_point(spec_, points_[2], 8);
  EXPECT_EQ(bad.status.rfind("infeasible: ", 0), 0u) << bad.status;
  EXPECT_NE(bad.status.find("cooling.cdus.redundancy=2N"), std::string::npos) << bad.status;
  ASSERT_EQ(bad.rows.size(), 3u);
  EXPECT_TRUE(std::isnan(bad.rows[0][0]));
}

TEST_F(SweepRun, TableFileReadsBackAndThreadsDoNotChangeBytes) {
  const std::string a = run("a.h5", {}, 1);
  const std::string b = run("b.h5", {}, 2);
  EXPECT_EQ(bytes(a), bytes(b)) << "1 and 2 threads wrote different files";
  const TableFile f = read_table_file_h5(a, "sweep");
  EXPECT_EQ(f.table.key_name, "point");
  ASSERT_EQ(f.table.keys.size(), 12u);  // 4 points x 3 replications
  EXPECT_EQ(f.table.keys[3], 1);
  ASSERT_EQ(f.table.int_columns.size(), 1u);
  EXPECT_EQ(f.table.int_columns[0].second[4], 1);  // point 1, replication 1
  ASSERT_EQ(f.table.text_columns.size(), 3u);      // cooling.cdus.redundancy, status, fingerprint
  EXPECT_EQ(f.table.text_columns[0].first, "cooling.cdus.redundancy");
  EXPECT_EQ(f.table.text_columns[0].second[6], "2N");
  EXPECT_EQ(f.table.text_columns[1].second[0], "ok");
  EXPECT_EQ(f.table.text_columns[2].first, "fingerprint");
  EXPECT_EQ(f.table.text_columns[2].second[0].size(), 16u);
  EXPECT_EQ(f.table.text_columns[2].second[0], f.table.text_columns[2].second[2]);  // a point's rows share it
  // Points 0 and 1 differ only in energy.utilisation, which no reliability event depends on: same events.
  EXPECT_EQ(f.table.text_columns[2].second[0], f.table.text_columns[2].second[3]);
  EXPECT_EQ(f.table.columns[0].first, "energy.utilisation");
  EXPECT_DOUBLE_EQ(f.table.columns[0].second[3], 0.9);
  EXPECT_TRUE(fs::exists(a));
  EXPECT_TRUE(journal_files(a).empty()) << "journals not removed after the sweep finished";
}

TEST_F(SweepRun, ShardsMergeIntoTheSingleRunFile) {
  const std::string whole = run("whole.h5");
  const std::string s0 = run("s0.h5", {0, 3});
  const std::string s1 = run("s1.h5", {1, 3});
  const std::string s2 = run("s2.h5", {2, 3});
  const std::string merged = (dir_ / "merged.h5").string();
  merge_sweep_shards({s2, s0, s1}, merged);
  EXPECT_EQ(bytes(whole), bytes(merged));
  EXPECT_THROW(merge_sweep_shards({s0, s1}, (dir_ / "m2.h5").string()), std::runtime_error);      // one missing
  EXPECT_THROW(merge_sweep_shards({s0, s0, s1}, (dir_ / "m3.h5").string()), std::runtime_error);  // twice
  EXPECT_THROW(merge_sweep_shards({whole}, (dir_ / "m4.h5").string()), std::runtime_error);       // not a shard
  EXPECT_FALSE(fs::exists(dir_ / "m2.h5"));
}

TEST_F(SweepRun, ResumeUsesTheJournal) {
  const std::string out = (dir_ / "r.h5").string();
  // A first run that journals two points and "dies" before finishing.
  {
    JournalWriter w(journal_path(out, 0), sweep_journal_header(spec_, {}));
    w.append(evaluate_point(spec_, points_[0], 8));
    w.append(evaluate_point(spec_, points_[3], 8));
  }
  EXPECT_THROW(finish_sweep(spec_, points_, out, {}), std::runtime_error);  // two points missing
  SweepRunOptions o;
  o.output = out;
  o.threads = 1;
  const SweepRunStats st = run_sweep_share(spec_, points_, o);
  EXPECT_EQ(st.already_done, 2);
  EXPECT_EQ(st.computed, 2);
  finish_sweep(spec_, points_, out, {});
  EXPECT_EQ(bytes(out), bytes(run("fresh.h5")));
}

}  // namespace
}  // namespace aidc::tools
