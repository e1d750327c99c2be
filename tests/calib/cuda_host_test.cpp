// Host-only parts of the cuda/ tools: argument parsing, size sweeps, median, nccl-tests formatting, and a
// round trip of what aidc-nccl / aidc-gemm / aidc-membw print through calib/'s parsers.
#include <gtest/gtest.h>

#include <stdexcept>

#include "calib/log_reader.hpp"
#include "cuda/host/bench_host.hpp"

namespace aidc::cudabench {
namespace {

TEST(CudaHost, ParseBytes) {
  EXPECT_EQ(parse_bytes("8"), 8);
  EXPECT_EQ(parse_bytes("64K"), 65536);      // 64 x 1024
  EXPECT_EQ(parse_bytes("1M"), 1048576);     // 1024^2
  EXPECT_EQ(parse_bytes("8G"), 8589934592);  // 8 x 1024^3
  EXPECT_FALSE(parse_bytes(""));
  EXPECT_FALSE(parse_bytes("0"));
  EXPECT_FALSE(parse_bytes("1X"));
  EXPECT_FALSE(parse_bytes("-4K"));
}

TEST(CudaHost, SizeSweep) {
  // 8 B .. 8 GiB by 2: 2^3 .. 2^33 = 31 sizes.
  auto s = size_sweep(8, 8LL << 30, 2);
  ASSERT_EQ(s.size(), 31u);
  EXPECT_EQ(s.front(), 8);
  EXPECT_EQ(s.back(), 8LL << 30);
  EXPECT_EQ(size_sweep(1000, 9000, 3), (std::vector<long long>{1000, 3000, 9000}));
  EXPECT_TRUE(size_sweep(16, 8, 2).empty());
}

TEST(CudaHost, Median) {
  EXPECT_DOUBLE_EQ(median({3.0, 1.0, 2.0}), 2.0);
  EXPECT_DOUBLE_EQ(median({4.0, 1.0, 3.0, 2.0}), 2.5);  // (2 + 3) / 2
  EXPECT_DOUBLE_EQ(median({100.0, 1.0, 2.0}), 2.0);     // robust to one outlier
  EXPECT_THROW(median({}), std::invalid_argument);
}

TEST(CudaHost, NcclCounts) {
  // all_gather of 1 MiB on 8 ranks: 262144 floats in total, 32768 per rank.
  EXPECT_EQ(nccl_count(NcclOp::all_gather, 1 << 20, 4, 8), 32768);
  EXPECT_EQ(nccl_count(NcclOp::all_reduce, 1 << 20, 4, 8), 262144);
  // reduce_scatter of 1000 B on 6 ranks: 250 floats -> 41 per rank -> 984 B actually run.
  EXPECT_EQ(nccl_size(NcclOp::reduce_scatter, nccl_count(NcclOp::reduce_scatter, 1000, 4, 6), 4, 6), 984);
  EXPECT_DOUBLE_EQ(nccl_bus_factor(NcclOp::all_reduce, 8), 1.75);  // 2 x 7 / 8
  EXPECT_DOUBLE_EQ(nccl_bus_factor(NcclOp::alltoall, 4), 0.75);
}

TEST(CudaHost, TimeFieldLikeNcclTests) {
  EXPECT_EQ(nccl_time_field(28.7), "  28.70");
  EXPECT_EQ(nccl_time_field(117.63), "  117.6");
  EXPECT_EQ(nccl_time_field(24739.4), "  24739");
}

TEST(CudaHost, Args) {
  auto a = parse_nccl_args({"-b", "1M", "-e", "1G", "-t", "all_reduce,alltoall", "-n", "10"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->min_bytes, 1 << 20);
  EXPECT_EQ(a->ops.size(), 2u);
  EXPECT_EQ(a->iters, 10);
  EXPECT_FALSE(parse_nccl_args({"-h"}));
  EXPECT_THROW(parse_nccl_args({"-t", "allreduce_typo"}), std::invalid_argument);
  EXPECT_THROW(parse_nccl_args({"-b", "1G", "-e", "1M"}), std::invalid_argument);
  EXPECT_THROW(parse_nccl_args({"-f"}), std::invalid_argument);
  auto g = parse_gemm_args({"--shapes", "4096x1024x512", "--dtypes", "bf16,fp8", "--device", "0"});
  ASSERT_TRUE(g);
  ASSERT_EQ(g->shapes.size(), 1u);
  EXPECT_EQ(g->shapes[0].n, 1024);
  EXPECT_THROW(parse_gemm_args({"--shapes", "4096x1024"}), std::invalid_argument);
  EXPECT_THROW(parse_gemm_args({"--dtypes", "int4"}), std::invalid_argument);
  EXPECT_EQ(parse_gemm_args({})->shapes.size(), default_gemm_shapes().size());
  EXPECT_THROW(parse_membw_args({"--repeats", "0"}), std::invalid_argument);
}

// What aidc-nccl prints for two collectives on 1 x 4 GPUs, built from the same functions it uses.
std::string fake_nccl_log() {
  std::string log = "# aidc-nccl (nccl-tests table format)\n# NCCL version 2.28.3\n# nodes x GPUs: 1 x 4\n";
  for (NcclOp op : {NcclOp::all_reduce, NcclOp::all_gather}) {
    log += "# Collective test starting: " + std::string(nccl_op_name(op)) + "_perf\n";
    std::vector<long long> sizes = size_sweep(1024, 1 << 20, 4);
    log += nccl_step_line(4, sizes.front(), sizes.back(), 4, 5, 20) + "#\n# Using devices\n";
    for (int r = 0; r < 4; ++r) log += nccl_device_line(r, 4242, "node-a", r, 0x1b + r, "NVIDIA H200");
    log += "#\n" + nccl_column_header();
    for (long long s : sizes) {
      // Time model for the fake: 20 us + s / (100 GB/s).
      double t = 20.0 + static_cast<double>(s) / 1e5;
      log += nccl_row(s, nccl_count(op, s, 4, 4), "float", op == NcclOp::all_reduce ? "sum" : "none", -1,
                      nccl_columns(op, s, 4, t, 0), nccl_columns(op, s, 4, t * 1.01, -1));
    }
    log += nccl_footer(1.0);
  }
  return log;
}

TEST(CudaHost, NcclOutputRoundTripsThroughCalibParser) {
  auto c = calib::read_log(calib::TextLines::from_string(fake_nccl_log(), "aidc-nccl.txt"));
  ASSERT_EQ(c.format, calib::LogFormat::nccl_tests);
  ASSERT_EQ(c.collectives.size(), 4u);  // 2 tables x (out-of-place, in-place)
  EXPECT_EQ(*c.collectives[0].collective, calib::CollectiveKind::all_reduce);
  EXPECT_EQ(*c.collectives[2].collective, calib::CollectiveKind::all_gather);
  for (const auto& s : c.collectives) {
    EXPECT_EQ(s.ranks, 4);  // 4 device lines, not 8: the second listing replaces the first
    EXPECT_EQ(s.nodes, 1);
    EXPECT_EQ(s.gpu, "H200");
    EXPECT_EQ(s.nccl_version, "2.28.3");
    ASSERT_EQ(s.points.size(), 6u);  // 1 KiB .. 1 MiB by 4
  }
  // 1 MiB all_reduce: t = 20 + 1048576 / 1e5 = 30.49 us -> busbw = 1048576 / 30.48576 us x 1.5 = 51.59 GB/s.
  EXPECT_NEAR(c.collectives[0].points.back().busbw_gb_per_s, 51.59, 0.006);
}

TEST(CudaHost, GemmAndMembwCsvRoundTrip) {
  std::string gemm = csv_preamble("aidc-gemm", {{"gpu", "NVIDIA H100 80GB HBM3"}},
                                  "dtype,m,n,k,repeats,median_us,min_us,max_us,tflops,check") +
                     "bf16,8192,8192,8192,20,1400.000,1390.000,1420.000,785.40,pass\n" + csv_footer(1);
  // 2 x 8192^3 / 1400 us = 785.40 TFLOP/s
  auto g = calib::read_log(calib::TextLines::from_string(gemm, "gemm.csv"));
  ASSERT_EQ(g.gemms.size(), 1u);
  EXPECT_EQ(g.gemms[0].gpu, "H100");
  std::string membw = csv_preamble("aidc-membw", {{"gpu", "NVIDIA H200"}},
                                   "kernel,buffer_bytes,bytes_moved,repeats,median_us,gb_per_s") +
                      "copy,1073741824,2147483648,20,536.871,4000.00\n" + csv_footer(1);
  // 2147483648 B / 536.871 us = 4000.0 GB/s
  auto m = calib::read_log(calib::TextLines::from_string(membw, "membw.csv"));
  ASSERT_EQ(m.membw.size(), 1u);
  EXPECT_DOUBLE_EQ(m.membw[0].points[0].gb_per_s, 4000.0);
}

}  // namespace
}  // namespace aidc::cudabench
