#include "sim/engine.hpp"

#include <stdexcept>
#include <string>

namespace aidc::sim {

void Engine::reject_schedule(SimTime t, int priority) const {
  if (t < now_) {
    throw std::invalid_argument("Engine: cannot schedule at " + std::to_string(t.ns()) + " ns, before now (" +
                                std::to_string(now_.ns()) + " ns)");
  }
  if (priority < 0 || priority > kMaxPriority) throw std::invalid_argument("Engine: priority out of range");
  throw std::overflow_error("Engine: more than 2^48 events scheduled");
}

void Engine::cancel(const EventHandle& h) {
  if (!h.valid()) return;
  // Fired events have keys at or before the highest fired key: nothing to do, unless the key belongs to a
  // late event that has not fired yet.
  const bool at_or_before = h.time_ < last_time_ || (h.time_ == last_time_ && h.order_ <= last_order_);
  if (at_or_before && !(h.time_ == last_time_ && late_.count(h.order_) != 0)) return;
  cancelled_.insert(h.order_);
}

void Engine::skip_cancelled(SimTime limit) {
  while (!cancelled_.empty() && !queue_.empty()) {
    const Event& top = queue_.top();
    if (top.time > limit) return;
    const auto it = cancelled_.find(top.order);
    if (it == cancelled_.end()) return;
    const Event e = queue_.pop();
    note_popped(e);
    cancelled_.erase(it);
  }
}

void Engine::run_until(SimTime t) {
  stopped_ = false;
  for (;;) {
    skip_cancelled(t);
    if (queue_.empty() || queue_.top().time > t) break;
    step();
    if (stopped_) return;
  }
  if (t != SimTime::max() && t > now_) now_ = t;
}

}  // namespace aidc::sim
