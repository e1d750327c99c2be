#include "sim/replications.hpp"

#include <gtest/gtest.h>

#include <cstring>

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

}  // namespace
}  // namespace aidc::sim
