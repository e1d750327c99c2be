#include "calib/nccl_tests_log.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace aidc::calib {

namespace {

// nccl-tests prints algbw/busbw with 2 decimals and time with at least 4 significant digits, so a value
// recomputed from the printed columns agrees within half a unit of the last decimal plus a small
// relative slack for the rounded time.
constexpr double kPrintAbsTolerance = 0.006;
constexpr double kPrintRelTolerance = 0.003;
// Consecutive sizes follow the step factor up to nccl-tests' rounding of the element count to a
// multiple of the rank count.
constexpr double kStepRelTolerance = 0.05;
// Bandwidths below this are printed with too few digits to infer the rank count from busbw / algbw.
constexpr double kMinAlgbwForInference = 1.0;
constexpr int kMaxInferredRanks = 65536;
constexpr double kBytesPerUsToGbPerS = 1e-3;
constexpr std::size_t kColumns = 13;

int word_size(const std::string& type) {
  static const std::vector<std::pair<std::string, int>> kSizes = {
      {"int8", 1},     {"uint8", 1},    {"int32", 4},  {"uint32", 4},   {"int64", 8},  {"uint64", 8},
      {"half", 2},     {"float", 4},    {"double", 8}, {"bfloat16", 2}, {"f8e4m3", 1}, {"f8e5m2", 1},
      {"fp8_e4m3", 1}, {"fp8_e5m2", 1}, {"char", 1},   {"int", 4}};
  for (const auto& [name, bytes] : kSizes) {
    if (name == type) return bytes;
  }
  return 0;
}

// "0: text" as written by `srun -l`: returns the prefix ("0") and strips it from `text`.
std::string strip_rank_prefix(std::string_view& text) {
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  std::size_t j = i;
  while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
  if (j == i || j >= text.size() || text[j] != ':') return {};
  std::string prefix(text.substr(i, j - i));
  text.remove_prefix(j + 1);
  return prefix;
}

struct StepHeader {
  int line = 0;
  long long min_bytes = 0;
  long long max_bytes = 0;
  double factor = 0.0;  // 0 when the step is additive ("(bytes)")
};

StepHeader parse_step_header(const TextLines& text, int line, std::string_view body) {
  StepHeader h;
  h.line = line;
  auto tokens = split_ws(body);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i] == "minBytes") h.min_bytes = require_integer(text, line, tokens[i + 1], "minBytes");
    if (tokens[i] == "maxBytes") h.max_bytes = require_integer(text, line, tokens[i + 1], "maxBytes");
    if (tokens[i] == "step:") {
      std::string_view step = tokens[i + 1];
      auto paren = step.find('(');
      if (paren != std::string_view::npos && step.substr(paren) == "(factor)") {
        h.factor = require_double(text, line, step.substr(0, paren), "step factor");
      }
    }
  }
  if (h.min_bytes <= 0 || h.max_bytes < h.min_bytes) text.fail(line, "nThread header without valid minBytes/maxBytes");
  return h;
}

NcclTestsColumns parse_columns(const TextLines& text, int line, const std::vector<std::string_view>& tok,
                               std::size_t first, const char* which) {
  NcclTestsColumns c;
  const std::string w(which);
  c.time_us = require_double(text, line, tok[first], w + " time");
  c.algbw_gb_per_s = require_double(text, line, tok[first + 1], w + " algbw");
  c.busbw_gb_per_s = require_double(text, line, tok[first + 2], w + " busbw");
  if (tok[first + 3] == "N/A") {
    c.wrong = -1;
  } else {
    // A count: a double such as 1e300 was cast to long long unchecked (undefined behaviour).
    auto wrong = parse_integer(tok[first + 3]);
    if (!wrong || *wrong < 0)
      text.fail(line, w + " #wrong: expected a count or N/A, got '" + std::string(tok[first + 3]) + "'");
    c.wrong = *wrong;
    // nccl-tests counts results that failed its data check: the timing of a broken run is not a measurement
    // (as the aidc-gemm reader rejects check=fail).
    if (c.wrong > 0)
      text.fail(line, w + " #wrong is " + std::to_string(c.wrong) + ": the run's results failed the data check");
  }
  if (c.time_us <= 0.0 || c.algbw_gb_per_s < 0.0 || c.busbw_gb_per_s < 0.0) {
    text.fail(line, w + " columns: time must be > 0 and bandwidths >= 0");
  }
  return c;
}

