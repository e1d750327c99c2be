#pragma once
// collect_score_inputs: the named inputs a scoring rubric reads (models/score/score_input.hpp lists every
// key), gathered from
//   - the simulated headline metrics (models::Metrics; a metric no stage modelled stays empty),
//   - the performance model's network figures of the scenario's fabric (RDMA effective bandwidth),
//   - the hardware profile (peak BF16 TFLOP/s, TFLOP/s per W),
//   - the built site (latency per tier, dual-ToR, oversubscription, storage density and protection, power and
//     cooling redundancy per layer, encoded as classes),
//   - the scenario's declared facts (ScoringSpec).
// Each value carries its source, e.g. "topology: cooling.cdus N+1".
#include "models/metrics.hpp"
#include "models/score/score_input.hpp"
#include "tools/schema/scenario.hpp"
#include "tools/schema/scoring_loader.hpp"
#include "topology/site.hpp"

namespace aidc::cli {

models::ScoreInputs collect_score_inputs(const tools::Scenario& sc, const topo::Site& site,
                                         const models::Metrics& metrics, const tools::ScoringSpec& spec);

// Redundancy class of a layer (encoding in models/score/score_input.hpp).
double redundancy_class(const topo::Redundancy& r);

}  // namespace aidc::cli
