#pragma once
// Protocol-switch fit: a collective's time versus message size S follows a different latency-bandwidth line
// for each NCCL protocol (LL for small messages, LL128, Simple for large ones), t = a_k + b_k S on segment k.
// This fits 1 to max_segments contiguous segments over the sizes sorted ascending, each by least squares on
// the relative residual (t_fit - t) / t, and keeps the partition with the least total squared relative
// residual, adding a segment only when the Bayesian information criterion n log(SSE) + 3 K log(n) falls (so
// noise does not buy breakpoints). Each boundary is reported as the geometric mean of the last size of one segment and
// the first of the next: the size at which the protocol changes. Every segment needs at least min_points points.
//
// Units: bytes and microseconds; a segment's algbw is 1 / b (bytes per us = 1e-3 GB/s). Complexity: O(n^(K-1) n) for K
// segments, n <= ~40 sizes in practice.
#include <vector>

namespace aidc::calib {

struct LineSegment {
  double first_size_bytes = 0.0;
  double last_size_bytes = 0.0;
  double latency_us = 0.0;        // a
  double us_per_byte = 0.0;       // b
  double algbw_gb_per_s() const;  // 1 / b in GB/s
};

struct ProtocolSwitchFit {
  std::vector<LineSegment> segments;
  std::vector<double> switch_sizes_bytes;  // segments.size() - 1 boundaries
  std::vector<double> rel_residuals;       // (t_fit - t) / t per point, in input order after sorting by size
  double rms_rel_residual = 0.0;
};

struct ProtocolSwitchOptions {
  int max_segments = 3;
  int min_points = 3;
};

// sizes and times of equal length, sizes > 0 and distinct, times > 0.
ProtocolSwitchFit fit_protocol_switch(std::vector<double> sizes_bytes, std::vector<double> times_us,
                                      const ProtocolSwitchOptions& options = {});

}  // namespace aidc::calib
