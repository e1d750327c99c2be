#pragma once
// Collective communication cost model: the time one NCCL collective takes on a group of GPUs, and the
// algbw / busbw figures nccl-tests prints for it, so predictions compare with nccl-tests logs line by line.
//
// Concept. A collective runs on `ranks` GPUs laid out as `ranks_per_domain` GPUs in each of
// `domains` scale-up domains (an NVLink/NVSwitch node, or a multi-node NVLink domain such as NVL72).
// For each algorithm NCCL can use (ring, tree, NVLS inside an NVSwitch domain with multicast/reduction
// support, CollNet = in-network reduction such as InfiniBand SHARP) and each protocol (LL, LL128, Simple)
// the model computes
//     time = base_latency(algo, proto)
//          + steps_intra * hop_latency_intra(proto) + steps_inter * (hop_latency_inter(proto) + tier latency)
//          + busbw_factor(op, n) * S / bus_bandwidth(algo, proto, group)
// and, like NCCL's tuner, picks the fastest enabled (algorithm, protocol) pair, or the protocol given by
// the explicit switch sizes when those are set. This is the structure of NCCL's own tuning model
// (src/graph/tuning.cc: a base latency per algorithm/protocol, a per-hop latency for NVLink and network
// hops, and a bus bandwidth scaled by a per-protocol factor); the numbers are ours, from datasheets or fitted
// to nccl-tests logs by calib/.
//
// Bandwidth of a group (busbw, GB/s, per rank, nccl-tests convention):
//   - inside one domain: intra_bus_gb_per_s (ring/tree), nvls_bus_gb_per_s (NVLS, 0 = not supported);
//   - spanning domains (rail-optimised, PXN assumed when `pxn`): the bytes a ring moves across a domain
//     boundary leave through the NICs the group owns in that domain. With every GPU of the domain busy in
//     a concurrent group of the same shape (the normal case for DP/PP/EP groups of a 3D-parallel job),
//     the group owns ranks_per_domain NIC shares, so
//         inter busbw = ranks_per_domain * nic_gb_per_s_per_gpu * net_efficiency / oversubscription
//     and the ring's busbw is min(intra, inter). In-network reduction (CollNet/SHARP) sends each byte
//     once into the switch instead of 2(n-1)/n times round a ring: its all_reduce algbw is
//     ranks_per_domain * nic_gb_per_s_per_gpu * net_efficiency * collnet_efficiency / oversubscription.
//   - protocols deliver a fraction of that: LL carries 4 data bytes per 8-byte line (and needs flag
//     polling), LL128 120 of every 128 bytes, Simple all of it (NCCL docs; Hu et al., "Demystifying NCCL",
//     arXiv:2507.04786). The fraction is a parameter, fittable per protocol.
//
// busbw factor (nccl-tests doc/PERFORMANCE.md): all_reduce 2(n-1)/n; all_gather, reduce_scatter and
// all_to_all (n-1)/n; broadcast and send_recv 1. algbw = S / time with S the nccl-tests "size" column
// (the total buffer: for all_gather the gathered output, for reduce_scatter the input).
//
// Units: bytes, seconds, microseconds (_us), GB/s = 1e9 bytes/s (nccl-tests' GB/s). Invariants: every
// bandwidth > 0 except nvls/collnet where 0 means "not available"; efficiencies in (0, 1]; results are
// monotone: more bandwidth never gives a longer time, more bytes never a shorter one.
// Complexity: O(algorithms x protocols) = 12 candidate evaluations, no allocation.
#include <array>
#include <cstdint>
#include <string_view>

