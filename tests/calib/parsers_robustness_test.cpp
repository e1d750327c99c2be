// Parser robustness on small inline variants of real nccl-tests output (launcher prefixes, old formats,
// size-0 rows, rounded sizes, reduced maxBytes, ...), the "described platform" check for GPU form factors
// and network transports, and the broken inputs that must be rejected at their line.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "calib/calibration.hpp"
#include "calib/collective_check.hpp"
#include "calib/log_metadata.hpp"
#include "calib/log_reader.hpp"
#include "calib/nccl_tests_log.hpp"
#include "expect_error.hpp"

namespace aidc::calib {
namespace {

// A synthetic nccl-tests log: t = 20 us + size / (100 GB/s), busbw = algbw x bus factor.
struct LogSpec {
  std::string program = "all_reduce_perf";  // "" for no "Collective test starting" line
  std::string gpu = "NVIDIA H100 80GB HBM3";
  int nodes = 1;
  int gpus_per_node = 8;
  long long min_bytes = 1048576;
  long long max_bytes = 8388608;
  std::vector<long long> sizes{1048576, 2097152, 4194304, 8388608};
  bool per_rank_count = false;  // all_gather / reduce_scatter / alltoall
  std::string redop = "sum";
  double bus_factor = 1.75;  // all_reduce on 8 ranks
  std::vector<std::string> before_table{};
  std::function<std::string(int)> prefix = [](int) { return std::string(); };  // by line index
  bool old_format = false;
  std::string avg_line = "# Avg bus bandwidth    : 100.5";
};

std::string make_log(const LogSpec& s) {
  std::vector<std::string> lines;
  lines.push_back("# nccl-tests version 2.17.1 nccl-headers=22602 nccl-library=22602");
  if (!s.program.empty()) lines.push_back("# Collective test starting: " + s.program);
  lines.push_back("# nThread 1 nGpus 1 minBytes " + std::to_string(s.min_bytes) + " maxBytes " +
                  std::to_string(s.max_bytes) +
                  " step: 2(factor) warmup iters: 5 iters: 20 agg iters: 1 validation: 1");
  lines.push_back("#");
  lines.push_back("# Using devices");
  char buf[512];
  for (int n = 0; n < s.nodes; ++n) {
    for (int g = 0; g < s.gpus_per_node; ++g) {
      std::snprintf(buf, sizeof buf, "#  Rank %2d Group  0 Pid %6d on   node-%03d device %2d [0000:18:00] %s",
                    n * s.gpus_per_node + g, 1000 + g, n, g, s.gpu.c_str());
      lines.push_back(buf);
    }
  }
  for (const auto& l : s.before_table) lines.push_back(l);
  lines.push_back("#");
  if (s.old_format) {
    lines.push_back(
        "#       size         count    type   redop     time   algbw   busbw  error     time   algbw   busbw  error");
  } else {
    lines.push_back(
        "#       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   busbw "
        "#wrong");
  }
  lines.push_back(
      "#        (B)    (elements)                               (us)  (GB/s)  (GB/s)            (us)  (GB/s)  (GB/s)");
  const int ranks = s.nodes * s.gpus_per_node;
  for (long long size : s.sizes) {
    const long long count = size / 4 / (s.per_rank_count ? ranks : 1);
    if (size == 0) {
      std::snprintf(buf, sizeof buf, "%12d %12d %10s %7s %7d %8.2f %7.2f %7.2f %6d %8.2f %7.2f %7.2f %6d", 0, 0,
                    "float", s.redop.c_str(), -1, 0.06, 0.0, 0.0, 0, 0.06, 0.0, 0.0, 0);
    } else {
      const double t = 20.0 + static_cast<double>(size) / 1e5;
      const double algbw = static_cast<double>(size) / t / 1e3;
      if (s.old_format) {
        std::snprintf(buf, sizeof buf, "%12lld %12lld %7s %7s %8.2f %7.2f %7.2f %6s %8.2f %7.2f %7.2f %6s", size, count,
                      "float", s.redop.c_str(), t, algbw, algbw * s.bus_factor, "5e-07", t, algbw, algbw * s.bus_factor,
                      "5e-07");
      } else {
        std::snprintf(buf, sizeof buf, "%12lld %12lld %10s %7s %7d %8.2f %7.2f %7.2f %6d %8.2f %7.2f %7.2f %6d", size,
                      count, "float", s.redop.c_str(), -1, t, algbw, algbw * s.bus_factor, 0, t, algbw,
                      algbw * s.bus_factor, 0);
      }
    }
    lines.push_back(buf);
  }
  lines.push_back("# Out of bounds values : 0 OK");
  lines.push_back(s.avg_line);
  lines.push_back("#");
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += s.prefix(static_cast<int>(i)) + lines[i] + "\n";
  return out;
}

LogContents read(const std::string& text, const ReadOptions& o = {}) {
  return read_log(TextLines::from_string(text, "log.txt"), o);
}

// Line (1-based) of the first line containing `needle`.
int line_of(const std::string& text, const std::string& needle) {
  return 1 + static_cast<int>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(text.find(needle)), '\n'));
}

using test::expect_error;

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// ---- 1: size-0 rows --------------------------------------------------------------------------------------

