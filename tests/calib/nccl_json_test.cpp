// The nccl-tests -J JSON file (calib/nccl_tests_json.hpp) and the strict JSON reader under it
// (calib/json_document.hpp): a document built the way nccl-tests src/util.cu writes it (one line, "%lf" numbers,
// booleans as strings) reads into the same series as the equivalent stdout log; cut, garbled and unfinished
// documents are errors at their JSON line.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "calib/json_document.hpp"
#include "calib/log_reader.hpp"
#include "calib/nccl_tests_json.hpp"
#include "expect_error.hpp"

namespace aidc::calib {
namespace {

using test::expect_error;

// t = 20 us + size / (100 GB/s); all_reduce on 2 nodes x 8 GPUs (16 processes of one GPU each) unless changed.
struct JsonSpec {
  std::vector<long long> sizes{1048576, 2097152, 4194304, 8388608};
  long long max_bytes = 8388608;
  std::string program = "all_reduce_perf";
  int processes = 16;
  int gpus_per_process = 1;
  int ranks_per_node = 8;
  int ranks = 16;
  double bus_factor = 2.0 * 15.0 / 16.0;
  bool per_rank_count = false;  // all_gather & co.: count is per rank
  std::vector<std::string> env{"HOME=\\/root", "NCCL_ALGO=Ring", "NCCL_IB_HCA=mlx5"};
  std::string time_key = "time";
  bool finished = true;
  std::string nwrong = "0.000000";
  const char* row_separator = ",";  // "\n," pretty-prints one result per line
  std::string redop = "sum";        // "none" for all_gather, alltoall, broadcast, sendrecv
  std::string redop_of_third;       // another operation for the third record (empty: the same)
};

std::string record(long long size, const JsonSpec& s, const std::string& redop) {
  const double t = 20.0 + static_cast<double>(size) / 1e5;
  const double algbw = static_cast<double>(size) / t / 1e3;
  char group[256];
  std::snprintf(group, sizeof group, "{\"%s\":%lf,\"alg_bw\":%lf,\"bus_bw\":%lf,\"nwrong\":%s}", s.time_key.c_str(), t,
                algbw, algbw * s.bus_factor, s.nwrong.c_str());
  char buf[768];
  std::snprintf(buf, sizeof buf,
                "{\"size\":%lld,\"count\":%lld,\"type\":\"float\",\"redop\":\"%s\",\"root\":\"    -1\","
                "\"out_of_place\":%s,\"in_place\":%s,\"actual_iterations\":20,\"experiment_name\":\"\","
                "\"in_place_per_iter\":{\"times_us\":[1.0,2.0,3.0]}}",
                size, size / 4 / (s.per_rank_count ? s.ranks : 1), redop.c_str(), group, group);
  return buf;
}

std::string make_json(const JsonSpec& s) {
  std::string j = "{\"version\":3,\"start_time\":\"2026-11-29 10:00:00\",";
  j += "\"args\":[\"/opt/nccl-tests/build/" + s.program + "\",\"-b\",\"1M\",\"-f\",\"2\",\"-J\",\"r.json\"],\"env\":[";
  for (std::size_t i = 0; i < s.env.size(); ++i) j += (i ? ",\"" : "\"") + s.env[i] + "\"";
  j += "],\"nccl_version\":22807,";
  j += "\"config\":{\"nthreads\":1,\"ngpus\":" + std::to_string(s.gpus_per_process) +
       ",\"minimum_bytes\":1048576,\"maximum_bytes\":" + std::to_string(s.max_bytes) +
       ",\"step_factor\":2,\"warmup_iters\":5,\"iterations\":20,\"aggregated_iterations\":1,\"validation\":1,"
       "\"graph\":0,\"blocking_collectives\":\"false\",\"parallel_init\":\"false\",\"devices\":[";
  for (int p = 0; p < s.processes; ++p) {
    const int rank = p * s.gpus_per_process;
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%s{\"rank\":%d,\"group\":0,\"pid\":%d,\"hostname\":\"node-%d\",\"device\":%d,\"device_hex\":"
                  "\"0000:18:00\",\"device_info\":\"NVIDIA H100 80GB HBM3\"}",
                  p ? "," : "", rank, 1000 + p, rank / s.ranks_per_node, rank % s.ranks_per_node);
    j += buf;
  }
  j += "]},\"results\":[";
  for (std::size_t i = 0; i < s.sizes.size(); ++i) {
    j += (i ? s.row_separator : "") +
         record(s.sizes[i], s, i == 2 && !s.redop_of_third.empty() ? s.redop_of_third : s.redop);
  }
  j += "],\"out_of_bounds\":{\"count\":0,\"okay\":\"true\"}";
  if (s.finished) j += ",\"average_bus_bandwidth\":{\"bandwidth\":100.500000,\"okay\":\"unchecked\"}";
  j += ",\"errors\":[],\"end_time\":\"2026-11-29 10:00:05\"}";
  return j;
}

LogContents read(const std::string& text) {
  return read_log(TextLines::from_string(text, "r.json"));
}

TEST(NcclTestsJson, ReadsLikeItsStdout) {
  const auto c = read(make_json({}));
  EXPECT_EQ(c.format, LogFormat::nccl_tests_json);
  ASSERT_EQ(c.collectives.size(), 2u);  // out-of-place and in-place
  const auto& s = c.collectives[0];
  EXPECT_EQ(s.collective, CollectiveKind::all_reduce);  // from args[0]
  EXPECT_EQ(s.ranks, 16);
  EXPECT_EQ(s.nodes, 2);
  EXPECT_EQ(s.gpus_per_node, 8);
  EXPECT_EQ(s.gpu, "H100");
  EXPECT_EQ(s.nccl_version, "2.28.7");
  EXPECT_EQ(s.algorithm, "ring");  // NCCL_ALGO from the env list; HOME is not NCCL's
  EXPECT_EQ(s.env.count("HOME"), 0u);
  ASSERT_EQ(s.points.size(), 4u);
  EXPECT_DOUBLE_EQ(s.points[3].size_bytes, 8388608.0);
  EXPECT_NEAR(s.points[3].time_us, 20.0 + 83.88608, 1e-6);
  EXPECT_EQ(s.points[0].line, 1);  // a one-line document: every record is on line 1
}

TEST(NcclTestsJson, ValidationOffAndPrettyPrinted) {
  JsonSpec s;
  s.nwrong = "null";        // -c 0: nwrong is null, printed N/A on stdout
  s.row_separator = "\n,";  // one record per line
  const auto c = read(make_json(s));
  ASSERT_EQ(c.collectives.size(), 2u);
  EXPECT_EQ(c.collectives[0].points[2].line, 3);
  // A garbled record is an error at its own line: busbw that is not algbw x the bus factor.
  std::string j = make_json(s);
  const auto at = j.find("\"bus_bw\":", j.find("\"size\":4194304"));
  j.replace(at, std::string("\"bus_bw\":").size() + 3, "\"bus_bw\":999");
  expect_error(j, 3, "busbw");
}

TEST(NcclTestsJson, CutAnywhereIsTruncated) {
  const std::string j = make_json({});
  for (std::size_t keep : {std::size_t{1}, std::size_t{40}, j.size() / 3, j.size() / 2, j.size() - 30, j.size() - 1}) {
    expect_error(j.substr(0, keep), 1, "truncated");
  }
}

TEST(NcclTestsJson, UnfinishedRunsAndOtherOptionsAreNamed) {
  JsonSpec s;
  s.finished = false;
  expect_error(make_json(s), 1, "did not finish");
  s = JsonSpec{};
  s.time_key = "cpu_time";  // -C 1
  expect_error(make_json(s), 1, "cputime");
  s = JsonSpec{};
  s.sizes = {1048576, 2097152, 8388608};  // 4 MiB missing
  expect_error(make_json(s), 1, "x the previous size");
  // The configured maximum above the last size: nccl-tests lowered maxBytes for memory (said on stdout only),
  // which is plausible only where the next size would not fit a GPU (here 16 GiB after 8 GiB) ...
  s = JsonSpec{};
  s.sizes.clear();
  for (long long b = 1048576; b <= (8LL << 30); b *= 2) s.sizes.push_back(b);
  s.max_bytes = 1LL << 40;
  EXPECT_EQ(read(make_json(s)).collectives[0].points.size(), 14u);
  // ... not after 8 MiB: results that stop there are missing rows.
  s = JsonSpec{};
  s.max_bytes = 1LL << 40;
  expect_error(make_json(s), 1, "rows missing");
  // A run that ended before its table.
  std::string early = make_json({});
  early.replace(early.find("\"results\""), 9, "\"resultz\"");
  expect_error(early, 1, "ended before its table");
  // Impossible configurations end in an error, not an overflow or an endless loop.
  std::string huge = make_json({});
  huge.replace(huge.find("\"nthreads\":1"), 12, "\"nthreads\":4294967296");
  expect_error(huge, 1, "nthreads x ngpus out of range");
  std::string zero = make_json({});
  zero.replace(zero.find("\"minimum_bytes\":1048576"), 23, "\"minimum_bytes\":0");
  expect_error(zero, 1, "minBytes");
  // A newer document version.
  std::string newer = make_json({});
  newer.replace(newer.find("\"version\":3"), 11, "\"version\":4");
  expect_error(newer, 1, "newer than the version 3");
  // A JSON document that is not nccl-tests output.
  expect_error("{\"cases\": []}\n", 1, "not an nccl-tests -J file");
  // A key of the wrong kind.
  std::string j = make_json({});
  j.replace(j.find("\"nccl_version\":22807"), 20, "\"nccl_version\":\"2.28\"");
  expect_error(j, 1, "\"nccl_version\" must be a number");
}

// nccl-tests lists one device per process: the first of its nthreads x ngpus ranks.
TEST(NcclTestsJson, DevicesAreOnePerProcess) {
  JsonSpec s;
  s.processes = 2;
  s.gpus_per_process = 8;
  const auto c = read(make_json(s));
  ASSERT_EQ(c.collectives.size(), 2u);
  EXPECT_EQ(c.collectives[0].ranks, 16);
  EXPECT_EQ(c.collectives[0].nodes, 2);
  // One process with -g 8 on one node.
  s.processes = 1;
  s.ranks = 8;
  s.bus_factor = 2.0 * 7.0 / 8.0;
  EXPECT_EQ(read(make_json(s)).collectives[0].ranks, 8);
}

// all_gather on 3 ranks: sizes are the grid rounded down to whole elements per rank (1048576 -> 1048572), which
// is no early end; and a file name in the environment does not rename the test.
TEST(NcclTestsJson, RoundedSizesAndFileNamesInTheEnvironment) {
  JsonSpec s;
  s.program = "all_gather_perf";
  s.processes = 3;
  s.ranks = 3;
  s.ranks_per_node = 8;
  s.bus_factor = 2.0 / 3.0;
  s.per_rank_count = true;
  s.redop = "none";
  s.sizes = {1048572, 2097144, 4194300, 8388600};
  s.env.push_back("NCCL_DEBUG_FILE=/scratch/alltoall_perf.%h.%p.log");
  const auto c = read(make_json(s));
  ASSERT_EQ(c.collectives.size(), 2u);
  EXPECT_EQ(c.collectives[0].collective, CollectiveKind::all_gather);
  EXPECT_EQ(c.collectives[0].points.size(), 4u);
}

// Errors of the stdout parser name the JSON record and rewrite its "line N" references.
TEST(NcclTestsJson, ErrorsNameTheRecord) {
  JsonSpec s;
  s.redop_of_third = "max";
  try {
    read(make_json(s));
    FAIL() << "no error";
  } catch (const CalibError& e) {
    EXPECT_EQ(e.line(), 1);
    const std::string m = e.message();
    EXPECT_NE(m.find("(results[2]): type/redop/root differ from the previous row (line 1 column "), std::string::npos)
        << m;
    EXPECT_NE(m.find("(results[1]))"), std::string::npos) << m;
  }
}

TextLines lines(const std::string& text) {
  return TextLines::from_string(text, "doc.json");
}

void expect_json_error(const std::string& text, int line, int column, const std::string& fragment) {
  try {
    (void)parse_json(lines(text));
    FAIL() << "no error for " << text;
  } catch (const CalibError& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(e.message().find("column " + std::to_string(column) + ":"), std::string::npos) << e.what();
    EXPECT_NE(e.message().find(fragment), std::string::npos) << e.what();
  }
}

TEST(JsonDocument, StrictGrammar) {
  const auto v = parse_json(lines("{\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\u00e9\\ud83d\\ude00\\/\"}"));
  ASSERT_EQ(v.kind, JsonValue::Kind::object);
  const auto* a = v.find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->items.size(), 5u);
  EXPECT_DOUBLE_EQ(a->items[1].number, -2500.0);
  EXPECT_EQ(a->items[1].token, "-2.5e3");
  EXPECT_EQ(v.find("s")->text, "x\xC3\xA9\xF0\x9F\x98\x80/");
  EXPECT_EQ(a->items[2].column, 19);
  expect_json_error("{\"a\": 01}", 1, 8, "leading zero");
  expect_json_error("{\"a\": 1,}", 1, 9, "expected an object key");
  expect_json_error("{\"a\": 1, \"a\": 2}", 1, 13, "repeated");
  expect_json_error("{\"a\": NaN}", 1, 7, "non-finite");
  expect_json_error("{\"a\": x}", 1, 7, "unexpected character");
  expect_json_error("{\"a\": 1} x", 1, 10, "text after");
  expect_json_error("{\"a\":\n \"b\\q\"}", 2, 5, "unknown escape");
  expect_json_error("[\"\\ud83d\"]", 1, 9, "surrogate");
  expect_json_error("{\"a\": 1e999}", 1, 7, "out of range");
  expect_json_error("{\"a\": \"cut\n", 1, 11, "truncated");
  expect_json_error("{\"a\": \"two\nlines\"}", 1, 11, "control character");
  expect_json_error("{\"a\": [1, 2", 1, 12, "truncated");
  expect_json_error("[1, tr", 1, 7, "truncated");
  expect_json_error("[1, nul", 1, 8, "truncated");
  expect_json_error("[1, nan]", 1, 5, "non-finite");
  expect_json_error("[1, -inf]", 1, 6, "non-finite");
  expect_json_error("[\"a\xff\"]", 1, 4, "invalid UTF-8");
  expect_json_error("[\"\xc3\x28\"]", 1, 3, "invalid UTF-8");
  expect_json_error("[\"\\u0000\"]", 1, 9, "NUL");
  EXPECT_EQ(parse_json(lines("[\"\xc3\xa9\"]")).items[0].text, "\xc3\xa9");
  // 64 levels are read; 65 are not.
  EXPECT_NO_THROW(parse_json(lines(std::string(64, '[') + std::string(64, ']'))));
  expect_json_error(std::string(65, '[') + std::string(65, ']'), 1, 65, "nested deeper than 64");
  // Members named as unused are checked but not kept.
  const auto kept = parse_json(lines("{\"big\": [1, [2, 3]], \"small\": 4}"), {"big"});
  EXPECT_EQ(kept.find("big")->kind, JsonValue::Kind::null);
  EXPECT_EQ(kept.find("small")->number, 4.0);
  expect_json_error("{\"big\": [1, 01]}", 1, 14, "leading zero");
}

}  // namespace
}  // namespace aidc::calib
