#include "models/perf/collectives.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace aidc::models {
namespace {

constexpr double kBytesPerGb = 1e9;
constexpr double kSecondsPerUs = 1e-6;

int index_of(CollectiveAlgorithm a) {
  return static_cast<int>(a);
}
int index_of(Protocol p) {
  return static_cast<int>(p);
}

bool is_reduction(CollectiveOp op) {
  return op == CollectiveOp::all_reduce;
}

// Bandwidth (GB/s) the group gets across a domain boundary, shared by its ranks_per_domain members there.
double inter_bus_gb_per_s(const CollectiveGroup& g, const CollectiveParams& p) {
  return g.ranks_per_domain * p.nic_gb_per_s_per_gpu * p.net_efficiency / g.oversubscription;
}

// Bus bandwidth (nccl-tests busbw, GB/s) of a ring/tree/NVLS/CollNet reduction or gather for the group.
double bus_gb_per_s(CollectiveOp op, CollectiveAlgorithm algo, const CollectiveGroup& g, const CollectiveParams& p) {
  const int n = g.ranks;
  const bool spans = g.domains() > 1;
  const double inter = spans ? inter_bus_gb_per_s(g, p) : std::numeric_limits<double>::infinity();
  const double tree_inter = g.domains() > 2 ? inter * p.tree_multi_domain_factor : inter;
  // NVLS-tree beyond two domains: the inter-domain part is a double binary tree whose interior domains carry
  // two halves of the data per direction (reduce up from two children, broadcast down to two) where a
  // two-domain tree carries one, so the usable inter-domain bandwidth halves. NCCL's own tuning model states
  // the same (src/graph/tuning.cc, ncclTopoTuneModel: NVLS_TREE bw = min(bwIntra, nNodes <= 2 ? bwInter :
  // bwInter / 2)). Not a fitted value: it is the algorithm's traffic pattern.
  const double nvls_tree_inter = g.domains() > 2 ? 0.5 * tree_inter : tree_inter;
  // Hierarchical schemes (NVLS across domains, CollNet) move each byte across the boundary once per direction
  // instead of 2(n-1)/n times, so in busbw terms their inter-domain limit is inter * 2(n-1)/n.
  const double hier_gain = busbw_factor(CollectiveOp::all_reduce, n);
  switch (algo) {
    case CollectiveAlgorithm::ring:
      return std::min(p.intra_bus_gb_per_s, inter);
    case CollectiveAlgorithm::tree:
      return p.tree_bandwidth_fraction * std::min(p.intra_bus_gb_per_s, tree_inter);
    case CollectiveAlgorithm::nvls:
      if (!spans) return p.nvls_bus_gb_per_s;
      return std::min(p.nvls_bus_gb_per_s, is_reduction(op) ? nvls_tree_inter * hier_gain : inter);
    case CollectiveAlgorithm::collnet: {
      const double intra = p.nvls_bus_gb_per_s > 0.0 ? p.nvls_bus_gb_per_s : p.intra_bus_gb_per_s;
      const double in_network = inter * p.collnet_efficiency / std::max(p.net_efficiency, 1e-12) * hier_gain;
      return std::min(intra, in_network);
    }
  }
  return 0.0;
}

struct Steps {
  double intra = 0.0;
  double inter = 0.0;
};

Steps pipeline_steps(CollectiveOp op, CollectiveAlgorithm algo, const CollectiveGroup& g) {
  const double n = g.ranks;
  const double d = g.domains();
  const double k = g.ranks_per_domain;
  const double log2d = d > 1.0 ? std::ceil(std::log2(d)) : 0.0;
  switch (algo) {
    case CollectiveAlgorithm::ring: {
      double total = 0.0;
      double inter = 0.0;
      switch (op) {
        case CollectiveOp::all_reduce:
          total = 2.0 * (n - 1.0);
          inter = 2.0 * (d - 1.0);
          break;
        case CollectiveOp::all_gather:
        case CollectiveOp::reduce_scatter:
        case CollectiveOp::broadcast:
          total = n - 1.0;
          inter = d - 1.0;
          break;
        case CollectiveOp::all_to_all:
        case CollectiveOp::send_recv:
          // Direct transfers posted at once: one hop over each fabric the traffic crosses.
          total = d > 1.0 ? 2.0 : 1.0;
          inter = d > 1.0 ? 1.0 : 0.0;
          break;
      }
      return {total - inter, inter};
    }
    case CollectiveAlgorithm::tree:
      return {2.0 * (k - 1.0), 2.0 * log2d};
    case CollectiveAlgorithm::nvls:
      return {2.0, 2.0 * log2d};
    case CollectiveAlgorithm::collnet:
      return {2.0 * (k - 1.0), d > 1.0 ? 2.0 : 0.0};
  }
  return {};
}

// Bytes-per-second term of the direct (all_to_all, send_recv) transfers, in seconds for S bytes.
double direct_transfer_s(CollectiveOp op, double bytes, const CollectiveGroup& g, const CollectiveParams& p,
                         double fraction) {
  const double n = g.ranks;
  const double k = g.ranks_per_domain;
  const double per_rank_nic = p.nic_gb_per_s_per_gpu * p.net_efficiency / g.oversubscription;
  if (op == CollectiveOp::send_recv) {
    const double bw = g.domains() > 1 ? per_rank_nic : p.intra_p2p_gb_per_s;
    return bytes / (bw * fraction * kBytesPerGb);
  }
  // all_to_all: each rank sends (k-1)/n of S over NVLink and (n-k)/n of S through its NIC share; the
  // two proceed in parallel.
  const double intra_s = (k - 1.0) / n * bytes / (p.intra_bus_gb_per_s * fraction * kBytesPerGb);
  const double inter_s = g.domains() > 1 ? (n - k) / n * bytes / (per_rank_nic * fraction * kBytesPerGb) : 0.0;
  return std::max(intra_s, inter_s);
}

Protocol protocol_by_size(double bytes, const CollectiveParams& p) {
  if (bytes <= p.ll_max_bytes) return Protocol::ll;
  if (bytes <= p.ll128_max_bytes) return Protocol::ll128;
  return Protocol::simple;
}

}  // namespace

