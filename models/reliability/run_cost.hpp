#pragma once
// Run cost of the reliability simulation, estimated before it runs, so that a scenario whose horizon or
// replication count would take hours is refused up front with an estimate (tools/cli/resource_guard.hpp)
// instead of running until someone kills it.
//
// The work of a replication is dominated by failures: each costs a failure event, a repair event and, when it
// hits the job, a restart; checkpoints add one event per interval. Expected failures per replication are
// sum over classes of units / MTBF x horizon (the superposed renewal rate; exact for exponential lives, the
// long-run rate for Weibull). Unit counts follow reliability_sim.cpp's init_class.
#include "models/reliability/reliability_inputs.hpp"

namespace aidc::models {

struct ReliabilityRunCost {
  double failures_per_replication = 0.0;
  double events_per_replication = 0.0;  // failures x 3 (fail, repair, restart) + checkpoints
  double pending_events_peak = 0.0;     // Weibull classes keep one pending event per unit
};

ReliabilityRunCost estimate_run_cost(const ReliabilityInputs& in);

}  // namespace aidc::models