TEST(ParserRobustness, AllGatherZeroSizeRowsAreSkipped) {
  // all_gather on 2 ranks with -b 8: the 8 B and 16 B requests print size 0 (as the real B200 log does).
  LogSpec s;
  s.program = "all_gather_perf";
  s.nodes = 2;
  s.gpus_per_node = 1;
  s.min_bytes = 8;
  s.max_bytes = 128;
  s.sizes = {0, 0, 32, 64, 128};
  s.per_rank_count = true;
  s.redop = "none";
  s.bus_factor = 0.5;
  auto c = read(make_log(s));
  ASSERT_EQ(c.collectives.size(), 2u);
  ASSERT_EQ(c.collectives[0].points.size(), 3u);
  EXPECT_DOUBLE_EQ(c.collectives[0].points.front().size_bytes, 32.0);
  auto log = parse_nccl_tests(TextLines::from_string(make_log(s), "log.txt"));
  EXPECT_EQ(log.tables[0].zero_size_rows, 2);
  // A size-0 row after real rows is out of order.
  s.sizes = {0, 0, 32, 0, 128};
  const std::string bad = make_log(s);
  expect_error(bad, line_of(bad, "          32") + 1, "size 0 after");
  // Each size-0 row is one requested size: real rows missing right after them are missing.
  s.sizes = {0, 0, 64, 128};
  const std::string lost = make_log(s);
  expect_error(lost, line_of(lost, "          64"), "rows missing");
}

TEST(ParserRobustness, StepFactorMustBeAnIntegerOfAtLeastTwo) {
  const std::string ok = make_log(LogSpec{});
  for (const std::string factor : {"1.0000000001", "1", "0"}) {
    const std::string bad = replace_first(ok, "step: 2(factor)", "step: " + factor + "(factor)");
    expect_error(bad, line_of(bad, "# nThread"), "step factor");
  }
}

// ---- 2: GPU form factor and network transport ------------------------------------------------------------

TEST(ParserRobustness, GpuFormFactorIsPartOfTheModel) {
  EXPECT_EQ(canonical_gpu("NVIDIA H100 80GB HBM3"), "H100");
  EXPECT_EQ(canonical_gpu("NVIDIA H100 PCIe"), "H100 PCIe");
  EXPECT_EQ(canonical_gpu("NVIDIA H100 NVL"), "H100 NVL");
  EXPECT_EQ(canonical_gpu("NVIDIA A100-PCIE-40GB"), "A100 PCIe");
  EXPECT_EQ(canonical_gpu("NVIDIA A100 80GB PCIe"), "A100 PCIe");
  EXPECT_EQ(canonical_gpu("NVIDIA A100-SXM4-80GB"), "A100");
  // A hardware line that mentions PCIe for the host link is still the SXM part.
  EXPECT_EQ(canonical_gpu("hardware: Azure ND H100 v5 VM, NVIDIA H100 80GB HBM3 (SXM, spec 3.35 TB/s); 8 GPUs/VM, "
                          "NVLink4/NVSwitch, PCIe Gen5 host link"),
            "H100");

  LogSpec s;
  s.gpu = "NVIDIA H100 PCIe";
  auto c = read(make_log(s));
  EXPECT_EQ(c.collectives[0].gpu, "H100 PCIe");
  const PlatformDescription sxm{"H100", 8, true};
  EXPECT_EQ(undescribed_reason(sxm, c.collectives[0]), "GPU H100 PCIe, the profile describes H100");
  // The fit keeps it apart: H100 PCIe and H100 logs do not make one profile.
  LogSpec t;
  auto both = std::vector<LogContents>{read(make_log(t)), c};
  try {
    (void)calibrate(both, {});
    FAIL() << "H100 PCIe and H100 logs were fitted together";
  } catch (const CalibError& e) {
    EXPECT_NE(std::string(e.what()).find("H100 PCIe"), std::string::npos) << e.what();
  }
}

TEST(ParserRobustness, SocketNetworkIsNotDescribedByAnRdmaProfile) {
  LogSpec s;
  s.nodes = 2;
  s.bus_factor = 2.0 * 15.0 / 16.0;
  s.before_table = {"node-000:1000:1000 [0] NCCL INFO NET/Socket : Using [0]eth0:10.0.0.1<0>",
                    "node-000:1000:1000 [0] NCCL INFO Using network Socket"};
  auto sock = read(make_log(s));
  ASSERT_EQ(sock.collectives[0].network, "Socket");
  EXPECT_EQ(sock.collectives[0].nodes, 2);
  const PlatformDescription ib{"H100", 8, true};
  EXPECT_NE(undescribed_reason(ib, sock.collectives[0]).find("network transport Socket"), std::string::npos);
  CalibrateOptions o;
  o.nic_gb_per_s_per_gpu = 50.0;
  try {
    calibrate({sock}, o);
    FAIL() << "a socket run was fitted";
  } catch (const CalibError& e) {
    EXPECT_NE(std::string(e.what()).find("Socket"), std::string::npos) << e.what();
  }
  // Over InfiniBand the same log is described.
  s.before_table = {"node-000:1000:1000 [0] NCCL INFO NET/IB : Using [0]mlx5_0:1/IB",
                    "node-000:1000:1000 [0] NCCL INFO Using network IB"};
  auto ibl = read(make_log(s));
  EXPECT_EQ(ibl.collectives[0].network, "IB");
  EXPECT_EQ(undescribed_reason(ib, ibl.collectives[0]), "");
}

// ---- 3: reduced and off-grid maxBytes --------------------------------------------------------------------

TEST(ParserRobustness, ReducedAndOffGridMaxBytes) {
  LogSpec s;
  s.max_bytes = 16777216;  // -e 16M, then reduced to 8M
  s.before_table = {"#", "# Reducing maxBytes to 8388608 due to memory limitation"};
  EXPECT_EQ(read(make_log(s)).collectives[0].points.size(), 4u);
  LogSpec t;
  t.max_bytes = 10485760;  // -e 10M -f 2: the last row is 8M
  EXPECT_EQ(read(make_log(t)).collectives[0].points.size(), 4u);
  // A missing last row is still missing: -e 10M ending at 4M.
  t.sizes.pop_back();
  const std::string bad = make_log(t);
  expect_error(bad, line_of(bad, "# Avg bus"), "rows missing");
  // A maxBytes just below a grid size ends the sweep one size earlier: -e 8000K ends at 4M.
  LogSpec u;
  u.max_bytes = 8192000;
  u.sizes.pop_back();
  EXPECT_EQ(read(make_log(u)).collectives[0].points.size(), 3u);
}

