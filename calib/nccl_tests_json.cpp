#include "calib/nccl_tests_json.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "calib/calib_error.hpp"
#include "calib/json_document.hpp"
#include "calib/log_metadata.hpp"

namespace aidc::calib {

namespace {

const char* kind_name(JsonValue::Kind k) {
  switch (k) {
    case JsonValue::Kind::null:
      return "null";
    case JsonValue::Kind::boolean:
      return "true or false";
    case JsonValue::Kind::number:
      return "a number";
    case JsonValue::Kind::string:
      return "a string";
    case JsonValue::Kind::array:
      return "a list";
    case JsonValue::Kind::object:
      return "an object";
  }
  return "?";
}

// The document version this reader was written against (util.cu JSON_FILE_VERSION).
constexpr int kJsonVersion = 3;
// Smallest size whose allocation (three buffers) no longer fits a GPU with 8 GB: a sweep may end for memory
// only beyond it.
constexpr double kMinReducedMaxBytes = 1024.0 * 1024.0 * 1024.0;
// Rows of all_gather & co. are the grid size rounded down to whole elements per rank (as on_grid allows).
constexpr double kGridSlack = 0.05;
// Subtrees the translation does not use: per-iteration times can hold millions of numbers.
const std::set<std::string, std::less<>> kUnusedKeys = {"out_of_place_per_iter", "in_place_per_iter", "bitwise"};

// Largest integer a double holds exactly: counts and sizes beyond it are not what nccl-tests wrote.
constexpr double kMaxExactInteger = 9007199254740992.0;

class Translator {
 public:
  explicit Translator(const TextLines& text) : text_(text) {}

  std::vector<TextLine> run(const JsonValue& root) {
    if (root.kind != JsonValue::Kind::object) fail(root, "expected a JSON object (the nccl-tests -J file)");
    if (!root.find("config")) fail(root, "a JSON object without \"config\": not an nccl-tests -J file");
    if (!root.find("results")) {
      fail(root,
           "no \"results\": the run ended before its table (nccl-tests closes the document also when a test "
           "fails)");
    }
    const auto& version = member(root, "version", JsonValue::Kind::number);
    integer(version, "version");
    if (version.number > kJsonVersion) {
      fail(version, "document version " + version.token + " is newer than the version " + std::to_string(kJsonVersion) +
                        " this reader knows");
    }
    if (const auto* v = optional(root, "nccl_version", JsonValue::Kind::number)) {
      const std::string code = integer(*v, "nccl_version");
      add(*v, "# nccl-tests (JSON) nccl-headers=" + code + " nccl-library=" + code);
    }
    // The environment before the program: the program line then decides the collective.
    if (const auto* env = optional(root, "env", JsonValue::Kind::array)) {
      for (std::size_t k = 0; k < env->items.size(); ++k) {
        const auto& e = env->items[k];
        if (e.kind != JsonValue::Kind::string) fail(e, "env: expected strings \"NAME=value\"");
        if (e.text.rfind("NCCL_", 0) == 0) add(e, "# env: " + e.text, "env[" + std::to_string(k) + "]");
      }
    }
    if (const auto* args = optional(root, "args", JsonValue::Kind::array); args && !args->items.empty()) {
      const auto& program = args->items.front();
      if (program.kind != JsonValue::Kind::string) fail(program, "args: expected strings");
      const auto slash = program.text.rfind('/');
      add(program, "# Collective test starting: " +
                       (slash == std::string::npos ? program.text : program.text.substr(slash + 1)));
    }
    const auto& config = member(root, "config", JsonValue::Kind::object);
    test_header(config);
    if (const auto* devices = optional(config, "devices", JsonValue::Kind::array)) {
      add(*devices, "# Using devices");
      // One entry per process (nccl-tests keeps the first of each process's device lines), for
      // nthreads x ngpus ranks on consecutive devices.
      const long long threads = std::stoll(integer_member(config, "nthreads", "1"));
      const long long gpus = std::stoll(integer_member(config, "ngpus", "1"));
      if (threads < 1 || gpus < 1 || threads > kMaxStatedGpusPerNode || gpus > kMaxStatedGpusPerNode ||
          threads * gpus > kMaxStatedGpusPerNode) {
        fail(config,
             "nthreads x ngpus out of range (1.." + std::to_string(kMaxStatedGpusPerNode) + " GPUs per process)");
      }
      const int per_process = static_cast<int>(threads * gpus);
      for (std::size_t k = 0; k < devices->items.size(); ++k) device_lines(devices->items[k], k, per_process);
    }
    const auto& results = member(root, "results", JsonValue::Kind::array);
    rows(config, results);
    if (const auto* oob = optional(root, "out_of_bounds", JsonValue::Kind::object)) {
      const std::string count = integer(member(*oob, "count", JsonValue::Kind::number), "out_of_bounds count");
      add(*oob, "# Out of bounds values : " + count + (flag(*oob, "okay") ? " OK" : " FAILED"));
    }
    const auto* avg = optional(root, "average_bus_bandwidth", JsonValue::Kind::object);
    if (!avg) {
      fail(root,
           "no \"average_bus_bandwidth\": the run did not finish (nccl-tests closes the document also when a test "
           "fails), so its results are not a complete sweep");
    }
    add(*avg, "# Avg bus bandwidth : " + number(member(*avg, "bandwidth", JsonValue::Kind::number)));
    return lines_;
  }