bool within(double printed, double exact, double rel) {
  return std::abs(printed - exact) <= kPrintAbsTolerance + rel * std::abs(exact);
}

int infer_ranks_from_factor(const NcclTestsTable& t) {
  int best = 0;
  double best_err = 0.0;
  for (int n = 2; n <= kMaxInferredRanks; ++n) {
    double err = 0.0;
    int used = 0;
    for (const auto& r : t.rows) {
      for (const auto* c : {&r.out_of_place, &r.in_place}) {
        if (c->algbw_gb_per_s < kMinAlgbwForInference) continue;
        err += std::abs(c->busbw_gb_per_s - c->algbw_gb_per_s * bus_factor(t.collective, n)) / c->busbw_gb_per_s;
        ++used;
      }
    }
    if (used == 0) return 0;
    if (best == 0 || err < best_err) {
      best = n;
      best_err = err;
    }
  }
  return best;
}

class Parser {
 public:
  Parser(const TextLines& text, const NcclTestsParseOptions& options) : text_(text), options_(options) {}

  NcclTestsLog run() {
    log_.file = text_.file();
    for (const auto& l : text_.lines()) handle(l);
    if (in_table_) {
      int last = text_.lines().empty() ? 0 : text_.lines().back().number;
      text_.fail(last, "file ends inside the table that starts at line " + std::to_string(table_.header_line) +
                           " (no '# Avg bus bandwidth' line): truncated log");
    }
    if (log_.tables.empty())
      text_.fail(0, "no nccl-tests table (column header 'size count type redop root ...') found");
    return log_;
  }

 private:
  void handle(const TextLine& l) {
    std::string_view body = l.text;
    std::string prefix = strip_rank_prefix(body);
    body = trim(body);
    if (body.empty()) return;
    if (in_table_ && prefix != table_prefix_) {
      text_.fail(l.number, "line from output stream '" + prefix + "' inside a table of stream '" + table_prefix_ +
                               "' (started line " + std::to_string(table_.header_line) + "): interleaved log");
    }
    if (body.find("NCCL INFO") != std::string_view::npos || body.find("NCCL WARN") != std::string_view::npos) {
      meta_.scan(body, l.number);
      meta_.require_valid(text_);
      return;
    }
    if (body.front() == '#') {
      handle_comment(l.number, trim(body.substr(1)), prefix);
      return;
    }
    if (in_table_) {
      handle_row(l.number, body);
      return;
    }
    auto tokens = split_ws(body);
    if (tokens.size() >= kColumns && parse_integer(tokens[0]) && parse_integer(tokens[1])) {
      text_.fail(l.number, "data row outside a table (no column header before it): truncated or interleaved log");
    }
  }

  void handle_comment(int line, std::string_view body, const std::string& prefix) {
    auto tokens = split_ws(body);
    if (starts_with(body, "nThread")) {
      if (in_table_) unfinished(line, "a new test header");
      step_ = parse_step_header(text_, line, body);
      return;
    }
    if (tokens.size() >= 5 && tokens[0] == "size" && tokens[1] == "count" && tokens[2] == "type" &&
        tokens[3] == "redop" && tokens[4] == "root") {
      if (in_table_) unfinished(line, "a new column header");
      if (tokens.size() != kColumns) {
        text_.fail(line, "unsupported column layout: expected the 13 nccl-tests columns, got " +
                             std::to_string(tokens.size()));
      }
      if (log_.tables.empty()) {
        file_env_ = meta_.env;
        file_collective_ = meta_.collective;
      }
      in_table_ = true;
      table_ = NcclTestsTable{};
      table_.header_line = line;
      table_.metadata = meta_;
      table_prefix_ = prefix;
      return;
    }
    if (starts_with(body, "Using devices")) {
      // A new device listing (each aidc-nccl table repeats it) replaces the previous one.
      meta_.devices.clear();
      return;
    }
    if (starts_with(body, "Avg bus bandwidth")) {
      if (!in_table_) text_.fail(line, "'# Avg bus bandwidth' without a table before it: truncated or interleaved log");
      auto colon = body.find(':');
      if (colon == std::string_view::npos) text_.fail(line, "'# Avg bus bandwidth' line without a value");
      table_.avg_busbw_gb_per_s = require_double(text_, line, trim(body.substr(colon + 1)), "average busbw");
      table_.end_line = line;
      close_table();
      return;
    }
    meta_.scan(body, line);
    meta_.require_valid(text_);
    if (in_table_) table_.metadata = meta_;
  }

