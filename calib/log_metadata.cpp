#include "calib/log_metadata.hpp"

#include <array>
#include <cctype>
#include <regex>

#include "calib/text_lines.hpp"

namespace aidc::calib {

namespace {

// std::regex matches by recursion, one level per character a repetition consumes: a 40 kB device name or
// program name overflowed the stack (exit 139). The regexes below see at most this many characters of a
// line; the fields that may legitimately be long (device names, environment values) are cut out by hand.
constexpr std::size_t kMaxRegexInput = 2048;

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
  // Longer names first: "GB200" contains "B200", "H200" contains "H20", "RTX 6000D" is not an "H100".
  static const std::array<std::string_view, 24> kModels = {
      "GB300", "GB200", "GH200", "B300", "B200", "H200", "H100", "H800", "H20",       "A100",   "A800",   "A10G",
      "L40S",  "L40",   "A40",   "A30",  "V100", "P100", "T4",   "L4",   "RTX 6000D", "MI355X", "MI325X", "MI300X"};
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (auto model : kModels) {
    const std::size_t at = upper.find(model);
    if (at == std::string::npos) continue;
    // The short names (T4, L4, A30, ...) count only as a word of their own, not inside another token.
    const std::size_t after = at + model.size();
    const bool alnum_after = after < upper.size() && std::isalnum(static_cast<unsigned char>(upper[after]));
    if (model.size() <= 3 && (alnum_after || (at > 0 && std::isalnum(static_cast<unsigned char>(upper[at - 1]))))) {
      continue;
    }
    // The form factor, when the name states one right after the model ("NVIDIA H100 PCIe", "NVIDIA H100 NVL",
    // "NVIDIA A100-PCIE-40GB", "NVIDIA A100 80GB PCIe"): PCIe and NVL cards of a model have other links and
    // clocks than its SXM part, so they are another platform. Only the next two words are looked at, up to
    // any punctuation, so that "H100 (SXM), PCIe Gen5 host link" stays an H100.
    std::string variant;
    std::size_t i = after;
    for (int word = 0; word < 2 && i < upper.size(); ++word) {
      while (i < upper.size() && (upper[i] == ' ' || upper[i] == '-' || upper[i] == '_')) ++i;
      std::size_t j = i;
      while (j < upper.size() && std::isalnum(static_cast<unsigned char>(upper[j]))) ++j;
      const std::string_view w = std::string_view(upper).substr(i, j - i);
      if (w.empty()) break;
      if (w == "PCIE") variant = " PCIe";
      if (w == "NVL") variant = " NVL";
      i = j;
    }
    return std::string(model) + variant;
  }
  return {};
}

int LogMetadata::device_hosts() const {
  std::set<std::string> hosts;
  for (const auto& d : devices) hosts.insert(d.host);
  return static_cast<int>(hosts.size());
}

void LogMetadata::require_valid(const TextLines& text) const {
  if (garbled_device_line != 0) {
    text.fail(garbled_device_line,
              "device line not understood (expected 'Rank N ... device D [bus id] name', "
              "with the bus id and name within the first " +
                  std::to_string(kMaxRegexInput) + " characters)");
  }
  if (out_of_range_line != 0) {
    text.fail(out_of_range_line, "stated node or GPU count out of range (at most " + std::to_string(kMaxStatedNodes) +
                                     " nodes x " + std::to_string(kMaxStatedGpusPerNode) + " GPUs per node)");
  }
}

namespace {

bool is_env_char(char c) {
  return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
}

// "NCCL_X=Y" assignments in an environment statement: a name of [A-Z0-9_] after "NCCL_" at the start or after
// whitespace, ';', ',' or '(', and a value up to whitespace, ';', ',' or ')'.
void scan_env_assignments(std::string_view s, std::map<std::string, std::string>& env) {
  constexpr std::string_view kNccl = "NCCL_";
  for (std::size_t at = s.find(kNccl); at != std::string_view::npos; at = s.find(kNccl, at + 1)) {
    if (at > 0) {
      const char before = s[at - 1];
      if (!std::isspace(static_cast<unsigned char>(before)) && before != ';' && before != ',' && before != '(')
        continue;
    }
    std::size_t j = at + kNccl.size();
    while (j < s.size() && is_env_char(s[j])) ++j;
    if (j == at + kNccl.size() || j >= s.size() || s[j] != '=') continue;
    std::size_t k = j + 1;
    while (k < s.size() && !std::isspace(static_cast<unsigned char>(s[k])) && s[k] != ';' && s[k] != ',' && s[k] != ')')
      ++k;
    if (k == j + 1) continue;
    env[std::string(s.substr(at, j - at))] = std::string(s.substr(j + 1, k - j - 1));
  }
}

// The first whitespace-separated word after `at`.
std::string_view word_at(std::string_view s, std::size_t at) {
  while (at < s.size() && std::isspace(static_cast<unsigned char>(s[at]))) ++at;
  std::size_t end = at;
  while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
  return s.substr(at, end - at);
}

}  // namespace

void LogMetadata::scan(std::string_view text_view, int line) {
  // Device line up to the PCI id; the name after it is taken by hand (it may be long).
  static const std::regex kDevice(
      R"(Rank\s+(\d+)\s+(?:Group\s+\d+\s+)?Pid\s+\d+\s+on\s+(\S+)\s+device\s+(\d+)\s+\[[^\]]*\]\s+)");
  static const std::regex kDeviceStart(R"(Rank\s+\d+\s+(?:Group\s+\d+\s+)?Pid\s+\d+\s+on\s+\S+\s+device\s+\d+)");
  static const std::regex kNodes(R"(nodes\s*x\s*GPUs\s*:\s*(\d+)\s*(?:[A-Za-z]+\s+)?x\s*(\d+))", std::regex::icase);
  static const std::regex kVm(R"((\d+)\s*VM\s*x\s*(\d+)x)");
  static const std::regex kSingle(R"(single node\s+(\d+)x)", std::regex::icase);
  static const std::regex kMethod(
      R"((AllReduce|AllGather|ReduceScatter|AlltoAll|all_reduce|all_gather|reduce_scatter))");
  static const std::regex kVersion(R"(NCCL(?: version|=|\s)\s*v?(\d+\.\d+\.\d+[^\s;,)]*))", std::regex::icase);
  static const std::regex kLibrary(R"(nccl-library=(\d+))");
  static const std::regex kEnvWord(R"(\benv\b:?)");
  // A program name: a whole word, optionally "_mpi", not followed by a word character or a dot, so that a file
  // named after a test (NCCL_DEBUG_FILE=/tmp/alltoall_perf.%h.log in an environment or NCCL INFO line) does not
  // rename the test the log ran.
  static const std::regex kPerf(
      R"((?:^|[^A-Za-z0-9_])(all_reduce|all_gather|reduce_scatter|alltoall|broadcast|reduce|sendrecv)_perf(?:_mpi)?(?![A-Za-z0-9_.]))");

  const std::string text(text_view.substr(0, kMaxRegexInput));
  std::smatch m;
  if (std::regex_search(text, m, kDevice)) {
    DeviceLine d;
    d.rank = static_cast<int>(parse_integer(m[1].str()).value_or(0));
    d.host = m[2].str();
    d.device = static_cast<int>(parse_integer(m[3].str()).value_or(0));
    d.name = std::string(trim(text_view.substr(static_cast<std::size_t>(m.position(0) + m.length(0)))));
    d.line = line;
    if (!d.name.empty()) {
      devices.push_back(d);
      if (gpu.empty()) gpu = canonical_gpu(d.name);
      return;
    }
  }
  // A device line whose bus id or name is missing or garbled: dropping it would miscount the ranks.
  if (std::regex_search(text, m, kDeviceStart)) {
    if (garbled_device_line == 0) garbled_device_line = line;
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
  // "NCCL INFO NCCL_IB_HCA set by environment to mlx5_0": the name is the word before, the value the word after.
  constexpr std::string_view kSetBy = " set by environment to ";
  if (auto at = text_view.find(kSetBy); at != std::string_view::npos) {
    std::size_t begin = at;
    while (begin > 0 && is_env_char(text_view[begin - 1])) --begin;
    const std::string_view name = text_view.substr(begin, at - begin);
    const std::string_view value = word_at(text_view, at + kSetBy.size());
    if (starts_with(name, "NCCL_") && !value.empty()) env[std::string(name)] = std::string(value);
  }
  // NCCL_X=Y tokens count only in an environment statement ("env: ...", "RUN B: env ..."), up to the first
  // parenthesis: prose such as "(maintainer: use NCCL_ALGO=Ring)" describes another run, not this one.
  if (std::regex_search(text, m, kEnvWord)) {
    std::string_view statement = text_view.substr(static_cast<std::size_t>(m.position(0) + m.length(0)));
    statement = statement.substr(0, statement.find('('));
    scan_env_assignments(statement, env);
  }
  // The network transport NCCL chose: "NCCL INFO Using network IB" (or Socket, "AWS Libfabric"), and
  // "NCCL INFO NET/Socket : Using [0]eth0" in the versions that print no "Using network" line.
  constexpr std::string_view kUsingNetwork = "Using network ";
  if (auto at = text_view.find(kUsingNetwork); at != std::string_view::npos) {
    network = std::string(trim(text_view.substr(at + kUsingNetwork.size(), kMaxRegexInput)));
  } else if (auto net = text_view.find("NET/"); net != std::string_view::npos && network.empty() &&
                                                text_view.find(" : Using", net) != std::string_view::npos) {
    std::size_t end = net + 4;
    while (end < text_view.size() && std::isalnum(static_cast<unsigned char>(text_view[end]))) ++end;
    if (end > net + 4) network = std::string(text_view.substr(net + 4, end - net - 4));
  }
  constexpr std::string_view kStarting = "Collective test starting:";
  if (auto at = text_view.find(kStarting); at != std::string_view::npos) {
    const std::string_view program = word_at(text_view, at + kStarting.size());
    collective = collective_from_name(program);
    unsupported_collective.clear();
    unsupported_collective_line = 0;
    if (!collective && !program.empty()) {
      // gather_perf, scatter_perf, hypercube_perf, ...: named, but not a collective the model has.
      unsupported_collective = std::string(program.substr(0, kMaxRegexInput));
      unsupported_collective_line = line;
    }
  } else if (std::regex_search(text, m, kPerf)) {
    collective = collective_from_name(m[1].str());
  } else if (!collective && (starts_with(lower, "method") || starts_with(lower, "tool")) &&
             std::regex_search(text, m, kMethod)) {
    collective = collective_from_name(m[1].str());
  }
}

}  // namespace aidc::calib
