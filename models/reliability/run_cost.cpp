#include "models/reliability/run_cost.hpp"

namespace aidc::models {

ReliabilityRunCost estimate_run_cost(const ReliabilityInputs& in) {
  ReliabilityRunCost c;
  const auto nodes = static_cast<double>(in.site.nodes);
  for (const FailureClass& fc : in.table.classes) {
    double units = 0.0;
    switch (fc.scope) {
      case FailureScope::gpu:
        units = nodes * in.site.gpus_per_node;
        break;
      case FailureScope::nic:
        units = nodes * in.site.nics_per_node;
        break;
      case FailureScope::optic:
        units = nodes * in.site.nics_per_node * in.site.optics_per_nic;
        break;
      case FailureScope::node:
        units = nodes;
        break;
      case FailureScope::spine_switch:
        units = static_cast<double>(in.site.spine_switches);
        break;
      case FailureScope::core_switch:
        units = static_cast<double>(in.site.core_switches);
        break;
      case FailureScope::job_gpu:
        units = static_cast<double>(in.job.gpus);
        break;
      case FailureScope::utility:
        units = 1.0;
        break;
      case FailureScope::group_unit:
        for (const auto& g : in.groups) {
          if (g.class_name == fc.name) units += static_cast<double>(g.groups) * g.units;
        }
        break;
    }
    if (fc.mtbf_hours > 0.0) c.failures_per_replication += units / fc.mtbf_hours * in.horizon_hours;
    if (fc.life == LifeDistribution::weibull) c.pending_events_peak += units;
  }
  // Three events per failure (failure, repair, restart of the job when hit), one per checkpoint interval.
  constexpr double kEventsPerFailure = 3.0;
  const double checkpoints =
      in.job.checkpoint_interval_min > 0.0 ? in.horizon_hours * 60.0 / in.job.checkpoint_interval_min : 0.0;
  c.events_per_replication = kEventsPerFailure * c.failures_per_replication + checkpoints;
  return c;
}

}  // namespace aidc::models
