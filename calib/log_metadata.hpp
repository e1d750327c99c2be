#pragma once
// LogMetadata: facts about the platform that a benchmark log states in its comment lines, whatever
// the table format underneath. Recognised (all optional):
//   "#  Rank  0 Group  0 Pid 123 on host-a device  0 [0x1b] NVIDIA H100 80GB HBM3"   (nccl-tests device lines)
//   "# nodes x GPUs: 2 x 8"                            (the convention of aidc-nccl and the published logs)
//   "# hardware: ... H100 ..."                         (a GPU model named in a hardware/device/gpu line)
//   NCCL version: "NCCL version 2.18.5+cuda12.2", "NCCL 2.26.2+cuda12.8", "nccl-library=23004", "nccl=2.27.7"
//   NCCL_* environment: "NCCL_ALGO=Ring" tokens in comments, "NCCL INFO NCCL_ALGO set by environment to Ring"
//   collective: "# Collective test starting: all_gather_perf", or a "<name>_perf" program in a command line
//   network: "NCCL INFO Using network IB" / "Socket", or "NCCL INFO NET/Socket : Using ..."
// Lines may be long (megabytes): no regex sees more than the first 2 kB of a line.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "calib/collective_kind.hpp"

namespace aidc::calib {

struct DeviceLine {
  int rank = 0;
  std::string host;
  int device = 0;
  std::string name;  // as printed ("NVIDIA H100 80GB HBM3")
  int line = 0;
};

class TextLines;

// Largest node count and GPUs per node a log may state: far above any cluster, small enough that
// nodes x GPUs per node fits in an int. A larger statement is a garbled line, not a platform.
inline constexpr int kMaxStatedNodes = 1'000'000;
inline constexpr int kMaxStatedGpusPerNode = 1'024;

struct LogMetadata {
  std::vector<DeviceLine> devices;
  int nodes = 0;          // from "nodes x GPUs: N x G" (0 = not stated)
  int gpus_per_node = 0;  // idem
  std::string gpu;        // canonical model from device lines or a hardware line
  std::string nccl_version;
  std::map<std::string, std::string> env;
  std::optional<CollectiveKind> collective;
  // Network transport NCCL used, as it names it ("IB", "Socket", "AWS Libfabric"); empty when not stated.
  std::string network;
  // A test program the log names that is not a supported collective ("gather_perf"), and its line.
  std::string unsupported_collective;
  int unsupported_collective_line = 0;

  // Line of a "nodes x GPUs" statement beyond kMaxStatedNodes / kMaxStatedGpusPerNode (0: none); scan then
  // leaves nodes and gpus_per_node as they were, and require_valid reports it.
  int out_of_range_line = 0;
  // Line of a device line ("Rank N Pid P on host device D ...") whose bus id or name could not be read (0: none).
  int garbled_device_line = 0;

  // Feeds one line (comment marker already removed or not; NCCL INFO lines too).
  void scan(std::string_view text, int line);
  // Throws CalibError at garbled_device_line or out_of_range_line, if any.
  void require_valid(const TextLines& text) const;
  // Distinct hosts of the device lines (0 when there are none).
  int device_hosts() const;
};

// Canonical GPU model named in free text, or "" ("NVIDIA H100 80GB HBM3" -> "H100"; "GB200" before "B200"),
// with the form factor when the words right after the model name it: "NVIDIA H100 PCIe" -> "H100 PCIe",
// "NVIDIA H100 NVL" -> "H100 NVL", "NVIDIA A100-PCIE-40GB" -> "A100 PCIe" (SXM parts: the bare model).
std::string canonical_gpu(std::string_view text);

}  // namespace aidc::calib