// ---- 4: pre-2022 format ----------------------------------------------------------------------------------

TEST(ParserRobustness, OldFormatWithErrorColumnAndNoRoot) {
  LogSpec s;
  s.old_format = true;
  auto c = read(make_log(s));
  ASSERT_EQ(c.collectives.size(), 2u);
  EXPECT_EQ(*c.collectives[0].collective, CollectiveKind::all_reduce);
  EXPECT_EQ(c.collectives[0].points.size(), 4u);
  // Old versions show a failed data check only in the summary line.
  const std::string failed =
      replace_first(make_log(s), "# Out of bounds values : 0 OK", "# Out of bounds values : 28 FAILED");
  expect_error(failed, line_of(failed, "# Out of bounds"), "data check failed");
}

TEST(ParserRobustness, MpiBuildsOfTheTestsAreNamed) {
  LogSpec s;
  s.program = "all_reduce_perf_mpi";  // nccl-tests built with MPI=1, as NGC containers ship it
  EXPECT_EQ(*read(make_log(s)).collectives[0].collective, CollectiveKind::all_reduce);
}

// ---- 5 and 7: launcher prefixes, other streams inside a table ---------------------------------------------

TEST(ParserRobustness, LauncherPrefixesAreStripped) {
  const std::vector<std::string> prefixes = {
      "[1,0]<stdout>:", "[1,0]<stdout>: ", "[default0]:", "[0] ", "node-000: ", "0: "};
  for (const auto& p : prefixes) {
    LogSpec s;
    s.prefix = [p](int) { return p; };
    auto c = read(make_log(s));
    ASSERT_EQ(c.collectives.size(), 2u) << p;
    EXPECT_EQ(c.collectives[0].points.size(), 4u) << p;
    EXPECT_EQ(c.collectives[0].gpu, "H100") << p;
  }
  // Rows of another rank's stream inside the table are still interleaved.
  LogSpec s;
  s.prefix = [](int) { return std::string("[1,0]<stdout>:"); };
  std::string text = make_log(s);
  text = replace_first(text, "[1,0]<stdout>:     2097152", "[1,3]<stdout>:     2097152");
  expect_error(text, line_of(text, "[1,3]"), "interleaved");
  // A second run under another launcher's prefix is not skipped line by line.
  LogSpec plain;
  std::string two = make_log(plain);
  const std::size_t first_end = two.size();
  LogSpec mpi;
  mpi.prefix = [](int) { return std::string("[1,0]<stdout>:"); };
  two += make_log(mpi);
  expect_error(
      two,
      line_of(two.substr(first_end), "[1,0]") +
          static_cast<int>(std::count(two.begin(), two.begin() + static_cast<std::ptrdiff_t>(first_end), '\n')),
      "another launcher prefix");
}

TEST(ParserRobustness, OtherStreamsMayPrintInsideATable) {
  LogSpec s;
  s.prefix = [](int) { return std::string("0: "); };
  std::string text = make_log(s);
  const std::string row2 = "0:      2097152";
  text.insert(text.find(row2),
              "5: node-000:1005:1105 [5] NCCL INFO Channel 02/1 : 5[5] -> 13[5] [send] via NET/IB/5/GDRDMA\n");
  EXPECT_EQ(read(text).collectives[0].points.size(), 4u);
  LogSpec t;
  text = make_log(t);
  text.insert(text.find("     2097152"),
              "[node-000:01234] 15 more processes have sent help message help-mpi-btl-openib.txt / no device params\n");
  EXPECT_EQ(read(text).collectives[0].points.size(), 4u);
}

// ---- 6: sizes rounded to the rank count ------------------------------------------------------------------

TEST(ParserRobustness, SizesRoundedToANonPowerOfTwoRankCount) {
  // all_gather on 6 x 8 = 48 ranks with -b 1K: nccl-tests prints 960, 1920, 4032, 8064 (whole floats per rank).
  LogSpec s;
  s.program = "all_gather_perf";
  s.nodes = 6;
  s.min_bytes = 1024;
  s.max_bytes = 8192;
  s.sizes = {960, 1920, 4032, 8064};
  s.per_rank_count = true;
  s.redop = "none";
  s.bus_factor = 47.0 / 48.0;
  auto c = read(make_log(s));
  ASSERT_EQ(c.collectives[0].points.size(), 4u);
  EXPECT_EQ(c.collectives[0].ranks, 48);
}

// ---- 8: broken input that was accepted -------------------------------------------------------------------

TEST(ParserRobustness, BomDoesNotHideTheTestHeader) {
  LogSpec s;
  std::string text = make_log(s);
  text = text.substr(text.find("# nThread"));  // the nThread line first, as with a single -t run
  text = "\xEF\xBB\xBF" + text;
  EXPECT_EQ(read(text).collectives[0].points.size(), 4u);
  text.erase(text.find("     1048576"), text.find("     2097152") - text.find("     1048576"));  // first row lost
  expect_error(text, line_of(text, "     2097152"), "header");
}

TEST(ParserRobustness, SecondRunCutAfterItsHeader) {
  LogSpec s;
  std::string text = make_log(s);
  std::string second = text.substr(0, text.find("#       size"));  // the second run's header lines, no table
  text += second;
  int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  expect_error(text, lines, "truncated");
}

