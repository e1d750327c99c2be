#include "calib/published_collective_tables.hpp"

#include <cmath>
#include <map>
#include <regex>
#include <tuple>

namespace aidc::calib {

namespace {

constexpr double kBytesPerUsToGbPerS = 1e-3;
constexpr double kBytesPerGb = 1e9;
constexpr double kUsPerS = 1e6;
constexpr double kF32Bytes = 4.0;
constexpr double kPrintAbsTolerance = 0.006;
constexpr double kPrintRelTolerance = 0.003;

bool is_comment(std::string_view line) {
  auto t = trim(line);
  return !t.empty() && t.front() == '#';
}

// Cells of a markdown row "| a | b |" (without the outer empty cells); nullopt if not a table row.
std::optional<std::vector<std::string_view>> markdown_cells(std::string_view line) {
  auto t = trim(line);
  if (t.size() < 2 || t.front() != '|') return std::nullopt;
  auto cells = split_on(t.substr(1), '|');
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

bool is_separator_row(const std::vector<std::string_view>& cells) {
  for (auto c : cells) {
    for (char ch : c) {
      if (ch != '-' && ch != ':' && ch != '\\' && ch != ' ') return false;
    }
  }
  return true;
}

void fill_from_metadata(CollectiveSeries& s, const LogMetadata& meta) {
  s.collective = meta.collective;
  s.gpu = meta.gpu;
  s.nccl_version = meta.nccl_version;
  s.env = meta.env;
  if (auto it = s.env.find("NCCL_ALGO"); it != s.env.end()) s.algorithm = to_lower(it->second);
  if (s.nodes == 0) s.nodes = meta.nodes;
  if (s.gpus_per_node == 0) s.gpus_per_node = meta.gpus_per_node;
  if (s.nodes > 0 && s.gpus_per_node > 0) s.ranks = s.nodes * s.gpus_per_node;
}

void check_increasing(const TextLines& text, const CollectiveSeries& s) {
  for (std::size_t i = 1; i < s.points.size(); ++i) {
    if (s.points[i].size_bytes <= s.points[i - 1].size_bytes) {
      text.fail(s.points[i].line, "size does not increase from the previous row (line " +
                                      std::to_string(s.points[i - 1].line) + "): rows out of order or interleaved");
    }
  }
}

}  // namespace

LogMetadata comment_metadata(const TextLines& text) {
  LogMetadata meta;
  for (const auto& l : text.lines()) {
    if (is_comment(l.text)) meta.scan(trim(trim(l.text).substr(1)), l.number);
  }
  meta.require_valid(text);
  return meta;
}

bool looks_like_busbw_markdown(const TextLines& text) {
  for (const auto& l : text.lines()) {
    auto cells = markdown_cells(l.text);
    if (!cells || cells->size() < 2) continue;
    auto head = to_lower((*cells)[0]);
    return head.find("message size") != std::string::npos || head == "payload";
  }
  return false;
}

constexpr std::size_t kMaxHeaderCell = 256;

std::vector<CollectiveSeries> parse_busbw_markdown(const TextLines& text) {
  static const std::regex kNodes(R"((\d+)\s*nodes?)", std::regex::icase);
  const LogMetadata meta = comment_metadata(text);
  std::vector<CollectiveSeries> series;
  std::vector<bool> is_bandwidth;
  std::size_t columns = 0;
  bool header_seen = false;
  bool closing_pipes = false;  // the header ends with '|', so every row must
  for (const auto& l : text.lines()) {
    if (is_comment(l.text) || trim(l.text).empty()) continue;
    auto cells = markdown_cells(l.text);
    if (!cells) text.fail(l.number, "expected a markdown table row '| size | busbw |'");
    if (!header_seen) {
      header_seen = true;
      closing_pipes = trim(l.text).back() == '|';
      columns = cells->size();
      if (columns < 2) text.fail(l.number, "table needs a size column and at least one busbw column");
      is_bandwidth.assign(columns, false);
      for (std::size_t c = 1; c < columns; ++c) {
        CollectiveSeries s;
        s.file = text.file();
        s.first_line = l.number;
        // Published headers are short ("2 nodes", "busbw (GB/s)"); a long cell is not one, and std::regex would
        // recurse once per character.
        if ((*cells)[c].size() > kMaxHeaderCell) {
          text.fail(l.number,
                    "column header of " + std::to_string((*cells)[c].size()) + " characters: not a table header");
        }
        s.label = "column '" + std::string((*cells)[c]) + "'";
        std::smatch m;
        const std::string head((*cells)[c]);
        if (std::regex_search(head, m, kNodes)) {
          const long long nodes = parse_integer(m[1].str()).value_or(0);
          if (nodes > kMaxStatedNodes) text.fail(l.number, "column '" + head + "': node count out of range");
          s.nodes = static_cast<int>(nodes);
          s.gpus_per_node = meta.gpus_per_node;
        }
        is_bandwidth[c] = head.find("GB/s") != std::string::npos || s.nodes > 0;
        fill_from_metadata(s, meta);
        series.push_back(s);
      }
      continue;
    }
    if (is_separator_row(*cells)) continue;
    if (cells->size() != columns) {
      text.fail(l.number, "row has " + std::to_string(cells->size()) + " cells, the header has " +
                              std::to_string(columns) + ": truncated or garbled row");
    }
    // A row cut inside its last cell ("| 8G | 47") still splits into the header's cell count: only the
    // missing closing '|' tells that the value lost digits (in tables whose header closes its rows).
    if (closing_pipes && trim(l.text).back() != '|') {
      text.fail(l.number, "markdown row does not end with '|' as the header does: truncated row");
    }
    if (!closing_pipes) require_line_end(text, l.number, "markdown row without a closing '|'");
    auto size = parse_size_label((*cells)[0], true);
    if (!size) text.fail(l.number, "cannot read message size '" + std::string((*cells)[0]) + "'");
    for (std::size_t c = 1; c < columns; ++c) {
      std::string_view v = (*cells)[c];
      for (std::string_view unit : {"GBps", "GB/s"}) {
        if (v.size() > unit.size() && v.substr(v.size() - unit.size()) == unit) {
          v.remove_suffix(unit.size());
          is_bandwidth[c] = true;
        }
      }
      if (!is_bandwidth[c]) continue;
      double busbw = require_double(text, l.number, v, "busbw");
      if (busbw < 0.0) text.fail(l.number, "negative busbw");
      CollectivePoint p;
      p.size_bytes = *size;
      p.busbw_gb_per_s = busbw;
      p.line = l.number;
      series[c - 1].points.push_back(p);
    }
  }
  if (!header_seen) text.fail(0, "no markdown table found");
  std::vector<CollectiveSeries> out;
  for (std::size_t c = 1; c < columns; ++c) {
    if (!is_bandwidth[c]) continue;
    if (series[c - 1].points.empty()) text.fail(series[c - 1].first_line, "table without data rows");
    check_increasing(text, series[c - 1]);
    out.push_back(series[c - 1]);
  }
  return out;
}

bool looks_like_size_time_table(const TextLines& text) {
  for (const auto& l : text.lines()) {
    if (is_comment(l.text) || trim(l.text).empty()) continue;
    auto tok = split_ws(l.text);
    return tok.size() == 4 && tok[0] == "size" && tok[1] == "time" && tok[2] == "algbw" && tok[3] == "busbw";
  }
  return false;
}

std::vector<CollectiveSeries> parse_size_time_table(const TextLines& text) {
  const LogMetadata meta = comment_metadata(text);
  CollectiveSeries s;
  s.file = text.file();
  s.label = "size/time/algbw/busbw table";
  fill_from_metadata(s, meta);
  bool header_seen = false;
  for (const auto& l : text.lines()) {
    if (is_comment(l.text) || trim(l.text).empty()) continue;
    auto tok = split_ws(l.text);
    if (!header_seen) {
      header_seen = true;
      s.first_line = l.number;
      continue;
    }
    if (tok.size() == 4 && tok[0] == "(B)") continue;
    if (tok.size() != 4) text.fail(l.number, "row has " + std::to_string(tok.size()) + " columns, expected 4");
    auto size = parse_size_label(tok[0], false);
    if (!size) text.fail(l.number, "cannot read size '" + std::string(tok[0]) + "'");
    CollectivePoint p;
    p.size_bytes = *size;
    p.time_us = require_double(text, l.number, tok[1], "time");
    p.algbw_gb_per_s = require_double(text, l.number, tok[2], "algbw");
    p.busbw_gb_per_s = require_double(text, l.number, tok[3], "busbw");
    p.line = l.number;
    double algbw = p.size_bytes / p.time_us * kBytesPerUsToGbPerS;
    if (std::abs(p.algbw_gb_per_s - algbw) > kPrintAbsTolerance + kPrintRelTolerance * algbw) {
      text.fail(l.number, "algbw does not match size / time: garbled row");
    }
    s.points.push_back(p);
  }
  if (s.points.empty()) text.fail(0, "no data rows");
  check_increasing(text, s);
  if (s.ranks == 0 && s.collective) {
    // Infer the rank count from busbw / algbw of the largest message (least rounding).
    const auto& big = s.points.back();
    double f = big.busbw_gb_per_s / big.algbw_gb_per_s;
    for (int n = 2; n <= 1024; ++n) {
      if (std::abs(bus_factor(*s.collective, n) - f) < kPrintRelTolerance) {
        s.ranks = n;
        break;
      }
    }
  }
  return {s};
}

bool looks_like_xla_collective_csv(const TextLines& text) {
  for (const auto& l : text.lines()) {
    if (is_comment(l.text) || trim(l.text).empty()) continue;
    return starts_with(trim(l.text), "op,elements,num_replica_groups,devices_per_group");
  }
  return false;
}

std::vector<CollectiveSeries> parse_xla_collective_csv(const TextLines& text) {
  const LogMetadata meta = comment_metadata(text);
  using Key = std::tuple<CollectiveKind, int, int>;
  std::map<Key, CollectiveSeries> by_key;
  bool header_seen = false;
  for (const auto& l : text.lines()) {
    if (is_comment(l.text) || trim(l.text).empty()) continue;
    auto f = split_on(l.text, ',');
    if (!header_seen) {
      header_seen = true;
      if (f.size() != 6 || f[4] != "network_throughput_bytes_per_sec" || f[5] != "bytes_total") {
        text.fail(l.number, "unexpected XLA collective table header");
      }
      continue;
    }
    if (f.size() != 6) text.fail(l.number, "row has " + std::to_string(f.size()) + " fields, expected 6");
    auto kind = collective_from_name(f[0]);
    if (!kind) text.fail(l.number, "unknown collective '" + std::string(f[0]) + "'");
    long long elements = require_integer(text, l.number, f[1], "elements");
    int groups = static_cast<int>(require_integer(text, l.number, f[2], "num_replica_groups"));
    int per_group = static_cast<int>(require_integer(text, l.number, f[3], "devices_per_group"));
    double throughput = require_double(text, l.number, f[4], "throughput");
    long long bytes = require_integer(text, l.number, f[5], "bytes_total");
    if (elements <= 0 || groups <= 0 || per_group < 2 || throughput <= 0.0) text.fail(l.number, "non-positive field");
    // XLA counts reduce-scatter by its output shape; nccl-tests' size is the input (output x ranks).
    long long expected =
        elements * static_cast<long long>(kF32Bytes) * (*kind == CollectiveKind::reduce_scatter ? per_group : 1);
    if (expected != bytes) text.fail(l.number, "bytes_total does not match elements x 4 B: garbled row");
    Key key{*kind, groups, per_group};
    auto& s = by_key[key];
    if (s.points.empty()) {
      s.file = text.file();
      s.first_line = l.number;
      s.label = std::string(collective_name(*kind)) + " " + std::to_string(groups) + "x" + std::to_string(per_group);
      fill_from_metadata(s, meta);
      s.collective = kind;
      s.ranks = per_group;
      s.nodes = 1;
      s.gpus_per_node = groups * per_group;
      s.concurrent_groups = groups;
    }
    CollectivePoint p;
    p.size_bytes = static_cast<double>(bytes);
    p.algbw_gb_per_s = throughput / kBytesPerGb;
    p.time_us = p.size_bytes / throughput * kUsPerS;
    p.busbw_gb_per_s = p.algbw_gb_per_s * bus_factor(*kind, per_group);
    p.line = l.number;
    s.points.push_back(p);
  }
  if (by_key.empty()) text.fail(0, "no data rows");
  std::vector<CollectiveSeries> out;
  for (auto& [key, s] : by_key) {
    check_increasing(text, s);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace aidc::calib
