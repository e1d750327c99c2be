#include "sim/engine.hpp"

#include <stdexcept>
#include <string>

namespace aidc::sim {

namespace {
constexpr int kSequenceBits = 48;
constexpr uint64_t kSequenceMask = (uint64_t{1} << kSequenceBits) - 1;
}  // namespace

EventHandle Engine::schedule_at(SimTime t, EventFn fn, void* target, uint64_t arg, int priority) {
  if (t < now_) {
    throw std::invalid_argument("Engine: cannot schedule at " + std::to_string(t.ns()) + " ns, before now (" +
                                std::to_string(now_.ns()) + " ns)");
  }
  if (priority < 0 || priority > kMaxPriority) throw std::invalid_argument("Engine: priority out of range");
  if (++seq_ > kSequenceMask) throw std::overflow_error("Engine: more than 2^48 events scheduled");
  const uint64_t order = (static_cast<uint64_t>(priority) << kSequenceBits) | seq_;
  queue_.push(Event{t, order, fn, target, arg});
  return EventHandle(t, order);
}

void Engine::cancel(const EventHandle& h) {
  if (!h.valid()) return;
  // Fired events have keys at or before the last fired key: nothing to do.
  if (h.time_ < last_time_ || (h.time_ == last_time_ && h.order_ <= last_order_)) return;
  cancelled_.insert(h.order_);
}

void Engine::skip_cancelled() {
  while (!cancelled_.empty() && !queue_.empty()) {
    const auto it = cancelled_.find(queue_.top().order);
    if (it == cancelled_.end()) return;
    const Event e = queue_.pop();
    last_time_ = e.time;
    last_order_ = e.order;
    cancelled_.erase(it);
  }
}

bool Engine::step() {
  skip_cancelled();
  if (queue_.empty()) return false;
  const Event e = queue_.pop();
  now_ = e.time;
  last_time_ = e.time;
  last_order_ = e.order;
  ++fired_;
  // One fold per event: the time, order and argument are combined first (independent multiplies), so the
  // hash adds one dependent multiply to the event loop, not three.
  trace_.add(TraceHash::mix(static_cast<uint64_t>(e.time.ns())) ^ (e.order * 0x9e3779b97f4a7c15ULL) ^
             (e.arg * 0xc2b2ae3d27d4eb4fULL));
  e.fn(*this, e.target, e.arg);
  return true;
}

void Engine::run_until(SimTime t) {
  stopped_ = false;
  for (;;) {
    skip_cancelled();
    if (queue_.empty() || queue_.top().time > t) break;
    step();
    if (stopped_) return;
  }
  if (t != SimTime::max() && t > now_) now_ = t;
}

}  // namespace aidc::sim
