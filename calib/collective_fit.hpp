#pragma once
// Fit of the project's collective cost model (models/perf/collectives.hpp, CollectiveParams) to measured
// collective series, and the prediction of series with it.
//
// Fitted terms (each a CollectiveParams field; which ones depend on the data):
//   intra_bus_gb_per_s                       ring busbw inside a node (Simple protocol, large messages)
//   nvls_bus_gb_per_s                        NVLS busbw (platforms with NVLink SHARP; options.nvls)
//   net_efficiency                           achieved share of the NIC line rate (series spanning nodes)
//   cost[ring][LL|LL128].bandwidth_fraction  protocol bandwidth shares (Simple fixed at 1)
//   cost[ring][LL|LL128|Simple].base_latency_us, cost[nvls][Simple].base_latency_us
//   cost[*][LL|LL128|Simple].hop_latency_inter_us  per network step (series spanning nodes; shared by ring/NVLS)
// A series whose log forces NCCL_ALGO (algorithm "ring", "nvls", "tree") is predicted with that algorithm only.
// Fixed, with why: hop_latency_intra_us = 0 (every published log has 8 GPUs per node, so the per-NVLink-hop
// latency cannot be told apart from the base latency); tree and CollNet disabled (tree_bandwidth_fraction =
// collnet_efficiency = 0: NCCL's NVLS-tree on multi-node H100 runs is what the NVLS-across-domains term
// models); NVLS only with Simple (NCCL runs NVLS with Simple only); intra_p2p_gb_per_s = intra_bus_gb_per_s;
// nic_gb_per_s_per_gpu is the line rate the caller states (a datasheet fact, not fitted); protocol switch
// sizes left at 0, so the model picks the fastest protocol as NCCL's tuner does, and the switch sizes it then
// implies are reported.
//
// Objective: residual log(t_model / t_measured) per point (relative error, equal weight per point), Huber
// threshold options.huber_threshold, minimised by Levenberg-Marquardt on log-parameters (logit for shares).
// Standard errors are reported in parameter units (delta method). Series with concurrent groups (XLA 2x4,
// 4x2) and collectives the model lacks (reduce) are not used.
#include <string>
#include <vector>

#include "calib/collective_series.hpp"
#include "models/perf/collectives.hpp"

namespace aidc::calib {

struct CollectiveFitOptions {
  double nic_gb_per_s_per_gpu = 0.0;  // required when a series spans nodes
  bool nvls = false;
  double huber_threshold = 0.1;  // in log(t) units: points off by more than ~10 % are down-weighted
  int max_iterations = 300;
};

struct FittedTerm {
  std::string name;
  std::string unit;
  double value = 0.0;
  double std_error = 0.0;
};

struct SeriesResidual {
  std::string file;
  std::string label;
  int points = 0;
  double median_abs_rel_error = 0.0;  // |busbw_model / busbw_measured - 1|
  double max_abs_rel_error = 0.0;
  std::vector<double> switch_sizes_bytes;  // from the per-series protocol-switch fit (protocol_switch_fit.hpp)
};

struct CollectiveFit {
  models::CollectiveParams params;
  std::vector<FittedTerm> terms;
  std::vector<SeriesResidual> series;
  std::vector<double> model_switch_sizes_bytes;  // where the fitted model changes protocol (first fit series)
  int points = 0;
  int iterations = 0;
  double median_abs_rel_error = 0.0;
  double max_abs_rel_error = 0.0;
};

// Throws CalibError(file, line, ...) when a series lacks what the fit needs (collective, ranks, nodes, GPU
// count) or the option it needs (NIC rate for a multi-node series).
CollectiveFit fit_collectives(const std::vector<CollectiveSeries>& series, const CollectiveFitOptions& options);

// True when the model has this collective (everything but reduce) and the series ran one group.
bool model_supports(const CollectiveSeries& series);
models::CollectiveOp model_op(CollectiveKind kind);
models::CollectiveGroup model_group(const CollectiveSeries& series);
// Model time in microseconds of one point.
double model_time_us(const models::CollectiveParams& params, const CollectiveSeries& series, double size_bytes);

}  // namespace aidc::calib
