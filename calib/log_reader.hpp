#pragma once
// read_log: recognises which benchmark format a file holds and parses it with the matching parser.
//
// Recognised formats (by content, never by file name):
//   nccl_tests           nccl-tests or aidc-nccl stdout (column header "size count type redop root ...")
//   nccl_size_time       a cut-down "size time algbw busbw" table
//   busbw_markdown       "| Message Size | ... (GB/s) |" or "| payload | 1 node | 4 nodes |" tables
//   xla_collective_csv   XLA's collective performance table
//   aidc_gemm            aidc-gemm CSV
//   cublaslt_markdown    "| m | n | k | ... (TFLOPS) |" tables
//   xla_matmul_csv       XLA's matmul performance table
//   aidc_membw           aidc-membw CSV
//   bandwidth_markdown   BabelStream / nvbandwidth / CPU STREAM "| Copy | 2.90 |" tables
//   nvbandwidth_sum      nvbandwidth "SUM <test> <GB/s>" lines
// Anything else is a CalibError "file:0: unrecognised log format". Facts a format cannot carry (the
// rank count of a busbw-only table, all_gather vs alltoall) come from ReadOptions; an option that
// contradicts what the log states is an error, not an override.
#include <optional>
#include <string>
#include <vector>

#include "calib/collective_series.hpp"
#include "calib/gemm_log.hpp"
#include "calib/membw_log.hpp"

namespace aidc::calib {

enum class LogFormat {
  nccl_tests,
  nccl_tests_json,
  nccl_size_time,
  busbw_markdown,
  xla_collective_csv,
  aidc_gemm,
  cublaslt_markdown,
  xla_matmul_csv,
  aidc_membw,
  bandwidth_markdown,
  nvbandwidth_sum,
  babelstream,
  babelstream_csv
};

std::string_view format_name(LogFormat f);

struct ReadOptions {
  std::optional<CollectiveKind> collective;
  int nodes = 0;
  int gpus_per_node = 0;
  std::string gpu;  // canonical model
};

struct LogContents {
  std::string file;
  LogFormat format = LogFormat::nccl_tests;
  std::vector<CollectiveSeries> collectives;
  std::vector<GemmSeries> gemms;
  std::vector<MembwSeries> membw;
};

LogFormat detect_format(const TextLines& text);
LogContents read_log(const TextLines& text, const ReadOptions& options = {});
LogContents read_log_file(const std::string& path, const ReadOptions& options = {});

}  // namespace aidc::calib
