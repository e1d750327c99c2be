#include "calib/collective_kind.hpp"

#include <string>

#include "calib/text_lines.hpp"

namespace aidc::calib {

std::string_view collective_name(CollectiveKind kind) {
  switch (kind) {
    case CollectiveKind::all_reduce:
      return "all_reduce";
    case CollectiveKind::all_gather:
      return "all_gather";
    case CollectiveKind::reduce_scatter:
      return "reduce_scatter";
    case CollectiveKind::alltoall:
      return "alltoall";
    case CollectiveKind::broadcast:
      return "broadcast";
    case CollectiveKind::reduce:
      return "reduce";
    case CollectiveKind::sendrecv:
      return "sendrecv";
  }
  return "unknown";
}

std::optional<CollectiveKind> collective_from_name(std::string_view name) {
  std::string n;
  for (char c : to_lower(name)) {
    if (c != '_' && c != '-') n += c;
  }
  // nccl-tests binaries are "<collective>_perf", and "<collective>_perf_mpi" when built with MPI=1 (as NGC
  // containers ship them).
  for (std::string_view suffix : {"mpi", "perf"}) {
    if (n.size() > suffix.size() && n.substr(n.size() - suffix.size()) == suffix) n.resize(n.size() - suffix.size());
  }
  if (n == "allreduce") return CollectiveKind::all_reduce;
  if (n == "allgather") return CollectiveKind::all_gather;
  if (n == "reducescatter") return CollectiveKind::reduce_scatter;
  if (n == "alltoall") return CollectiveKind::alltoall;
  if (n == "broadcast") return CollectiveKind::broadcast;
  if (n == "reduce") return CollectiveKind::reduce;
  if (n == "sendrecv") return CollectiveKind::sendrecv;
  return std::nullopt;
}

double bus_factor(CollectiveKind kind, int ranks) {
  const double n = ranks;
  switch (kind) {
    case CollectiveKind::all_reduce:
      return 2.0 * (n - 1.0) / n;
    case CollectiveKind::all_gather:
    case CollectiveKind::reduce_scatter:
    case CollectiveKind::alltoall:
      return (n - 1.0) / n;
    case CollectiveKind::broadcast:
    case CollectiveKind::reduce:
    case CollectiveKind::sendrecv:
      return 1.0;
  }
  return 1.0;
}

}  // namespace aidc::calib
