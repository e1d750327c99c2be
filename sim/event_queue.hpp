#pragma once
// EventQueue: the pending-event set of one Engine: a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan, "Faster
// algorithms for the shortest path problem", J. ACM 37(2), 1990) over the event time in ns, with base-16
// digits (their multi-level variant), and a small binary heap for the events at the current minimum time.
//
// Why a radix heap: simulated time never decreases below the last popped event, which is exactly the
// monotone-priority-queue case radix heaps are built for. An event sits in the bucket (level, digit) of
// the highest 4-bit digit where its time differs from the last minimum; it only ever moves to a lower
// level, so at most 16 times in its life (about log16 of the pending count in the hold model); every move
// is a sequential append, so the structure stays cache-friendly at 10^6 pending events where a comparison
// heap's sift-downs miss the cache at every level.
// The ladder queue's bottom rung (Tang, Goh, Thng, ACM TOMACS 15(3), 2005) is grafted on: a lowest bucket of
// 2..kRunMax events is sorted once into run_ instead of being redistributed level by level. The sort is a
// counting sort on the leading bits of the keys' offsets followed by an insertion pass, linear in practice,
// which is what lets runs be as large as 512 events: one sort then replaces one or two redistributions of
// every event. Against runs of <= 32 sorted by std::sort, the two changes save 7 ns per event at 10^3
// pending in the hold model and 13-15 ns at 10^5 and 10^6 (sim/README.md).
// Measured with the hold model (tests/bench/bench_engine.cpp, numbers in sim/README.md): a 4-ary implicit
// heap, then a binary-digit radix heap (up to 64 moves per event; 12-18 % slower than base 16 at every
// size), then base 256 (faster at 10^3 pending, 10-15 % slower at 10^5 and 10^6: 2,048 buckets).
//
// Complexity: push O(1); pop O(log16 C) amortised, C = time span of pending events. Memory: 40 bytes per
// pending event plus 256 vectors' slack (about 6 KiB empty), 256 minimum keys (2 KiB), a 256-bit
// occupancy map and the run (at most 512 events); make_run uses about 9 KiB of stack.
//
// Order: events are popped by (time, order). `order` = (priority << 48) | scheduling sequence, so equal
// times fire by priority, then in scheduling order: bucket 0 (events at the current minimum time) is a
// binary min-heap on `order`.
//
// Each bucket's minimum key is kept on insert (min_key_), so refill() re-buckets in one pass instead of
// scanning for the minimum first (measured: +7-10 % at 10^5 and 10^6 pending, no change at 10^3).
//
// Contract: push() of a time earlier than the current minimum is allowed (it happens after a peek past
// a run_until horizon) and triggers a rebuild, O(n), which is rare by construction.
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <type_traits>
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
static_assert(std::is_trivially_copyable_v<Event>, "EventQueue::make_run copies events with memcpy");

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
  const Event& top() { return locate() ? run_.back() : buckets_[0].front(); }

  Event pop() {
    Event e;
    if (locate()) {
      e = run_.back();
      run_.pop_back();
    } else {
      auto& b0 = buckets_[0];
      // Usually the minimum time holds one event (distinct times): no heap work then.
      if (b0.size() > 1) std::pop_heap(b0.begin(), b0.end(), later_order);
      e = b0.back();
      b0.pop_back();
    }
    --size_;
    return e;
  }

 private:
  static constexpr int kDigitBits = 4;
  static constexpr int kDigits = 1 << kDigitBits;               // buckets per level
  static constexpr int kBuckets = (64 / kDigitBits) * kDigits;  // 256; index 0 = "equal to last"
  // Largest bucket made a run: 2^9. Measured in the hold model (sim/README.md): 32 -> 512 gains at every
  // size; 1,024 and more lose at 10^3 pending, where a run then holds most pending events and new ones keep
  // landing inside its range.
  static constexpr int kRunIndexBits = 9;
  static constexpr int kMinSortBits = 4;              // counting-sort classes: max(16, next power of 2 >= n)
  static constexpr std::size_t kInsertionBudget = 8;  // insertion moves per word before make_run uses std::sort
  static_assert((std::size_t{1} << kMinSortBits) <= (std::size_t{1} << kRunIndexBits));
  static constexpr std::size_t kRunMax = std::size_t{1} << kRunIndexBits;  // largest bucket made a run
  static uint64_t key_of(const Event& e) { return static_cast<uint64_t>(e.time.ns()); }
  static bool later_order(const Event& a, const Event& b) { return a.order > b.order; }
  // Level = the highest 4-bit digit where key differs from last; bucket = level * 16 + key's digit there.
  // Since key > last, that digit is >= 1, so index 0 is free for keys equal to last. Bucket indices
  // increase with key, which is what lets refill() take the lowest non-empty one.
  static int bucket_of(uint64_t key, uint64_t last) {
    if (key == last) return 0;
    const int level = (63 - __builtin_clzll(key ^ last)) / kDigitBits;
    return level * kDigits + static_cast<int>((key >> (level * kDigitBits)) & (kDigits - 1));
  }
  void place(const Event& e, uint64_t key) {
    const int b = bucket_of(key, last_);
    const auto ub = static_cast<std::size_t>(b);
    buckets_[ub].push_back(e);
    if (b == 0) {
      if (buckets_[0].size() > 1) std::push_heap(buckets_[0].begin(), buckets_[0].end(), later_order);
    } else {
      occupied_[ub >> 6] |= uint64_t{1} << (b & 63);
      min_key_[ub] = std::min(min_key_[ub], key);
    }
  }
  // Whether a fires before b: (time, order) order.
  static bool before(const Event& a, const Event& b) {
    return key_of(a) < key_of(b) || (key_of(a) == key_of(b) && a.order < b.order);
  }
  // The lowest non-empty bucket above 0, or -1.
  int lowest_occupied() const {
    for (std::size_t w = 0; w < occupied_.size(); ++w) {
      if (occupied_[w] != 0) return static_cast<int>(w * 64) + __builtin_ctzll(occupied_[w]);
    }
    return -1;
  }
  // Finds the earliest event: true = the back of run_, false = the top of bucket 0. Precondition: !empty().
  bool locate() {
    for (;;) {
      const auto& b0 = buckets_[0];
      if (!b0.empty()) return !run_.empty() && before(run_.back(), b0.front());
      const int i = lowest_occupied();
      if (i < 0) return true;  // only the run is left
      const auto ui = static_cast<std::size_t>(i);
      if (!run_.empty()) {
        if (min_key_[ui] > key_of(run_.back())) return true;
      } else if (buckets_[ui].size() >= 2 && buckets_[ui].size() <= kRunMax) {
        make_run(ui);
        return true;
      }
      refill(ui);
    }
  }
  // Moves bucket b, the lowest, into run_ sorted latest first. last_ stays, and stays <= every pending key,
  // so the buckets remain valid; a key pushed while the run lasts may land in any bucket (usually b or
  // above, or a lower one if it precedes the whole run), and locate() compares the run with the buckets.
  // The sort runs on one 64-bit word per event, (key - bucket minimum) << 9 | index, when the bucket's span
  // leaves room (keys within 2^55 ns of each other, ~1.1 years) and no two keys are equal; otherwise (rare) on
  // the events by (key, order), with std::sort.
  // The word sort: a counting sort on the top bits of the words (as many classes as the next power of two
  // >= n, at least 16), which leaves them sorted up to the few that share a class, then an insertion pass
  // that fixes those. Linear unless many keys share a class out of order (a tight cluster scheduled in
  // random order, with an outlier stretching the span): past kInsertionBudget moves per word the pass hands
  // over to std::sort, so a run never costs more than O(n log n). std::sort on every run instead spent most
  // of its time in mispredicted branches.
  // Precondition (locate() ensures it): 2 <= n <= kRunMax, which the 9-bit index and the arrays below rely on.
  void make_run(std::size_t b) {
    auto& src = buckets_[b];
    const std::size_t n = src.size();
    assert(n >= 2 && n <= kRunMax);
    const uint64_t base = min_key_[b];
    occupied_[b >> 6] &= ~(uint64_t{1} << (b & 63));
    min_key_[b] = ~uint64_t{0};
    std::array<uint64_t, kRunMax> packed;
    bool packable = true;
    uint64_t span = 0;  // OR of the words: its bit width is that of the largest
    for (std::size_t j = 0; j < n; ++j) {
      const uint64_t offset = key_of(src[j]) - base;
      packable = packable && offset < (uint64_t{1} << (64 - kRunIndexBits));
      packed[j] = (offset << kRunIndexBits) | j;
      span |= packed[j];
    }
    std::array<uint64_t, kRunMax> sorted;
    if (packable) {
      const int sort_bits = std::max(kMinSortBits, static_cast<int>(std::bit_width(n - 1)));
      const int shift = std::max(0, static_cast<int>(std::bit_width(span)) - sort_bits);
      const std::size_t classes = std::size_t{1} << sort_bits;
      std::array<uint16_t, kRunMax + 1> start;  // classes <= kRunMax: n <= kRunMax and 2^kMinSortBits <= kRunMax
      std::fill_n(start.begin(), classes + 1, uint16_t{0});
      for (std::size_t j = 0; j < n; ++j) ++start[(packed[j] >> shift) + 1];
      for (std::size_t d = 1; d <= classes; ++d) start[d] = static_cast<uint16_t>(start[d] + start[d - 1]);
      for (std::size_t j = 0; j < n; ++j) sorted[start[packed[j] >> shift]++] = packed[j];
      std::size_t moves = 0;
      for (std::size_t j = 1; j < n; ++j) {
        const uint64_t x = sorted[j];
        std::size_t i = j;
        for (; i > 0 && sorted[i - 1] > x; --i) sorted[i] = sorted[i - 1];
        sorted[i] = x;
        moves += j - i;
        if (moves > kInsertionBudget * n) [[unlikely]] {  // clustered keys out of order: O(n log n) instead
          std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n));
          break;
        }
      }
      for (std::size_t j = 1; j < n && packable; ++j) {
        packable = (sorted[j] >> kRunIndexBits) != (sorted[j - 1] >> kRunIndexBits);  // equal keys: by order
      }
    }
    if (packable) {
      run_.resize(n);
      // memcpy: GCC 12 turned the Event assignment in this loop into `rep movsq`, slow for 40 bytes.
      Event* out = run_.data() + n;
      for (std::size_t j = 0; j < n; ++j)
        std::memcpy(static_cast<void*>(--out), &src[sorted[j] & (kRunMax - 1)], sizeof(Event));
    } else {
      run_.assign(src.begin(), src.end());
      std::sort(run_.begin(), run_.end(), [](const Event& a, const Event& c) { return before(c, a); });
    }
    src.clear();
  }
  // Makes bucket 0 non-empty by redistributing bucket i, the lowest non-empty one, around its minimum (kept
  // in min_key_); a bucket of one event moves straight to 0.
  void refill(std::size_t ui) {
    const std::size_t w = ui >> 6;
    occupied_[w] &= ~(uint64_t{1} << (ui & 63));
    auto& src = buckets_[ui];
    last_ = min_key_[ui];
    min_key_[ui] = ~uint64_t{0};
    if (src.size() == 1) {
      buckets_[0].push_back(src[0]);
      src.clear();
      return;
    }
    // Every bucket below i is empty, so the occupancy bits of the moved events are collected apart from
    // occupied_ and merged once.
    std::array<uint64_t, kBuckets / 64> bits{};
    for (const Event& e : src) {
      const uint64_t key = key_of(e);
      const int b = bucket_of(key, last_);
      const auto ub = static_cast<std::size_t>(b);
      buckets_[ub].push_back(e);
      bits[ub >> 6] |= uint64_t{1} << (b & 63);
      min_key_[ub] = std::min(min_key_[ub], key);
    }
    bits[0] &= ~uint64_t{1};
    for (std::size_t k = 0; k < bits.size(); ++k) occupied_[k] |= bits[k];
    min_key_[0] = ~uint64_t{0};
    src.clear();
    if (buckets_[0].size() > 1) std::make_heap(buckets_[0].begin(), buckets_[0].end(), later_order);
  }
  // An event earlier than the current minimum arrived: re-bucket everything around the new minimum.
  void rebase(uint64_t new_last) {
    std::vector<Event> all;
    all.reserve(size_);
    for (auto& b : buckets_) {
      all.insert(all.end(), b.begin(), b.end());
      b.clear();
    }
    all.insert(all.end(), run_.begin(), run_.end());
    run_.clear();
    last_ = new_last;
    occupied_ = {};
    min_key_.fill(~uint64_t{0});
    for (const Event& e : all) place(e, key_of(e));
  }

  std::array<std::vector<Event>, kBuckets> buckets_;
  std::array<uint64_t, kBuckets / 64> occupied_{};  // bit b set <=> bucket b (1..255) is non-empty
  std::array<uint64_t, kBuckets> min_key_ = [] {    // smallest key in bucket b; ~0 when empty
    std::array<uint64_t, kBuckets> m{};
    m.fill(~uint64_t{0});
    return m;
  }();
  std::vector<Event> run_;  // sorted latest first: the earliest pending events of one former bucket
  uint64_t last_ = 0;
  std::size_t size_ = 0;
};

}  // namespace aidc::sim
