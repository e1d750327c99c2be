#include "models/perf/dp_overlap.hpp"

#include <algorithm>
#include <limits>

namespace aidc::models {

namespace {

// A serial queue: item i (in service order) is released at release(i) and due by due(i); each takes total / v.
double exposed_serial(double total, double bucket, int v, auto release, auto due) {
  double finish = std::numeric_limits<double>::lowest();
  double exposed = bucket;
  for (int i = 0; i < v; ++i) {
    finish = std::max(finish, release(i)) + total / v;
    exposed = std::max(exposed, finish - due(i));
  }
  return exposed;
}

}  // namespace

// Times are relative to the stage's end: chunk v-1 finishes its backward first, k*pp + 1 chunk-operations
// before the end for chunk k (its buckets become ready during its own last operation, counted as overlap).
double exposed_grad_reduce_s(double total_s, double bucket_s, double backward_s, int pp, int v) {
  if (total_s <= 0.0) return 0.0;
  const double op = backward_s / v;
  return exposed_serial(
      total_s, bucket_s, v, [&](int i) { return -((v - 1.0 - i) * pp + 1.0) * op; }, [](int) { return 0.0; });
}

// Times are relative to the step's start: chunk k is launched when chunk k-1 starts its first forward and is
// needed by the end of its own first forward operation.
double exposed_param_gather_s(double total_s, double bucket_s, double forward_s, int pp, int v) {
  if (total_s <= 0.0) return 0.0;
  const double op = forward_s / v;
  return exposed_serial(
      total_s, bucket_s, v, [&](int i) { return i == 0 ? 0.0 : (i - 1.0) * pp * op; },
      [&](int i) { return (static_cast<double>(i) * pp + 1.0) * op; });
}

}  // namespace aidc::models
