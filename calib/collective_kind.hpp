#pragma once
// CollectiveKind: the collectives nccl-tests (and aidc-nccl) measure, with the bus-bandwidth factor
// nccl-tests applies to turn algorithm bandwidth into bus bandwidth.
//
// Definitions (nccl-tests doc/PERFORMANCE.md): algbw = S / t, where S is the size column of the table
// (bytes, the largest of the send and receive buffers); busbw = algbw * factor(n) with n ranks:
//   all_reduce                 2 (n - 1) / n
//   all_gather, reduce_scatter, alltoall   (n - 1) / n
//   broadcast, reduce, sendrecv            1
// The factor makes busbw comparable with the link bandwidth of the slowest hop for a ring.
#include <optional>
#include <string_view>

namespace aidc::calib {

enum class CollectiveKind { all_reduce, all_gather, reduce_scatter, alltoall, broadcast, reduce, sendrecv };

std::string_view collective_name(CollectiveKind kind);
// Accepts the nccl-tests binary names ("all_reduce_perf"), XLA op names ("all-reduce") and common
// spellings ("allreduce", "all_to_all", "send_recv"). Case-insensitive.
std::optional<CollectiveKind> collective_from_name(std::string_view name);
// busbw / algbw for `ranks` ranks (ranks >= 1).
double bus_factor(CollectiveKind kind, int ranks);

}  // namespace aidc::calib
