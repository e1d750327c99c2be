#include "cuda/host/bench_host.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace aidc::cudabench {

namespace {

constexpr long long kKibi = 1024;
constexpr double kBytesPerUsToGbPerS = 1e-3;
// nccl-tests prints time with 2 decimals below 100 us, 1 below 10 ms, none above.
constexpr double kTwoDecimalsBelowUs = 100.0;
constexpr double kOneDecimalBelowUs = 10000.0;
constexpr std::size_t kLineBuffer = 512;
constexpr long long kDefaultGemmMin = 256;
constexpr long long kDefaultGemmMax = 16384;
constexpr long long kSkinnyRows = 65536;
constexpr long long kSkinnyNarrow = 256;
constexpr long long kSkinnyWide = 8192;

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    auto end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

long long to_count(const std::string& s, const std::string& option) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1) {
    throw std::invalid_argument(option + ": expected a positive integer, got '" + s + "'");
  }
  return v;
}

int to_index(const std::string& s, const std::string& option) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) {
    throw std::invalid_argument(option + ": expected a device index >= 0, got '" + s + "'");
  }
  return v;
}

long long to_bytes(const std::string& s, const std::string& option) {
  auto v = parse_bytes(s);
  if (!v) throw std::invalid_argument(option + ": expected a size such as 8, 64K, 1M or 8G, got '" + s + "'");
  return *v;
}

// Walks "-x value" pairs; calls `handle(option, value)` for each.
template <class Handle>
bool walk(const std::vector<std::string>& args, Handle handle) {
  for (std::size_t i = 0; i < args.size(); i += 2) {
    if (args[i] == "-h" || args[i] == "--help") return false;
    if (i + 1 >= args.size()) throw std::invalid_argument(args[i] + ": missing value");
    handle(args[i], args[i + 1]);
  }
  return true;
}

std::string format(const char* fmt, auto... values) {
  char buf[kLineBuffer];
  std::snprintf(buf, sizeof buf, fmt, values...);
  return buf;
}

}  // namespace

std::optional<long long> parse_bytes(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long mult = 1;
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
  if (last == 'K' || last == 'M' || last == 'G' || last == 'T') {
    int shifts = last == 'K' ? 1 : last == 'M' ? 2 : last == 'G' ? 3 : 4;
    for (int i = 0; i < shifts; ++i) mult *= kKibi;
    text.remove_suffix(1);
  }
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 1) return std::nullopt;
  return v * mult;
}

std::vector<long long> size_sweep(long long min_bytes, long long max_bytes, long long factor) {
  std::vector<long long> out;
  if (min_bytes < 1 || factor < 2) return out;
  for (long long s = min_bytes; s <= max_bytes; s *= factor) {
    out.push_back(s);
    if (s > max_bytes / factor) break;
  }
  return out;
}

double median(std::vector<double> sample) {
  if (sample.empty()) throw std::invalid_argument("median of an empty sample");
  std::sort(sample.begin(), sample.end());
  const std::size_t n = sample.size();
  return n % 2 == 1 ? sample[n / 2] : 0.5 * (sample[n / 2 - 1] + sample[n / 2]);
}

std::string_view nccl_op_name(NcclOp op) {
  switch (op) {
    case NcclOp::all_reduce:
      return "all_reduce";
    case NcclOp::all_gather:
      return "all_gather";
    case NcclOp::reduce_scatter:
      return "reduce_scatter";
    case NcclOp::alltoall:
      return "alltoall";
    case NcclOp::broadcast:
      return "broadcast";
    case NcclOp::sendrecv:
      return "sendrecv";
  }
  return "?";
}

std::optional<NcclOp> nccl_op_from_name(std::string_view name) {
  for (auto op : {NcclOp::all_reduce, NcclOp::all_gather, NcclOp::reduce_scatter, NcclOp::alltoall, NcclOp::broadcast,
                  NcclOp::sendrecv}) {
    if (nccl_op_name(op) == name) return op;
  }
  if (name == "all_to_all") return NcclOp::alltoall;
  if (name == "send_recv") return NcclOp::sendrecv;
  return std::nullopt;
}

double nccl_bus_factor(NcclOp op, int ranks) {
  const double n = ranks;
  switch (op) {
    case NcclOp::all_reduce:
      return 2.0 * (n - 1.0) / n;
    case NcclOp::all_gather:
    case NcclOp::reduce_scatter:
    case NcclOp::alltoall:
      return (n - 1.0) / n;
    case NcclOp::broadcast:
    case NcclOp::sendrecv:
      return 1.0;
  }
  return 1.0;
}