  [[noreturn]] void unfinished(int line, const std::string& what) {
    text_.fail(line, what + " while the table that starts at line " + std::to_string(table_.header_line) +
                         " is unfinished (no '# Avg bus bandwidth' line): truncated or interleaved log");
  }

  void handle_row(int line, std::string_view body) {
    auto tok = split_ws(body);
    if (tok.size() != kColumns) {
      text_.fail(line, "data row has " + std::to_string(tok.size()) + " columns, the header has " +
                           std::to_string(kColumns) + ": truncated or garbled line");
    }
    NcclTestsRow r;
    r.line = line;
    r.size_bytes = require_integer(text_, line, tok[0], "size");
    r.count = require_integer(text_, line, tok[1], "count");
    r.type = std::string(tok[2]);
    r.redop = std::string(tok[3]);
    r.root = require_integer(text_, line, tok[4], "root");
    if (r.size_bytes <= 0 || r.count < 0) text_.fail(line, "size must be > 0 and count >= 0");
    if (word_size(r.type) == 0) text_.fail(line, "unknown data type '" + r.type + "'");
    r.out_of_place = parse_columns(text_, line, tok, 5, "out-of-place");
    r.in_place = parse_columns(text_, line, tok, 9, "in-place");
    for (const auto* c : {&r.out_of_place, &r.in_place}) {
      double algbw = static_cast<double>(r.size_bytes) / c->time_us * kBytesPerUsToGbPerS;
      if (!within(c->algbw_gb_per_s, algbw, kPrintRelTolerance)) {
        text_.fail(line, "algbw " + std::string(tok[6]) + " does not match size / time = " + std::to_string(algbw) +
                             ": garbled row");
      }
    }
    if (!table_.rows.empty()) {
      const auto& prev = table_.rows.back();
      if (prev.type != r.type || prev.redop != r.redop || prev.root != r.root) {
        text_.fail(line, "type/redop/root differ from the previous row (line " + std::to_string(prev.line) +
                             "): interleaved log");
      }
      if (r.size_bytes <= prev.size_bytes) {
        text_.fail(line, "size " + std::to_string(r.size_bytes) + " does not follow size " +
                             std::to_string(prev.size_bytes) + " (line " + std::to_string(prev.line) +
                             "): rows out of order or interleaved");
      }
      if (step_ && step_->factor > 0.0) {
        double ratio = static_cast<double>(r.size_bytes) / static_cast<double>(prev.size_bytes);
        if (std::abs(ratio / step_->factor - 1.0) > kStepRelTolerance) {
          text_.fail(line, "size " + std::to_string(r.size_bytes) + " is not " + std::to_string(step_->factor) +
                               " x the previous size " + std::to_string(prev.size_bytes) +
                               ": rows missing, out of order or interleaved");
        }
      }
    }
    table_.rows.push_back(r);
  }

