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
// reaches the top of the queue. Because events fire in strictly increasing key order, a handle whose
// key is not after the last fired key refers to a fired (or discarded) event, and cancelling it is a
// no-op, so the cancelled set only ever holds pending events.
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

  SimTime now() const { return now_; }
  std::size_t pending() const { return queue_.size() - cancelled_.size(); }
  uint64_t events_fired() const { return fired_; }
  // Hash of every fired event's (time in ns, scheduling order incl. priority, argument), in firing order:
  // the event-sequence part of a determinism fingerprint. Handler addresses are left out (they move with
  // ASLR and builds); cancelled events are not fired and do not count.
  uint64_t trace_hash() const { return trace_.value(); }
  void reserve(std::size_t n) { queue_.reserve(n); }

  EventHandle schedule_at(SimTime t, EventFn fn, void* target, uint64_t arg, int priority = 0);
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
  bool step();
  // Fires every event with time <= t, then sets now() = t (unless stopped earlier).
  void run_until(SimTime t);
  // Runs until the queue is empty or stop() is called.
  void run() { run_until(SimTime::max()); }

 private:
  template <auto Method, class T>
  static void trampoline(Engine& e, void* target, uint64_t arg) {
    (static_cast<T*>(target)->*Method)(e, arg);
  }
  // Pops cancelled events off the top so that top() is a live event (or the queue is empty).
  void skip_cancelled();

  EventQueue queue_;
  std::unordered_set<uint64_t> cancelled_;  // orders of pending cancelled events
  SimTime now_;
  SimTime last_time_ = SimTime::from_ns(-1);
  uint64_t last_order_ = 0;
  uint64_t seq_ = 0;
  uint64_t fired_ = 0;
  TraceHash trace_;
  bool stopped_ = false;
};

}  // namespace aidc::sim
