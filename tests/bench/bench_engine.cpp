// The classic hold model (Vaucher & Duval 1975; Jones 1986): with N events pending, repeatedly pop the
// earliest event and schedule one at now + Exp(1). Each iteration is one event, the random draw included.
// BM_Hold uses the real Engine API that models use; BM_HoldBaseline is
// std::priority_queue<std::pair<double, std::function<void()>>>, measured in the same run.
#include <benchmark/benchmark.h>

#include <chrono>
#include <functional>
#include <queue>

#include "sim/engine.hpp"
#include "sim/rng.hpp"

namespace {

using aidc::sim::Engine;
using aidc::sim::RandomStream;
using aidc::sim::SimTime;

// Exp(1) in simulated seconds, rounded to ns: mean 1e9 ns keeps ties rare, as in the classic model.
struct HoldModel {
  RandomStream rng{{1, 0, 0, 0}};
  void on_event(Engine& e, uint64_t) {
    e.schedule_after<&HoldModel::on_event>(SimTime::from_ns(static_cast<int64_t>(rng.exponential(1.0) * 1e9)), this);
  }
};

void BM_Hold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  Engine engine;
  HoldModel model;
  engine.reserve(pending + 1);
  for (std::size_t i = 0; i < pending; ++i) {
    engine.schedule_at<&HoldModel::on_event>(SimTime::from_ns(static_cast<int64_t>(model.rng.exponential(1.0) * 1e9)),
                                             &model);
  }
  for (auto _ : state) engine.step();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["pending"] = static_cast<double>(engine.pending());
}
BENCHMARK(BM_Hold)->Arg(1000)->Arg(100000)->Arg(1000000);

void BM_HoldBaseline(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  using Item = std::pair<double, std::function<void()>>;
  const auto later = [](const Item& a, const Item& b) { return a.first > b.first; };
  std::priority_queue<Item, std::vector<Item>, decltype(later)> queue(later);
  RandomStream rng{{1, 0, 0, 0}};
  double now = 0.0;
  std::function<void()> handler;
  handler = [&] { queue.emplace(now + rng.exponential(1.0), handler); };
  for (std::size_t i = 0; i < pending; ++i) queue.emplace(rng.exponential(1.0), handler);
  for (auto _ : state) {
    Item top = queue.top();
    queue.pop();
    now = top.first;
    top.second();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldBaseline)->Arg(1000)->Arg(100000)->Arg(1000000);

// The two above side by side, for the ratio the targets are stated in: each iteration runs a block of
// events on the engine, then the same number on the baseline, each timed on its own. Counters:
// engine_ev_per_s, baseline_ev_per_s and ratio (engine / baseline) over the whole run.
void BM_HoldVsBaseline(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  constexpr int kBlock = 1 << 16;
  Engine engine;
  HoldModel model;
  engine.reserve(pending + 1);
  for (std::size_t i = 0; i < pending; ++i) {
    engine.schedule_at<&HoldModel::on_event>(SimTime::from_ns(static_cast<int64_t>(model.rng.exponential(1.0) * 1e9)),
                                             &model);
  }
  using Item = std::pair<double, std::function<void()>>;
  const auto later = [](const Item& a, const Item& b) { return a.first > b.first; };
  std::priority_queue<Item, std::vector<Item>, decltype(later)> queue(later);
  RandomStream rng{{1, 0, 0, 0}};
  double now = 0.0;
  std::function<void()> handler;
  handler = [&] { queue.emplace(now + rng.exponential(1.0), handler); };
  for (std::size_t i = 0; i < pending; ++i) queue.emplace(rng.exponential(1.0), handler);
  using Clock = std::chrono::steady_clock;
  Clock::duration engine_time{}, baseline_time{};
  for (auto _ : state) {
    const auto t0 = Clock::now();
    for (int i = 0; i < kBlock; ++i) engine.step();
    const auto t1 = Clock::now();
    for (int i = 0; i < kBlock; ++i) {
      Item top = queue.top();
      queue.pop();
      now = top.first;
      top.second();
    }
    const auto t2 = Clock::now();
    engine_time += t1 - t0;
    baseline_time += t2 - t1;
  }
  const double events = static_cast<double>(state.iterations()) * kBlock;
  const double engine_s = std::chrono::duration<double>(engine_time).count();
  const double baseline_s = std::chrono::duration<double>(baseline_time).count();
  state.counters["engine_ev_per_s"] = events / engine_s;
  state.counters["baseline_ev_per_s"] = events / baseline_s;
  state.counters["ratio"] = baseline_s / engine_s;
}
BENCHMARK(BM_HoldVsBaseline)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
