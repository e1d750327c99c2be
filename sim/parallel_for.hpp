#pragma once
// parallel_for_index(n, threads, fn): calls fn(i) for i = 0..n-1 on `threads` workers (0 = all hardware
// threads), the one place aidcsim starts parallel work (replications, sweep points, plan designs).
//
// Why one helper:
//  - threads == 1 (or n <= 1) runs inline on the caller's thread, with no arena and no oneTBB global limit.
//    Nested use depends on it: a sweep runs its points on T workers and every point's replications with
//    threads = 1. A tbb::global_control(max_allowed_parallelism, 1) inside a point would cap the whole
//    process at one thread for as long as it lives (oneTBB applies the most restrictive active limit), which
//    is what serialised sweeps before this helper existed.
//  - More threads than cores is honoured (the global limit is raised only then), so that determinism across
//    thread counts is really exercised on small machines.
//  - ThreadSanitizer cannot see the synchronisation inside Debian's libtbb (built without -fsanitize=thread):
//    without annotations every hand-off of an index to a worker, and of its result back, reads as a data race.
//    Two sync addresses (start, done) give exactly the edges oneTBB guarantees, caller -> workers and
//    workers -> caller, and none between workers, so a real race between iterations still shows
//    (./tools/tsan and its canary).
// fn must not throw across threads unless the caller is ready for oneTBB to rethrow the first exception.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <thread>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

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

template <class Fn>
void parallel_for_index(int64_t n, int threads, Fn&& fn) {
  if (n < 0) throw std::invalid_argument("parallel_for_index: negative count");
  if (threads < 0) throw std::invalid_argument("parallel_for_index: negative thread count");
  if (threads == 1 || n <= 1) {
    for (int64_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::unique_ptr<tbb::global_control> raise;
  const auto cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (threads > cores) {
    raise = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                  static_cast<std::size_t>(threads));
  }
  tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : threads);
#ifdef AIDC_TSAN_ANNOTATE
  char start = 0, done = 0;
  __tsan_release(&start);
#endif
  arena.execute([&] {
    // Grain size 1: every index is a coarse unit of work (a replication, a sweep point, a design).
    tbb::parallel_for(tbb::blocked_range<int64_t>(0, n, 1), [&](const tbb::blocked_range<int64_t>& r) {
#ifdef AIDC_TSAN_ANNOTATE
      __tsan_acquire(&start);
#endif
      for (int64_t i = r.begin(); i != r.end(); ++i) fn(i);
#ifdef AIDC_TSAN_ANNOTATE
      __tsan_release(&done);
#endif
    });
  });
#ifdef AIDC_TSAN_ANNOTATE
  __tsan_acquire(&done);
#endif
}

}  // namespace aidc::sim
