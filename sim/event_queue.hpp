#pragma once
// EventQueue: the pending-event set of one Engine: a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster
// algorithms for the shortest path problem", J. ACM 37(2), 1990) over the event time in ns, with a
// small binary heap for the events at the current minimum time.
//
// Why a radix heap: simulated time never decreases below the last popped event, which is exactly the
// monotone-priority-queue case radix heaps are built for. Bucket i holds events whose time first
// differs from the last minimum in bit i-1, so an event moves only to strictly lower buckets and at
// most 64 times in its life (in practice a few times); every move is a sequential append, so the
// structure stays cache-friendly at 10^6 pending events where a comparison heap's sift-downs miss the
// cache at every level. Measured with the hold model (tests/bench/bench_engine.cpp, numbers in
// sim/README.md) against a 4-ary implicit heap of the same events, which it replaced.
//
// Complexity: push O(1); pop O(log C) amortised, C = time span of pending events (<= 64 bucket moves
// per event). Memory: 40 bytes per pending event plus 65 vectors' slack.
//
// Order: events are popped by (time, order). `order` = (priority << 48) | scheduling sequence, so equal
// times fire by priority, then in scheduling order: bucket 0 (events at the current minimum time) is a
// binary min-heap on `order`.
//
// Contract: push() of a time earlier than the current minimum is allowed (it happens after a peek past
// a run_until horizon) and triggers a rebuild, O(n), which is rare by construction.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace aidc::sim {

class Engine;
// A handler: a plain function pointer plus an opaque target and one 64-bit argument. Models bind member
// functions through Engine::schedule_*<&Class::method>(...), which generates the trampoline.
using EventFn = void (*)(Engine&, void* target, uint64_t arg);

struct Event {
  SimTime time;
  uint64_t order;  // (priority << 48) | sequence: one integer compare breaks ties
  EventFn fn;
  void* target;
  uint64_t arg;
};

class EventQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void reserve(std::size_t n) { buckets_[0].reserve(std::min<std::size_t>(n, 1024)); }

  void push(const Event& e) {
    const uint64_t key = key_of(e);
    if (key < last_) rebase(key);
    place(e, key);
    ++size_;
  }

  // The earliest event. Precondition: !empty().
  const Event& top() {
    refill();
    return buckets_[0].front();
  }

  Event pop() {
    refill();
    auto& b0 = buckets_[0];
    std::pop_heap(b0.begin(), b0.end(), later_order);
    const Event e = b0.back();
    b0.pop_back();
    --size_;
    return e;
  }

 private:
  static uint64_t key_of(const Event& e) { return static_cast<uint64_t>(e.time.ns()); }
  static bool later_order(const Event& a, const Event& b) { return a.order > b.order; }
  static int bucket_of(uint64_t key, uint64_t last) { return key == last ? 0 : 64 - __builtin_clzll(key ^ last); }
  void place(const Event& e, uint64_t key) {
    const int b = bucket_of(key, last_);
    buckets_[static_cast<std::size_t>(b)].push_back(e);
    if (b == 0) {
      std::push_heap(buckets_[0].begin(), buckets_[0].end(), later_order);
    } else {
      occupied_ |= uint64_t{1} << (b - 1);
    }
  }
  // Makes bucket 0 non-empty by redistributing the lowest non-empty bucket around its minimum. The
  // occupancy mask finds that bucket in one instruction; a bucket of one event moves straight to bucket 0.
  void refill() {
    if (!buckets_[0].empty()) return;
    const int i = __builtin_ctzll(occupied_) + 1;
    auto& src = buckets_[static_cast<std::size_t>(i)];
    occupied_ &= ~(uint64_t{1} << (i - 1));
    if (src.size() == 1) {
      last_ = key_of(src[0]);
      buckets_[0].push_back(src[0]);
      src.clear();
      return;
    }
    uint64_t min_key = key_of(src[0]);
    for (const Event& e : src) min_key = std::min(min_key, key_of(e));
    last_ = min_key;
    for (const Event& e : src) {
      const int b = bucket_of(key_of(e), last_);
      buckets_[static_cast<std::size_t>(b)].push_back(e);
      if (b > 0) occupied_ |= uint64_t{1} << (b - 1);
    }
    src.clear();
    std::make_heap(buckets_[0].begin(), buckets_[0].end(), later_order);
  }
  // An event earlier than the current minimum arrived: re-bucket everything around the new minimum.
  void rebase(uint64_t new_last) {
    std::vector<Event> all;
    all.reserve(size_);
    for (auto& b : buckets_) {
      all.insert(all.end(), b.begin(), b.end());
      b.clear();
    }
    last_ = new_last;
    occupied_ = 0;
    for (const Event& e : all) place(e, key_of(e));
  }

  std::array<std::vector<Event>, 65> buckets_;
  uint64_t last_ = 0;
  uint64_t occupied_ = 0;  // bit b-1 set <=> bucket b (1..64) is non-empty
  std::size_t size_ = 0;
};

}  // namespace aidc::sim
