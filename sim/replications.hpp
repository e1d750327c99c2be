#pragma once
// Parallel Monte Carlo replications with results that do not depend on the thread count.
//
// run_replications(n, threads, fn) calls fn(r) for r = 0..n-1 on a oneTBB arena of `threads` workers
// (0 = all hardware threads) and returns the results indexed by r. Determinism comes from three rules:
//   1. each replication builds its own Engine and draws only from streams keyed by its index r
//      (RandomStream{seed, r, entity, stream}), never from shared state;
//   2. results are stored at index r, whichever thread ran it;
//   3. aggregates are computed afterwards, serially, in index order (aggregate_in_order), so floating-
//      point sums are performed in the same order for any thread count.
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "sim/stats.hpp"

// ThreadSanitizer cannot see the synchronisation inside Debian's libtbb (built without -fsanitize=thread):
// without these annotations every hand-off of a replication to a worker, and of its result back, reads as a
// data race. Two separate sync addresses (start, done) give exactly the edges TBB guarantees, caller ->
// workers and workers -> caller, and none between workers, so a real race between replications still shows
// (./tools/tsan).
#if defined(__SANITIZE_THREAD__)
#define AIDC_TSAN_ANNOTATE 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AIDC_TSAN_ANNOTATE 1
#endif
#endif
#ifdef AIDC_TSAN_ANNOTATE
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace aidc::sim {

template <class Result, class Fn>
std::vector<Result> run_replications(int64_t n, int threads, Fn&& fn) {
  if (n < 0) throw std::invalid_argument("run_replications: negative count");
  if (threads < 0) throw std::invalid_argument("run_replications: negative thread count");
  std::vector<Result> out(static_cast<std::size_t>(n));
  // TBB caps an arena at the machine's core count unless the global limit is raised; asking for T
  // threads means T, so that determinism across thread counts is really exercised on small machines.
  std::unique_ptr<tbb::global_control> limit;
  if (threads > 0) {
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                  static_cast<std::size_t>(threads));
  }
  tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : threads);
#ifdef AIDC_TSAN_ANNOTATE
  char start = 0, done = 0;
  __tsan_release(&start);
#endif
  arena.execute([&] {
    // Grain size 1: replications are coarse units of work.
    tbb::parallel_for(tbb::blocked_range<int64_t>(0, n, 1), [&](const tbb::blocked_range<int64_t>& r) {
#ifdef AIDC_TSAN_ANNOTATE
      __tsan_acquire(&start);
#endif
      for (int64_t i = r.begin(); i != r.end(); ++i) out[static_cast<std::size_t>(i)] = fn(i);
#ifdef AIDC_TSAN_ANNOTATE
      __tsan_release(&done);
#endif
    });
  });
#ifdef AIDC_TSAN_ANNOTATE
  __tsan_acquire(&done);
#endif
  return out;
}

// Accumulates a per-replication value in index order.
template <class Result, class Get>
Accumulator aggregate_in_order(const std::vector<Result>& results, Get&& get) {
  Accumulator acc;
  for (const auto& r : results) acc.add(get(r));
  return acc;
}

}  // namespace aidc::sim