std::string_view to_string(CollectiveOp op) {
  switch (op) {
    case CollectiveOp::all_reduce:
      return "all_reduce";
    case CollectiveOp::all_gather:
      return "all_gather";
    case CollectiveOp::reduce_scatter:
      return "reduce_scatter";
    case CollectiveOp::all_to_all:
      return "all_to_all";
    case CollectiveOp::broadcast:
      return "broadcast";
    case CollectiveOp::send_recv:
      return "send_recv";
  }
  return "?";
}

std::string_view to_string(CollectiveAlgorithm a) {
  switch (a) {
    case CollectiveAlgorithm::ring:
      return "ring";
    case CollectiveAlgorithm::tree:
      return "tree";
    case CollectiveAlgorithm::nvls:
      return "nvls";
    case CollectiveAlgorithm::collnet:
      return "collnet";
  }
  return "?";
}

std::string_view to_string(Protocol p) {
  switch (p) {
    case Protocol::ll:
      return "LL";
    case Protocol::ll128:
      return "LL128";
    case Protocol::simple:
      return "Simple";
  }
  return "?";
}

double busbw_factor(CollectiveOp op, int ranks) {
  const double n = ranks;
  switch (op) {
    case CollectiveOp::all_reduce:
      return 2.0 * (n - 1.0) / n;
    case CollectiveOp::all_gather:
    case CollectiveOp::reduce_scatter:
    case CollectiveOp::all_to_all:
      return (n - 1.0) / n;
    case CollectiveOp::broadcast:
    case CollectiveOp::send_recv:
      return 1.0;
  }
  return 1.0;
}

bool algorithm_supported(CollectiveOp op, CollectiveAlgorithm algo, const CollectiveGroup& g,
                         const CollectiveParams& p) {
  const bool direct = op == CollectiveOp::all_to_all || op == CollectiveOp::send_recv;
  switch (algo) {
    case CollectiveAlgorithm::ring:
      return true;
    case CollectiveAlgorithm::tree:
      return op == CollectiveOp::all_reduce && p.tree_bandwidth_fraction > 0.0;
    case CollectiveAlgorithm::nvls:
      // NVLS reduces/gathers through the NVSwitch; it needs more than one member in the domain.
      return !direct && op != CollectiveOp::broadcast && p.nvls_bus_gb_per_s > 0.0 && g.ranks_per_domain > 1;
    case CollectiveAlgorithm::collnet:
      return op == CollectiveOp::all_reduce && p.collnet_efficiency > 0.0 && g.domains() > 1;
  }
  return false;
}

double collective_time_s(CollectiveOp op, double bytes, const CollectiveGroup& g, const CollectiveParams& p,
                         CollectiveAlgorithm algo, Protocol proto) {
  if (!algorithm_supported(op, algo, g, p) || !p.protocol_enabled[index_of(proto)]) return -1.0;
  const ProtocolCost& c = p.cost[index_of(algo)][index_of(proto)];
  if (c.bandwidth_fraction <= 0.0) return -1.0;
  CollectiveGroup eff = g;
  const bool direct = op == CollectiveOp::all_to_all || op == CollectiveOp::send_recv;
  // Without PXN a direct transfer to a rank on another rail crosses the spine.
  if (direct && !p.pxn && g.domains() > 1) eff.fabric_tier = std::max(eff.fabric_tier, 2);
  const Steps steps = pipeline_steps(op, algo, eff);
  const double latency_us = c.base_latency_us + steps.intra * c.hop_latency_intra_us +
                            steps.inter * (c.hop_latency_inter_us + eff.tier_latency_us);
  double transfer_s = 0.0;
  if (direct) {
    transfer_s = direct_transfer_s(op, bytes, eff, p, c.bandwidth_fraction);
  } else {
    const double bus = bus_gb_per_s(op, algo, eff, p) * c.bandwidth_fraction;
    transfer_s = busbw_factor(op, g.ranks) * bytes / (bus * kBytesPerGb);
  }
  return latency_us * kSecondsPerUs + transfer_s;
}

