#pragma once
// SimTime: simulated time as a strong integer count of nanoseconds.
//
// Why integer nanoseconds: floating-point time loses resolution as a simulation advances (a double has
// ~0.1 us resolution after a year), which breaks tie-ordering and determinism; int64 ns resolves 1 ns
// over +-292 years, enough for a multi-year failure study and for microsecond network latencies.
// There is no implicit conversion from double: use from_seconds()/from_hours() (rounding to the
// nearest ns, rejecting NaN and out-of-range values) or the literals 10_ns, 3_us, 5_ms, 2_s.
// Arithmetic is checked: an overflow throws std::overflow_error instead of wrapping.
#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace aidc::sim {

class SimTime {
 public:
  constexpr SimTime() = default;
  static constexpr SimTime from_ns(int64_t ns) { return SimTime(ns); }
  static SimTime from_seconds(double s) { return from_scaled(s, 1e9, "seconds"); }
  static SimTime from_hours(double h) { return from_scaled(h, 3.6e12, "hours"); }
  static constexpr SimTime zero() { return SimTime(0); }
  // "Never": later than every schedulable time.
  static constexpr SimTime max() { return SimTime(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t ns() const { return ns_; }
  constexpr double to_seconds() const { return static_cast<double>(ns_) * 1e-9; }
  constexpr double to_hours() const { return static_cast<double>(ns_) / 3.6e12; }

  constexpr auto operator<=>(const SimTime&) const = default;

  friend SimTime operator+(SimTime a, SimTime b) {
    int64_t r = 0;
    if (__builtin_add_overflow(a.ns_, b.ns_, &r)) throw std::overflow_error("SimTime overflow in addition");
    return SimTime(r);
  }
  friend SimTime operator-(SimTime a, SimTime b) {
    int64_t r = 0;
    if (__builtin_sub_overflow(a.ns_, b.ns_, &r)) throw std::overflow_error("SimTime overflow in subtraction");
    return SimTime(r);
  }
  SimTime& operator+=(SimTime b) { return *this = *this + b; }
  friend SimTime operator*(SimTime a, int64_t k) {
    int64_t r = 0;
    if (__builtin_mul_overflow(a.ns_, k, &r)) throw std::overflow_error("SimTime overflow in multiplication");
    return SimTime(r);
  }

 private:
  constexpr explicit SimTime(int64_t ns) : ns_(ns) {}
  static SimTime from_scaled(double v, double ns_per_unit, const char* unit) {
    const double ns = v * ns_per_unit;
    // 9.2e18 is the largest double below INT64_MAX's magnitude that converts exactly.
    if (!std::isfinite(ns) || std::fabs(ns) >= 9.2e18) {
      throw std::out_of_range(std::string("SimTime: ") + std::to_string(v) + " " + unit + " is not representable");
    }
    return SimTime(static_cast<int64_t>(std::llround(ns)));
  }
  int64_t ns_ = 0;
};

namespace literals {
constexpr SimTime operator""_ns(unsigned long long v) {
  return SimTime::from_ns(static_cast<int64_t>(v));
}
constexpr SimTime operator""_us(unsigned long long v) {
  return SimTime::from_ns(static_cast<int64_t>(v) * 1000);
}
constexpr SimTime operator""_ms(unsigned long long v) {
  return SimTime::from_ns(static_cast<int64_t>(v) * 1000000);
}
constexpr SimTime operator""_s(unsigned long long v) {
  return SimTime::from_ns(static_cast<int64_t>(v) * 1000000000);
}
}  // namespace literals

}  // namespace aidc::sim