TEST(ParserRobustness, MarkdownRowCutInItsLastCell) {
  const std::string ok =
      "# nodes x GPUs: 1 x 8\n# hardware: 8x H100\n| Message Size | busbw (GB/s) |\n|---|---|\n| 1M | 100.25 |\n"
      "| 2M | 150.50 |\n";
  EXPECT_EQ(read(ok).collectives[0].points.size(), 2u);
  expect_error(ok.substr(0, ok.size() - 6) + "\n", 6, "truncated");  // "| 2M | 150." then end of file
  // Tables written without closing pipes are read as they are.
  const std::string open =
      "# nodes x GPUs: 1 x 8\n# hardware: 8x H100\n| Message Size | busbw (GB/s)\n|---|---\n| 1M | 100.25\n"
      "| 2M | 150.50\n";
  EXPECT_EQ(read(open).collectives[0].points.size(), 2u);
  // A header cell as long as a page is not a header (std::regex would recurse once per character).
  const std::string long_head = "| Message Size | " + std::string(60000, '7') + " nodes |\n|---|---|\n| 1M | 1.0 |\n";
  expect_error(long_head, 1, "column header");
}

// ---- 9: unsupported or unnamed collectives ---------------------------------------------------------------

TEST(ParserRobustness, UnsupportedCollectiveIsNamed) {
  LogSpec s;
  s.program = "gather_perf";
  std::string text = make_log(s);
  expect_error(text, line_of(text, "#       size"), "collective 'gather_perf' (named at line 2) not supported");
  s.program = "hypercube_perf";
  text = make_log(s);
  expect_error(text, line_of(text, "#       size"), "not supported");
}

TEST(ParserRobustness, UnnamedSendRecvSaysHowToNameIt) {
  LogSpec s;
  s.program = "";
  s.nodes = 2;
  s.bus_factor = 1.0;  // sendrecv
  const std::string text = make_log(s);
  expect_error(text, line_of(text, "     1048576"), "collective=sendrecv");
  ReadOptions o;
  o.collective = CollectiveKind::sendrecv;
  EXPECT_EQ(read(text, o).collectives[0].points.size(), 4u);
}

// ---- 10 and 13c: the closing line --------------------------------------------------------------------------

TEST(ParserRobustness, AverageLineWithOkSuffixOrTab) {
  LogSpec s;
  s.avg_line = "# Avg bus bandwidth    : 276.999 OK";
  EXPECT_EQ(read(make_log(s)).collectives.size(), 2u);
  s.avg_line = "# Avg bus bandwidth    : 276.999 FAILED";
  EXPECT_EQ(read(make_log(s)).collectives.size(), 2u);
  s.avg_line = "# Avg\tbus bandwidth\t: 276.999";
  EXPECT_EQ(read(make_log(s)).collectives.size(), 2u);
  s.avg_line = "# Avg bus bandwidth    : 276.999 maybe";
  const std::string text = make_log(s);
  expect_error(text, line_of(text, "# Avg"), "average busbw");
}

// ---- 11: less common options -------------------------------------------------------------------------------

TEST(ParserRobustness, TimesPrintedWithAnExponent) {
  LogSpec s;
  s.sizes = {8589934592LL, 17179869184LL};
  s.min_bytes = 8589934592LL;
  s.max_bytes = 17179869184LL;
  s.bus_factor = 1.75;
  std::string text = make_log(s);
  // 17179869184 B in 11499999 us, printed "1.1e+07" (two digits): algbw 1.49 and busbw 2.61 come from the
  // exact time, 4.5 % off size / printed time.
  const auto at = text.find("\n 17179869184") + 1;
  const auto eol = text.find('\n', at);
  text.replace(
      at, eol - at,
      " 17179869184   4294967296      float     sum      -1  1.1e+07    1.49    2.61      0  1.1e+07    1.49    "
      "2.61      0");
  auto c = read(text);
  EXPECT_DOUBLE_EQ(c.collectives[0].points.back().time_us, 1.1e7);
  // A positive time below the printed resolution (a denormal) is not a measurement.
  const std::string tiny =
      replace_first(text, "1.1e+07    1.49    2.61      0  1.1e+07", "1e-320    1.49    2.61      0  1.1e+07");
  expect_error(tiny, line_of(tiny, "1e-320"), "time must be");
}

// Applies `fn` to the tokens of every data row (lines that do not start with '#') and rejoins them.
std::string map_rows(const std::string& text, const std::function<void(std::vector<std::string>&)>& fn) {
  std::istringstream in(text);
  std::string out, line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.find('#') == std::string::npos) {
      std::istringstream words(line);
      std::vector<std::string> tok;
      for (std::string w; words >> w;) tok.push_back(w);
      fn(tok);
      line.clear();
      for (const auto& t : tok) line += "  " + t;
    }
    out += line + "\n";
  }
  return out;
}

// The data rows of a make_log() text, as one block.
std::string data_rows(const std::string& text) {
  const auto first = text.find("     1048576");
  return text.substr(first, text.find("# Out of bounds") - first);
}

TEST(ParserRobustness, UnsupportedOptionsAreNamed) {
  LogSpec s;
  std::string text = make_log(s);
  text = replace_first(text, "busbw #wrong\n", "busbw #wrong  walltime\n");
  expect_error(text, line_of(text, "#       size"), "extra column 'walltime'");
  // -C 1: CPU time.
  text = replace_first(make_log(s), "    root     time   algbw   busbw #wrong     time",
                       "    root  cputime   algbw   busbw #wrong  cputime");
  expect_error(text, line_of(text, "#       size"), "-C");
}