long long nccl_count(NcclOp op, long long bytes, int word_bytes, int ranks) {
  const long long elements = bytes / word_bytes;
  switch (op) {
    case NcclOp::all_gather:
    case NcclOp::reduce_scatter:
    case NcclOp::alltoall:
      return elements / ranks;
    default:
      return elements;
  }
}

long long nccl_size(NcclOp op, long long count, int word_bytes, int ranks) {
  switch (op) {
    case NcclOp::all_gather:
    case NcclOp::reduce_scatter:
    case NcclOp::alltoall:
      return count * word_bytes * ranks;
    default:
      return count * word_bytes;
  }
}

NcclColumns nccl_columns(NcclOp op, long long bytes, int ranks, double time_us, long long wrong) {
  NcclColumns c;
  c.time_us = time_us;
  c.algbw_gb_per_s = static_cast<double>(bytes) / time_us * kBytesPerUsToGbPerS;
  c.busbw_gb_per_s = c.algbw_gb_per_s * nccl_bus_factor(op, ranks);
  c.wrong = wrong;
  return c;
}

std::string nccl_time_field(double time_us) {
  if (time_us >= kOneDecimalBelowUs) return format("%7.0f", time_us);
  if (time_us >= kTwoDecimalsBelowUs) return format("%7.1f", time_us);
  return format("%7.2f", time_us);
}

std::string nccl_step_line(int n_gpus, long long min_bytes, long long max_bytes, long long factor, int warmup,
                           int iters) {
  return format(
      "# nThread 1 nGpus %d minBytes %lld maxBytes %lld step: %lld(factor) warmup iters: %d iters: %d agg iters: 1 "
      "validation: 1 graph: 0\n",
      n_gpus, min_bytes, max_bytes, factor, warmup, iters);
}

std::string nccl_device_line(int rank, int pid, const std::string& host, int device, int bus_id,
                             const std::string& name) {
  return format("#  Rank %2d Group  0 Pid %6d on %10s device %2d [0x%02x] %s\n", rank, pid, host.c_str(), device,
                bus_id, name.c_str());
}

std::string nccl_column_header() {
  return "#                                                              out-of-place                       in-place\n"
         "#       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   "
         "busbw #wrong\n"
         "#        (B)    (elements)                               (us)  (GB/s)  (GB/s)            (us)  (GB/s)  "
         "(GB/s)\n";
}

std::string nccl_row(long long bytes, long long count, std::string_view type, std::string_view redop, int root,
                     const NcclColumns& out_of_place, const NcclColumns& in_place) {
  std::string line = format("%12lld  %12lld  %8s  %6s  %6d", bytes, count, std::string(type).c_str(),
                            std::string(redop).c_str(), root);
  for (const auto* c : {&out_of_place, &in_place}) {
    std::string wrong = c->wrong < 0 ? "N/A" : std::to_string(c->wrong);
    line += format("  %7s  %6.2f  %6.2f  %6s", nccl_time_field(c->time_us).c_str(), c->algbw_gb_per_s,
                   c->busbw_gb_per_s, wrong.c_str());
  }
  return line + "\n";
}

std::string nccl_footer(double avg_busbw_gb_per_s) {
  return format("# Out of bounds values : 0 OK\n# Avg bus bandwidth    : %g \n#\n", avg_busbw_gb_per_s);
}

std::string csv_preamble(std::string_view tool, const std::map<std::string, std::string>& metadata,
                         std::string_view header) {
  std::string out = "# " + std::string(tool) + " 1\n";
  for (const auto& [k, v] : metadata) out += "# " + k + ": " + v + "\n";
  return out + std::string(header) + "\n";
}

std::string csv_footer(long long rows) {
  return "# end: " + std::to_string(rows) + " rows\n";
}

std::optional<NcclArgs> parse_nccl_args(const std::vector<std::string>& args) {
  NcclArgs a;
  bool ok = walk(args, [&](const std::string& o, const std::string& v) {
    if (o == "-b") {
      a.min_bytes = to_bytes(v, o);
    } else if (o == "-e") {
      a.max_bytes = to_bytes(v, o);
    } else if (o == "-f") {
      a.factor = to_count(v, o);
    } else if (o == "-w") {
      a.warmup = static_cast<int>(to_count(v, o));
    } else if (o == "-n") {
      a.iters = static_cast<int>(to_count(v, o));
    } else if (o == "-g") {
      a.gpus = static_cast<int>(to_count(v, o));
    } else if (o == "-t") {
      a.ops.clear();
      for (const auto& name : split_commas(v)) {
        auto op = nccl_op_from_name(name);
        if (!op) throw std::invalid_argument("-t: unknown collective '" + name + "'");
        a.ops.push_back(*op);
      }
    } else {
      throw std::invalid_argument("unknown option '" + o + "'");
    }
  });
  if (!ok) return std::nullopt;
  if (a.factor < 2) throw std::invalid_argument("-f: the step factor must be >= 2");
  if (a.min_bytes > a.max_bytes) throw std::invalid_argument("-b must not exceed -e");
  return a;
}

