#pragma once
// CollectiveSeries: one measured bandwidth-versus-size curve of one collective on one platform, the
// common product of every collective-log parser (nccl-tests tables, aidc-nccl output, published busbw
// tables, the XLA collective table). Fits and `aidc calibrate --check` consume only this type.
//
// Units: sizes in bytes (the nccl-tests "size" column); time in microseconds; algbw and busbw in
// gigabytes per second (1e9 B/s), exactly as nccl-tests reports them. A source that publishes busbw
// only has time_us and algbw_gb_per_s set to NaN; use point_time_us() to get the time back from busbw.
//
// Invariants (checked by the parsers): points are sorted by strictly increasing size; busbw >= 0;
// ranks * concurrent_groups == nodes * gpus_per_node whenever all are known (0 = unknown).
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calib/collective_kind.hpp"

namespace aidc::calib {

struct CollectivePoint {
  double size_bytes = 0.0;
  double time_us = std::nan("");
  double algbw_gb_per_s = std::nan("");
  double busbw_gb_per_s = 0.0;
  int line = 0;  // line of the source log, for error messages
};

struct CollectiveSeries {
  std::string file;
  int first_line = 0;
  std::string label;  // e.g. "table 2 (line 31) in-place", "column '4 nodes'"
  std::optional<CollectiveKind> collective;
  int ranks = 0;
  int nodes = 0;
  int gpus_per_node = 0;
  int concurrent_groups = 1;               // > 1: that many groups of `ranks` ran at once in one node (XLA table)
  std::string gpu;                         // canonical GPU model ("H100", "H100 PCIe", ...), empty when unknown
  std::string network;                     // NCCL's network transport as logged ("IB", "Socket"), empty = not stated
  std::string nccl_version;                // as written ("2.26.2+cuda12.8"), empty when unknown
  std::string algorithm;                   // NCCL_ALGO when the log states it ("RING", "NVLS"), empty = NCCL default
  std::map<std::string, std::string> env;  // NCCL_* settings the log states
  std::vector<CollectivePoint> points;
};

// Collective time implied by a point: the measured time when present, otherwise recovered from busbw as
// size / (busbw / factor). Needs series.collective and series.ranks.
double point_time_us(const CollectiveSeries& series, const CollectivePoint& point);

}  // namespace aidc::calib
