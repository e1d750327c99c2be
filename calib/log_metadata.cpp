#include "calib/log_metadata.hpp"

#include <array>
#include <regex>

#include "calib/text_lines.hpp"

namespace aidc::calib {

namespace {

// nccl-library=23004 encodes major*10000 + minor*100 + patch (NCCL >= 2.9).
constexpr int kNcclCodeMajor = 10000;
constexpr int kNcclCodeMinor = 100;

std::string nccl_code_to_version(const std::string& code) {
  auto v = parse_integer(code);
  if (!v) return code;
  return std::to_string(*v / kNcclCodeMajor) + "." + std::to_string((*v % kNcclCodeMajor) / kNcclCodeMinor) + "." +
         std::to_string(*v % kNcclCodeMinor);
}

}  // namespace

std::string canonical_gpu(std::string_view text) {
  // Longer names first: "GB200" contains "B200", "RTX 6000D" is not an "H100".
  static const std::array<std::string_view, 15> kModels = {"GB300", "GB200",     "GH200",  "B300",   "B200",
                                                           "H200",  "H100",      "H800",   "A100",   "A800",
                                                           "L40S",  "RTX 6000D", "MI355X", "MI325X", "MI300X"};
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (auto model : kModels) {
    if (upper.find(model) != std::string::npos) return std::string(model);
  }
  return {};
}

int LogMetadata::device_hosts() const {
  std::set<std::string> hosts;
  for (const auto& d : devices) hosts.insert(d.host);
  return static_cast<int>(hosts.size());
}

void LogMetadata::require_valid(const TextLines& text) const {
  if (out_of_range_line != 0) {
    text.fail(out_of_range_line, "stated node or GPU count out of range (at most " + std::to_string(kMaxStatedNodes) +
                                     " nodes x " + std::to_string(kMaxStatedGpusPerNode) + " GPUs per node)");
  }
}

void LogMetadata::scan(std::string_view text_view, int line) {
  static const std::regex kDevice(
      R"(Rank\s+(\d+)\s+(?:Group\s+\d+\s+)?Pid\s+\d+\s+on\s+(\S+)\s+device\s+(\d+)\s+\[[^\]]*\]\s+(.*\S))");
  static const std::regex kNodes(R"(nodes\s*x\s*GPUs\s*:\s*(\d+)\s*(?:[A-Za-z]+\s+)?x\s*(\d+))", std::regex::icase);
  static const std::regex kVm(R"((\d+)\s*VM\s*x\s*(\d+)x)");
  static const std::regex kSingle(R"(single node\s+(\d+)x)", std::regex::icase);
  static const std::regex kMethod(
      R"((AllReduce|AllGather|ReduceScatter|AlltoAll|all_reduce|all_gather|reduce_scatter))");
  static const std::regex kVersion(R"(NCCL(?: version|=|\s)\s*v?(\d+\.\d+\.\d+[^\s;,)]*))", std::regex::icase);
  static const std::regex kLibrary(R"(nccl-library=(\d+))");
  static const std::regex kEnvInfo(R"((NCCL_[A-Z0-9_]+) set by environment to (\S+))");
  static const std::regex kEnv(R"((?:^|[\s;,(])(NCCL_[A-Z0-9_]+)=([^\s;,)]+))");
  static const std::regex kEnvWord(R"(\benv\b:?)");
  static const std::regex kStarting(R"(Collective test starting:\s*(\S+))");
  static const std::regex kPerf(R"((all_reduce|all_gather|reduce_scatter|alltoall|broadcast|reduce|sendrecv)_perf)");

  const std::string text(text_view);
  std::smatch m;
  if (std::regex_search(text, m, kDevice)) {
    DeviceLine d;
    d.rank = static_cast<int>(parse_integer(m[1].str()).value_or(0));
    d.host = m[2].str();
    d.device = static_cast<int>(parse_integer(m[3].str()).value_or(0));
    d.name = m[4].str();
    d.line = line;
    devices.push_back(d);
    if (gpu.empty()) gpu = canonical_gpu(d.name);
    return;
  }
  // The counts were cast to int unchecked: "2147483647 x 8" became -8 ranks, "99999999999 x 8" 1136082936.
  const auto stated = [&](const std::string& n, const std::string& g) {
    const long long vn = parse_integer(n).value_or(-1), vg = parse_integer(g).value_or(-1);
    if (vn < 0 || vn > kMaxStatedNodes || vg < 0 || vg > kMaxStatedGpusPerNode) {
      if (out_of_range_line == 0) out_of_range_line = line;
      return;
    }
    nodes = static_cast<int>(vn);
    gpus_per_node = static_cast<int>(vg);
  };
  if (std::regex_search(text, m, kNodes)) {
    stated(m[1].str(), m[2].str());
  } else if (std::regex_search(text, m, kVm)) {
    stated(m[1].str(), m[2].str());
  } else if (nodes == 0 && std::regex_search(text, m, kSingle)) {
    stated("1", m[1].str());
  }
  const std::string lower = to_lower(text);
  if (gpu.empty() && (lower.find("hardware") != std::string::npos || lower.find("gpu:") != std::string::npos)) {
    gpu = canonical_gpu(text);
  }
  if (std::regex_search(text, m, kLibrary)) {
    nccl_version = nccl_code_to_version(m[1].str());
  } else if (nccl_version.empty() && std::regex_search(text, m, kVersion)) {
    nccl_version = m[1].str();
  }
  if (std::regex_search(text, m, kEnvInfo)) env[m[1].str()] = m[2].str();
  // NCCL_X=Y tokens count only in an environment statement ("env: ...", "RUN B: env ..."), up to the first
  // parenthesis: prose such as "(maintainer: use NCCL_ALGO=Ring)" describes another run, not this one.
  if (std::regex_search(text, m, kEnvWord)) {
    std::string statement = m.suffix().str();
    statement = statement.substr(0, statement.find('('));
    for (auto it = std::sregex_iterator(statement.begin(), statement.end(), kEnv); it != std::sregex_iterator(); ++it) {
      env[(*it)[1].str()] = (*it)[2].str();
    }
  }
  if (std::regex_search(text, m, kStarting)) {
    collective = collective_from_name(m[1].str());
  } else if (std::regex_search(text, m, kPerf)) {
    collective = collective_from_name(m[1].str());
  } else if (!collective && (starts_with(lower, "method") || starts_with(lower, "tool")) &&
             std::regex_search(text, m, kMethod)) {
    collective = collective_from_name(m[1].str());
  }
}

}  // namespace aidc::calib
