#pragma once
// NcclTestsLog: a parsed nccl-tests (or aidc-nccl) output file. One file may hold several tables
// (several runs, e.g. default then NCCL_ALGO=Ring); each table is the block from the column header
//   #       size         count      type   redop    root     time   algbw   busbw #wrong     time ...
// to the closing "# Avg bus bandwidth : X" line, with out-of-place then in-place columns.
//
// Strictness (why: a silently partial read would calibrate a profile on half a sweep):
//  - every data row has exactly the header's number of columns, numeric where numbers belong;
//  - sizes strictly increase, by the header's step factor when a "# nThread ... step: F(factor)" line
//    precedes the table, and the table spans minBytes..maxBytes; several sweeps under one column header
//    (-N run cycles, -d all, -o all, -r all) are read one after the other, each a NcclTestsTable, and each
//    must be complete before the next may start (so only with a step factor: additive steps stay one sweep);
//  - the optional columns of newer nccl-tests (#bitdiff, i_min i_max i_p99 i_cv%, a final timestamp) are
//    checked and skipped;
//  - algbw agrees with size / time and busbw with algbw * factor(collective, ranks) within print rounding;
//  - a table must be closed by "# Avg bus bandwidth" before the next table or the end of the file;
//  - a launcher prefix ("0: " srun -l, "[1,0]<stdout>:" Open MPI, "[0] " MPICH, "[default0]:" torchrun,
//    "host: " pdsh; the kind is taken from the first column header) is stripped, but rows from two
//    different prefixes in one table are an interleaved log;
//  - leading size-0 rows (small -b with all_gather & co.) are skipped; sizes may be the grid size rounded
//    down to whole elements per rank; "# Reducing maxBytes to N" lowers the promised maxBytes.
// Every violation throws CalibError "file:line: message". Lines of NCCL INFO/WARN output and Open MPI
// "[host:pid] ..." messages are allowed anywhere (any stream) and NCCL's feed the metadata.
#include <optional>
#include <string>
#include <vector>

#include "calib/collective_series.hpp"
#include "calib/log_metadata.hpp"
#include "calib/text_lines.hpp"

namespace aidc::calib {

struct NcclTestsColumns {
  double time_us = 0.0;
  double algbw_gb_per_s = 0.0;
  double busbw_gb_per_s = 0.0;
  long long wrong = 0;              // -1 when printed as N/A (validation off) or as a pre-2022 "error" magnitude
  double time_rel_precision = 0.0;  // half a unit of the time's last printed digit, relative to the time
};

struct NcclTestsRow {
  int line = 0;
  long long size_bytes = 0;
  long long count = 0;
  std::string type;
  std::string redop;
  long long root = -1;
  NcclTestsColumns out_of_place;
  NcclTestsColumns in_place;
};

struct NcclTestsTable {
  int header_line = 0;  // line of the column header
  int end_line = 0;     // line of "# Avg bus bandwidth"
  CollectiveKind collective = CollectiveKind::all_reduce;
  int ranks = 0;
  double avg_busbw_gb_per_s = 0.0;
  int sweep = 1;           // 1-based sweep under this column header (-N, -d all, -o all and -r all print several)
  int sweeps = 1;          // sweeps under this column header
  int zero_size_rows = 0;  // leading "size 0" rows (small -b with all_gather & co.): skipped, no timing in them
  LogMetadata metadata;    // file metadata plus what the lines since the previous table stated
  std::vector<NcclTestsRow> rows;
};

struct NcclTestsParseOptions {
  std::optional<CollectiveKind> collective;  // when the log cannot tell (all_gather vs alltoall)
  int ranks = 0;                             // when the log neither lists devices nor allows inference
};

struct NcclTestsLog {
  std::string file;
  std::vector<NcclTestsTable> tables;
};

// True if the text holds an nccl-tests column header (used to pick the parser).
bool looks_like_nccl_tests(const TextLines& text);
NcclTestsLog parse_nccl_tests(const TextLines& text, const NcclTestsParseOptions& options = {});
// Two series per table: out-of-place and in-place.
std::vector<CollectiveSeries> nccl_tests_series(const NcclTestsLog& log);

}  // namespace aidc::calib