namespace aidc::models {

enum class CollectiveOp : std::uint8_t { all_reduce, all_gather, reduce_scatter, all_to_all, broadcast, send_recv };
enum class CollectiveAlgorithm : std::uint8_t { ring, tree, nvls, collnet };
enum class Protocol : std::uint8_t { ll, ll128, simple };

inline constexpr int kNumCollectiveAlgorithms = 4;
inline constexpr int kNumProtocols = 3;

std::string_view to_string(CollectiveOp op);
std::string_view to_string(CollectiveAlgorithm a);
std::string_view to_string(Protocol p);

// Cost terms of one (algorithm, protocol) pair. All fittable from nccl-tests logs: the latency terms from
// small messages, the bandwidth fraction from large ones.
struct ProtocolCost {
  double base_latency_us = 0.0;       // fixed cost per call (kernel launch, synchronisation)
  double hop_latency_intra_us = 0.0;  // per pipeline step over the scale-up fabric (NVLink)
  double hop_latency_inter_us = 0.0;  // per pipeline step over the network (NIC + first switch), tier latency added
  double bandwidth_fraction = 1.0;    // share of the bus bandwidth this protocol delivers, in (0, 1]
};

// Per-platform parameters. Defaults come from the hardware profile (collective_params_from_profile in
// cluster_view.hpp); calib/ fits them from nccl-tests logs. Every field is physically meaningful.
struct CollectiveParams {
  // Scale-up domain (NVLink / NVSwitch).
  double intra_bus_gb_per_s = 0.0;  // achievable ring busbw of a full domain, Simple protocol, large messages
  double intra_p2p_gb_per_s = 0.0;  // achievable one-direction GPU-to-GPU copy bandwidth inside the domain
  double nvls_bus_gb_per_s = 0.0;   // NVLS (NVSwitch multicast/reduction) busbw; 0 = not available
  // Scale-out network.
  double nic_gb_per_s_per_gpu = 0.0;     // NIC line rate per GPU: nics_per_node * gbps_per_nic / 8 / gpus_per_node
  double net_efficiency = 0.0;           // achieved share of line rate for large RDMA transfers, (0, 1]
  double collnet_efficiency = 0.0;       // in-network reduction (SHARP) share of line rate; 0 = not available
  double tree_bandwidth_fraction = 0.0;  // tree busbw as a share of the ring's (tree pipelines up and down)
  // Tree and NVLS-tree across more than two domains: an extra multiplier on their inter-domain bandwidth when
  // domains > 2, for what a platform's logs show beyond the structural terms (NVLS-tree's inter-domain part is
  // already halved beyond two domains, as in NCCL's tuning model; collectives.cpp). 1 = no extra penalty; a
  // profile sets it only from logs that span more than two domains.
  double tree_multi_domain_factor = 1.0;
  bool pxn = true;  // PXN: traffic to a remote rank leaves through the rail-matched NIC (via NVLink first)
  // Cost terms, indexed [algorithm][protocol].
  std::array<std::array<ProtocolCost, kNumProtocols>, kNumCollectiveAlgorithms> cost{};
  // Protocol switch sizes (bytes of S). When both are > 0 the protocol is LL for S <= ll_max_bytes, LL128
  // for S <= ll128_max_bytes, Simple above (what fits real logs where NCCL's own choice is known);
  // when 0, the protocol is chosen by least predicted time, as NCCL's tuner does.
  double ll_max_bytes = 0.0;
  double ll128_max_bytes = 0.0;
  // Protocols NCCL enables on this platform (LL128 is only enabled where NVIDIA validated it).
  std::array<bool, kNumProtocols> protocol_enabled{true, true, true};
};

// Where a group's members sit. Built by the training-step model from the parallel layout, or by calib/
// from an nccl-tests header (nodes x GPUs per node).
struct CollectiveGroup {
  int ranks = 1;             // n, the number of GPUs in the collective
  int ranks_per_domain = 1;  // members of the group in one scale-up domain (n when the group fits in one)
  // Network facts for a group spanning domains: highest fabric tier crossed (1 = leaf switch, 2 = spine,
  // 3 = core), the oversubscription of the links at that tier (>= 1) and the extra one-way latency that tier
  // adds per network step.
  int fabric_tier = 1;
  double oversubscription = 1.0;
  double tier_latency_us = 0.0;
  int domains() const { return (ranks + ranks_per_domain - 1) / ranks_per_domain; }
};

struct CollectiveResult {
  double time_s = 0.0;
  double algbw_gb_per_s = 0.0;  // S / time
  double busbw_gb_per_s = 0.0;  // algbw * busbw_factor(op, n)
  CollectiveAlgorithm algorithm = CollectiveAlgorithm::ring;
  Protocol protocol = Protocol::simple;
};

// nccl-tests busbw factor: 2(n-1)/n for all_reduce, (n-1)/n for all_gather/reduce_scatter/all_to_all,
// 1 for broadcast and send_recv; 0 for n = 1 except send_recv.
double busbw_factor(CollectiveOp op, int ranks);

// Whether an algorithm applies to this op, group and platform (e.g. NVLS needs nvls_bus_gb_per_s > 0 and
// ranks_per_domain > 1; tree and CollNet only reduce all_reduce; a2a and send/recv use direct transfers).
bool algorithm_supported(CollectiveOp op, CollectiveAlgorithm algo, const CollectiveGroup& group,
                         const CollectiveParams& params);

// Time of one (algorithm, protocol) pair; a negative value when the pair does not apply.
double collective_time_s(CollectiveOp op, double bytes, const CollectiveGroup& group, const CollectiveParams& params,
                         CollectiveAlgorithm algo, Protocol proto);

// The fastest applicable pair (NCCL's choice under this model) and its nccl-tests figures. bytes >= 0;
// a group of one rank costs nothing (time 0) except send_recv, which is a local copy at intra_p2p bandwidth.
CollectiveResult predict_collective(CollectiveOp op, double bytes, const CollectiveGroup& group,
                                    const CollectiveParams& params);

// Throws std::invalid_argument naming the first field that is out of range.
void validate(const CollectiveParams& params);

// Default cost terms, per algorithm and protocol: NCCL's published tuning-model constants (base latency and
// per-hop NVLink/network latency per algorithm/protocol, NCCL 2.18-2.21 src/graph/tuning.cc) and the
// protocols' payload shares (LL 1/4 of the link as NCCL models it, LL128 0.92, Simple 1). Starting values that
// calib/ replaces with fitted ones.
std::array<std::array<ProtocolCost, kNumProtocols>, kNumCollectiveAlgorithms> default_protocol_costs();

// Datasheet fallbacks for the bus bandwidths when no nccl-tests measurement is in the profile: the share of
// the per-direction NVLink bandwidth a ring achieves, and NVLS's gain over it, from the 8-GPU HGX
// measurements in ../shared/calib-data/nccl (A100 231.6/300 = 0.77, H100/H200 ring 367/450 = 0.82;
// NVLS 479/450 = 1.06).
inline constexpr double kRingShareOfNvlink = 0.8;
inline constexpr double kP2pShareOfNvlink = 0.85;
inline constexpr double kNvlsShareOfNvlink = 1.06;
inline constexpr double kDefaultNetEfficiency = 0.95;
inline constexpr double kDefaultTreeBandwidthFraction = 0.9;

}  // namespace aidc::models
