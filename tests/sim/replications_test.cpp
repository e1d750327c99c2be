#include "sim/replications.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "sim/engine.hpp"
#include "sim/rng.hpp"

namespace aidc::sim {
namespace {

// A small stochastic model: 50 machines fail at Exp(1/100 h) and are repaired after Lognormal time;
// returns the time-weighted fraction of machines up over 1,000 h and the number of failures.
struct Fleet {
  explicit Fleet(uint64_t seed, uint32_t rep) {
    for (uint32_t m = 0; m < kMachines; ++m) streams.emplace_back(StreamKey{seed, rep, m, 0});
  }
  static constexpr uint32_t kMachines = 50;
  std::vector<RandomStream> streams;
  TimeWeighted up{SimTime::zero(), kMachines};
  int up_count = kMachines;
  int64_t failures = 0;
  void fail(Engine& e, uint64_t m) {
    ++failures;
    up.set(e.now(), --up_count);
    const double repair_h = streams[m].lognormal(std::log(8.0), 0.5);
    e.schedule_after<&Fleet::repair>(SimTime::from_hours(repair_h), this, m);
  }
  void repair(Engine& e, uint64_t m) {
    up.set(e.now(), ++up_count);
    e.schedule_after<&Fleet::fail>(SimTime::from_hours(streams[m].exponential(1.0 / 100.0)), this, m);
  }
};

struct RepResult {
  double availability = 0;
  int64_t failures = 0;
};

RepResult one_replication(uint64_t seed, int64_t rep) {
  Fleet f(seed, static_cast<uint32_t>(rep));
  Engine e;
  for (uint32_t m = 0; m < Fleet::kMachines; ++m) {
    e.schedule_at<&Fleet::fail>(SimTime::from_hours(f.streams[m].exponential(1.0 / 100.0)), &f, m);
  }
  const SimTime horizon = SimTime::from_hours(1000.0);
  e.run_until(horizon);
  return {f.up.average(horizon) / Fleet::kMachines, f.failures};
}

TEST(Replications, BitIdenticalForAnyThreadCount) {
  const auto run = [](int threads) {
    return run_replications<RepResult>(24, threads, [](int64_t r) { return one_replication(77, r); });
  };
  const auto r1 = run(1), r2 = run(2), r4 = run(4);
  ASSERT_EQ(r1.size(), 24u);
  for (std::size_t i = 0; i < r1.size(); ++i) {
    EXPECT_EQ(std::memcmp(&r1[i].availability, &r2[i].availability, sizeof(double)), 0);
    EXPECT_EQ(std::memcmp(&r1[i].availability, &r4[i].availability, sizeof(double)), 0);
    EXPECT_EQ(r1[i].failures, r4[i].failures);
  }
  const auto get = [](const RepResult& x) { return x.availability; };
  const double m1 = aggregate_in_order(r1, get).mean(), m4 = aggregate_in_order(r4, get).mean();
  EXPECT_EQ(std::memcmp(&m1, &m4, sizeof(double)), 0);
  // Sanity of the model itself: steady-state availability = MTTF/(MTTF+MTTR) = 100/(100+8*e^{0.125}) = 0.9238.
  EXPECT_NEAR(m1, 100.0 / (100.0 + 8.0 * std::exp(0.125)), 0.01);
}

TEST(Replications, DifferentReplicationsDiffer) {
  const auto r = run_replications<RepResult>(4, 2, [](int64_t i) { return one_replication(5, i); });
  EXPECT_NE(r[0].availability, r[1].availability);
}

// ---- parallel_for_index -----------------------------------------------------------------------------------
TEST(ParallelForIndex, EveryIndexOnceForAnyThreadCount) {
  for (int threads : {0, 1, 2, 4}) {
    std::vector<std::atomic<int>> hits(97);
    parallel_for_index(97, threads, [&](int64_t i) { hits[static_cast<std::size_t>(i)].fetch_add(1); });
    for (std::size_t i = 0; i < hits.size(); ++i) EXPECT_EQ(hits[i].load(), 1) << "threads " << threads << " i " << i;
  }
  parallel_for_index(0, 2, [](int64_t) { FAIL() << "called for an empty range"; });
}

// threads = 1 runs on the caller's thread, in index order: what nested use (a sweep's points in parallel,
// each point's replications with threads = 1) relies on, since it then creates no arena and no global limit.
TEST(ParallelForIndex, OneThreadRunsInlineInOrder) {
  const auto caller = std::this_thread::get_id();
  std::vector<int64_t> order;
  parallel_for_index(5, 1, [&](int64_t i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<int64_t>{0, 1, 2, 3, 4}));
}

// An inner parallel_for_index(threads = 1) must not stop the outer loop's other iterations from running at the
// same time: two outer iterations wait (up to 10 s) for each other inside their inner loops.
TEST(ParallelForIndex, InnerSingleThreadedLoopDoesNotSerialiseTheOuterOne) {
  std::atomic<int> arrived{0};
  std::atomic<bool> met{true};
  parallel_for_index(2, 2, [&](int64_t) {
    parallel_for_index(1, 1, [&](int64_t) {
      arrived.fetch_add(1);
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (arrived.load() < 2) {
        if (std::chrono::steady_clock::now() > until) {
          met = false;
          break;
        }
        std::this_thread::yield();
      }
    });
  });
  EXPECT_TRUE(met.load()) << "the two outer iterations never ran at the same time";
}

TEST(ParallelForIndex, RejectsNegativeCounts) {
  EXPECT_THROW(parallel_for_index(-1, 1, [](int64_t) {}), std::invalid_argument);
  EXPECT_THROW(parallel_for_index(3, -1, [](int64_t) {}), std::invalid_argument);
}

}  // namespace
}  // namespace aidc::sim