 private:
  [[noreturn]] void fail(const JsonValue& at, const std::string& message) const {
    text_.fail(at.line, "column " + std::to_string(at.column) + ": " + message);
  }

  const JsonValue& member(const JsonValue& object, std::string_view key, JsonValue::Kind kind) const {
    const auto* v = optional(object, key, kind);
    if (!v) fail(object, "missing key \"" + std::string(key) + "\"");
    return *v;
  }

  const JsonValue* optional(const JsonValue& object, std::string_view key, JsonValue::Kind kind) const {
    const auto* v = object.find(key);
    if (v && v->kind != kind) {
      fail(*v, "\"" + std::string(key) + "\" must be " + kind_name(kind) + ", not " + kind_name(v->kind));
    }
    return v;
  }

  // nccl-tests writes booleans as the strings "true" and "false".
  bool flag(const JsonValue& object, std::string_view key) const {
    const auto* v = object.find(key);
    if (!v) fail(object, "missing key \"" + std::string(key) + "\"");
    if (v->kind == JsonValue::Kind::boolean) return v->boolean;
    if (v->kind == JsonValue::Kind::string && (v->text == "true" || v->text == "false")) return v->text == "true";
    fail(*v, "\"" + std::string(key) + "\" must be true or false");
  }

  std::string integer(const JsonValue& v, std::string_view what) const {
    if (v.kind != JsonValue::Kind::number || v.number != std::floor(v.number) ||
        std::abs(v.number) > kMaxExactInteger) {
      fail(v, std::string(what) + ": expected an integer");
    }
    return std::to_string(static_cast<long long>(v.number));
  }

  // A number as written, so that the stdout parser checks it to the digits nccl-tests printed.
  std::string number(const JsonValue& v) const {
    if (v.kind == JsonValue::Kind::string && v.text == "nan") fail(v, "value is NaN: not a measurement");
    if (v.kind != JsonValue::Kind::number) fail(v, std::string("expected a number, not ") + kind_name(v.kind));
    return v.token;
  }

  std::string integer_member(const JsonValue& object, std::string_view key, std::string_view fallback) const {
    const auto* v = optional(object, key, JsonValue::Kind::number);
    return v ? integer(*v, key) : std::string(fallback);
  }

  // Translated lines are numbered 1, 2, ... in order; sources()[n - 1] says where line n came from.
  void add(const JsonValue& source, std::string line, std::string what = {}) {
    lines_.push_back({static_cast<int>(lines_.size()) + 1, std::move(line)});
    sources_.push_back({source.line, source.column, std::move(what)});
  }

 public:
  struct Source {
    int line = 0;
    int column = 0;
    std::string what;  // "results[3]", or empty
  };
  const std::vector<Source>& sources() const { return sources_; }

 private:
  void test_header(const JsonValue& config) {
    const std::string min_bytes = integer(member(config, "minimum_bytes", JsonValue::Kind::number), "minimum_bytes");
    const std::string max_bytes = integer(member(config, "maximum_bytes", JsonValue::Kind::number), "maximum_bytes");
    std::string step;
    if (const auto* f = optional(config, "step_factor", JsonValue::Kind::number)) {
      step = integer(*f, "step_factor") + "(factor)";
      factor_ = f->number;
    } else {
      step = integer(member(config, "step_bytes", JsonValue::Kind::number), "step_bytes") + "(bytes)";
    }
    min_bytes_ = std::stod(min_bytes);
    max_bytes_ = std::stod(max_bytes);
    add(config, "# nThread " + integer_member(config, "nthreads", "1") + " nGpus " +
                    integer_member(config, "ngpus", "1") + " minBytes " + min_bytes + " maxBytes " + max_bytes +
                    " step: " + step + " warmup iters: " + integer_member(config, "warmup_iters", "0") +
                    " iters: " + integer_member(config, "iterations", "0") +
                    " agg iters: " + integer_member(config, "aggregated_iterations", "1") + " validation: " +
                    integer_member(config, "validation", "0") + " graph: " + integer_member(config, "graph", "0"));
  }

