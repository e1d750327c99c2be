#include "calib/nccl_tests_log.hpp"
#include "calib/launcher_prefix.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <tuple>

namespace aidc::calib {

namespace {

// nccl-tests prints algbw/busbw with 2 decimals and time with at least 4 significant digits, so a value
// recomputed from the printed columns agrees within half a unit of the last decimal plus a small
// relative slack for the rounded time.
constexpr double kPrintAbsTolerance = 0.006;
constexpr double kPrintRelTolerance = 0.003;
// Sizes follow the step factor's grid (minBytes x factor^k) within this slack, or are the grid size
// rounded down to a whole number of elements per rank (nccl-tests does that for rank counts that are not
// powers of two: 1024 B over 48 ranks of float prints 960 B).
constexpr double kStepRelTolerance = 0.05;
// Bandwidths below this are printed with too few digits to infer the rank count from busbw / algbw.
constexpr double kMinAlgbwForInference = 1.0;
constexpr int kMaxInferredRanks = 65536;
constexpr double kBytesPerUsToGbPerS = 1e-3;
constexpr double kRankShareAlignBytes = 16.0;
// Longest collective name quoted in an error.
constexpr std::size_t kMaxQuotedName = 64;

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

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_column_header(std::string_view body) {
  body = trim(body);
  if (body.empty() || body.front() != '#') return false;
  auto tok = split_ws(body.substr(1));
  return tok.size() >= 4 && tok[0] == "size" && tok[1] == "count" && tok[2] == "type" &&
         (tok[3] == "redop" || tok[3] == "root" || tok[3] == "time");
}

// The launcher prefix kind is fixed per file by the first column header; "srun -l" numbers are stripped in
// every file, so that a rank stream line inside a table of an unprefixed log is caught as interleaved.
// The prefix kind of the first column header; srun when it has none.
std::optional<PrefixKind> header_prefix_kind(std::string_view line) {
  for (auto kind : {PrefixKind::open_mpi, PrefixKind::bracket, PrefixKind::srun, PrefixKind::host}) {
    std::string_view body = line;
    if (strip_prefix(body, kind).empty()) continue;
    if (is_column_header(body)) return kind;
  }
  if (is_column_header(line)) return PrefixKind::srun;
  return std::nullopt;
}

PrefixKind detect_prefix_kind(const TextLines& text) {
  for (const auto& l : text.lines()) {
    if (auto kind = header_prefix_kind(l.text)) return *kind;
  }
  return PrefixKind::srun;
}

// Output of other programs that launchers mix into stdout ("[host:1234] 15 more processes have sent help
// message ..." from Open MPI): not part of the table, allowed anywhere like NCCL INFO lines.
bool is_launcher_chatter(std::string_view body) {
  if (body.empty() || body.front() != '[') return false;
  const auto close = body.find(']');
  if (close == std::string_view::npos) return false;
  const auto inside = body.substr(1, close - 1);
  const auto colon = inside.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == inside.size()) return false;
  for (char c : inside.substr(colon + 1)) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// Half a unit of the last printed digit of a number token, relative to its value: nccl-tests prints times
// >= 1e7 us as "1.2e+07", two significant digits, so algbw = size / time can differ by 4 % from the
// printed algbw (computed from the exact time).
double print_rel_precision(std::string_view token, double value) {
  if (value == 0.0) return 0.0;
  std::string_view mantissa = token;
  int exponent = 0;
  if (auto e = token.find_first_of("eE"); e != std::string_view::npos) {
    mantissa = token.substr(0, e);
    std::string_view exp = token.substr(e + 1);
    if (!exp.empty() && exp.front() == '+') exp.remove_prefix(1);
    exponent = static_cast<int>(parse_integer(exp).value_or(0));
  }
  int decimals = 0;
  if (auto dot = mantissa.find('.'); dot != std::string_view::npos) {
    decimals = static_cast<int>(mantissa.size() - dot - 1);
  }
  return 0.5 * std::pow(10.0, exponent - decimals) / std::abs(value);
}

struct StepHeader {
  int line = 0;
  long long min_bytes = 0;
  long long max_bytes = 0;
  double factor = 0.0;      // 0 when the step is additive ("(bytes)")
  bool table_seen = false;  // a column header followed
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
        // nccl-tests reads -f as an integer; a sweep needs a factor of at least 2.
        const long long factor = require_integer(text, line, step.substr(0, paren), "step factor");
        if (factor < 2) text.fail(line, "step factor " + std::to_string(factor) + ": expected an integer >= 2");
        h.factor = static_cast<double>(factor);
      }
    }
  }
  if (h.min_bytes <= 0 || h.max_bytes < h.min_bytes) text.fail(line, "nThread header without valid minBytes/maxBytes");
  return h;
}