std::vector<GemmShape> default_gemm_shapes() {
  std::vector<GemmShape> shapes;
  for (long long s = kDefaultGemmMin; s <= kDefaultGemmMax; s *= 2) shapes.push_back({s, s, s});
  // Skinny shapes typical of decode (small n) and of MLP projections (large m).
  shapes.push_back({kSkinnyRows, kSkinnyNarrow, kSkinnyWide});
  shapes.push_back({kSkinnyWide, kSkinnyNarrow, kSkinnyWide});
  return shapes;
}

std::optional<GemmArgs> parse_gemm_args(const std::vector<std::string>& args) {
  GemmArgs a;
  bool ok = walk(args, [&](const std::string& o, const std::string& v) {
    if (o == "--dtypes") {
      a.dtypes = split_commas(v);
      for (const auto& d : a.dtypes) {
        if (d != "fp32" && d != "tf32" && d != "bf16" && d != "fp16" && d != "fp8") {
          throw std::invalid_argument("--dtypes: unknown dtype '" + d + "'");
        }
      }
    } else if (o == "--shapes") {
      a.shapes.clear();
      for (const auto& s : split_commas(v)) {
        auto x1 = s.find('x');
        auto x2 = x1 == std::string::npos ? std::string::npos : s.find('x', x1 + 1);
        if (x2 == std::string::npos) throw std::invalid_argument("--shapes: expected MxNxK, got '" + s + "'");
        a.shapes.push_back(
            {to_count(s.substr(0, x1), o), to_count(s.substr(x1 + 1, x2 - x1 - 1), o), to_count(s.substr(x2 + 1), o)});
      }
    } else if (o == "--warmup") {
      a.warmup = static_cast<int>(to_count(v, o));
    } else if (o == "--repeats") {
      a.repeats = static_cast<int>(to_count(v, o));
    } else if (o == "--device") {
      a.device = to_index(v, o);
    } else {
      throw std::invalid_argument("unknown option '" + o + "'");
    }
  });
  if (!ok) return std::nullopt;
  if (a.shapes.empty()) a.shapes = default_gemm_shapes();
  return a;
}

std::optional<MembwArgs> parse_membw_args(const std::vector<std::string>& args) {
  MembwArgs a;
  bool ok = walk(args, [&](const std::string& o, const std::string& v) {
    if (o == "-b") {
      a.min_bytes = to_bytes(v, o);
    } else if (o == "-e") {
      a.max_bytes = to_bytes(v, o);
    } else if (o == "-f") {
      a.factor = to_count(v, o);
    } else if (o == "--repeats") {
      a.repeats = static_cast<int>(to_count(v, o));
    } else if (o == "--device") {
      a.device = to_index(v, o);
    } else {
      throw std::invalid_argument("unknown option '" + o + "'");
    }
  });
  if (!ok) return std::nullopt;
  if (a.factor < 2) throw std::invalid_argument("-f: the step factor must be >= 2");
  if (a.min_bytes > a.max_bytes) throw std::invalid_argument("-b must not exceed -e");
  return a;
}

std::string nccl_usage() {
  return "usage: aidc-nccl [-b MIN] [-e MAX] [-f FACTOR] [-w WARMUP] [-n ITERS] [-g GPUS] [-t op,op,...]\n"
         "  ops: all_reduce all_gather reduce_scatter alltoall broadcast sendrecv (default: all)\n"
         "  sizes accept K/M/G suffixes (binary). One process drives all local GPUs; under mpirun\n"
         "  (MPI build), one process per GPU across nodes.\n";
}
std::string gemm_usage() {
  return "usage: aidc-gemm [--dtypes fp32,tf32,bf16,fp16,fp8] [--shapes MxNxK,...] [--warmup N] [--repeats N] "
         "[--device D]\n";
}
std::string membw_usage() {
  return "usage: aidc-membw [-b MIN] [-e MAX] [-f FACTOR] [--repeats N] [--device D]\n";
}

}  // namespace aidc::cudabench