// -N 2, -o all, -d all: several sweeps under one column header, each read as its own table.
TEST(ParserRobustness, SeveralSweepsUnderOneHeader) {
  LogSpec s;
  const std::string base = make_log(s);
  const std::string rows = data_rows(base);
  // -N 2: the sweep printed twice.
  std::string text = base;
  text.insert(text.find("# Out of bounds"), rows);
  auto log = parse_nccl_tests(TextLines::from_string(text, "log.txt"));
  ASSERT_EQ(log.tables.size(), 2u);
  EXPECT_EQ(log.tables[1].sweep, 2);
  EXPECT_EQ(log.tables[0].sweeps, 2);
  EXPECT_EQ(log.tables[1].rows.front().line, line_of(text, "# Out of bounds") - 4);
  EXPECT_DOUBLE_EQ(log.tables[0].avg_busbw_gb_per_s, 100.5);
  auto series = nccl_tests_series(log);
  ASSERT_EQ(series.size(), 4u);
  EXPECT_NE(series[2].label.find("sweep 2/2 (float sum)"), std::string::npos) << series[2].label;
  EXPECT_EQ(read(text).collectives.size(), 4u);
  // -o all: the same sizes with another reduction operation.
  text = base;
  text.insert(text.find("# Out of bounds"), replace_all(rows, " sum ", " max "));
  log = parse_nccl_tests(TextLines::from_string(text, "log.txt"));
  ASSERT_EQ(log.tables.size(), 2u);
  EXPECT_EQ(log.tables[1].rows.front().redop, "max");
  EXPECT_EQ(log.tables[1].collective, CollectiveKind::all_reduce);
  // -d all: another type (bfloat16: half the elements of float for the same bytes).
  text = base;
  text.insert(text.find("# Out of bounds"), map_rows(rows, [](std::vector<std::string>& t) {
                t[1] = std::to_string(std::stoll(t[0]) / 2);
                t[2] = "bfloat16";
              }));
  log = parse_nccl_tests(TextLines::from_string(text, "log.txt"));
  ASSERT_EQ(log.tables.size(), 2u);
  EXPECT_EQ(log.tables[1].rows.front().type, "bfloat16");
  // A sweep cut short before the next starts is still an error, at the first row of the next sweep.
  text = base;
  const auto last_row = text.rfind("     8388608");
  text.erase(last_row, text.find('\n', last_row) + 1 - last_row);
  text.insert(text.find("# Out of bounds"), replace_all(rows, " sum ", " max "));
  expect_error(text, line_of(text, " max "), "before its sweep reached maxBytes");
  // A repeated sweep must start at minBytes again.
  text = base;
  text.insert(text.find("# Out of bounds"), rows.substr(rows.find("     2097152")));
  expect_error(text, line_of(text, "# Out of bounds") - 3, "is not the header's");
  // ... and be complete.
  text = base;
  text.insert(text.find("# Out of bounds"), rows.substr(0, rows.find("     8388608")));
  expect_error(text, line_of(text, "# Avg"), "rows missing");
}

// Newer nccl-tests columns: -S 1 timestamps, the bitwise check's #bitdiff and per-iteration statistics.
TEST(ParserRobustness, TimestampBitdiffAndPerIterationColumns) {
  LogSpec s;
  const std::string base = make_log(s);
  std::string text = replace_first(base, "busbw #wrong\n", "busbw #wrong            timestamp\n");
  text = map_rows(text, [](std::vector<std::string>& t) {
    t.push_back("2025-06-18");
    t.push_back("14:03:59");
  });
  auto c = read(text);
  ASSERT_EQ(c.collectives.size(), 2u);
  EXPECT_EQ(c.collectives[0].points.size(), 4u);
  // A row without its timestamp, or with a broken one, is truncated or garbled.
  std::string cut = map_rows(text, [](std::vector<std::string>& t) {
    if (t[0] == "4194304") t.resize(t.size() - 2);
  });
  expect_error(cut, line_of(cut, "  4194304"), "a timestamp is two");
  std::string bad = map_rows(text, [](std::vector<std::string>& t) {
    if (t[0] == "4194304") t.back() = "14:03";
  });
  expect_error(bad, line_of(bad, "  4194304"), "not YYYY-MM-DD HH:MM:SS");
  // #bitdiff and i_min i_max i_p99 i_cv% after each group.
  text = replace_first(base, "busbw #wrong     time   algbw   busbw #wrong\n",
                       "busbw #wrong #bitdiff i_min i_max i_p99 i_cv%  time   algbw   busbw #wrong #bitdiff i_min "
                       "i_max i_p99 i_cv%\n");
  auto widen = [](const std::string& min, const std::string& max) {
    return [min, max](std::vector<std::string>& t) {
      const std::vector<std::string> extra = {"0", min, max, "30.00", "2.5"};
      t.insert(t.begin() + 13, extra.begin(), extra.end());
      t.insert(t.begin() + 9, extra.begin(), extra.end());
    };
  };
  c = read(map_rows(text, widen("20.00", "40.00")));
  ASSERT_EQ(c.collectives.size(), 2u);
  EXPECT_EQ(c.collectives[1].points.size(), 4u);
  bad = map_rows(text, widen("50.00", "40.00"));
  expect_error(bad, line_of(bad, "  1048576"), "i_min <= i_p99 <= i_max");
  // With per-iteration columns and a timestamp label, rows may come without timestamps, but all alike.
  const std::string both = replace_first(text, "i_cv%\n", "i_cv%           timestamp\n");
  c = read(map_rows(both, widen("20.00", "40.00")));
  EXPECT_EQ(c.collectives[0].points.size(), 4u);
  bad = map_rows(both, [&](std::vector<std::string>& t) {
    widen("20.00", "40.00")(t);
    if (t[0] == "2097152") {
      t.push_back("2025-06-18");
      t.push_back("14:03:59");
    }
  });
  expect_error(bad, line_of(bad, "  2097152"), "with a timestamp where the table's first row has none");
  // Both groups must carry the same optional columns.
  bad = replace_first(base, "busbw #wrong     time", "busbw #wrong #bitdiff     time");
  expect_error(bad, line_of(bad, "#       size"), "unsupported column layout");
}