  std::string text_member(const JsonValue& object, std::string_view key) const {
    const auto& v = member(object, key, JsonValue::Kind::string);
    return v.text;
  }

  void device_lines(const JsonValue& d, std::size_t k, int per_process) {
    if (d.kind != JsonValue::Kind::object) fail(d, "devices: expected objects");
    const std::string host = text_member(d, "hostname");
    if (host.empty() || host.find_first_of(" \t") != std::string::npos) fail(d, "hostname must be one word");
    const long long rank = std::stoll(integer(member(d, "rank", JsonValue::Kind::number), "rank"));
    const long long device = std::stoll(integer(member(d, "device", JsonValue::Kind::number), "device"));
    for (int i = 0; i < per_process; ++i) {
      add(d,
          "#  Rank " + std::to_string(rank + i) + " Group " + integer_member(d, "group", "0") + " Pid " +
              integer_member(d, "pid", "0") + " on " + host + " device " + std::to_string(device + i) + " [" +
              text_member(d, "device_hex") + "] " + text_member(d, "device_info"),
          "config.devices[" + std::to_string(k) + "]");
    }
  }

  // One group of a row: time algbw busbw #wrong.
  std::string group(const JsonValue& record, std::string_view key, bool cputime) const {
    const auto* g = record.find(key);
    if (!g || g->kind == JsonValue::Kind::null) {
      fail(record, "result without \"" + std::string(key) + "\" timing (a trace-replay run): not a size sweep");
    }
    if (g->kind != JsonValue::Kind::object) fail(*g, "\"" + std::string(key) + "\" must be an object");
    const auto* time = g->find(cputime ? "cpu_time" : "time");
    if (!time) fail(*g, std::string("missing key \"") + (cputime ? "cpu_time" : "time") + "\"");
    std::string out = number(*time) + "  " + number(member(*g, "alg_bw", JsonValue::Kind::number)) + "  " +
                      number(member(*g, "bus_bw", JsonValue::Kind::number)) + "  ";
    const auto* wrong = g->find("nwrong");
    if (!wrong) fail(*g, "missing key \"nwrong\"");
    out += wrong->kind == JsonValue::Kind::null ? std::string("N/A") : integer(*wrong, "nwrong");
    return out;
  }

