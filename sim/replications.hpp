#pragma once
// Parallel Monte Carlo replications with results that do not depend on the thread count.
//
// run_replications(n, threads, fn) calls fn(r) for r = 0..n-1 on `threads` workers (0 = all hardware
// threads; 1 = inline on the caller, see sim/parallel_for.hpp) and returns the results indexed by r. Determinism comes
// from three rules:
//   1. each replication builds its own Engine and draws only from streams keyed by its index r
//      (RandomStream{seed, r, entity, stream}), never from shared state;
//   2. results are stored at index r, whichever thread ran it;
//   3. aggregates are computed afterwards, serially, in index order (aggregate_in_order), so floating-
//      point sums are performed in the same order for any thread count.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/parallel_for.hpp"
#include "sim/stats.hpp"

namespace aidc::sim {

template <class Result, class Fn>
std::vector<Result> run_replications(int64_t n, int threads, Fn&& fn) {
  if (n < 0) throw std::invalid_argument("run_replications: negative count");
  if (threads < 0) throw std::invalid_argument("run_replications: negative thread count");
  std::vector<Result> out(static_cast<std::size_t>(n));
  parallel_for_index(n, threads, [&](int64_t i) { out[static_cast<std::size_t>(i)] = fn(i); });
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
