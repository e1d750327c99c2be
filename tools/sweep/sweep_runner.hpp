#pragma once
// Running a sweep: evaluate each point through the whole pipeline (tools/cli/pipeline.hpp), journal it as it
// finishes (sweep_journal.hpp), and assemble the results table (one row per point and replication).
//
// Work splits three ways, all by point index, so every split gives the same rows:
//   - threads: oneTBB over this process' points (each point single-threaded inside);
//   - shards (`--shard k/n`): the points with index % n == k, written to a shard file that `aidc merge` joins;
//   - MPI ranks: rank r of R takes every R-th of the points still to do.
// Every point uses the sweep's seed (common random numbers: two designs differ only by their design).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tools/cli/resource_guard.hpp"
#include "tools/results/h5_writer.hpp"
#include "tools/sweep/sweep_journal.hpp"
#include "tools/sweep/sweep_spec.hpp"

namespace aidc::tools {

struct Shard {
  int k = 0;
  int n = 1;
  bool whole() const { return n == 1; }
  std::string text() const { return whole() ? std::string() : std::to_string(k) + "/" + std::to_string(n); }
};

// Parses "k/n" with 0 <= k < n. Throws std::invalid_argument with a clear message.
Shard parse_shard(const std::string& text);

struct SweepRunOptions {
  std::string output;          // the results file; journals live beside it
  int threads = 0;             // 0: all hardware threads
  cli::ResourceLimits limits;  // per point (tools/cli/resource_guard.hpp)
  Shard shard;
  int rank = 0;  // MPI rank and size (1 process: 0 and 1)
  int ranks = 1;
  // Called after each point this process finishes, with (done, total) over the whole shard, including the
  // points an earlier run finished. Serialised: never called concurrently.
  std::function<void(int64_t, int64_t)> progress;
  // Called between reading the journals and opening this process' own (MPI: a barrier, so that no rank
  // truncates a journal another is still reading).
  std::function<void()> before_writing;
};

struct SweepRunStats {
  int64_t points = 0;        // in this shard
  int64_t already_done = 0;  // found in journals
  int64_t computed = 0;      // by this process now
  int64_t failed = 0;        // of those computed: status != "ok"
};

// The journal header of a sweep (shard).
JournalHeader sweep_journal_header(const SweepSpec& spec, const Shard& shard);

// Evaluates one point (single-threaded). Never throws for a bad variant: its status says why.
PointResult evaluate_point(const SweepSpec& spec, const SweepPoint& point, int64_t default_replications,
                           const cli::ResourceLimits& limits = {});

// Evaluates this process' share of the points not yet in any journal of `options.output`.
SweepRunStats run_sweep_share(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                              const SweepRunOptions& options);

// Reads every journal of `output`, checks that each point of the shard is there, builds the results table and
// writes it atomically to `output`, then removes the journals. Throws when points are missing.
void finish_sweep(const SweepSpec& spec, const std::vector<SweepPoint>& points, const std::string& output,
                  const Shard& shard);

// Joins shard files of one sweep into the file a single run would have written (byte-identical). Checks that
// they come from the same sweep, that every shard k of n is there once, and that no point is missing.
void merge_sweep_shards(const std::vector<std::string>& shard_files, const std::string& output);

}  // namespace aidc::tools