// Where the columns are, from the column header. Two layouts exist:
//   size count type redop root  time algbw busbw #wrong  time algbw busbw #wrong   (nccl-tests >= 2.10, aidc-nccl)
//   size count type redop       time algbw busbw error   time algbw busbw error    (before 2022: max error, no root)
// Newer nccl-tests options widen each of the two groups and the line (nccl-tests src/util.cu, writeResultHeader):
//   #bitdiff after #wrong (bitwise repeatability check), i_min i_max i_p99 i_cv% after that (per-iteration
//   timing), and a trailing "timestamp" column (-S 1) whose rows print a date and a time (two tokens).
struct ColumnLayout {
  int redop = -1;  // -1: no such column
  int root = -1;
  int out_of_place = 0;  // first column of the time algbw busbw check group
  int in_place = 0;
  bool error_column = false;   // "error" (a maximum error such as 5e-07) instead of "#wrong" (a count)
  bool bitdiff = false;        // "#bitdiff" after the check column of each group
  bool per_iteration = false;  // "i_min i_max i_p99 i_cv%" closing each group
  bool timestamp = false;      // trailing "timestamp": rows end with "YYYY-MM-DD HH:MM:SS"
  std::size_t group_width = 4;
  std::size_t columns = 0;  // tokens of a row without its timestamp
};

const std::vector<std::string_view> kPerIterationColumns = {"i_min", "i_max", "i_p99", "i_cv%"};

