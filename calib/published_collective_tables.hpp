#pragma once
// Parsers for the published collective-bandwidth formats that are not nccl-tests tables:
//  - busbw markdown tables: "| Message Size (Bytes) | ND H100 V5 (GB/s) |" (one busbw column, Azure
//    AI-benchmarking-guide) and "| payload | 1 node | 4 nodes | slowdown |" (one busbw column per node
//    count, values "36.06GBps", ml-engineering). Sizes are labels ("65K", "32KiB") read as the power of two
//    they name. Columns that are not bandwidths (a "slowdown" ratio) are ignored.
//  - the "size time algbw busbw" table an author cut down from nccl-tests output, with "1_048_576" sizes.
//  - XLA's collective performance table (CSV op,elements,num_replica_groups,devices_per_group,
//    network_throughput_bytes_per_sec,bytes_total), where throughput = bytes_total / time.
// Each returns CollectiveSeries with whatever the file's comments state (LogMetadata). Every malformed,
// missing or out-of-order row is a CalibError at its line.
#include <vector>

#include "calib/collective_series.hpp"
#include "calib/log_metadata.hpp"
#include "calib/text_lines.hpp"

namespace aidc::calib {

// Metadata from the '#' comment lines of a file.
LogMetadata comment_metadata(const TextLines& text);

bool looks_like_busbw_markdown(const TextLines& text);
std::vector<CollectiveSeries> parse_busbw_markdown(const TextLines& text);

bool looks_like_size_time_table(const TextLines& text);
std::vector<CollectiveSeries> parse_size_time_table(const TextLines& text);

bool looks_like_xla_collective_csv(const TextLines& text);
std::vector<CollectiveSeries> parse_xla_collective_csv(const TextLines& text);

}  // namespace aidc::calib
