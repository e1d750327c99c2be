#include "sim/engine.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <queue>
#include <string>
#include <vector>

namespace aidc::sim {
namespace {
using namespace literals;

// Records (time, tag) of every fired event.
struct Recorder {
  std::vector<std::pair<int64_t, uint64_t>> log;
  void on(Engine& e, uint64_t tag) { log.emplace_back(e.now().ns(), tag); }
};

TEST(Engine, FiresInTimeOrder) {
  Engine e;
  Recorder r;
  e.schedule_at<&Recorder::on>(30_ns, &r, 3);
  e.schedule_at<&Recorder::on>(10_ns, &r, 1);
  e.schedule_at<&Recorder::on>(20_ns, &r, 2);
  e.run();
  ASSERT_EQ(r.log.size(), 3u);
  EXPECT_EQ(r.log[0], std::make_pair(int64_t{10}, uint64_t{1}));
  EXPECT_EQ(r.log[1], std::make_pair(int64_t{20}, uint64_t{2}));
  EXPECT_EQ(r.log[2], std::make_pair(int64_t{30}, uint64_t{3}));
  EXPECT_EQ(e.now(), 30_ns);
}

TEST(Engine, TiesResolveByPriorityThenSchedulingOrder) {
  Engine e;
  Recorder r;
  // All at t = 5 ns. Priority 1 fires after every priority-0 event; equal priority fires FIFO.
  e.schedule_at<&Recorder::on>(5_ns, &r, 100, 1);
  e.schedule_at<&Recorder::on>(5_ns, &r, 1);
  e.schedule_at<&Recorder::on>(5_ns, &r, 2);
  e.schedule_at<&Recorder::on>(5_ns, &r, 3);
  e.run();
  std::vector<uint64_t> tags;
  for (const auto& x : r.log) tags.push_back(x.second);
  EXPECT_EQ(tags, (std::vector<uint64_t>{1, 2, 3, 100}));
}

TEST(Engine, CancelPendingFiredAndTwice) {
  Engine e;
  Recorder r;
  const auto a = e.schedule_at<&Recorder::on>(10_ns, &r, 1);
  const auto b = e.schedule_at<&Recorder::on>(20_ns, &r, 2);
  e.cancel(b);
  e.cancel(b);  // twice: harmless
  EXPECT_EQ(e.pending(), 1u);
  e.run();
  e.cancel(a);  // already fired: harmless
  ASSERT_EQ(r.log.size(), 1u);
  EXPECT_EQ(r.log[0].second, 1u);
  EXPECT_EQ(e.pending(), 0u);
  e.cancel(EventHandle{});  // empty handle: harmless
}

// A handler that cancels another pending event, e.g. a repair completing cancels a timeout.
struct Canceller {
  EventHandle victim;
  std::vector<uint64_t> fired;
  void cancel_it(Engine& e, uint64_t) { e.cancel(victim); }
  void mark(Engine&, uint64_t tag) { fired.push_back(tag); }
};

TEST(Engine, CancelFromInsideHandler) {
  Engine e;
  Canceller c;
  e.schedule_at<&Canceller::cancel_it>(1_ns, &c);
  c.victim = e.schedule_at<&Canceller::mark>(2_ns, &c, 7);
  e.schedule_at<&Canceller::mark>(3_ns, &c, 8);
  e.run();
  EXPECT_EQ(c.fired, (std::vector<uint64_t>{8}));
}

TEST(Engine, RunUntilStopsAtHorizonAndAdvancesClock) {
  Engine e;
  Recorder r;
  e.schedule_at<&Recorder::on>(10_ns, &r, 1);
  e.schedule_at<&Recorder::on>(50_ns, &r, 2);
  e.run_until(20_ns);
  EXPECT_EQ(r.log.size(), 1u);
  EXPECT_EQ(e.now(), 20_ns);
  EXPECT_EQ(e.pending(), 1u);
  e.run_until(50_ns);  // events at exactly the horizon fire
  EXPECT_EQ(r.log.size(), 2u);
}

TEST(Engine, FarFutureTimes) {
  Engine e;
  Recorder r;
  const SimTime century = SimTime::from_hours(100.0 * 8766.0);
  e.schedule_at<&Recorder::on>(century, &r, 1);
  e.schedule_at<&Recorder::on>(century + 1_ns, &r, 2);
  e.run();
  ASSERT_EQ(r.log.size(), 2u);
  EXPECT_EQ(r.log[1].first - r.log[0].first, 1);
}

TEST(Engine, SchedulingInThePastThrows) {
  Engine e;
  Recorder r;
  e.schedule_at<&Recorder::on>(10_ns, &r, 1);
  e.run();
  EXPECT_THROW(e.schedule_at<&Recorder::on>(5_ns, &r, 1), std::invalid_argument);
  EXPECT_THROW(e.schedule_after<&Recorder::on>(SimTime::max(), &r, 1), std::overflow_error);
}

// A self-rescheduling timer: the hold pattern models use.
struct Ticker {
  int remaining = 5;
  std::vector<int64_t> times;
  void tick(Engine& e, uint64_t) {
    times.push_back(e.now().ns());
    if (--remaining > 0) e.schedule_after<&Ticker::tick>(SimTime::from_ns(7), this);
  }
};

TEST(Engine, SelfReschedulingAndStop) {
  Engine e;
  Ticker t;
  e.schedule_at<&Ticker::tick>(SimTime::zero(), &t);
  e.run();
  EXPECT_EQ(t.times, (std::vector<int64_t>{0, 7, 14, 21, 28}));
  EXPECT_EQ(e.events_fired(), 5u);
}

struct Stopper {
  void stop(Engine& e, uint64_t) { e.stop(); }
};

TEST(Engine, StopEndsRunAfterCurrentEvent) {
  Engine e;
  Stopper s;
  Recorder r;
  e.schedule_at<&Stopper::stop>(1_ns, &s);
  e.schedule_at<&Recorder::on>(2_ns, &r, 1);
  e.run();
  EXPECT_TRUE(r.log.empty());
  EXPECT_EQ(e.now(), 1_ns);
  e.run();
  EXPECT_EQ(r.log.size(), 1u);
}

TEST(Engine, ManyEventsCompareWithSortedReference) {
  // 10,000 events with pseudo-random times (LCG) and random cancellations: the firing order must be the
  // sorted order of (time, scheduling index) of the survivors.
  Engine e;
  Recorder r;
  std::vector<std::pair<int64_t, uint64_t>> expected;
  std::vector<EventHandle> handles;
  uint64_t x = 12345;
  for (uint64_t i = 0; i < 10000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const int64_t t = static_cast<int64_t>((x >> 33) % 1000);
    handles.push_back(e.schedule_at<&Recorder::on>(SimTime::from_ns(t), &r, i));
    expected.emplace_back(t, i);
  }
  std::vector<bool> cancelled(10000, false);
  for (uint64_t i = 0; i < 10000; i += 3) {
    e.cancel(handles[i]);
    cancelled[i] = true;
  }
  std::vector<std::pair<int64_t, uint64_t>> survivors;
  for (const auto& p : expected)
    if (!cancelled[p.second]) survivors.push_back(p);
  std::stable_sort(survivors.begin(), survivors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  e.run();
  EXPECT_EQ(r.log, survivors);
}

// A hold model with delays spread over 0 ns .. 2^50 ns (every radix level, zero delays included) run on
// the Engine and on a reference std::priority_queue of (time, scheduling sequence): the firing logs must
// be identical, since both draw the next delay from the same LCG in firing order.
struct WideHold {
  uint64_t x = 987654321;
  uint64_t next_tag = 0;
  std::vector<std::pair<int64_t, uint64_t>> log;
  int64_t delay() {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const int shift = static_cast<int>((x >> 58) % 51);  // 0..50
    return static_cast<int64_t>((x >> 11) >> (53 - shift)) & ((int64_t{1} << shift) - 1);
  }
  void on(Engine& e, uint64_t tag) {
    log.emplace_back(e.now().ns(), tag);
    if (log.size() < 20000) e.schedule_after<&WideHold::on>(SimTime::from_ns(delay()), this, next_tag++);
  }
};

TEST(Engine, WideSpanHoldMatchesReferenceQueue) {
  Engine e;
  WideHold h;
  for (int i = 0; i < 500; ++i) e.schedule_at<&WideHold::on>(SimTime::from_ns(h.delay()), &h, h.next_tag++);
  e.run();

  WideHold ref;
  using Item = std::pair<int64_t, uint64_t>;  // (time, tag); tags increase with scheduling order
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  for (int i = 0; i < 500; ++i) q.emplace(ref.delay(), ref.next_tag++);
  while (!q.empty()) {
    const Item top = q.top();
    q.pop();
    ref.log.push_back(top);
    if (ref.log.size() < 20000) q.emplace(top.first + ref.delay(), ref.next_tag++);
  }
  ASSERT_EQ(h.log.size(), ref.log.size());
  EXPECT_EQ(h.log, ref.log);
}

// The queue sorts a lowest bucket of up to 512 events into a run (a counting sort on the keys' top bits, then
// an insertion pass). A hold model with 1,000 and 5,000 pending events whose delays mix a wide uniform spread
// (buckets of hundreds), a tight cluster of 64 keys (several keys per counting class), exact repeats (equal
// keys: the fallback sort by (time, order); an instrumented copy took it in 92 runs) and zero delays, against
// the reference queue: the firing logs must be identical. The insertion budget and runs of exactly 512 are
// reached by ClusteredRunScheduledOutOfOrderFiresInOrder below instead.
struct MixedHold {
  uint64_t x;
  uint64_t next_tag = 0;
  std::size_t limit;
  std::vector<std::pair<int64_t, uint64_t>> log;
  MixedHold(uint64_t seed, std::size_t events) : x(seed), limit(events) {}
  int64_t delay() {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    const uint64_t r = x >> 11;
    switch (r % 10) {
      case 0:
        return 0;
      case 1:
      case 2:
        return (int64_t{1} << 29) + static_cast<int64_t>((r >> 4) % 64);  // a cluster of 64 distinct keys
      case 3:
        return int64_t{1} << 28;  // exact repeats
      default:
        return static_cast<int64_t>((r >> 4) % (uint64_t{1} << 30));
    }
  }
  void on(Engine& e, uint64_t tag) {
    log.emplace_back(e.now().ns(), tag);
    if (log.size() < limit) e.schedule_after<&MixedHold::on>(SimTime::from_ns(delay()), this, next_tag++);
  }
};

TEST(Engine, HoldWithRunsOfHundredsMatchesReferenceQueue) {
  for (const int pending : {1000, 5000}) {
    const std::size_t events = 60000;
    Engine e;
    MixedHold h(42 + static_cast<uint64_t>(pending), events);
    for (int i = 0; i < pending; ++i) e.schedule_at<&MixedHold::on>(SimTime::from_ns(h.delay()), &h, h.next_tag++);
    e.run();

    MixedHold ref(42 + static_cast<uint64_t>(pending), events);
    using Item = std::pair<int64_t, uint64_t>;  // (time, tag); tags increase with scheduling order
    std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
    for (int i = 0; i < pending; ++i) q.emplace(ref.delay(), ref.next_tag++);
    while (!q.empty()) {
      const Item top = q.top();
      q.pop();
      ref.log.push_back(top);
      if (ref.log.size() < events) q.emplace(top.first + ref.delay(), ref.next_tag++);
    }
    ASSERT_EQ(h.log.size(), ref.log.size()) << pending;
    EXPECT_EQ(h.log, ref.log) << pending;
  }
}

// The run sort's worst case: 511 distinct keys within 511 ns of each other, scheduled in a scrambled order,
// and one key 2^39 ns later in the same bucket (level 10, digit 1: 512 events, a run of kRunMax). The
// counting sort puts the whole cluster in one class, the insertion pass exceeds its budget and std::sort
// takes over (checked with an instrumented copy; it depends on kRunMax = 512 and a budget of 8 moves per
// word); the order must still be (time, scheduling).
TEST(Engine, ClusteredRunScheduledOutOfOrderFiresInOrder) {
  Engine e;
  Recorder r;
  const int64_t base = int64_t{1} << 40;
  std::vector<std::pair<int64_t, uint64_t>> expected;
  for (uint64_t i = 0; i < 511; ++i) {
    const int64_t t = base + static_cast<int64_t>((i * 263) % 511);  // 263 is prime to 511: a permutation
    e.schedule_at<&Recorder::on>(SimTime::from_ns(t), &r, i);
    expected.emplace_back(t, i);
  }
  e.schedule_at<&Recorder::on>(SimTime::from_ns(base + (int64_t{1} << 39)), &r, 511);
  expected.emplace_back(base + (int64_t{1} << 39), 511);
  std::sort(expected.begin(), expected.end());
  e.run();
  EXPECT_EQ(r.log, expected);
}
}  // namespace
}  // namespace aidc::sim

namespace aidc::sim {
namespace {
using namespace literals;

TEST(Engine, ScheduleBetweenHorizonAndNextEventAfterRunUntil) {
  // run_until(50) peeks at the event at 100; an event scheduled at 60 afterwards must still fire first.
  Engine e;
  Recorder r;
  e.schedule_at<&Recorder::on>(100_ns, &r, 2);
  e.run_until(50_ns);
  e.schedule_at<&Recorder::on>(60_ns, &r, 1);
  e.schedule_at<&Recorder::on>(60_ns, &r, 3);
  e.run();
  ASSERT_EQ(r.log.size(), 3u);
  EXPECT_EQ(r.log[0], std::make_pair(int64_t{60}, uint64_t{1}));
  EXPECT_EQ(r.log[1], std::make_pair(int64_t{60}, uint64_t{3}));
  EXPECT_EQ(r.log[2], std::make_pair(int64_t{100}, uint64_t{2}));
}

// A handler at priority 5 schedules, at the same time, events of priority 0: their keys are below the one
// that just fired. They must still fire next (tie-breaking contract), and they must stay cancellable, while a
// fired one stays a no-op to cancel (the engine once took every key below the last fired one for fired).
struct LateScheduler {
  std::vector<uint64_t> fired;
  EventHandle late_a, late_b;
  void first(Engine& e, uint64_t) {
    fired.push_back(5);
    late_a = e.schedule_at<&LateScheduler::mark>(e.now(), this, 1, /*priority=*/0);
    late_b = e.schedule_at<&LateScheduler::mark>(e.now(), this, 2, /*priority=*/0);
    e.cancel(late_b);
  }
  void mark(Engine& e, uint64_t tag) {
    fired.push_back(tag);
    e.cancel(late_a);  // late_a fired (or is firing now): a no-op, pending() must not drift
  }
};

TEST(Engine, SameTimeHigherPriorityEventScheduledFromHandlerIsCancellable) {
  Engine e;
  LateScheduler s;
  e.schedule_at<&LateScheduler::first>(10_ns, &s, 0, /*priority=*/5);
  e.schedule_at<&LateScheduler::mark>(10_ns, &s, 7, /*priority=*/9);
  e.schedule_at<&LateScheduler::mark>(20_ns, &s, 8);
  e.run_until(10_ns);
  EXPECT_EQ(s.fired, (std::vector<uint64_t>{5, 1, 7}));
  EXPECT_EQ(e.pending(), 1u);
  e.run();
  EXPECT_EQ(s.fired, (std::vector<uint64_t>{5, 1, 7, 8}));
  EXPECT_EQ(e.pending(), 0u);
  EXPECT_EQ(e.events_fired(), 4u);
}

}  // namespace
}  // namespace aidc::sim

// ---- trace hash (determinism fingerprints, issue 10 item 7) ----------------------------------------------
namespace aidc::sim {
namespace {

struct Sink {
  void on(Engine&, uint64_t) {}
};

// Runs events at (time ns, argument) pairs, scheduled in the given order, and returns the trace hash.
uint64_t trace_of(const std::vector<std::pair<int64_t, uint64_t>>& events, int cancel_index = -1) {
  Engine e;
  Sink s;
  std::vector<EventHandle> h;
  for (const auto& [t, arg] : events) h.push_back(e.schedule_at<&Sink::on>(SimTime::from_ns(t), &s, arg));
  if (cancel_index >= 0) e.cancel(h[static_cast<std::size_t>(cancel_index)]);
  e.run();
  return e.trace_hash();
}

TEST(TraceHash, EqualSequencesHashEqual) {
  const std::vector<std::pair<int64_t, uint64_t>> ev = {{10, 1}, {20, 2}, {20, 3}, {1000000, 7}};
  EXPECT_EQ(trace_of(ev), trace_of(ev));
  EXPECT_NE(trace_of(ev), Engine().trace_hash());  // an empty trace differs from any non-empty one
}

TEST(TraceHash, AnyDifferenceInTheSequenceChangesIt) {
  const std::vector<std::pair<int64_t, uint64_t>> base = {{10, 1}, {20, 2}, {30, 3}};
  const uint64_t h = trace_of(base);
  EXPECT_NE(h, trace_of({{10, 1}, {21, 2}, {30, 3}}));              // one event 1 ns later
  EXPECT_NE(h, trace_of({{10, 1}, {20, 4}, {30, 3}}));              // another argument
  EXPECT_NE(h, trace_of({{10, 1}, {20, 2}, {30, 3}, {40, 0}}));     // one event more
  EXPECT_NE(h, trace_of({{20, 2}, {10, 1}, {30, 3}}));              // same events, scheduled in another order
  EXPECT_NE(h, trace_of({{25, 9}, {10, 1}, {20, 2}, {30, 3}}, 0));  // a cancelled event still took a sequence
  // A cancelled event that never fires leaves no trace of its own: cancelling the last-scheduled event gives
  // the same trace as never firing it, provided everything else was scheduled identically.
  EXPECT_EQ(trace_of({{10, 1}, {20, 2}, {30, 3}, {40, 9}}, 3), trace_of({{10, 1}, {20, 2}, {30, 3}, {50, 8}}, 3));
}

TEST(TraceHash, HexIsSixteenLowerCaseDigits) {
  EXPECT_EQ(TraceHash::hex(0), "0000000000000000");
  EXPECT_EQ(TraceHash::hex(0xfedcba9876543210ULL), "fedcba9876543210");
}

}  // namespace
}  // namespace aidc::sim

// ---- event queue: random interleavings against a reference ordering --------------------------------------
namespace aidc::sim {
namespace {

// A model whose handlers draw from an LCG: each firing schedules 0-2 events (often at the current time or a
// few ns later, so many ties across priorities 0..2) and sometimes cancels a random earlier event; the driver
// runs to random horizons and then schedules between the horizon and the next pending event (the queue's
// rebase path). It runs once on the Engine and once on a reference simulator (std::priority_queue on
// (time, (priority << 48) | sequence), lazy cancellation); the firing logs must be identical, since both
// draw from the same LCG in firing order.
class Interleaver {
 public:
  explicit Interleaver(uint64_t seed, Engine* engine) : x_(seed), engine_(engine) {}
  std::vector<std::pair<int64_t, uint64_t>> run() {
    for (int i = 0; i < 200; ++i) add(static_cast<int64_t>(rnd() % 100000));
    int64_t horizon = 0;
    while (pending() > 0) {
      horizon += static_cast<int64_t>(rnd() % 200000);
      run_until(horizon);
      if (tags_ < kEvents && rnd() % 2 == 0) add(horizon + static_cast<int64_t>(rnd() % 3));
    }
    return log_;
  }
  void on(Engine&, uint64_t tag) { fire(tag); }