  void close_table() {
    if (table_.rows.empty()) text_.fail(table_.end_line, "table without data rows");
    if (step_ && step_->factor > 1.0) {
      const auto& first = table_.rows.front();
      const auto& last = table_.rows.back();
      double first_ratio = static_cast<double>(first.size_bytes) / static_cast<double>(step_->min_bytes);
      double last_ratio = static_cast<double>(last.size_bytes) / static_cast<double>(step_->max_bytes);
      if (std::abs(first_ratio - 1.0) > kStepRelTolerance || std::abs(last_ratio - 1.0) > kStepRelTolerance) {
        text_.fail(table_.end_line, "table covers sizes " + std::to_string(first.size_bytes) + ".." +
                                        std::to_string(last.size_bytes) + " but the header (line " +
                                        std::to_string(step_->line) + ") promises " + std::to_string(step_->min_bytes) +
                                        ".." + std::to_string(step_->max_bytes) + ": rows missing");
      }
    }
    resolve_collective_and_ranks();
    check_busbw();
    log_.tables.push_back(table_);
    in_table_ = false;
    step_.reset();
    meta_.env = file_env_;
    meta_.collective = file_collective_;
  }

  void resolve_collective_and_ranks() {
    const auto& first = table_.rows.front();
    const int ws = word_size(first.type);
    // size / (count * word size): 1 for all_reduce/broadcast/reduce/sendrecv, the rank count for
    // all_gather, reduce_scatter and alltoall (whose count column is per rank).
    int per_rank_ratio = 0;
    for (const auto& r : table_.rows) {
      if (r.count == 0) continue;
      // count x word size is at most the size (all_gather's count is per rank): checked by division, the
      // product overflowed for huge counts.
      if (r.count > r.size_bytes / ws) text_.fail(r.line, "count x word size exceeds the size: garbled row");
      const long long denom = r.count * ws;
      if (r.size_bytes % denom != 0) text_.fail(r.line, "size is not a multiple of count x word size");
      if (r.size_bytes / denom > kMaxInferredRanks) {
        text_.fail(r.line, "size / (count x word size) implies more than " + std::to_string(kMaxInferredRanks) +
                               " ranks: garbled row");
      }
      int ratio = static_cast<int>(r.size_bytes / denom);
      if (per_rank_ratio != 0 && ratio != per_rank_ratio) {
        text_.fail(r.line, "size / count changes within the table: interleaved log");
      }
      per_rank_ratio = ratio;
    }
    std::vector<CollectiveKind> candidates;
    if (first.root >= 0) {
      candidates = {first.redop == "none" ? CollectiveKind::broadcast : CollectiveKind::reduce};
    } else if (per_rank_ratio > 1) {
      if (first.redop == "none") {
        candidates = {CollectiveKind::all_gather, CollectiveKind::alltoall};
      } else {
        candidates = {CollectiveKind::reduce_scatter};
      }
    } else {
      candidates = {CollectiveKind::all_reduce, CollectiveKind::sendrecv};
    }
    std::optional<CollectiveKind> hint = options_.collective ? options_.collective : table_.metadata.collective;
    if (hint) {
      if (std::find(candidates.begin(), candidates.end(), *hint) == candidates.end()) {
        text_.fail(table_.header_line, "the log names collective '" + std::string(collective_name(*hint)) +
                                           "' but its rows (size, count, redop, root) do not fit it");
      }
      table_.collective = *hint;
    } else if (candidates.size() == 1 || candidates.front() == CollectiveKind::all_reduce) {
      table_.collective = candidates.front();
    } else {
      text_.fail(table_.header_line,
                 "cannot tell all_gather from alltoall (same columns and bus factor) and the log does not name "
                 "its test; pass the collective explicitly");
    }
    int ranks = options_.ranks;
    if (ranks == 0 && !table_.metadata.devices.empty()) ranks = static_cast<int>(table_.metadata.devices.size());
    if (ranks == 0 && table_.metadata.nodes > 0) ranks = table_.metadata.nodes * table_.metadata.gpus_per_node;
    if (ranks == 0 && per_rank_ratio > 1) ranks = per_rank_ratio;
    if (ranks == 0) ranks = infer_ranks_from_factor(table_);
    if (ranks == 0) {
      text_.fail(table_.header_line,
                 "cannot tell the number of ranks (no device lines, no 'nodes x GPUs' line, "
                 "bandwidths too small to infer it); pass it explicitly");
    }
    if (per_rank_ratio > 1 && per_rank_ratio != ranks) {
      text_.fail(table_.header_line,
                 "rows imply " + std::to_string(per_rank_ratio) + " ranks but the log states " + std::to_string(ranks));
    }
    table_.ranks = ranks;
  }

