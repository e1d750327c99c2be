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

// The hold model on the Engine, with `pending` events scheduled.
struct EngineHold {
  Engine engine;
  HoldModel model;
  explicit EngineHold(std::size_t pending) {
    engine.reserve(pending + 1);
    for (std::size_t i = 0; i < pending; ++i) {
      engine.schedule_at<&HoldModel::on_event>(SimTime::from_ns(static_cast<int64_t>(model.rng.exponential(1.0) * 1e9)),
                                               &model);
    }
  }
  void step() { engine.step(); }
};

// The same on the baseline, std::priority_queue<std::pair<double, std::function<void()>>>.
struct BaselineHold {
  using Item = std::pair<double, std::function<void()>>;
  struct Later {
    bool operator()(const Item& a, const Item& b) const { return a.first > b.first; }
  };
  std::priority_queue<Item, std::vector<Item>, Later> queue;
  RandomStream rng{{1, 0, 0, 0}};
  double now = 0.0;
  std::function<void()> handler = [this] { queue.emplace(now + rng.exponential(1.0), handler); };
  explicit BaselineHold(std::size_t pending) {
    for (std::size_t i = 0; i < pending; ++i) queue.emplace(rng.exponential(1.0), handler);
  }
  BaselineHold(const BaselineHold&) = delete;  // the handler captures this
  BaselineHold& operator=(const BaselineHold&) = delete;
  void step() {
    Item top = queue.top();
    queue.pop();
    now = top.first;
    top.second();
  }
};

void BM_Hold(benchmark::State& state) {
  EngineHold hold(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) hold.step();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["pending"] = static_cast<double>(hold.engine.pending());
}
BENCHMARK(BM_Hold)->Arg(1000)->Arg(100000)->Arg(1000000);

void BM_HoldBaseline(benchmark::State& state) {
  BaselineHold hold(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) hold.step();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldBaseline)->Arg(1000)->Arg(100000)->Arg(1000000);

// The two above side by side, for the ratio the targets are stated in: each iteration runs a block of
// events on the engine, then the same number on the baseline, each timed on its own. Counters:
// engine_ev_per_s, baseline_ev_per_s and ratio (engine / baseline) over the whole run.
void BM_HoldVsBaseline(benchmark::State& state) {
  constexpr int kBlock = 1 << 16;
  EngineHold engine(static_cast<std::size_t>(state.range(0)));
  BaselineHold baseline(static_cast<std::size_t>(state.range(0)));
  using Clock = std::chrono::steady_clock;
  Clock::duration engine_time{}, baseline_time{};
  for (auto _ : state) {
    const auto t0 = Clock::now();
    for (int i = 0; i < kBlock; ++i) engine.step();
    const auto t1 = Clock::now();
    for (int i = 0; i < kBlock; ++i) baseline.step();
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
