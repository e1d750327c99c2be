#pragma once
// Engine: one sequential discrete-event simulation (one Monte Carlo replication). A value type: no
// singletons, no global state; two engines can run side by side (parallel replications do exactly that).
//
// The model-facing API is small:
//   now()                                  current simulated time
//   schedule_at / schedule_after           returns an EventHandle
//   cancel(handle)                         O(1) amortised; a no-op for fired or already-cancelled events
//   stop()                                 ends run() after the current event
// and the driver's API is run_until(t) / run() / step().
//
// Handlers are callbacks, not coroutines: an event is (function pointer, target object, 64-bit arg).
// Member functions bind at compile time with zero overhead (the SST-core idiom):
//   engine.schedule_after<&Repair::on_done>(delay, this, unit_index);
// Model code never sees the queue.
//
// Tie-breaking (documented contract): events fire in increasing (time, priority, scheduling sequence);
// priority defaults to 0 and lower fires first; equal time and priority fire in scheduling order.
//
// Cancellation is lazy: cancel() records the event's sequence number; the event is discarded when it
// reaches the top of the queue. Events fire in increasing key order with one exception: a handler may
// schedule an event at now() with a lower priority number than its own, whose key is then below the
// highest key fired so far (it still fires next, as the tie-breaking contract says). Such "late" events
// are remembered until they fire, so a handle whose key is not after the highest fired key refers to a
// fired (or discarded) event unless it is a pending late one; cancelling a fired event is a no-op, and the
// cancelled set only ever holds pending events.
#include <cstdint>
#include <unordered_set>

#include "sim/event_queue.hpp"
#include "sim/time.hpp"
#include "sim/trace_hash.hpp"

namespace aidc::sim {

class EventHandle {
 public:
  EventHandle() = default;
  bool valid() const { return order_ != 0; }

 private:
  friend class Engine;
  EventHandle(SimTime t, uint64_t order) : time_(t), order_(order) {}
  SimTime time_;
  uint64_t order_ = 0;  // 0 = no event
};

class Engine {
 public:
  static constexpr int kMaxPriority = 0xFFFF;
  static constexpr int kSequenceBits = 48;
  static constexpr uint64_t kSequenceMask = (uint64_t{1} << kSequenceBits) - 1;

  SimTime now() const { return now_; }
  std::size_t pending() const { return queue_.size() - cancelled_.size(); }
  uint64_t events_fired() const { return fired_; }
  // Hash of every fired event's (time in ns, scheduling order incl. priority, argument), in firing order:
  // the event-sequence part of a determinism fingerprint. Handler addresses are left out (they move with
  // ASLR and builds); cancelled events are not fired and do not count.
  uint64_t trace_hash() const { return trace_.value(); }
  void reserve(std::size_t n) { queue_.reserve(n); }

  // Inline: this and step() are the whole per-event path, and a call per event was measurable in the hold
  // benchmark. The argument checks stay; only their throwing side is out of line (cold).
  EventHandle schedule_at(SimTime t, EventFn fn, void* target, uint64_t arg, int priority = 0) {
    if (t < now_ || static_cast<unsigned>(priority) > kMaxPriority || seq_ >= kSequenceMask) [[unlikely]] {
      reject_schedule(t, priority);
    }
    const uint64_t order = (static_cast<uint64_t>(priority) << kSequenceBits) | ++seq_;
    if (t == last_time_ && order < last_order_) [[unlikely]]
      late_.insert(order);
    queue_.push(Event{t, order, fn, target, arg});
    return EventHandle(t, order);
  }
  EventHandle schedule_after(SimTime delay, EventFn fn, void* target, uint64_t arg, int priority = 0) {
    return schedule_at(now_ + delay, fn, target, arg, priority);
  }
  // Member-function binding: schedule_at<&T::method>(t, obj, arg) calls obj->method(engine, arg).
  template <auto Method, class T>
  EventHandle schedule_at(SimTime t, T* obj, uint64_t arg = 0, int priority = 0) {
    return schedule_at(t, &trampoline<Method, T>, obj, arg, priority);
  }
  template <auto Method, class T>
  EventHandle schedule_after(SimTime delay, T* obj, uint64_t arg = 0, int priority = 0) {
    return schedule_at(now_ + delay, &trampoline<Method, T>, obj, arg, priority);
  }

  void cancel(const EventHandle& h);
  void stop() { stopped_ = true; }

  // Fires the next event, if any; returns false when none is left.
  bool step() {
    if (!cancelled_.empty()) [[unlikely]]
      skip_cancelled();
    if (queue_.empty()) return false;
    const Event e = queue_.pop();
    now_ = e.time;
    note_popped(e);
    ++fired_;
    // One fold per event: time, order and argument each multiplied by an odd constant (independent
    // multiplies) and combined, then folded with TraceHash::fold (one dependent multiply).
    trace_.fold(static_cast<uint64_t>(e.time.ns()) * 0x9e3779b97f4a7c15ULL ^ e.order * 0xc2b2ae3d27d4eb4fULL ^
                e.arg * 0xd6e8feb86659fd93ULL);
    e.fn(*this, e.target, e.arg);
    return true;
  }
  // Fires every event with time <= t, then sets now() = t (unless stopped earlier).
  void run_until(SimTime t);
  // Runs until the queue is empty or stop() is called.
  void run() { run_until(SimTime::max()); }

 private:
  template <auto Method, class T>
  static void trampoline(Engine& e, void* target, uint64_t arg) {
    (static_cast<T*>(target)->*Method)(e, arg);
  }
  // Pops cancelled events with time <= limit off the top, so that top() is a live event, an event after
  // limit, or nothing. The limit matters for run_until(t): dropping a cancelled event after t would advance
  // the last fired key past t, and an event scheduled in [t, that key) afterwards would then be taken for
  // a fired one by cancel() and could not be cancelled.
  void skip_cancelled(SimTime limit = SimTime::max());
  // Records that e left the queue: it becomes the highest fired key, unless it is a late event (below it).
  void note_popped(const Event& e) {
    if (!late_.empty() && late_.erase(e.order) != 0) [[unlikely]]
      return;
    last_time_ = e.time;
    last_order_ = e.order;
  }
  // Throws the exception schedule_at's checks call for (the first failing check, in the order t, priority,
  // sequence). Out of line: it builds strings.
  [[noreturn]] void reject_schedule(SimTime t, int priority) const;

  EventQueue queue_;
  std::unordered_set<uint64_t> cancelled_;  // orders of pending cancelled events
  std::unordered_set<uint64_t> late_;       // orders of pending events keyed below (last_time_, last_order_)
  SimTime now_;
  SimTime last_time_ = SimTime::from_ns(-1);
  uint64_t last_order_ = 0;
  uint64_t seq_ = 0;
  uint64_t fired_ = 0;
  TraceHash trace_;
  bool stopped_ = false;
};

}  // namespace aidc::sim
