#pragma once
// The sweep journal: how a sweep survives a crash or `kill -9` without losing finished points.
//
// Each finished point is appended to "<output>.journal.<rank>" as one text line written with a single
// write(2) on an O_APPEND descriptor: the header identifies the sweep (fingerprint of the sweep file, the
// base scenario and the aidc version), and each point line carries its rows as the hex bit patterns of the
// doubles (exact: a resumed sweep reproduces every bit) and a checksum. A process killed mid-write leaves at
// most one incomplete last line, which reading ignores and reopening truncates. Page-cache data survives
// the death of the process, so no fsync per point is needed for kill -9; the journal is fsync'ed when the
// sweep finishes, and a power failure can only cost points, never corrupt the result.
// When the sweep completes, its results file is written atomically and the journals are removed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace aidc::tools {

// One evaluated point: `rows[r][m]` is metric m of replication r. An infeasible point (its scenario fails
// validation, or the site does not build) has status != "ok" and rows of NaN.
struct PointResult {
  int64_t point = 0;
  std::string status = "ok";
  std::string fingerprint;  // the point's determinism fingerprint (16 hex digits), "" when it has none
  std::vector<std::vector<double>> rows;
};

struct JournalHeader {
  std::string fingerprint;
  int64_t points = 0;
  int64_t metrics = 0;
  std::string shard;  // "k/n" or "" for the whole sweep
};

// Journal files of `output`: "<output>.journal.<n>" for every rank or shard process n that wrote one.
std::vector<std::string> journal_files(const std::string& output);
std::string journal_path(const std::string& output, int rank);

// Reads every complete, checksummed point line of `path`. Throws std::runtime_error when the header
// belongs to another sweep (the message says which file to delete) or a line is corrupt before the last.
// Returns the byte length of the valid prefix in `valid_bytes`.
std::map<int64_t, PointResult> read_journal(const std::string& path, const JournalHeader& expected,
                                            int64_t* valid_bytes = nullptr);

class JournalWriter {
 public:
  // Opens (creating or truncating its incomplete tail) the journal for appending.
  JournalWriter(const std::string& path, const JournalHeader& header);
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  ~JournalWriter();
  // Appends one point as a single write. Thread-safe only under the caller's lock.
  void append(const PointResult& p);
  // Flushes to stable storage.
  void sync();

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace aidc::tools