ColumnLayout parse_layout(const TextLines& text, int line, const std::vector<std::string_view>& tok) {
  ColumnLayout c;
  std::size_t i = 3;  // after size count type
  if (i < tok.size() && tok[i] == "redop") c.redop = static_cast<int>(i++);
  if (i < tok.size() && tok[i] == "root") c.root = static_cast<int>(i++);
  for (std::size_t k = i; k < tok.size(); ++k) {
    if (tok[k] == "cputime") {
      text.fail(line,
                "time columns are 'cputime' (nccl-tests -C 1 reports CPU time): not a GPU timing the "
                "fit can use; rerun without -C");
    }
  }
  const std::vector<std::string_view> group_wrong = {"time", "algbw", "busbw", "#wrong"};
  const std::vector<std::string_view> group_error = {"time", "algbw", "busbw", "error"};
  auto has_at = [&](std::size_t at, const std::vector<std::string_view>& words) {
    return at + words.size() <= tok.size() &&
           std::equal(words.begin(), words.end(), tok.begin() + static_cast<std::ptrdiff_t>(at));
  };
  // One group at `at`: 1 (#wrong) or 2 (error) and its width, or 0.
  auto group_at = [&](std::size_t at, bool* bitdiff, bool* per_iteration) -> std::pair<int, std::size_t> {
    const int kind = has_at(at, group_wrong) ? 1 : has_at(at, group_error) ? 2 : 0;
    if (kind == 0) return {0, 0};
    std::size_t width = 4;
    *bitdiff = has_at(at + width, {"#bitdiff"});
    if (*bitdiff) ++width;
    *per_iteration = has_at(at + width, kPerIterationColumns);
    if (*per_iteration) width += kPerIterationColumns.size();
    return {kind, width};
  };
  bool bitdiff1 = false, per_iter1 = false, bitdiff2 = false, per_iter2 = false;
  const auto [first, width] = group_at(i, &bitdiff1, &per_iter1);
  const auto [second, width2] =
      first == 0 ? std::pair<int, std::size_t>{0, 0} : group_at(i + width, &bitdiff2, &per_iter2);
  if (first == 0 || first != second || width != width2) {
    text.fail(line,
              "unsupported column layout: expected 'size count type [redop] [root]' then 'time algbw busbw "
              "#wrong' (or 'error'), optionally '#bitdiff' and 'i_min i_max i_p99 i_cv%', for out-of-place and "
              "in-place alike, got " +
                  std::to_string(tok.size()) + " columns");
  }
  c.out_of_place = static_cast<int>(i);
  c.in_place = static_cast<int>(i + width);
  c.error_column = first == 2;
  c.bitdiff = bitdiff1;
  c.per_iteration = per_iter1;
  c.group_width = width;
  c.columns = i + 2 * width;
  if (tok.size() == c.columns + 1 && tok[c.columns] == "timestamp") {
    c.timestamp = true;
  } else if (tok.size() > c.columns) {
    text.fail(line, "extra column '" + std::string(tok[c.columns]) +
                        "' after the nccl-tests columns: not a column nccl-tests prints (it knows #bitdiff, "
                        "i_min i_max i_p99 i_cv% and a final timestamp)");
  }
  return c;
}

// "2025-06-18" and "14:03:59" (nccl-tests' "%Y-%m-%d %H:%M:%S").
bool is_timestamp(std::string_view date, std::string_view time) {
  auto digits_with = [](std::string_view s, std::string_view pattern) {
    if (s.size() != pattern.size()) return false;
    for (std::size_t k = 0; k < s.size(); ++k) {
      if (pattern[k] == 'd' ? !is_digit(s[k]) : s[k] != pattern[k]) return false;
    }
    return true;
  };
  return digits_with(date, "dddd-dd-dd") && digits_with(time, "dd:dd:dd");
}

constexpr double kMinPrintedTimeUs = 0.01;

