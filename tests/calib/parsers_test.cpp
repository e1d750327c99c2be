// Parsers on every committed published log (calib/data/published) and on broken variants of them.
// Expected values are read off the logs by eye (line numbers and figures quoted in the comments).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "calib/log_reader.hpp"
#include "calib/nccl_tests_log.hpp"
#include "expect_error.hpp"

namespace aidc::calib {
namespace {

const std::string kDir = std::string(AIDC_SOURCE_DIR) + "/calib/data/published/";

std::string slurp(const std::string& name) {
  std::ifstream in(kDir + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

using test::expect_error;

TEST(PublishedLogs, EveryFileParsesOrIsRejectedWithItsReason) {
  // Files in summary formats the parsers deliberately do not read (calib/README.md lists why).
  const std::vector<std::string> unparsed = {
      "gemm_mamf_maxmatmul_bf16_fp8_multi_gpu_stas00_mlengineering.txt",
      "mem_p2pBandwidthLatencyTest_a100x8_h100x8_gb200x4_stas00_mlengineering.txt",
      "mem_p2pBandwidthLatencyTest_h100x8_p2pdisabled_partial_ncclissue1264.txt",
      "nccl_allreduce_a100x8_p4dn_1to4nodes_efa_1GB_summary_ncclissue527.txt",
      "nccl_collectives_h200x8_b200x8_nvls_gpucount_sweep_stas00_mlengineering.txt"};
  // The source quotes the GB300 Station nvbandwidth run only up to the matrix of its fourth test, whose SUM line
  // is missing: a truncated run (line 31), which the reader rejects rather than drop the test silently.
  const std::string truncated = "mem_nvbandwidth_h200_nvlink_pcie_gb300station_c2c_stas00_mlengineering.txt";
  int parsed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".txt") continue;
    ReadOptions o;
    // The GCP log does not name its test and all_gather/alltoall rows look alike; its source says all_gather.
    if (name.rfind("nccl_allgather", 0) == 0) o.collective = CollectiveKind::all_gather;
    const bool expect_unparsed = std::find(unparsed.begin(), unparsed.end(), name) != unparsed.end();
    try {
      auto c = read_log_file(entry.path().string(), o);
      EXPECT_FALSE(expect_unparsed) << name;
      EXPECT_GT(c.collectives.size() + c.gemms.size() + c.membw.size(), 0u) << name;
      ++parsed;
    } catch (const CalibError& e) {
      if (name == truncated) {
        EXPECT_EQ(e.line(), 31) << e.what();
        EXPECT_NE(std::string(e.what()).find("has no SUM line: truncated output"), std::string::npos) << e.what();
        continue;
      }
      EXPECT_TRUE(expect_unparsed) << e.what();
      EXPECT_NE(std::string(e.what()).find("unrecognised log format"), std::string::npos) << e.what();
    }
  }
  // 32 files copied: 5 summary formats not parsed, 1 truncated excerpt.
  EXPECT_EQ(parsed, 26);
}

TEST(PublishedLogs, NcclTestsTwoNodeRing) {
  auto c = read_log_file(kDir + "nccl_allreduce_h100x8_2nodes_ib400g_ring_minctas24_qps2_ncclissue309_gjaion.txt");
  ASSERT_EQ(c.format, LogFormat::nccl_tests);
  ASSERT_EQ(c.collectives.size(), 2u);  // out-of-place and in-place
  const auto& s = c.collectives[0];
  EXPECT_EQ(*s.collective, CollectiveKind::all_reduce);
  EXPECT_EQ(s.ranks, 16);  // "# nodes x GPUs: 2 x 8 = 16 ranks"
  EXPECT_EQ(s.nodes, 2);
  EXPECT_EQ(s.gpu, "H100");
  EXPECT_EQ(s.algorithm, "ring");   // "env NCCL_ALGO=Ring"
  ASSERT_EQ(s.points.size(), 14u);  // 1 MiB .. 8 GiB by 2
  EXPECT_DOUBLE_EQ(s.points.back().size_bytes, 8589934592.0);
  EXPECT_DOUBLE_EQ(s.points.back().time_us, 41015.0);
  EXPECT_DOUBLE_EQ(s.points.back().busbw_gb_per_s, 392.69);
  EXPECT_DOUBLE_EQ(c.collectives[1].points.back().busbw_gb_per_s, 392.30);  // in-place column
  EXPECT_EQ(s.points.front().line, 10);
}

TEST(PublishedLogs, NcclTestsVersionEnvAndRankPrefix) {
  auto q = read_log_file(kDir + "nccl_allreduce_h100x8_2nodes_ib400g_cx7_nvlstree_ncclissue309_qoofyk.txt");
  EXPECT_EQ(q.collectives[0].nccl_version, "2.26.2+cuda12.8");
  EXPECT_EQ(q.collectives[0].algorithm, "");  // NCCL_ALGO=Ring appears only in prose in parentheses
  EXPECT_EQ(q.collectives[0].env.at("NCCL_P2P_LEVEL"), "NVL");
  EXPECT_EQ(q.collectives[0].points.size(), 32u);  // 8 B .. 16 GiB

  auto r = read_log_file(kDir + "nccl_allreduce_h200x8_2nodes_roce_bf3_400g_openshift_schmaustech.txt");
  EXPECT_EQ(r.collectives[0].nccl_version, "2.30.4");  // nccl-library=23004

  // Two runs in one file, each line prefixed "0: " by srun -l; the second run sets NCCL_ALGO=RING.
  auto d = read_log_file(kDir + "nccl_allreduce_h100x8_2nodes_ib400g_DEGRADED_default_and_ring_ncclissue290.txt");
  ASSERT_EQ(d.collectives.size(), 4u);
  EXPECT_EQ(d.collectives[0].algorithm, "");
  EXPECT_EQ(d.collectives[2].algorithm, "ring");
  EXPECT_DOUBLE_EQ(d.collectives[2].points.back().busbw_gb_per_s, 89.90);
}

TEST(PublishedLogs, AlltoallNamedByTestAndAllGatherNeedsOption) {
  auto a = read_log_file(kDir + "nccl_alltoall_rtx6000d_pcie_x8_2nodes_spectrumx_cx8_ANOMALOUS_report.txt");
  EXPECT_EQ(*a.collectives[0].collective, CollectiveKind::alltoall);  // "Collective test starting: alltoall_perf"
  EXPECT_EQ(a.collectives[0].ranks, 16);                              // size 1024 / (count 16 x 4 B)
  expect_error(slurp("nccl_allgather_h200x8_2nodes_gcp_a3ultra_rdma_gcprawpods_skypilotdoc.txt"), 8,
               "cannot tell all_gather from alltoall");
}

TEST(PublishedLogs, BusbwMarkdownTables) {
  auto h = read_log_file(kDir + "nccl_allreduce_h100x8_1node_nvls_azure_ndh100v5.txt");
  ASSERT_EQ(h.collectives.size(), 1u);
  const auto& s = h.collectives[0];
  EXPECT_EQ(s.ranks, 8);  // "1 VM x 8x"
  ASSERT_EQ(s.points.size(), 24u);
  EXPECT_DOUBLE_EQ(s.points[6].size_bytes, 65536.0);        // label "65K"
  EXPECT_DOUBLE_EQ(s.points[7].size_bytes, 131072.0);       // label "132K"
  EXPECT_DOUBLE_EQ(s.points[20].size_bytes, 1073741824.0);  // label "1G"
  EXPECT_DOUBLE_EQ(s.points[23].busbw_gb_per_s, 478.87);
  // busbw only: time recovered as S / (busbw / (2 x 7 / 8)): 8 GiB / (478.87 / 1.75) GB/s = 31392.3 us.
  EXPECT_NEAR(point_time_us(s, s.points[23]), 8589934592.0 / (478.87e9 / 1.75) * 1e6, 1e-6);

  auto b = read_log_file(kDir + "nccl_allreduce_b200x8_1node_vs_4node_efav4_torchbench_stas00_mlengineering.txt");
  ASSERT_EQ(b.collectives.size(), 2u);  // the 'slowdown' column is not a bandwidth
  EXPECT_EQ(b.collectives[1].nodes, 4);
  EXPECT_EQ(b.collectives[1].ranks, 32);
  EXPECT_DOUBLE_EQ(b.collectives[1].points.front().size_bytes, 32768.0);  // "32KiB"
  EXPECT_DOUBLE_EQ(b.collectives[1].points.back().busbw_gb_per_s, 381.80);
}

TEST(PublishedLogs, SizeTimeTableAndXla) {
  auto m = read_log_file(kDir + "nccl_allreduce_a100x8_1node_nvswitch_massaged_stas00_mlengineering.txt");
  ASSERT_EQ(m.collectives[0].points.size(), 20u);
  EXPECT_DOUBLE_EQ(m.collectives[0].points[5].size_bytes, 1048576.0);  // "1048_576"
  EXPECT_EQ(m.collectives[0].ranks, 8);                                // busbw/algbw = 234.89/134.22 = 1.750 = 2 x 7/8

  auto x =
      read_log_file(kDir + "nccl_xla_collective_perftable_sm90_h100x8_allreduce_allgather_reducescatter_alltoall.txt");
  ASSERT_EQ(x.collectives.size(), 12u);  // 4 ops x 3 group shapes
  int points = 0;
  for (const auto& s : x.collectives) points += static_cast<int>(s.points.size());
  EXPECT_EQ(points, 264);
  // First row: all-reduce 1024 B at 20765736 B/s -> algbw 0.020765736 GB/s, time 1024/20765736 s = 49.31 us.
  const auto& ar = x.collectives[0];
  EXPECT_EQ(*ar.collective, CollectiveKind::all_reduce);
  EXPECT_EQ(ar.ranks, 8);
  EXPECT_NEAR(ar.points[0].time_us, 1024.0 / 20765736.0 * 1e6, 1e-9);
}

TEST(PublishedLogs, GemmAndMemory) {
  auto x = read_log_file(kDir + "gemm_xla_matmul_perftable_sm90_h100_bf16_f32_375shapes.txt");
  ASSERT_EQ(x.gemms.size(), 2u);
  EXPECT_EQ(x.gemms[0].points.size(), 375u);
  // Row 1: b=1 m=1024 n=2048 k=256 bf16 139519467775467 FLOP/s.
  EXPECT_NEAR(x.gemms[0].points[0].tflops, 139.519467775467, 1e-9);
  auto g = read_log_file(kDir + "gemm_cublaslt_fp8_fp4_gb200_azure_ndgb200v6.txt");
  ASSERT_EQ(g.gemms.size(), 2u);
  EXPECT_EQ(g.gemms[0].dtype, "fp8");
  EXPECT_EQ(g.gemms[1].dtype, "fp4");
  EXPECT_EQ(g.gemms[0].points.size(), 9u);
  EXPECT_DOUBLE_EQ(g.gemms[1].points[4].tflops, 7627.6);
  auto h = read_log_file(kDir + "mem_hbm_babelstream_nvbandwidth_h200_azure_ndh200v5.txt");
  ASSERT_EQ(h.membw.size(), 2u);
  EXPECT_EQ(h.membw[0].points[3].kernel, "triad");
  EXPECT_DOUBLE_EQ(h.membw[0].points[3].gb_per_s, 4150.0);  // 4.15 TB/s
  EXPECT_EQ(h.membw[1].points[2].kernel, "d2d_read");
  auto o = read_log_file(kDir + "mem_nvbandwidth_gb300x4_nvlink5_c2c_oci_quickstart.txt");
  EXPECT_EQ(o.membw[0].points.size(), 41u);  // 43 SUM lines; the two latency tests sum nanoseconds, not GB/s
}

// ---- broken variants --------------------------------------------------------------------------------

const std::string kRing = "nccl_allreduce_h100x8_2nodes_ib400g_ring_minctas24_qps2_ncclissue309_gjaion.txt";

TEST(BrokenLogs, TruncatedInsideTable) {
  auto l = lines_of(slurp(kRing));
  l.resize(15);  // header at line 8, rows 10..23, Avg line 25: stop after line 15
  expect_error(join(l), 15, "truncated");
}

TEST(BrokenLogs, TruncatedMidRow) {
  auto l = lines_of(slurp(kRing));
  l[14] = l[14].substr(0, 60);  // line 15 cut inside the in-place columns
  l.resize(15);
  expect_error(join(l), 15, "columns");
}

TEST(BrokenLogs, MissingRowsAgainstHeader) {
  auto l = lines_of(slurp(kRing));
  l.erase(l.begin() + 22);  // drop the 8 GiB row (line 23): the table ends at 4 GiB, header says 8 GiB
  expect_error(join(l), 24, "rows missing");  // the Avg line, now line 24
}

TEST(BrokenLogs, InterleavedRows) {
  auto l = lines_of(slurp(kRing));
  std::swap(l[13], l[14]);  // lines 14 and 15 swapped: line 14 (32 MiB) follows line 13 (8 MiB)
  expect_error(join(l), 14, "is not 2");
}

TEST(BrokenLogs, InterleavedTwoLogs) {
  // Rows of the 4-node log pasted into the middle of the 2-node table: same sizes again.
  auto a = lines_of(slurp(kRing));
  auto b = lines_of(slurp("nccl_allreduce_h100x8_4nodes_ib400g_default_ncclissue309_gjaion.txt"));
  a.insert(a.begin() + 15, b.begin() + 10, b.begin() + 12);  // after line 15, insert 2 rows
  expect_error(join(a), 16, "does not follow");
}

TEST(BrokenLogs, InterleavedRankStreams) {
  auto l = lines_of(slurp("nccl_allreduce_h100x8_2nodes_ib400g_DEGRADED_default_and_ring_ncclissue290.txt"));
  l[14] = " 1:" + l[14].substr(3);  // line 15 from rank 1's stream inside rank 0's table
  expect_error(join(l), 15, "interleaved");
}

TEST(BrokenLogs, GarbageNumber) {
  auto l = lines_of(slurp(kRing));
  auto pos = l[12].find("177.8");
  l[12].replace(pos, 5, "17x.8");  // line 13 time column
  expect_error(join(l), 13, "expected a number");
}

TEST(BrokenLogs, CorruptedDigitFailsConsistency) {
  auto l = lines_of(slurp(kRing));
  auto pos = l[12].find("47.17");
  l[12].replace(pos, 5, "74.17");  // line 13 algbw no longer size / time
  expect_error(join(l), 13, "algbw");
}

TEST(BrokenLogs, UnfinishedTableBeforeNext) {
  auto l = lines_of(slurp(kRing));
  std::vector<std::string> two(l.begin(), l.begin() + 20);  // table 1 cut after line 20
  two.insert(two.end(), l.begin() + 6, l.end());            // then a complete table again, header at line 22
  expect_error(join(two), 22, "unfinished");
}

TEST(BrokenLogs, GarbageFile) {
  expect_error("hello\nworld\n", 0, "unrecognised");
  expect_error("", 0, "unrecognised");
}

TEST(BrokenLogs, MarkdownTruncatedRow) {
  auto l = lines_of(slurp("nccl_allreduce_h100x8_1node_nvls_azure_ndh100v5.txt"));
  l[10] = "| 32K                   ";  // line 11 lost its value cell
  expect_error(join(l), 11, "cells");
}

TEST(BrokenLogs, OptionContradictsLog) {
  ReadOptions o;
  o.nodes = 4;
  expect_error(slurp(kRing), 8, "the log states nodes 2 but 4", o);
}

TEST(BrokenLogs, AidcGemmWithoutFooter) {
  const std::string ok =
      "# aidc-gemm 1\n# gpu: NVIDIA H100 80GB HBM3\ndtype,m,n,k,repeats,median_us,min_us,max_us,tflops,check\n"
      "bf16,4096,4096,4096,20,200.0,199.0,201.0,687.19,pass\n# end: 1 rows\n";
  auto c = read_log(TextLines::from_string(ok, "ok.csv"));
  ASSERT_EQ(c.gemms.size(), 1u);
  EXPECT_EQ(c.gemms[0].gpu, "H100");
  // 2 x 4096^3 / 200 us = 687.19 TFLOP/s
  EXPECT_NEAR(c.gemms[0].points[0].tflops, 687.19, 1e-9);
  auto l = lines_of(ok);
  l.pop_back();
  expect_error(join(l), 4, "footer");
  l = lines_of(ok);
  l[4] = "# end: 2 rows";
  expect_error(join(l), 5, "footer says 2");
}

}  // namespace
}  // namespace aidc::calib
