#include "calib/log_reader.hpp"

#include <optional>

#include "calib/launcher_prefix.hpp"
#include "calib/nccl_tests_json.hpp"
#include "calib/nccl_tests_log.hpp"
#include "calib/published_collective_tables.hpp"

namespace aidc::calib {

namespace {

// A GEMM or memory tool run under a launcher prints every line behind one and the same prefix (launcher_prefix.hpp):
// the file without it, line numbers kept. Mixed or missing prefixes (several processes, or none) give nullopt.
std::optional<TextLines> without_uniform_prefix(const TextLines& text) {
  for (auto kind : {PrefixKind::open_mpi, PrefixKind::bracket, PrefixKind::srun, PrefixKind::host}) {
    std::string prefix;
    bool uniform = true;
    for (const auto& l : text.lines()) {
      std::string_view t = l.text;
      if (trim(t).empty()) continue;
      const std::string p = strip_prefix(t, kind);
      if (p.empty() || (!prefix.empty() && p != prefix)) {
        uniform = false;
        break;
      }
      prefix = p;
    }
    if (!uniform || prefix.empty()) continue;
    std::string out;
    int number = 1;
    for (const auto& l : text.lines()) {
      for (; number < l.number; ++number) out += '\n';  // lines the reader skipped keep their place
      std::string_view t = l.text;
      if (!trim(t).empty()) strip_prefix(t, kind);
      out.append(t.data(), t.size());
      out += '\n';
      ++number;
    }
    return TextLines::from_string(out, text.file());
  }
  return std::nullopt;
}

void apply_options(const TextLines& text, CollectiveSeries& s, const ReadOptions& o) {
  auto conflict = [&](const std::string& what, const std::string& log, const std::string& given) {
    text.fail(s.first_line, s.label + ": the log states " + what + " " + log + " but " + given + " was given");
  };
  if (o.collective) {
    if (s.collective && *s.collective != *o.collective) {
      conflict("collective", std::string(collective_name(*s.collective)), std::string(collective_name(*o.collective)));
    }
    s.collective = o.collective;
  }
  if (o.nodes > 0) {
    if (s.nodes > 0 && s.nodes != o.nodes) conflict("nodes", std::to_string(s.nodes), std::to_string(o.nodes));
    s.nodes = o.nodes;
  }
  if (o.gpus_per_node > 0) {
    if (s.gpus_per_node > 0 && s.gpus_per_node != o.gpus_per_node) {
      conflict("GPUs per node", std::to_string(s.gpus_per_node), std::to_string(o.gpus_per_node));
    }
    s.gpus_per_node = o.gpus_per_node;
  }
  if (!o.gpu.empty()) {
    if (!s.gpu.empty() && s.gpu != o.gpu) conflict("GPU", s.gpu, o.gpu);
    s.gpu = o.gpu;
  }
  if (s.ranks == 0 && s.nodes > 0 && s.gpus_per_node > 0) s.ranks = s.nodes * s.gpus_per_node;
  if (s.nodes == 0 && s.ranks > 0 && s.gpus_per_node > 0 && s.ranks % s.gpus_per_node == 0) {
    s.nodes = s.ranks / s.gpus_per_node;
  }
  if (s.gpus_per_node == 0 && s.ranks > 0 && s.nodes > 0 && s.ranks % s.nodes == 0) {
    s.gpus_per_node = s.ranks / s.nodes;
  }
  if (s.nodes > 0 && s.gpus_per_node > 0 && s.ranks * s.concurrent_groups != s.nodes * s.gpus_per_node) {
    text.fail(s.first_line, s.label + ": " + std::to_string(s.ranks) + " ranks do not fill " + std::to_string(s.nodes) +
                                " x " + std::to_string(s.gpus_per_node) + " GPUs");
  }
}

}  // namespace

std::string_view format_name(LogFormat f) {
  switch (f) {
    case LogFormat::nccl_tests:
      return "nccl-tests";
    case LogFormat::nccl_size_time:
      return "size/time/algbw/busbw table";
    case LogFormat::busbw_markdown:
      return "busbw markdown table";
    case LogFormat::xla_collective_csv:
      return "XLA collective table";
    case LogFormat::nccl_tests_json:
      return "nccl-tests JSON (-J)";
    case LogFormat::aidc_gemm:
      return "aidc-gemm CSV";
    case LogFormat::cublaslt_markdown:
      return "cuBLASLt markdown table";
    case LogFormat::xla_matmul_csv:
      return "XLA matmul table";
    case LogFormat::aidc_membw:
      return "aidc-membw CSV";
    case LogFormat::bandwidth_markdown:
      return "bandwidth markdown table";
    case LogFormat::nvbandwidth_sum:
      return "nvbandwidth SUM lines";
    case LogFormat::babelstream:
      return "BabelStream output";
    case LogFormat::babelstream_csv:
      return "BabelStream CSV (--csv)";
  }
  return "unknown";
}

LogFormat detect_format(const TextLines& text) {
  if (looks_like_nccl_tests_json(text)) return LogFormat::nccl_tests_json;
  if (looks_like_aidc_gemm(text)) return LogFormat::aidc_gemm;
  if (looks_like_aidc_membw(text)) return LogFormat::aidc_membw;
  if (looks_like_nccl_tests(text)) return LogFormat::nccl_tests;
  if (looks_like_size_time_table(text)) return LogFormat::nccl_size_time;
  if (looks_like_xla_collective_csv(text)) return LogFormat::xla_collective_csv;
  if (looks_like_xla_matmul_csv(text)) return LogFormat::xla_matmul_csv;
  if (looks_like_busbw_markdown(text)) return LogFormat::busbw_markdown;
  if (looks_like_cublaslt_markdown(text)) return LogFormat::cublaslt_markdown;
  if (looks_like_bandwidth_markdown(text)) return LogFormat::bandwidth_markdown;
  if (looks_like_nvbandwidth_sum(text)) return LogFormat::nvbandwidth_sum;
  if (looks_like_babelstream(text)) return LogFormat::babelstream;
  if (looks_like_babelstream_csv(text)) return LogFormat::babelstream_csv;
  text.fail(0, "unrecognised log format (not nccl-tests, aidc-gemm, aidc-membw or a known published table)");
}

LogContents read_log(const TextLines& text, const ReadOptions& options) {
  // nccl-tests logs strip their own prefixes, per stream; other formats come from one process.
  if (!looks_like_nccl_tests(text) && !looks_like_nccl_tests_json(text)) {
    if (auto stripped = without_uniform_prefix(text)) return read_log(*stripped, options);
  }
  LogContents c;
  c.file = text.file();
  c.format = detect_format(text);
  switch (c.format) {
    case LogFormat::nccl_tests:
    case LogFormat::nccl_tests_json: {
      NcclTestsParseOptions o;
      o.collective = options.collective;
      if (options.nodes > 0 && options.gpus_per_node > 0) o.ranks = options.nodes * options.gpus_per_node;
      c.collectives = nccl_tests_series(c.format == LogFormat::nccl_tests ? parse_nccl_tests(text, o)
                                                                          : parse_nccl_tests_json(text, o));
      break;
    }
    case LogFormat::nccl_size_time:
      c.collectives = parse_size_time_table(text);
      break;
    case LogFormat::busbw_markdown:
      c.collectives = parse_busbw_markdown(text);
      break;
    case LogFormat::xla_collective_csv:
      c.collectives = parse_xla_collective_csv(text);
      break;
    case LogFormat::aidc_gemm:
      c.gemms = parse_aidc_gemm(text);
      break;
    case LogFormat::cublaslt_markdown:
      c.gemms = parse_cublaslt_markdown(text);
      break;
    case LogFormat::xla_matmul_csv:
      c.gemms = parse_xla_matmul_csv(text);
      break;
    case LogFormat::aidc_membw:
      c.membw = parse_aidc_membw(text);
      break;
    case LogFormat::bandwidth_markdown:
      c.membw = parse_bandwidth_markdown(text);
      break;
    case LogFormat::nvbandwidth_sum:
      c.membw = parse_nvbandwidth_sum(text);
      break;
    case LogFormat::babelstream:
      c.membw = parse_babelstream(text);
      break;
    case LogFormat::babelstream_csv:
      c.membw = parse_babelstream_csv(text);
      break;
  }
  for (auto& s : c.collectives) apply_options(text, s, options);
  if (!options.gpu.empty()) {
    for (auto& g : c.gemms) g.gpu = g.gpu.empty() ? options.gpu : g.gpu;
    for (auto& m : c.membw) m.gpu = m.gpu.empty() ? options.gpu : m.gpu;
  }
  return c;
}

LogContents read_log_file(const std::string& path, const ReadOptions& options) {
  return read_log(TextLines::read_file(path), options);
}

}  // namespace aidc::calib
