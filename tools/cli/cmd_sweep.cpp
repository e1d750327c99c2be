// `aidc sweep SWEEP.yaml -o results.h5`: evaluates every point of a sweep (scenarios/docs/sweep.md) in
// parallel, journals each point as it finishes so that a crashed or killed run resumes where it stopped, and
// writes one HDF5 table with a row per point and replication. Splits over MPI ranks under mpirun, or over
// independent processes with --shard k/n (joined by `aidc merge`); every split gives the same file.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "tools/cli/commands.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/sweep/mpi_session.hpp"
#include "tools/sweep/sweep_runner.hpp"

namespace aidc::cli {
namespace {

struct SweepArgs {
  std::string sweep;
  std::string output;
  std::string shard;
  int threads = 0;
  bool list = false;
  double max_memory_gb = -1.0;
  double max_seconds = -1.0;
};

// done/total, rate and ETA on one terminal line, redrawn at most a few times a second.
class ProgressBar {
 public:
  explicit ProgressBar(int64_t already) : already_(already), start_(Clock::now()) {}
  void update(int64_t done, int64_t total) {
    const auto now = Clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? static_cast<double>(done - already_) / secs : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
    constexpr int kWidth = 30;
    const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
    std::fprintf(stderr, "\r[%-*s] %lld/%lld points  %.2f pt/s  ETA %.0f s   ", kWidth,
                 std::string(static_cast<std::size_t>(filled), '#').c_str(), static_cast<long long>(done),
                 static_cast<long long>(total), rate, eta);
    if (done == total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  int64_t already_;
  Clock::time_point start_;
  Clock::time_point last_{};
};

void run_sweep(const SweepArgs& a, GlobalOptions& g) {
  tools::MpiSession mpi;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    const tools::SweepSpec spec = tools::load_sweep(a.sweep);
    const auto points = tools::sweep_points(spec);
    if (a.list) {
      if (mpi.rank() == 0) {
        for (const auto& p : points) std::cout << p.index << "\t" << tools::describe(p.overrides) << "\n";
      }
      g.exit_code = 0;
      return;
    }
    tools::SweepRunOptions o;
    o.output = a.output;
    o.threads = a.threads;
    if (a.max_memory_gb >= 0) o.limits.max_memory_gb = a.max_memory_gb;
    if (a.max_seconds >= 0) o.limits.max_seconds = a.max_seconds;
    if (!a.shard.empty()) {
      try {
        o.shard = tools::parse_shard(a.shard);
      } catch (const std::invalid_argument& e) {
        throw tools::ConfigError("--shard", 0, 0, "", e.what());
      }
    }
    o.rank = mpi.rank();
    o.ranks = mpi.size();
    o.before_writing = [&] { mpi.barrier(); };
    std::unique_ptr<ProgressBar> bar;
    if (!g.quiet && mpi.rank() == 0 && ::isatty(STDERR_FILENO)) {
      o.progress = [&bar](int64_t done, int64_t total) {
        if (!bar) bar = std::make_unique<ProgressBar>(done - 1);
        bar->update(done, total);
      };
    }
    const tools::SweepRunStats st = tools::run_sweep_share(spec, points, o);
    mpi.barrier();
    if (mpi.rank() == 0) {
      tools::finish_sweep(spec, points, a.output, o.shard);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!g.quiet) {
        std::printf("sweep %s: %lld points%s, %lld resumed from the journal, %lld computed here", spec.path.c_str(),
                    static_cast<long long>(st.points), o.shard.whole() ? "" : (" in shard " + o.shard.text()).c_str(),
                    static_cast<long long>(st.already_done), static_cast<long long>(st.computed));
        if (mpi.size() > 1) std::printf(" (rank 0 of %d)", mpi.size());
        std::printf(", %lld infeasible, %.1f s; wrote %s\n", static_cast<long long>(st.failed), secs, a.output.c_str());
      }
    }
    mpi.barrier();
    g.exit_code = 0;
  } catch (const tools::ConfigError& e) {
    if (!mpi.active()) throw;
    std::cerr << "error (rank " << mpi.rank() << "): " << e.what() << "\n";
    mpi.abort(2);
  } catch (const std::exception& e) {
    if (!mpi.active()) throw;
    std::cerr << "error (rank " << mpi.rank() << "): " << e.what() << "\n";
    mpi.abort(1);
  }
}

}  // namespace

void add_sweep_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("sweep", "Evaluate every point of a sweep file; resumable, MPI- and shard-aware");
  auto a = std::make_shared<SweepArgs>();
  cmd->add_option("SWEEP", a->sweep, "Sweep YAML file (schema aidc-sweep/1)")->required();
  cmd->add_option("-o,--output", a->output, "Results HDF5 file (journals beside it make the run resumable)");
  cmd->add_option("--threads", a->threads, "Worker threads (0 = all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--shard", a->shard, "Evaluate shard k of n (points with index % n == k); join with aidc merge");
  cmd->add_flag("--list", a->list, "Print the points (index and overrides) and exit");
  cmd->add_option("--max-memory-gb", a->max_memory_gb,
                  "Per point: refuse variants estimated to need more memory "
                  "(default 80 % of available; 0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-seconds", a->max_seconds,
                  "Per point: refuse variants whose simulation is estimated to "
                  "take longer (default 3600; 0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([a, &g] {
    if (a->output.empty() && !a->list) throw CLI::RequiredError("--output");
    run_sweep(*a, g);
  });
}

}  // namespace aidc::cli