// A file name in NCCL's environment ("NCCL_DEBUG_FILE=/tmp/alltoall_perf.log") does not rename the test; a command
// line with an NCCL_X=Y prefix still names its program.
TEST(ParserRobustness, FileNamesInTheEnvironmentDoNotRenameTheTest) {
  LogSpec s;
  s.program = "all_gather_perf";
  s.redop = "none";
  s.per_rank_count = true;
  s.bus_factor = 7.0 / 8.0;
  s.before_table = {"node-000:1:1 [0] NCCL INFO NCCL_DEBUG_FILE set by environment to /tmp/alltoall_perf.%h.log",
                    "# env: NCCL_DEBUG_FILE=/tmp/alltoall_perf.%h.log"};
  EXPECT_EQ(read(make_log(s)).collectives[0].collective, CollectiveKind::all_gather);
  s.program = "";
  for (const std::string command :
       {"# command: NCCL_ALGO=Ring mpirun -np 8 ./build/all_gather_perf -b 1M -e 8M -f 2",
        "# command: NCCL_ALGO=Ring;./build/all_gather_perf -b 1M",
        "# command: export NCCL_ALGO=Ring&&./all_gather_perf",
        "# command: ./build/all_gather_perf -b 1M 2>&1 | grep -v \"NCCL INFO\"",
        "# command: NCCL_DEBUG_FILE=\"/scratch/run 1/alltoall_perf.%h.log\" ./build/all_gather_perf_mpi"}) {
    s.before_table = {command};
    EXPECT_EQ(read(make_log(s)).collectives[0].collective, CollectiveKind::all_gather) << command;
  }
}

// ---- 12: long lines ------------------------------------------------------------------------------------------

TEST(ParserRobustness, VeryLongCommentLinesDoNotCrash) {
  LogSpec s;
  s.gpu = "NVIDIA H100 80GB HBM3" + std::string(50000, 'x');  // one device name of 50 kB
  auto c = read(make_log(s));
  EXPECT_EQ(c.collectives[0].gpu, "H100");
  LogSpec t;
  t.program = std::string(50000, 'a');
  std::string text = make_log(t);
  expect_error(text, line_of(text, "#       size"), "not supported");
  LogSpec u;
  u.before_table = {"node-000:1:1 [0] NCCL INFO NCCL_IB_HCA set by environment to " + std::string(50000, 'a'),
                    "# env: NCCL_ALGO=Ring NCCL_PROTO=" + std::string(50000, 'b')};
  c = read(make_log(u));
  EXPECT_EQ(c.collectives[0].env.at("NCCL_IB_HCA").size(), 50000u);
  EXPECT_EQ(c.collectives[0].algorithm, "ring");
}

// ---- 13: messages ----------------------------------------------------------------------------------------------

TEST(ParserRobustness, InPlaceAlgbwErrorNamesInPlace) {
  LogSpec s;
  std::string text = make_log(s);
  const auto at = text.find("     2097152");
  const auto eol = text.find('\n', at);
  std::string row = text.substr(at, eol - at);
  // Change the in-place algbw only (the 11th column).
  std::vector<std::string> cols;
  for (std::size_t i = 0; i < row.size();) {
    while (i < row.size() && row[i] == ' ') ++i;
    std::size_t j = i;
    while (j < row.size() && row[j] != ' ') ++j;
    if (j > i) cols.push_back(row.substr(i, j - i));
    i = j;
  }
  cols[10] = "99.99";
  std::string changed;
  for (const auto& c : cols) changed += "  " + c;
  text.replace(at, eol - at, changed);
  expect_error(text, line_of(text, changed), "in-place algbw 99.99 does not match");
}

TEST(ParserRobustness, MoreGpuModelsAreNamed) {
  EXPECT_EQ(canonical_gpu("NVIDIA H20"), "H20");
  EXPECT_EQ(canonical_gpu("Tesla V100-SXM2-32GB"), "V100");
  EXPECT_EQ(canonical_gpu("NVIDIA H200"), "H200");
  EXPECT_EQ(canonical_gpu("NVIDIA L40S"), "L40S");
  EXPECT_EQ(canonical_gpu("NVIDIA L4"), "L4");
  LogSpec s;
  s.gpu = "NVIDIA H20";
  EXPECT_EQ(read(make_log(s)).collectives[0].gpu, "H20");
}

TEST(ParserRobustness, BomInCsvAndTables) {
  const std::string gemm =
      "\xEF\xBB\xBF# aidc-gemm 1\n# gpu: NVIDIA H100 80GB HBM3\ndtype,m,n,k,repeats,median_us,min_us,max_us,tflops,"
      "check\nbf16,4096,4096,4096,20,200.0,199.0,201.0,687.19,pass\n# end: 1 rows\n";
  EXPECT_EQ(read(gemm).gemms.size(), 1u);
  const std::string md = "\xEF\xBB\xBF| Message Size | busbw (GB/s) |\n|---|---|\n| 1M | 100.25 |\n| 2M | 150.50 |\n";
  ReadOptions o;
  o.nodes = 1;
  o.gpus_per_node = 8;
  EXPECT_EQ(read(md, o).collectives[0].points.size(), 2u);
}

// ---- GEMM and memory tables (a second probe) ---------------------------------------------------------------

