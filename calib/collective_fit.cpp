#include "calib/collective_fit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "calib/calib_error.hpp"
#include "calib/protocol_switch_fit.hpp"
#include "calib/robust_fit.hpp"

namespace aidc::calib {

namespace {

using models::CollectiveAlgorithm;
using models::CollectiveParams;
using models::Protocol;

constexpr double kUsPerS = 1e6;
constexpr int kRing = static_cast<int>(CollectiveAlgorithm::ring);
constexpr int kNvls = static_cast<int>(CollectiveAlgorithm::nvls);
constexpr int kTree = static_cast<int>(CollectiveAlgorithm::tree);
constexpr int kCollnet = static_cast<int>(CollectiveAlgorithm::collnet);
constexpr int kLl = static_cast<int>(Protocol::ll);
constexpr int kLl128 = static_cast<int>(Protocol::ll128);
constexpr int kSimple = static_cast<int>(Protocol::simple);

// Starting values: typical NCCL magnitudes (NCCL tuning.cc orders: LL fastest start, Simple slowest; LL
// carries half the bytes of a line, LL128 120/128). The fit moves all of them.
constexpr double kStartIntraShareOfPeak = 0.8;
constexpr double kStartNvlsShareOfPeak = 1.02;
constexpr double kStartIntraGbPerS = 300.0;
constexpr double kStartNetEfficiency = 0.9;
constexpr double kStartLlFraction = 0.5;
constexpr double kStartLl128Fraction = 0.9;
constexpr double kStartLatencyUs[3] = {8.0, 12.0, 20.0};
constexpr double kStartNvlsLatencyUs = 20.0;
constexpr double kStartHopInterUs[3] = {3.0, 4.0, 6.0};
constexpr double kSizeProbeFactor = 2.0;
constexpr double kSizeProbeMin = 8.0;
constexpr double kSizeProbeMax = 17179869184.0;

enum class Kind { positive, share };

struct Term {
  std::string name;
  std::string unit;
  Kind kind;
  double start;
  std::function<void(CollectiveParams&, double)> set;
};

double to_value(Kind k, double x) {
  return k == Kind::positive ? std::exp(x) : 1.0 / (1.0 + std::exp(-x));
}
double to_x(Kind k, double v) {
  return k == Kind::positive ? std::log(v) : std::log(v / (1.0 - v));
}
// d value / d x, for the delta-method standard error.
double slope(Kind k, double x) {
  const double v = to_value(k, x);
  return k == Kind::positive ? v : v * (1.0 - v);
}

CollectiveParams base_params(const CollectiveFitOptions& o) {
  CollectiveParams p;
  for (auto& row : p.cost) {
    for (auto& c : row) c = {0.0, 0.0, 0.0, 0.0};  // disabled unless fitted below
  }
  p.cost[kRing][kSimple].bandwidth_fraction = 1.0;
  p.cost[kNvls][kSimple].bandwidth_fraction = o.nvls ? 1.0 : 0.0;
  p.tree_bandwidth_fraction = 0.0;
  p.collnet_efficiency = 0.0;
  p.nic_gb_per_s_per_gpu = o.nic_gb_per_s_per_gpu;
  p.intra_bus_gb_per_s = kStartIntraGbPerS;
  p.intra_p2p_gb_per_s = kStartIntraGbPerS;
  return p;
}

}  // namespace

models::CollectiveOp model_op(CollectiveKind kind) {
  switch (kind) {
    case CollectiveKind::all_reduce:
      return models::CollectiveOp::all_reduce;
    case CollectiveKind::all_gather:
      return models::CollectiveOp::all_gather;
    case CollectiveKind::reduce_scatter:
      return models::CollectiveOp::reduce_scatter;
    case CollectiveKind::alltoall:
      return models::CollectiveOp::all_to_all;
    case CollectiveKind::broadcast:
      return models::CollectiveOp::broadcast;
    case CollectiveKind::sendrecv:
      return models::CollectiveOp::send_recv;
    case CollectiveKind::reduce:
      break;
  }
  return models::CollectiveOp::all_reduce;
}

bool model_supports(const CollectiveSeries& s) {
  return s.collective && *s.collective != CollectiveKind::reduce && s.concurrent_groups == 1;
}

models::CollectiveGroup model_group(const CollectiveSeries& s) {
  models::CollectiveGroup g;
  g.ranks = s.ranks;
  g.ranks_per_domain = s.nodes > 1 ? s.gpus_per_node : s.ranks;
  return g;
}

double model_time_us(const CollectiveParams& params, const CollectiveSeries& s, double size_bytes) {
  if (s.algorithm.empty()) {
    return models::predict_collective(model_op(*s.collective), size_bytes, model_group(s), params).time_s * kUsPerS;
  }
  // The log forced NCCL_ALGO: let the model choose among that algorithm's protocols only.
  CollectiveParams forced = params;
  if (s.algorithm != "nvls" && s.algorithm != "nvlstree") forced.nvls_bus_gb_per_s = 0.0;
  if (s.algorithm != "tree" && s.algorithm != "nvlstree") forced.tree_bandwidth_fraction = 0.0;
  if (s.algorithm != "collnet" && s.algorithm != "collnetdirect" && s.algorithm != "collnetchain") {
    forced.collnet_efficiency = 0.0;
  }
  return models::predict_collective(model_op(*s.collective), size_bytes, model_group(s), forced).time_s * kUsPerS;
}

CollectiveFit fit_collectives(const std::vector<CollectiveSeries>& all, const CollectiveFitOptions& o) {
  std::vector<const CollectiveSeries*> used;
  bool multi_node = false;
  double peak_1node = 0.0;
  for (const auto& s : all) {
    if (!model_supports(s)) continue;
    if (s.ranks < 2) throw CalibError(s.file, s.first_line, s.label + ": rank count unknown; cannot fit");
    if (s.nodes < 1 || s.gpus_per_node < 1) {
      throw CalibError(s.file, s.first_line, s.label + ": nodes x GPUs per node unknown; pass them");
    }
    if (s.nodes > 1) multi_node = true;
    for (const auto& p : s.points) {
      if (s.nodes == 1) peak_1node = std::max(peak_1node, p.busbw_gb_per_s);
    }
    used.push_back(&s);
  }
  if (used.empty()) throw CalibError("(fit)", 0, "no collective series the model can use");
  if (multi_node && !(o.nic_gb_per_s_per_gpu > 0.0)) {
    throw CalibError(used.front()->file, used.front()->first_line,
                     "series spans nodes: the NIC line rate per GPU must be given to fit net_efficiency");
  }
  std::vector<Term> terms;
  const double intra0 = peak_1node > 0.0 ? kStartIntraShareOfPeak * peak_1node : kStartIntraGbPerS;
  terms.push_back({"intra_bus_gb_per_s", "GB/s", Kind::positive, intra0, [](CollectiveParams& p, double v) {
                     p.intra_bus_gb_per_s = v;
                     p.intra_p2p_gb_per_s = v;
                   }});
  if (o.nvls) {
    const double nvls0 = peak_1node > 0.0 ? kStartNvlsShareOfPeak * peak_1node : kStartIntraGbPerS;
    terms.push_back({"nvls_bus_gb_per_s", "GB/s", Kind::positive, nvls0,
                     [](CollectiveParams& p, double v) { p.nvls_bus_gb_per_s = v; }});
  }
  if (multi_node) {
    terms.push_back({"net_efficiency", "", Kind::share, kStartNetEfficiency,
                     [](CollectiveParams& p, double v) { p.net_efficiency = v; }});
  }
  terms.push_back({"cost.ring.LL.bandwidth_fraction", "", Kind::share, kStartLlFraction,
                   [](CollectiveParams& p, double v) { p.cost[kRing][kLl].bandwidth_fraction = v; }});
  terms.push_back({"cost.ring.LL128.bandwidth_fraction", "", Kind::share, kStartLl128Fraction,
                   [](CollectiveParams& p, double v) { p.cost[kRing][kLl128].bandwidth_fraction = v; }});
  const char* proto_names[3] = {"LL", "LL128", "Simple"};
  for (int q = 0; q < 3; ++q) {
    terms.push_back({std::string("cost.ring.") + proto_names[q] + ".base_latency_us", "us", Kind::positive,
                     kStartLatencyUs[q], [q](CollectiveParams& p, double v) { p.cost[kRing][q].base_latency_us = v; }});
  }
  if (o.nvls) {
    terms.push_back({"cost.nvls.Simple.base_latency_us", "us", Kind::positive, kStartNvlsLatencyUs,
                     [](CollectiveParams& p, double v) { p.cost[kNvls][kSimple].base_latency_us = v; }});
  }
  if (multi_node) {
    for (int q = 0; q < 3; ++q) {
      terms.push_back({std::string("cost.*.") + proto_names[q] + ".hop_latency_inter_us", "us", Kind::positive,
                       kStartHopInterUs[q], [q](CollectiveParams& p, double v) {
                         for (int a : {kRing, kNvls, kTree, kCollnet}) p.cost[a][q].hop_latency_inter_us = v;
                       }});
    }
  }
  const CollectiveParams base = base_params(o);
  auto params_of = [&](const Eigen::VectorXd& x) {
    CollectiveParams p = base;
    for (std::size_t i = 0; i < terms.size(); ++i)
      terms[i].set(p, to_value(terms[i].kind, x[static_cast<Eigen::Index>(i)]));
    return p;
  };
  struct Obs {
    const CollectiveSeries* s;
    double size;
    double time_us;
  };
  std::vector<Obs> obs;
  for (const auto* s : used) {
    for (const auto& p : s->points) {
      const double t = point_time_us(*s, p);
      if (std::isfinite(t) && t > 0.0 && p.size_bytes > 0.0) obs.push_back({s, p.size_bytes, t});
    }
  }
  if (obs.size() <= terms.size()) throw CalibError(used.front()->file, 0, "too few points to fit the collective model");
  auto residuals = [&](const Eigen::VectorXd& x) {
    const CollectiveParams p = params_of(x);
    Eigen::VectorXd r(static_cast<Eigen::Index>(obs.size()));
    for (std::size_t i = 0; i < obs.size(); ++i) {
      r[static_cast<Eigen::Index>(i)] = std::log(model_time_us(p, *obs[i].s, obs[i].size) / obs[i].time_us);
    }
    return r;
  };
  Eigen::VectorXd x0(static_cast<Eigen::Index>(terms.size()));
  for (std::size_t i = 0; i < terms.size(); ++i) x0[static_cast<Eigen::Index>(i)] = to_x(terms[i].kind, terms[i].start);
  LmOptions lm;
  lm.huber_threshold = o.huber_threshold;
  lm.max_iterations = o.max_iterations;
  lm.gradient_step = 1e-4;
  const LmResult res = levenberg_marquardt(residuals, x0, lm);

  CollectiveFit fit;
  fit.params = params_of(res.x);
  fit.iterations = res.iterations;
  fit.points = static_cast<int>(obs.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const auto xi = res.x[static_cast<Eigen::Index>(i)];
    fit.terms.push_back({terms[i].name, terms[i].unit, to_value(terms[i].kind, xi),
                         res.std_error[static_cast<Eigen::Index>(i)] * slope(terms[i].kind, xi)});
  }
  Eigen::VectorXd rel = res.residuals.array().exp() - 1.0;  // t_model / t - 1
  // busbw error = t / t_model - 1
  Eigen::VectorXd bus_rel = (1.0 / (1.0 + rel.array())) - 1.0;
  fit.median_abs_rel_error = median_abs(bus_rel);
  fit.max_abs_rel_error = max_abs(bus_rel);
  std::size_t at = 0;
  for (const auto* s : used) {
    SeriesResidual sr;
    sr.file = s->file;
    sr.label = s->label;
    std::vector<double> sizes, times;
    std::size_t start = at;
    while (at < obs.size() && obs[at].s == s) {
      sizes.push_back(obs[at].size);
      times.push_back(obs[at].time_us);
      ++at;
    }
    sr.points = static_cast<int>(at - start);
    const Eigen::VectorXd seg = bus_rel.segment(static_cast<Eigen::Index>(start), static_cast<Eigen::Index>(sr.points));
    sr.median_abs_rel_error = median_abs(seg);
    sr.max_abs_rel_error = max_abs(seg);
    if (sizes.size() >= 6) sr.switch_sizes_bytes = fit_protocol_switch(sizes, times).switch_sizes_bytes;
    fit.series.push_back(sr);
  }
  // Sizes where the fitted model changes protocol, on the first series' group.
  const CollectiveSeries& s0 = *used.front();
  Protocol prev = Protocol::ll;
  bool first = true;
  for (double size = kSizeProbeMin; size <= kSizeProbeMax; size *= kSizeProbeFactor) {
    auto r = models::predict_collective(model_op(*s0.collective), size, model_group(s0), fit.params);
    if (!first && r.protocol != prev) fit.model_switch_sizes_bytes.push_back(size);
    prev = r.protocol;
    first = false;
  }
  return fit;
}

}  // namespace aidc::calib