NcclTestsColumns parse_columns(const TextLines& text, int line, const std::vector<std::string_view>& tok,
                               std::size_t first, bool error_column, const char* which) {
  NcclTestsColumns c;
  const std::string w(which);
  c.time_us = require_double(text, line, tok[first], w + " time");
  c.time_rel_precision = print_rel_precision(tok[first], c.time_us);
  c.algbw_gb_per_s = require_double(text, line, tok[first + 1], w + " algbw");
  c.busbw_gb_per_s = require_double(text, line, tok[first + 2], w + " busbw");
  if (tok[first + 3] == "N/A") {
    c.wrong = -1;
  } else if (error_column) {
    // Before 2022 the column held the largest deviation from the expected result (5e-07, 0e+00), not a count
    // of failures: recorded as unknown.
    auto error = parse_double(tok[first + 3]);
    if (!error || *error < 0.0) {
      text.fail(line, w + " error: expected a non-negative number or N/A, got '" + std::string(tok[first + 3]) + "'");
    }
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
  // nccl-tests prints times to 0.01 us; a smaller positive time (1e-320) is not one, and its size / time would
  // overflow to infinity downstream.
  if (c.time_us < kMinPrintedTimeUs || c.algbw_gb_per_s < 0.0 || c.busbw_gb_per_s < 0.0) {
    text.fail(line, w + " columns: time must be >= 0.01 us and bandwidths >= 0");
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
  Parser(const TextLines& text, const NcclTestsParseOptions& options)
      : text_(text), options_(options), prefix_kind_(detect_prefix_kind(text)) {}

  NcclTestsLog run() {
    log_.file = text_.file();
    for (const auto& l : text_.lines()) handle(l);
    const int last = text_.lines().empty() ? 0 : text_.lines().back().number;
    if (in_table_) {
      text_.fail(last, "file ends inside the table that starts at line " + std::to_string(table_.header_line) +
                           " (no '# Avg bus bandwidth' line): truncated log");
    }
    if (step_ && !step_->table_seen) {
      text_.fail(last, "file ends after the test header at line " + std::to_string(step_->line) +
                           " but before its table: truncated log");
    }
    if (log_.tables.empty())
      text_.fail(0, "no nccl-tests table (column header 'size count type redop root ...') found");
    return log_;
  }

 private:
  void handle(const TextLine& l) {
    std::string_view body = l.text;
    std::string prefix = strip_prefix(body, prefix_kind_);
    body = trim(body);
    if (body.empty()) return;
    // NCCL's own lines and launcher messages come from every rank's stream and may land anywhere, inside a
    // table too: they are not rows.
    if (body.find("NCCL INFO") != std::string_view::npos || body.find("NCCL WARN") != std::string_view::npos) {
      meta_.scan(body, l.number);
      meta_.require_valid(text_);
      return;
    }
    if (is_launcher_chatter(body)) return;
    if (in_table_ && prefix != table_prefix_) {
      text_.fail(l.number, "line from output stream '" + prefix + "' inside a table of stream '" + table_prefix_ +
                               "' (started line " + std::to_string(table_.header_line) + "): interleaved log");
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
    if (tokens.size() >= 12 && parse_integer(tokens[0]) && parse_integer(tokens[1])) {
      text_.fail(l.number, "data row outside a table (no column header before it): truncated or interleaved log");
    }
    // A line that is an nccl-tests comment under another launcher's prefix: a second run, launched otherwise,
    // would be skipped line by line without a word.
    for (auto kind : {PrefixKind::open_mpi, PrefixKind::bracket, PrefixKind::srun, PrefixKind::host}) {
      std::string_view other = l.text;
      if (kind == prefix_kind_ || strip_prefix(other, kind).empty()) continue;
      other = trim(other);
      if (!other.empty() && other.front() == '#') {
        text_.fail(l.number,
                   "nccl-tests output under another launcher prefix than the log's first table uses: "
                   "runs launched differently in one file; split it into one file per run");
      }
    }
  }

  void handle_comment(int line, std::string_view body, const std::string& prefix) {
    auto tokens = split_ws(body);
    // Keywords compared word by word: "# Avg\tbus bandwidth" is the same line.
    auto starts_with_words = [&](std::initializer_list<std::string_view> words) {
      if (tokens.size() < words.size()) return false;
      return std::equal(words.begin(), words.end(), tokens.begin());
    };
    if (starts_with_words({"nThread"})) {
      if (in_table_) unfinished(line, "a new test header");
      if (step_ && !step_->table_seen) {
        text_.fail(line, "a new test header while the test header at line " + std::to_string(step_->line) +
                             " has no table: truncated log");
      }
      step_ = parse_step_header(text_, line, body);
      return;
    }
    if (starts_with_words({"Out", "of", "bounds", "values"})) {
      // "# Out of bounds values : 0 OK": nccl-tests' own data check over the whole run. Old versions print only
      // a maximum error per row, so a failed run shows here alone.
      const auto colon = body.find(':');
      const auto value =
          colon == std::string_view::npos ? std::vector<std::string_view>{} : split_ws(body.substr(colon + 1));
      const bool failed = std::find(value.begin(), value.end(), "FAILED") != value.end() ||
                          (!value.empty() && parse_integer(value[0]).value_or(0) > 0);
      if (failed) {
        text_.fail(line, "nccl-tests reports out-of-bounds values ('" + std::string(trim(body).substr(0, 200)) +
                             "'): its data check failed, so the timings are not a measurement");
      }
      return;
    }
    if (starts_with_words({"Reducing", "maxBytes", "to"}) && tokens.size() >= 4) {
      // "# Reducing maxBytes to 8589934592 due to memory limitation": nccl-tests runs up to that size.
      reduced_max_bytes_ = require_integer(text_, line, tokens[3], "reduced maxBytes");
      return;
    }
    if (is_column_header("#" + std::string(body))) {
      if (in_table_) unfinished(line, "a new column header");
      layout_ = parse_layout(text_, line, tokens);
      rows_stamped_ = -1;
      if (log_.tables.empty()) {
        file_env_ = meta_.env;
        file_collective_ = meta_.collective;
      }
      if (!meta_.unsupported_collective.empty()) {
        std::string name = meta_.unsupported_collective;
        if (name.size() > kMaxQuotedName) name = name.substr(0, kMaxQuotedName) + "...";
        text_.fail(line, "collective '" + name + "' (named at line " +
                             std::to_string(meta_.unsupported_collective_line) +
                             ") not supported: aidc calibrate reads all_reduce, all_gather, reduce_scatter, alltoall, "
                             "broadcast, reduce and sendrecv");
      }
      in_table_ = true;
      table_ = NcclTestsTable{};
      table_.header_line = line;
      table_.metadata = meta_;
      table_prefix_ = prefix;
      if (step_) {
        step_->table_seen = true;
        grid_ = static_cast<double>(step_->min_bytes);
        if (reduced_max_bytes_ >= step_->min_bytes && reduced_max_bytes_ < step_->max_bytes) {
          step_->max_bytes = reduced_max_bytes_;
        }
      }
      return;
    }
    if (starts_with_words({"Using", "devices"})) {
      // A new device listing (each aidc-nccl table repeats it) replaces the previous one.
      meta_.devices.clear();
      return;
    }
    if (starts_with_words({"Avg", "bus", "bandwidth"})) {
      if (!in_table_) text_.fail(line, "'# Avg bus bandwidth' without a table before it: truncated or interleaved log");
      auto colon = body.find(':');
      if (colon == std::string_view::npos) text_.fail(line, "'# Avg bus bandwidth' line without a value");
      auto value = split_ws(body.substr(colon + 1));
      // With NCCL_TESTS_MIN_BW set, nccl-tests appends OK or FAILED (the average against that threshold).
      if (value.size() == 2 && (value[1] == "OK" || value[1] == "FAILED")) value.pop_back();
      if (value.size() != 1) {
        text_.fail(line, "average busbw: expected a number (optionally followed by OK or FAILED), got '" +
                             std::string(trim(body.substr(colon + 1))) + "'");
      }
      table_.avg_busbw_gb_per_s = require_double(text_, line, value[0], "average busbw");
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
    // A timestamp is printed after the in-place group, except with per-iteration columns (nccl-tests prints
    // it elsewhere then): with both, a row may come with or without one.
    const bool stamped = layout_.timestamp && tok.size() == layout_.columns + 2;
    const bool unstamped_ok = !layout_.timestamp || layout_.per_iteration;
    if (!stamped && !(unstamped_ok && tok.size() == layout_.columns)) {
      const std::size_t expected = layout_.columns + (unstamped_ok ? 0 : 2);
      text_.fail(line, "data row has " + std::to_string(tok.size()) + " columns, the header has " +
                           std::to_string(expected) + (layout_.timestamp ? " (a timestamp is two)" : "") +
                           ": truncated or garbled line");
    }
    // Where a row may come either way, every row of the table comes the way its first did.
    if (layout_.timestamp && unstamped_ok) {
      if (rows_stamped_ < 0) rows_stamped_ = stamped ? 1 : 0;
      if ((rows_stamped_ == 1) != stamped) {
        text_.fail(line, std::string("row ") + (stamped ? "with" : "without") +
                             " a timestamp where the table's first " + "row has " + (stamped ? "none" : "one") +
                             ": garbled or interleaved table");
      }
    }
    if (stamped && !is_timestamp(tok[layout_.columns], tok[layout_.columns + 1])) {
      text_.fail(line, "timestamp '" + std::string(tok[layout_.columns]).substr(0, kMaxQuotedName) + " " +
                           std::string(tok[layout_.columns + 1]).substr(0, kMaxQuotedName) +
                           "' is not YYYY-MM-DD HH:MM:SS: truncated or garbled line");
    }
    NcclTestsRow r;
    r.line = line;
    r.size_bytes = require_integer(text_, line, tok[0], "size");
    r.count = require_integer(text_, line, tok[1], "count");
    r.type = std::string(tok[2]);
    // Without a redop column (pre-2022 broadcast), nothing is reduced.
    r.redop = layout_.redop >= 0 ? std::string(tok[static_cast<std::size_t>(layout_.redop)]) : "none";
    if (layout_.root >= 0) r.root = require_integer(text_, line, tok[static_cast<std::size_t>(layout_.root)], "root");
    if (r.size_bytes < 0 || r.count < 0) text_.fail(line, "size and count must be >= 0");
    if (word_size(r.type) == 0) text_.fail(line, "unknown data type '" + r.type + "'");
    if (!table_.rows.empty() && sweep_complete()) {
      // -N (run cycles), -d all, -o all and -r all print several sweeps under one column header, one after the
      // other, each from minBytes to maxBytes: a row after a complete sweep starts the next one.
      next_sweep();
    }
    if (r.size_bytes == 0) {
      // all_gather, reduce_scatter and alltoall print size 0 for the requested sizes below one element per
      // rank (small -b): such a row times nothing and is skipped. It may only precede the real rows.
      if (r.count != 0) text_.fail(line, "size 0 with a non-zero count: garbled row");
      if (!table_.rows.empty()) {
        text_.fail(line, "size 0 after size " + std::to_string(table_.rows.back().size_bytes) + " (line " +
                             std::to_string(table_.rows.back().line) + "): rows out of order or interleaved");
      }
      ++table_.zero_size_rows;
      advance_grid();
      return;
    }
    r.out_of_place = parse_columns(text_, line, tok, static_cast<std::size_t>(layout_.out_of_place),
                                   layout_.error_column, "out-of-place");
    r.in_place =
        parse_columns(text_, line, tok, static_cast<std::size_t>(layout_.in_place), layout_.error_column, "in-place");
    check_group_extras(line, tok, static_cast<std::size_t>(layout_.out_of_place), "out-of-place");
    check_group_extras(line, tok, static_cast<std::size_t>(layout_.in_place), "in-place");
    for (const auto& [c, which, first] : {std::tuple{&r.out_of_place, "out-of-place", layout_.out_of_place},
                                          std::tuple{&r.in_place, "in-place", layout_.in_place}}) {
      double algbw = static_cast<double>(r.size_bytes) / c->time_us * kBytesPerUsToGbPerS;
      if (!within(c->algbw_gb_per_s, algbw, tolerance(*c))) {
        text_.fail(line, std::string(which) + " algbw " + std::string(tok[static_cast<std::size_t>(first) + 1]) +
                             " does not match size / time = " + std::to_string(algbw) + ": garbled row");
      }
    }
    if (!table_.rows.empty()) {
      const auto& prev = table_.rows.back();
      if (prev.type != r.type || prev.redop != r.redop || prev.root != r.root) {
        text_.fail(line, "type/redop/root differ from the previous row (line " + std::to_string(prev.line) +
                             ") before its sweep reached maxBytes: interleaved or truncated log (the sweeps of "
                             "-d all, -o all or -r all must each be complete)");
      }
      if (r.size_bytes <= prev.size_bytes) {
        text_.fail(line, "size " + std::to_string(r.size_bytes) + " does not follow size " +
                             std::to_string(prev.size_bytes) + " (line " + std::to_string(prev.line) +
                             ") before the sweep reached maxBytes: rows out of order, interleaved or missing (a "
                             "repeated sweep, -N > 1, starts after a complete one)");
      }
    }
    if (step_ && step_->factor > 0.0 && !on_grid(r)) {
      const std::string expected = std::to_string(static_cast<long long>(grid_));
      if (table_.rows.empty()) {
        text_.fail(line, "first size " + std::to_string(r.size_bytes) + " is not the header's (line " +
                             std::to_string(step_->line) + ") size " + expected + ": rows missing");
      }
      text_.fail(line, "size " + std::to_string(r.size_bytes) + " is not " + std::to_string(step_->factor) +
                           " x the previous size " + std::to_string(table_.rows.back().size_bytes) + " (expected " +
                           expected + "): rows missing, out of order or interleaved");
    }
    advance_grid();
    table_.rows.push_back(r);
  }

  // The optional columns of a group: "#bitdiff" (bits that differed between repeated runs: repeatability, not
  // correctness, so any count is accepted) and the per-iteration statistics min, max, p99 (us) and coefficient
  // of variation (%), whose order min <= p99 <= max is checked within print rounding.
  void check_group_extras(int line, const std::vector<std::string_view>& tok, std::size_t first,
                          const std::string& which) const {
    std::size_t at = first + 4;
    if (layout_.bitdiff) {
      if (require_double(text_, line, tok[at], which + " #bitdiff") < 0.0) {
        text_.fail(line, which + " #bitdiff must be >= 0");
      }
      ++at;
    }
    if (!layout_.per_iteration) return;
    double v[4];
    for (std::size_t k = 0; k < 4; ++k) {
      v[k] = require_double(text_, line, tok[at + k], which + " " + std::string(kPerIterationColumns[k]));
      if (v[k] < 0.0) text_.fail(line, which + " " + std::string(kPerIterationColumns[k]) + " must be >= 0");
    }
    auto at_most = [&](double a, double b) { return a <= b + kPrintAbsTolerance + kPrintRelTolerance * b; };
    if (!at_most(v[0], v[2]) || !at_most(v[2], v[1])) {
      text_.fail(line, which + " per-iteration times must satisfy i_min <= i_p99 <= i_max: garbled row");
    }
  }

  // The current sweep reached maxBytes: the next grid size lies beyond it (the test close_table makes).
  bool sweep_complete() const { return step_ && step_->factor > 1.0 && grid_ > static_cast<double>(step_->max_bytes); }

  // Closes the complete sweep and opens the next one under the same column header.
  void next_sweep() {
    table_.end_line = table_.rows.back().line;
    resolve_collective_and_ranks();
    check_busbw();
    log_.tables.push_back(table_);
    NcclTestsTable next;
    next.header_line = table_.header_line;
    next.sweep = table_.sweep + 1;
    next.metadata = table_.metadata;
    table_ = std::move(next);
    grid_ = static_cast<double>(step_->min_bytes);
  }

  // Print tolerance of bandwidths recomputed from a time: the time's own print precision when coarser.
  static double tolerance(const NcclTestsColumns& c) {
    return std::max(kPrintRelTolerance, 1.01 * c.time_rel_precision);
  }

  // The row's size is the next grid size (minBytes x factor^k), or that size rounded down to whole elements
  // per rank (nccl-tests' rounding for rank counts that are not powers of two; newer versions also align
  // each rank's share to 16 bytes). nccl-tests prints a row for every requested size, size-0 rows included,
  // and each of those advances the grid too: no size may be skipped.
  bool on_grid(const NcclTestsRow& r) const {
    const double size = static_cast<double>(r.size_bytes);
    const double unit = r.count > 0 ? size / static_cast<double>(r.count) : 0.0;
    const double slack = unit * std::max(1.0, kRankShareAlignBytes / word_size(r.type));
    return std::abs(size / grid_ - 1.0) <= kStepRelTolerance || (size <= grid_ && size > grid_ - slack);
  }

  void advance_grid() {
    if (step_ && step_->factor > 0.0) grid_ *= step_->factor;
  }

  void close_table() {
    if (table_.rows.empty()) text_.fail(table_.end_line, "table without data rows");
    if (step_ && step_->factor > 1.0) {
      // The sweep ends at the last grid size <= maxBytes (maxBytes need not be on the grid: -e 10G -f 2 ends
      // at 8G), so the next grid size must lie beyond it.
      if (grid_ <= static_cast<double>(step_->max_bytes)) {
        text_.fail(table_.end_line, "table covers sizes " + std::to_string(table_.rows.front().size_bytes) + ".." +
                                        std::to_string(table_.rows.back().size_bytes) + " but the header (line " +
                                        std::to_string(step_->line) + ") promises " + std::to_string(step_->min_bytes) +
                                        ".." + std::to_string(step_->max_bytes) + ": rows missing");
      }
    }
    resolve_collective_and_ranks();
    check_busbw();
    log_.tables.push_back(table_);
    // The average nccl-tests prints covers every sweep of the table.
    for (auto& t : log_.tables) {
      if (t.header_line == table_.header_line) {
        t.avg_busbw_gb_per_s = table_.avg_busbw_gb_per_s;
        t.sweeps = table_.sweep;
      }
    }
    in_table_ = false;
    step_.reset();
    reduced_max_bytes_ = 0;
    meta_.env = file_env_;
    meta_.collective = file_collective_;
  }

  void resolve_collective_and_ranks() {
    collective_guessed_ = false;
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
      collective_guessed_ = candidates.size() > 1;
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
        if (!within(c->busbw_gb_per_s, algbw * f, tolerance(*c))) {
          text_.fail(r.line,
                     "busbw " + std::to_string(c->busbw_gb_per_s) + " is not algbw x " + std::to_string(f) + " (" +
                         std::string(collective_name(table_.collective)) + ", " + std::to_string(table_.ranks) +
                         " ranks): garbled row or wrong rank count" +
                         (collective_guessed_ ? std::string("; the log does not name its test, so all_reduce "
                                                            "was assumed: name it, e.g. LOG#collective=sendrecv")
                                              : std::string()));
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
  long long reduced_max_bytes_ = 0;  // "# Reducing maxBytes to N" (0: none)
  double grid_ = 0.0;                // the size the next row should have
  ColumnLayout layout_;
  int rows_stamped_ =
      -1;  // with timestamp and per-iteration columns: whether the table's rows carry one (-1: no row yet)
  PrefixKind prefix_kind_;
  bool in_table_ = false;
  bool collective_guessed_ = false;  // all_reduce assumed for an unnamed table that could be sendrecv
  std::string table_prefix_;
  NcclTestsTable table_;
};

}  // namespace

bool looks_like_nccl_tests(const TextLines& text) {
  for (const auto& l : text.lines()) {
    if (header_prefix_kind(l.text)) return true;
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
    if (t.sweep == 1) ++index;
    for (bool in_place : {false, true}) {
      CollectiveSeries s;
      s.file = log.file;
      s.first_line = t.header_line;
      s.label = "table " + std::to_string(index) + " (line " + std::to_string(t.header_line) + ") ";
      if (t.sweeps > 1) {
        const auto& r = t.rows.front();
        s.label += "sweep " + std::to_string(t.sweep) + "/" + std::to_string(t.sweeps) + " (" + r.type + " " + r.redop +
                   (r.root >= 0 ? " root " + std::to_string(r.root) : std::string()) + ") ";
      }
      s.label += in_place ? "in-place" : "out-of-place";
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
      s.network = t.metadata.network;
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