const char* kCublas =
    "# hardware: 1x NVIDIA H100 80GB HBM3 (SXM)\n# method: cuBLASLt GEMM, FP8 inputs, FP32 accumulate\n"
    "| m | n | k | H100 (TFLOPS) |\n| --- | --- | --- | --- |\n| 4096 | 4096 | 4096 | 1216.9 |\n"
    "| 8192 | 8192 | 8192 | 1290.1 |\n";

TEST(ParserRobustness, GemmTableDtypeIsTheInputsNotTheAccumulator) {
  const auto c = read(kCublas);
  ASSERT_EQ(c.gemms.size(), 1u);
  EXPECT_EQ(c.gemms[0].dtype, "fp8");
  EXPECT_EQ(c.gemms[0].points.size(), 2u);
}

TEST(ParserRobustness, GemmAndMemoryTablesRejectCutsAndImpossibleValues) {
  const std::string text = kCublas;
  const std::string cut = text.substr(0, text.size() - 5) + "\n";  // "| 8192 | 8192 | 8192 | 129"
  expect_error(cut, 6, "truncated row");
  expect_error(replace_first(text, "1290.1", "1e20"), 6, "beyond any device");
  expect_error(replace_first(text, "| 4096 | 4096 | 4096 |", "| 4096 | 4096 | 9999999999 |"), 5, "2^31");
  const std::string mem = "# hardware: NVIDIA H100 80GB HBM3\n| | HBM (TB/s) |\n|---|---|\n| Copy | 2.90 |\n";
  EXPECT_DOUBLE_EQ(read(mem).membw[0].points[0].gb_per_s, 2900.0);
  expect_error(replace_first(mem, "2.90 |", "2.90"), 4, "truncated row");
  expect_error(replace_first(mem, "2.90", "1e303"), 4, "beyond any device");
}

// Rows with no closing delimiter in files with no footer: only a missing line end can tell that the last value
// lost digits.
TEST(ParserRobustness, LastRowWithoutLineEndInFooterlessFormats) {
  const std::string xla =
      "# hardware: H100 SXM\nb,m,n,k,bf16_flops_per_s,f32_flops_per_s\n1,4096,4096,4096,780000000000000,"
      "390000000000000\n";
  EXPECT_EQ(read(xla).gemms.size(), 2u);
  const std::string xla_cut = xla.substr(0, xla.size() - 10);  // "...,39000"
  expect_error(xla_cut, 3, "no line end");
  const std::string sum = "SUM device_local_copy 2500.00\nSUM device_to_device_memcpy_read_ce 700.5\n";
  EXPECT_EQ(read(sum).membw[0].points.size(), 2u);
  expect_error(sum.substr(0, sum.size() - 3), 2, "no line end");
  const std::string md = "# hardware: NVIDIA H100 80GB HBM3\n| | HBM (GB/s)\n|---|---\n| Copy | 2900\n";
  EXPECT_DOUBLE_EQ(read(md).membw[0].points[0].gb_per_s, 2900.0);
  expect_error(md.substr(0, md.size() - 3), 4, "no line end");
  // The rule is about the data row: a comment after it may end the file without a line end.
  EXPECT_EQ(read(md + "# measured 2025-06-18").membw[0].points.size(), 1u);
}

TEST(ParserRobustness, NvbandwidthOutputIsReadWhole) {
  const std::string run =
      "nvbandwidth Version: v0.7\n\nProcess 0 (host): device 0: NVIDIA H100 80GB HBM3 (00000001:00:00)\n\n"
      "Running device_local_copy.\nmemcpy local GPU(column) bandwidth (GB/s)\n           0\n 0    2500.00\n\n"
      "SUM device_local_copy 2500.00\n\nRunning host_device_latency_sm.\n 0    650.1\n\n"
      "SUM host_device_latency_sm 650.10\n";
  const auto c = read(run);
  ASSERT_EQ(c.membw.size(), 1u);
  EXPECT_EQ(c.membw[0].gpu, "H100");        // from nvbandwidth's device line
  ASSERT_EQ(c.membw[0].points.size(), 1u);  // the latency test sums nanoseconds: skipped
  EXPECT_EQ(c.membw[0].points[0].kernel, "device_local_copy");
  const std::string cut = run.substr(0, run.find("SUM host_device_latency_sm"));
  expect_error(cut, line_of(cut, "Running host_device"), "no SUM line");
  expect_error(run + "SUM device_local_copy 99.0\n", line_of(run, "SUM host_device") + 1, "summed twice");
  expect_error(replace_first(run, "SUM device_local_copy 2500.00", "SUM device_local_copy -2500.00"),
               line_of(run, "SUM device_local_copy"), "non-positive");
}

TEST(ParserRobustness, BabelStreamOutputIsRead) {
  const std::string run =
      "BabelStream\nVersion: 5.0\nImplementation: CUDA\nRunning kernels 100 times\nPrecision: double\n"
      "Array size: 268.4 MB (=0.3 GB)\nUsing CUDA device NVIDIA H100 80GB HBM3\nDriver: 12020\n"
      "Init: 0.088 s (=9.08 GBytes/sec)\nRead: 0.208 s (=3.87 GBytes/sec)\n"
      "Function    MBytes/sec  Min (sec)   Max         Average     \n"
      "Copy        3016437.446 0.00018     0.00019     0.00018     \n"
      "Triad       3003104.593 0.00027     0.00028     0.00027     \n";
  const auto c = read(run);
  ASSERT_EQ(c.membw.size(), 1u);
  EXPECT_EQ(c.membw[0].gpu, "H100");
  ASSERT_EQ(c.membw[0].points.size(), 2u);
  EXPECT_EQ(c.membw[0].points[1].kernel, "triad");
  EXPECT_NEAR(c.membw[0].points[1].gb_per_s, 3003.104593, 1e-9);  // MB/s (10^6 B) to GB/s
  EXPECT_NEAR(read(replace_first(run, "MBytes/sec", "MiBytes/sec")).membw[0].points[0].gb_per_s,
              3016437.446 * 1048576.0 / 1e9, 1e-6);
  expect_error(run + "Dot         3112285.434 0.00017\n", 14, "truncated or garbled");
  expect_error(replace_first(run, "0.00027     0.00028     0.00027", "0.00027     0.00028     0.00029"), 13,
               "min <= average <= max");
  expect_error(run + run, 14, "two runs");
  // Version 5's short unit names.
  EXPECT_NEAR(read(replace_first(run, "MBytes/sec", "MB/s")).membw[0].points[1].gb_per_s, 3003.104593, 1e-9);
}