  void rows(const JsonValue& config, const JsonValue& results) {
    // -C 1 writes "cpu_time" where the time belongs: the header says cputime and the stdout parser refuses it.
    bool cputime = false;
    if (!results.items.empty()) {
      const auto& first = results.items.front();
      const auto* g = first.kind == JsonValue::Kind::object ? first.find("out_of_place") : nullptr;
      cputime = g && g->kind == JsonValue::Kind::object && g->find("cpu_time");
    }
    // The config holds the requested maxBytes; nccl-tests lowers it to fit device memory after writing the
    // config (common.cu: (memory - reserve - 1 GiB) / 3 with the data check) and says so on stdout only. The
    // document is complete (average_bus_bandwidth is there), so a sweep that stops early stopped there for
    // memory, provided the next size would not have fitted any current GPU: beyond kMinReducedMaxBytes.
    // An earlier stop is left to the stdout parser, which reports the rows as missing.
    double largest = 0.0;
    for (const auto& r : results.items) {
      if (const auto* sz = r.kind == JsonValue::Kind::object ? r.find("size") : nullptr) {
        if (sz->kind == JsonValue::Kind::number) largest = std::max(largest, sz->number);
      }
    }
    if (factor_ > 1.0 && min_bytes_ >= 1.0 && largest >= min_bytes_) {
      // The grid size the largest row stands for (rows may be rounded down to whole elements per rank).
      double grid = min_bytes_;
      while (grid * factor_ <= largest * (1.0 + kGridSlack)) grid *= factor_;
      double last_grid = min_bytes_;
      while (last_grid * factor_ <= max_bytes_) last_grid *= factor_;
      if (grid < last_grid && grid * factor_ > kMinReducedMaxBytes) {
        add(config, "# Reducing maxBytes to " + std::to_string(static_cast<long long>(grid)) +
                        " due to memory limitation (JSON: results end below the configured maximum_bytes)");
      }
    }
    add(results, "#");
    const char* t = cputime ? "cputime" : "time";
    add(results, std::string("#  size  count  type  redop  root  ") + t + "  algbw  busbw  #wrong  " + t +
                     "  algbw  busbw  #wrong");
    for (std::size_t k = 0; k < results.items.size(); ++k) {
      const auto& r = results.items[k];
      if (r.kind != JsonValue::Kind::object) fail(r, "results: expected objects");
      const auto& root = r.find("root");
      if (!root) fail(r, "missing key \"root\"");
      std::string root_text;
      if (root->kind == JsonValue::Kind::string) {
        root_text = std::string(trim(root->text));
      } else {
        root_text = integer(*root, "root");
      }
      add(r,
          integer(member(r, "size", JsonValue::Kind::number), "size") + "  " +
              integer(member(r, "count", JsonValue::Kind::number), "count") + "  " + text_member(r, "type") + "  " +
              text_member(r, "redop") + "  " + root_text + "  " + group(r, "out_of_place", cputime) + "  " +
              group(r, "in_place", cputime),
          "results[" + std::to_string(k) + "]");
    }
  }

  const TextLines& text_;
  std::vector<TextLine> lines_;
  std::vector<Source> sources_;
  double min_bytes_ = 0.0;
  double max_bytes_ = 0.0;
  double factor_ = 0.0;
};

}  // namespace

bool looks_like_nccl_tests_json(const TextLines& text) {
  for (const auto& l : text.lines()) {
    const auto t = trim(l.text);
    if (!t.empty()) return t.front() == '{';
  }
  return false;
}

// "line N" in a message of the stdout parser names a translated line: it is rewritten as the JSON position.
std::string rewrite_lines(const std::string& message, const std::vector<Translator::Source>& sources) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t hit = message.find("line "); hit != std::string::npos; hit = message.find("line ", at)) {
    std::size_t end = hit + 5;
    while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
    out += message.substr(at, hit - at);
    const long long n =
        end > hit + 5 ? std::stoll(message.substr(hit + 5, std::min<std::size_t>(end - hit - 5, 9))) : 0;
    if (n >= 1 && n <= static_cast<long long>(sources.size())) {
      const auto& src = sources[static_cast<std::size_t>(n - 1)];
      out += "line " + std::to_string(src.line) + " column " + std::to_string(src.column);
      if (!src.what.empty()) out += " (" + src.what + ")";
    } else {
      out += message.substr(hit, end - hit);
    }
    at = end;
  }
  return out + message.substr(at);
}

NcclTestsLog parse_nccl_tests_json(const TextLines& text, const NcclTestsParseOptions& options) {
  const JsonValue root = parse_json(text, kUnusedKeys);
  Translator translator(text);
  auto lines = translator.run(root);
  try {
    NcclTestsLog log = parse_nccl_tests(TextLines::from_lines(text.file(), std::move(lines)), options);
    // Line numbers in the result name the JSON lines the values came from.
    const auto& sources = translator.sources();
    const auto json_line = [&](int n) {
      return n >= 1 && n <= static_cast<int>(sources.size()) ? sources[static_cast<std::size_t>(n - 1)].line : n;
    };
    for (auto& t : log.tables) {
      t.header_line = json_line(t.header_line);
      t.end_line = json_line(t.end_line);
      for (auto& r : t.rows) r.line = json_line(r.line);
      for (auto& d : t.metadata.devices) d.line = json_line(d.line);
    }
    return log;
  } catch (const CalibError& e) {
    const auto& sources = translator.sources();
    if (e.line() < 1 || e.line() > static_cast<int>(sources.size()))
      throw CalibError(text.file(), e.line(), e.message());
    const auto& src = sources[static_cast<std::size_t>(e.line() - 1)];
    throw CalibError(text.file(), src.line,
                     "column " + std::to_string(src.column) + (src.what.empty() ? "" : " (" + src.what + ")") + ": " +
                         rewrite_lines(e.message(), sources));
  }
}

}  // namespace aidc::calib