 private:
  static constexpr uint64_t kEvents = 30000;
  struct Ref {
    int64_t time;
    uint64_t order;
    uint64_t tag;
    bool operator>(const Ref& o) const { return time != o.time ? time > o.time : order > o.order; }
  };
  uint64_t rnd() {
    x_ = x_ * 6364136223846793005ull + 1442695040888963407ull;
    return x_ >> 17;
  }
  int64_t delay() {
    const uint64_t r = rnd();
    switch (r % 4) {
      case 0:
        return 0;
      case 1:
        return static_cast<int64_t>((r >> 2) % 4);
      case 2:
        return static_cast<int64_t>((r >> 2) % 5000);
      default:
        return static_cast<int64_t>((r >> 2) % (uint64_t{1} << 40));
    }
  }
  int64_t now() const { return engine_ ? engine_->now().ns() : now_; }
  std::size_t pending() const { return engine_ ? engine_->pending() : ref_.size() - cancelled_pending_; }
  void add(int64_t t) {
    const int priority = static_cast<int>(rnd() % 3);
    const uint64_t tag = tags_++;
    fired_.push_back(false);
    cancelled_.push_back(false);
    if (engine_) {
      handles_.push_back(engine_->schedule_at<&Interleaver::on>(SimTime::from_ns(t), this, tag, priority));
    } else {
      ref_.push({t, (static_cast<uint64_t>(priority) << 48) | ++seq_, tag});
    }
  }
  void cancel(uint64_t tag) {
    if (engine_) {
      engine_->cancel(handles_[tag]);
    } else if (!fired_[tag] && !cancelled_[tag]) {
      cancelled_[tag] = true;
      ++cancelled_pending_;
    }
  }
  void run_until(int64_t h) {
    if (engine_) {
      engine_->run_until(SimTime::from_ns(h));
      return;
    }
    while (!ref_.empty() && ref_.top().time <= h) {
      const Ref r = ref_.top();
      ref_.pop();
      if (cancelled_[r.tag]) {
        --cancelled_pending_;
        continue;
      }
      now_ = r.time;
      fire(r.tag);
    }
    now_ = std::max(now_, h);
  }
  void fire(uint64_t tag) {
    log_.emplace_back(now(), tag);
    fired_[tag] = true;
    if (tags_ < kEvents) {
      const uint64_t n = rnd() % 3;
      for (uint64_t i = 0; i < n; ++i) add(now() + delay());
    }
    // Any earlier event: fired ones (a no-op), pending ones at now, including "late" ones (scheduled at now
    // with a lower priority number than one already fired at now), and future ones.
    if (rnd() % 5 == 0) cancel(rnd() % tags_);
  }

  uint64_t x_;
  Engine* engine_;
  uint64_t tags_ = 0, seq_ = 0;
  std::size_t cancelled_pending_ = 0;
  int64_t now_ = 0;
  std::vector<std::pair<int64_t, uint64_t>> log_;
  std::vector<EventHandle> handles_;
  std::vector<bool> fired_, cancelled_;
  std::priority_queue<Ref, std::vector<Ref>, std::greater<>> ref_;
};

TEST(EventQueue, RandomInterleavingsWithTiesCancellationsAndRebaseMatchReference) {
  for (const uint64_t seed : {1ull, 2ull, 77ull, 123456789ull}) {
    Engine e;
    const auto got = Interleaver(seed, &e).run();
    const auto want = Interleaver(seed, nullptr).run();
    EXPECT_GT(got.size(), 10000u);
    ASSERT_EQ(got.size(), want.size()) << "seed " << seed;
    EXPECT_EQ(got, want) << "seed " << seed;
  }
}

}  // namespace
}  // namespace aidc::sim