// BabelStream --csv: 2^25 doubles; each row's bandwidth is weight x 8 B x 2^25 / min_runtime.
TEST(ParserRobustness, BabelStreamCsvIsRead) {
  const std::string csv =
      "function,num_times,n_elements,sizeof,max_mbytes_per_sec,min_runtime,max_runtime,avg_runtime\n"
      "Copy,100,33554432,8,2.90376e+06,0.000184888,0.000189,0.000186\n"
      "Triad,100,33554432,8,2.9649e+06,0.000271613,0.000276,0.000273\n";
  auto c = read(csv + "", {});
  ASSERT_EQ(c.membw.size(), 1u);
  EXPECT_EQ(c.format, LogFormat::babelstream_csv);
  ASSERT_EQ(c.membw[0].points.size(), 2u);
  EXPECT_EQ(c.membw[0].points[1].kernel, "triad");
  EXPECT_NEAR(c.membw[0].points[1].gb_per_s, 2964.9, 1e-9);
  EXPECT_TRUE(c.membw[0].gpu.empty());  // the CSV names no GPU ...
  ReadOptions o;
  o.gpu = "H100";
  EXPECT_EQ(read(csv, o).membw[0].gpu, "H100");  // ... the user does (FILE#gpu=H100)
  // Version 5: a short unit name and the Init and Read rows (three arrays, once each: checked, not kept).
  const std::string v5 =
      replace_first(replace_first(csv, "max_mbytes_per_sec", "max_GB_per_sec"), "2.90376e+06", "2903.76");
  const std::string v5_rows = replace_first(v5, "2.9649e+06", "2964.9") +
                              "Init,1,33554432,8,9.08,0.0886982,0.0886982,0.0886982\n"
                              "Read,1,33554432,8,3.87,0.208107,0.208107,0.208107\n";
  c = read(v5_rows);
  ASSERT_EQ(c.membw[0].points.size(), 2u);
  EXPECT_NEAR(c.membw[0].points[0].gb_per_s, 2903.76, 1e-9);
  expect_error(replace_first(v5_rows, "Read,1,", "Read,2,"), 5, "num_times must be 1 for Init and Read");
  // A GPU backend's device lines come first, even with --csv: the GPU is named there.
  c = read("Using CUDA device NVIDIA H100 80GB HBM3\nDriver: 12020\nMemory: DEFAULT\n" + csv);
  EXPECT_EQ(c.membw[0].gpu, "H100");
  // Only the units BabelStream writes in a CSV header.
  expect_error(replace_first(csv, "max_mbytes_per_sec", "max_GiB/s_per_sec"), 1, "unknown bandwidth unit");
  // Broken: a bandwidth that does not follow from the times (or the wrong unit), a cut last row, a second run.
  expect_error(replace_first(csv, "2.9649e+06", "2.9649e+05"), 3, "is not 3 x sizeof x n_elements");
  expect_error(replace_first(csv, "max_mbytes_per_sec", "max_MiB_per_sec"), 2, "wrong unit");
  expect_error(csv.substr(0, csv.size() - 3), 3, "no line end");
  expect_error(csv + csv, 4, "two runs");
  expect_error(replace_first(csv, ",0.000273", ",0.000299"), 3, "min <= average <= max");
  expect_error(replace_first(csv, "max_mbytes_per_sec", "max_furlongs_per_sec"), 1, "unknown bandwidth unit");
}

TEST(ParserRobustness, GemmAndMemoryFilesUnderALauncherPrefix) {
  const std::string gemm =
      "# aidc-gemm 1\n# gpu: NVIDIA H100 80GB HBM3\ndtype,m,n,k,repeats,median_us,min_us,max_us,tflops,check\n"
      "bf16,4096,4096,4096,20,200.0,199.0,201.0,687.19,pass\n# end: 1 rows\n";
  std::string prefixed;
  for (const std::string& p : {std::string("0: "), std::string("[1,0]<stdout>:")}) {
    prefixed.clear();
    std::stringstream in(gemm);
    for (std::string line; std::getline(in, line);) prefixed += p + line + "\n";
    const auto c = read(prefixed);
    ASSERT_EQ(c.gemms.size(), 1u) << p;
    EXPECT_EQ(c.gemms[0].gpu, "H100") << p;
    EXPECT_EQ(c.gemms[0].points[0].line, 4) << p;  // line numbers are the file's
  }
  // An error still names the file's line.
  expect_error(replace_first(prefixed, "687.19", "999.99"), 4, "garbled");
  // Two processes' lines mixed are not one tool's output.
  expect_error(replace_first(prefixed, "[1,0]<stdout>:bf16", "[1,1]<stdout>:bf16"), 0, "unrecognised");
}

}  // namespace
}  // namespace aidc::calib