CollectiveResult predict_collective(CollectiveOp op, double bytes, const CollectiveGroup& g,
                                    const CollectiveParams& p) {
  CollectiveResult best;
  if (g.ranks <= 1) {
    if (op == CollectiveOp::send_recv && bytes > 0.0) {
      best.time_s = bytes / (p.intra_p2p_gb_per_s * kBytesPerGb);
      best.algbw_gb_per_s = bytes / best.time_s / kBytesPerGb;
      best.busbw_gb_per_s = best.algbw_gb_per_s;
    }
    return best;
  }
  const bool by_size = p.ll_max_bytes > 0.0 && p.ll128_max_bytes > 0.0;
  const Protocol forced = protocol_by_size(bytes, p);
  best.time_s = std::numeric_limits<double>::infinity();
  for (int a = 0; a < kNumCollectiveAlgorithms; ++a) {
    for (int q = 0; q < kNumProtocols; ++q) {
      const auto proto = static_cast<Protocol>(q);
      if (by_size && proto != forced) continue;
      const double t = collective_time_s(op, bytes, g, p, static_cast<CollectiveAlgorithm>(a), proto);
      if (t >= 0.0 && t < best.time_s) {
        best.time_s = t;
        best.algorithm = static_cast<CollectiveAlgorithm>(a);
        best.protocol = proto;
      }
    }
  }
  if (!std::isfinite(best.time_s)) throw std::invalid_argument("no enabled algorithm/protocol for this collective");
  best.algbw_gb_per_s = best.time_s > 0.0 ? bytes / best.time_s / kBytesPerGb : 0.0;
  best.busbw_gb_per_s = best.algbw_gb_per_s * busbw_factor(op, g.ranks);
  return best;
}

std::array<std::array<ProtocolCost, kNumProtocols>, kNumCollectiveAlgorithms> default_protocol_costs() {
  // {base, hop intra, hop inter, bandwidth fraction}; rows LL, LL128, Simple.
  std::array<std::array<ProtocolCost, kNumProtocols>, kNumCollectiveAlgorithms> c{};
  c[index_of(CollectiveAlgorithm::ring)] = {{{6.6, 0.6, 2.7, 0.25}, {14.0, 1.9, 4.0, 0.92}, {8.4, 3.4, 14.0, 1.0}}};
  c[index_of(CollectiveAlgorithm::tree)] = {{{6.8, 0.6, 5.0, 0.25}, {14.0, 1.25, 8.5, 0.92}, {8.4, 4.0, 14.0, 1.0}}};
  // NVLS and CollNet run the Simple protocol only.
  c[index_of(CollectiveAlgorithm::nvls)] = {{{0.0, 0.0, 0.0, 0.0}, {0.0, 0.0, 0.0, 0.0}, {25.0, 0.0, 14.0, 1.0}}};
  c[index_of(CollectiveAlgorithm::collnet)] = {{{0.0, 0.0, 0.0, 0.0}, {0.0, 0.0, 0.0, 0.0}, {10.0, 3.4, 14.0, 1.0}}};
  return c;
}

void validate(const CollectiveParams& p) {
  auto require = [](bool ok, const char* field) {
    if (!ok) throw std::invalid_argument(std::string("CollectiveParams.") + field + " out of range");
  };
  require(p.intra_bus_gb_per_s > 0.0, "intra_bus_gb_per_s");
  require(p.intra_p2p_gb_per_s > 0.0, "intra_p2p_gb_per_s");
  require(p.nvls_bus_gb_per_s >= 0.0, "nvls_bus_gb_per_s");
  require(p.nic_gb_per_s_per_gpu > 0.0, "nic_gb_per_s_per_gpu");
  require(p.net_efficiency > 0.0 && p.net_efficiency <= 1.0, "net_efficiency");
  require(p.collnet_efficiency >= 0.0 && p.collnet_efficiency <= 1.0, "collnet_efficiency");
  require(p.tree_bandwidth_fraction >= 0.0 && p.tree_bandwidth_fraction <= 1.0, "tree_bandwidth_fraction");
  require(p.ll_max_bytes >= 0.0 && p.ll128_max_bytes >= 0.0, "ll_max_bytes/ll128_max_bytes");
  require(p.tree_multi_domain_factor > 0.0 && p.tree_multi_domain_factor <= 1.0, "tree_multi_domain_factor");
  for (const auto& row : p.cost) {
    for (const auto& c : row) {
      require(c.base_latency_us >= 0.0 && c.hop_latency_intra_us >= 0.0 && c.hop_latency_inter_us >= 0.0,
              "cost latency");
      require(c.bandwidth_fraction >= 0.0 && c.bandwidth_fraction <= 1.0, "cost bandwidth_fraction");
    }
  }
}

}  // namespace aidc::models
