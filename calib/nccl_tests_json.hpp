#pragma once
// The JSON file recent nccl-tests write with -J FILE.json (document "version" 3; src/util.cu: "version", "args", "env",
// "nccl_version", "config" with its "devices", "results", "out_of_bounds", "average_bus_bandwidth"), read into the
// same NcclTestsLog as its standard output.
//
// How: the document is translated, value by value, into the lines nccl-tests prints on stdout for the same run
// (test header, device lines, NCCL_* environment, column header, one row per result record, the closing lines),
// each line numbered with the line of the JSON value it comes from, and that text goes through
// parse_nccl_tests. So the JSON file gets every check the stdout log gets (sizes on the sweep's grid, complete
// sweeps, algbw = size / time, busbw = algbw x bus factor, the data check, ...) from one parser, and its own
// errors (a cut document, a missing key, a value of the wrong kind) name the JSON line and column.
#include "calib/nccl_tests_log.hpp"
#include "calib/text_lines.hpp"

namespace aidc::calib {

// A file whose first non-blank character is '{': calib reads no other JSON format.
bool looks_like_nccl_tests_json(const TextLines& text);
NcclTestsLog parse_nccl_tests_json(const TextLines& text, const NcclTestsParseOptions& options = {});

}  // namespace aidc::calib
