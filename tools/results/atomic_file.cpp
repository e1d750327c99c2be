#include "tools/results/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace aidc::tools {
namespace {

std::runtime_error io_error(const std::string& what, const std::string& path) {
  return std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

void fsync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw io_error("cannot reopen for fsync", path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw io_error("fsync failed", path);
}

void fsync_parent_dir(const std::string& target) {
  auto dir = std::filesystem::path(target).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // Directory fsync is best effort: some filesystems refuse it.
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void remove_stale_temps(const std::string& target) {
  namespace fs = std::filesystem;
  const fs::path t(target);
  const fs::path dir = t.has_parent_path() ? t.parent_path() : fs::path(".");
  const std::string prefix = t.filename().string() + ".tmp.";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size() || name.size() - prefix.size() > 9 ||
        name.find_first_not_of("0123456789", prefix.size()) != std::string::npos) {
      continue;
    }
    const auto pid = static_cast<pid_t>(std::stol(name.substr(prefix.size())));
    // kill(pid, 0) probes without signalling: ESRCH means no such process, so the file is orphaned.
    if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) fs::remove(e.path(), ec);
  }
}

std::string temp_path_for(const std::string& target) {
  return target + ".tmp." + std::to_string(::getpid());
}

void commit_file_atomic(const std::string& target, const std::function<void(const std::string&)>& write) {
  remove_stale_temps(target);
  const std::string tmp = temp_path_for(target);
  try {
    write(tmp);
    fsync_path(tmp);
    if (std::rename(tmp.c_str(), target.c_str()) != 0) throw io_error("cannot rename temp file into place", target);
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  fsync_parent_dir(target);
}

void write_file_atomic(const std::string& target, const std::string& contents) {
  commit_file_atomic(target, [&](const std::string& tmp) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) throw io_error("cannot create", tmp);
    std::size_t off = 0;
    while (off < contents.size()) {
      const ssize_t n = ::write(fd, contents.data() + off, contents.size() - off);
      if (n < 0) {
        if (errno == EINTR) continue;
        ::close(fd);
        throw io_error("write failed", tmp);
      }
      off += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw io_error("close failed", tmp);
  });
}

}  // namespace aidc::tools
