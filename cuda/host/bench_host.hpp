#pragma once
// Host-only helpers of the cuda/ microbenchmarks (aidc-gemm, aidc-membw, aidc-nccl): argument parsing,
// size sweeps, statistics and the exact text formats the tools print. Kept free of CUDA so that the
// project's tests check them on machines without a GPU or nvcc, and so that calib/'s parsers are tested
// against what the tools really print (tests/calib/cuda_host_test.cpp round-trips a table).
//
// Formats:
//  - aidc-nccl prints the nccl-tests table: per collective a "# Collective test starting: <op>_perf" line,
//    a "# nThread ... step: F(factor) ..." line, "# Using devices" rank lines, "# nodes x GPUs: N x G",
//    the NCCL version and NCCL_* environment, the column header, rows formatted as nccl-tests formats them
//    (size %12, count %12, type %8, redop %6, root %6, then per placement time %7 with 2/1/0 decimals below
//    100 us / below 10 ms / above, algbw and busbw %6.2f, #wrong), and "# Avg bus bandwidth : X".
//  - aidc-gemm and aidc-membw print "# <tool> 1", "# key: value" lines, a CSV header, rows, "# end: N rows".
// Units: bytes, microseconds, GB/s = 1e9 B/s, TFLOP/s = 1e12 FLOP/s.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aidc::cudabench {

// "8", "64K", "1M", "8G" (binary multiples: K = 1024, as nccl-tests' -b/-e read them). nullopt if malformed.
std::optional<long long> parse_bytes(std::string_view text);
// min, min*factor, ... <= max (factor >= 2). Empty when min > max or min < 1.
std::vector<long long> size_sweep(long long min_bytes, long long max_bytes, long long factor);
// Median of a non-empty sample (mean of the two middle values for an even count). Throws if empty.
double median(std::vector<double> sample);

// ---- nccl-tests conventions ----
enum class NcclOp { all_reduce, all_gather, reduce_scatter, alltoall, broadcast, sendrecv };
std::string_view nccl_op_name(NcclOp op);  // "all_reduce"
std::optional<NcclOp> nccl_op_from_name(std::string_view name);
double nccl_bus_factor(NcclOp op, int ranks);
// Element count printed in the count column for a message of `bytes` (the per-rank count for all_gather,
// reduce_scatter and alltoall), and the size actually run once the count is rounded down.
long long nccl_count(NcclOp op, long long bytes, int word_bytes, int ranks);
long long nccl_size(NcclOp op, long long count, int word_bytes, int ranks);

struct NcclColumns {
  double time_us = 0.0;
  double algbw_gb_per_s = 0.0;
  double busbw_gb_per_s = 0.0;
  long long wrong = 0;  // < 0 prints "N/A"
};
NcclColumns nccl_columns(NcclOp op, long long bytes, int ranks, double time_us, long long wrong);
std::string nccl_time_field(double time_us);
std::string nccl_step_line(int n_gpus, long long min_bytes, long long max_bytes, long long factor, int warmup,
                           int iters);
std::string nccl_device_line(int rank, int pid, const std::string& host, int device, int bus_id,
                             const std::string& name);
std::string nccl_column_header();  // three lines
std::string nccl_row(long long bytes, long long count, std::string_view type, std::string_view redop, int root,
                     const NcclColumns& out_of_place, const NcclColumns& in_place);
std::string nccl_footer(double avg_busbw_gb_per_s);

// ---- aidc CSV envelope ----
std::string csv_preamble(std::string_view tool, const std::map<std::string, std::string>& metadata,
                         std::string_view header);
std::string csv_footer(long long rows);

// ---- command lines ----
struct NcclArgs {
  long long min_bytes = 8;
  long long max_bytes = 8LL << 30;
  long long factor = 2;
  int warmup = 5;
  int iters = 20;
  int gpus = 0;  // 0 = all visible
  std::vector<NcclOp> ops{NcclOp::all_reduce, NcclOp::all_gather, NcclOp::reduce_scatter,
                          NcclOp::alltoall,   NcclOp::broadcast,  NcclOp::sendrecv};
  int nodes = 1;  // for the "# nodes x GPUs" line (single process = one node)
};
struct GemmShape {
  long long m = 0;
  long long n = 0;
  long long k = 0;
};
struct GemmArgs {
  std::vector<std::string> dtypes{"fp32", "tf32", "bf16", "fp16", "fp8"};
  std::vector<GemmShape> shapes;  // default: cube sweep 256..16384 plus skinny shapes
  int warmup = 5;
  int repeats = 20;
  int device = 0;
};
struct MembwArgs {
  long long min_bytes = 1LL << 20;
  long long max_bytes = 4LL << 30;
  long long factor = 2;
  int repeats = 20;
  int device = 0;
};

// Parse argv[1..]; throw std::invalid_argument with a one-line message on a bad option. "-h" returns
// nullopt (the caller prints usage()).
std::optional<NcclArgs> parse_nccl_args(const std::vector<std::string>& args);
std::optional<GemmArgs> parse_gemm_args(const std::vector<std::string>& args);
std::optional<MembwArgs> parse_membw_args(const std::vector<std::string>& args);
std::string nccl_usage();
std::string gemm_usage();
std::string membw_usage();
std::vector<GemmShape> default_gemm_shapes();

}  // namespace aidc::cudabench
