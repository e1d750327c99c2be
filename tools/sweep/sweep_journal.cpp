#include "tools/sweep/sweep_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tools/schema/file_exists.hpp"

namespace aidc::tools {
namespace {

constexpr const char* kMagic = "aidc-sweep-journal/2";

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

bool parse_hex64(const std::string& s, uint64_t& v) {
  if (s.size() != 16 || s.find_first_not_of("0123456789abcdef") != std::string::npos) return false;
  v = std::stoull(s, nullptr, 16);
  return true;
}

std::string hex_text(const std::string& s) {
  static const char* digits = "0123456789abcdef";
  std::string o;
  for (unsigned char c : s) {
    o += digits[c >> 4];
    o += digits[c & 15];
  }
  return o.empty() ? "-" : o;
}

bool unhex_text(const std::string& s, std::string& out) {
  out.clear();
  if (s == "-") return true;
  if (s.size() % 2 != 0 || s.find_first_not_of("0123456789abcdef") != std::string::npos) return false;
  for (std::size_t i = 0; i < s.size(); i += 2) out += static_cast<char>(std::stoi(s.substr(i, 2), nullptr, 16));
  return true;
}

std::string header_line(const JournalHeader& h) {
  return std::string(kMagic) + " " + h.fingerprint + " " + std::to_string(h.points) + " " + std::to_string(h.metrics) +
         " " + (h.shard.empty() ? "-" : h.shard) + "\n";
}

std::string point_line(const PointResult& p) {
  std::string body = std::to_string(p.point) + " " + std::to_string(p.rows.size()) + " " + hex_text(p.status) + " " +
                     hex_text(p.fingerprint);
  for (const auto& row : p.rows) {
    for (double v : row) {
      uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof bits);
      body += " " + hex64(bits);
    }
  }
  return body + " " + hex64(fnv1a(body)) + "\n";
}

// Parses one point line (without its newline); false when it is malformed or its checksum fails.
bool parse_point(const std::string& line, int64_t metrics, PointResult& p) {
  const auto last_space = line.rfind(' ');
  if (last_space == std::string::npos) return false;
  uint64_t sum = 0;
  if (!parse_hex64(line.substr(last_space + 1), sum) || sum != fnv1a(line.substr(0, last_space))) return false;
  std::istringstream in(line.substr(0, last_space));
  int64_t nrows = 0;
  std::string status, fingerprint;
  if (!(in >> p.point >> nrows >> status >> fingerprint) || nrows < 0 || !unhex_text(status, p.status) ||
      !unhex_text(fingerprint, p.fingerprint)) {
    return false;
  }
  p.rows.assign(static_cast<std::size_t>(nrows), std::vector<double>(static_cast<std::size_t>(metrics)));
  for (auto& row : p.rows) {
    for (double& v : row) {
      std::string tok;
      uint64_t bits = 0;
      if (!(in >> tok) || !parse_hex64(tok, bits)) return false;
      std::memcpy(&v, &bits, sizeof v);
    }
  }
  std::string extra;
  return !(in >> extra);
}

}  // namespace

std::string journal_path(const std::string& output, int rank) {
  return output + ".journal." + std::to_string(rank);
}

std::vector<std::string> journal_files(const std::string& output) {
  namespace fs = std::filesystem;
  const fs::path out(output);
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  const std::string prefix = out.filename().string() + ".journal.";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size() &&
        name.find_first_not_of("0123456789", prefix.size()) == std::string::npos) {
      files.push_back((out.has_parent_path() ? (dir / name) : fs::path(name)).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::map<int64_t, PointResult> read_journal(const std::string& path, const JournalHeader& expected,
                                            int64_t* valid_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open the sweep journal");
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::map<int64_t, PointResult> points;
  std::size_t pos = text.find('\n');
  if (pos == std::string::npos) {
    if (valid_bytes) *valid_bytes = 0;  // killed while writing the header: nothing was recorded
    return points;
  }
  if (text.substr(0, pos + 1) != header_line(expected)) {
    throw std::runtime_error(path + ": this journal belongs to a different sweep (the sweep file, the base scenario, " +
                             "the shard or the aidc version changed since it was written); delete it to start over");
  }
  std::size_t start = pos + 1;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) break;  // the incomplete line of a killed writer
    PointResult p;
    if (!parse_point(text.substr(start, nl - start), expected.metrics, p)) {
      if (text.find('\n', nl + 1) == std::string::npos) break;  // damaged last line: ignored, like a torn one
      throw std::runtime_error(path + ": corrupt line at byte " + std::to_string(start) + " of the sweep journal");
    }
    if (p.point < 0 || p.point >= expected.points) {
      throw std::runtime_error(path + ": point " + std::to_string(p.point) + " is outside the sweep");
    }
    points[p.point] = std::move(p);
    start = nl + 1;
  }
  if (valid_bytes) *valid_bytes = static_cast<int64_t>(start);
  return points;
}

JournalWriter::JournalWriter(const std::string& path, const JournalHeader& header) : path_(path) {
  int64_t valid = 0;
  if (tools::referenced_file_exists(path)) (void)read_journal(path, header, &valid);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(path + ": cannot open the sweep journal: " + std::strerror(errno));
  // Drop an incomplete tail left by a killed writer before appending after it.
  if (::ftruncate(fd_, valid) != 0) throw std::runtime_error(path + ": cannot truncate: " + std::strerror(errno));
  if (valid == 0) {
    const std::string h = header_line(header);
    if (::write(fd_, h.data(), h.size()) != static_cast<ssize_t>(h.size())) {
      throw std::runtime_error(path + ": cannot write the journal header");
    }
  }
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::append(const PointResult& p) {
  const std::string line = point_line(p);
  const ssize_t n = ::write(fd_, line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size())) {
    throw std::runtime_error(path_ + ": cannot append to the sweep journal: " + std::strerror(errno));
  }
}

void JournalWriter::sync() {
  if (::fsync(fd_) != 0) throw std::runtime_error(path_ + ": fsync failed: " + std::strerror(errno));
}

}  // namespace aidc::tools