  void check_busbw() {
    const double f = bus_factor(table_.collective, table_.ranks);
    for (const auto& r : table_.rows) {
      for (const auto* c : {&r.out_of_place, &r.in_place}) {
        // Compare with the exact algbw (size / time), not the printed, rounded one.
        const double algbw = static_cast<double>(r.size_bytes) / c->time_us * kBytesPerUsToGbPerS;
        if (!within(c->busbw_gb_per_s, algbw * f, kPrintRelTolerance)) {
          text_.fail(r.line, "busbw " + std::to_string(c->busbw_gb_per_s) + " is not algbw x " + std::to_string(f) +
                                 " (" + std::string(collective_name(table_.collective)) + ", " +
                                 std::to_string(table_.ranks) + " ranks): garbled row or wrong rank count");
        }
      }
    }
  }

  const TextLines& text_;
  NcclTestsParseOptions options_;
  NcclTestsLog log_;
  LogMetadata meta_;
  std::map<std::string, std::string> file_env_;
  std::optional<CollectiveKind> file_collective_;
  std::optional<StepHeader> step_;
  bool in_table_ = false;
  std::string table_prefix_;
  NcclTestsTable table_;
};

}  // namespace

bool looks_like_nccl_tests(const TextLines& text) {
  for (const auto& l : text.lines()) {
    std::string_view body = l.text;
    strip_rank_prefix(body);
    body = trim(body);
    if (body.empty() || body.front() != '#') continue;
    auto tok = split_ws(body.substr(1));
    if (tok.size() >= 5 && tok[0] == "size" && tok[1] == "count" && tok[2] == "type" && tok[3] == "redop" &&
        tok[4] == "root") {
      return true;
    }
  }
  return false;
}

NcclTestsLog parse_nccl_tests(const TextLines& text, const NcclTestsParseOptions& options) {
  return Parser(text, options).run();
}

std::vector<CollectiveSeries> nccl_tests_series(const NcclTestsLog& log) {
  std::vector<CollectiveSeries> out;
  int index = 0;
  for (const auto& t : log.tables) {
    ++index;
    for (bool in_place : {false, true}) {
      CollectiveSeries s;
      s.file = log.file;
      s.first_line = t.header_line;
      s.label = "table " + std::to_string(index) + " (line " + std::to_string(t.header_line) + ") " +
                (in_place ? "in-place" : "out-of-place");
      s.collective = t.collective;
      s.ranks = t.ranks;
      int hosts = t.metadata.device_hosts();
      if (hosts > 0) {
        s.nodes = hosts;
      } else if (t.metadata.nodes > 0 && t.metadata.nodes * t.metadata.gpus_per_node == t.ranks) {
        s.nodes = t.metadata.nodes;
      }
      if (s.nodes > 0 && t.ranks % s.nodes == 0) s.gpus_per_node = t.ranks / s.nodes;
      s.gpu = t.metadata.gpu;
      s.nccl_version = t.metadata.nccl_version;
      s.env = t.metadata.env;
      if (auto it = s.env.find("NCCL_ALGO"); it != s.env.end()) s.algorithm = to_lower(it->second);
      for (const auto& r : t.rows) {
        const auto& c = in_place ? r.in_place : r.out_of_place;
        s.points.push_back({static_cast<double>(r.size_bytes), c.time_us, c.algbw_gb_per_s, c.busbw_gb_per_s, r.line});
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

double point_time_us(const CollectiveSeries& series, const CollectivePoint& point) {
  if (!std::isnan(point.time_us)) return point.time_us;
  if (!series.collective || series.ranks <= 0 || point.busbw_gb_per_s <= 0.0) return std::nan("");
  double algbw = point.busbw_gb_per_s / bus_factor(*series.collective, series.ranks);
  return point.size_bytes / algbw * kBytesPerUsToGbPerS;
}

}  // namespace aidc::calib
