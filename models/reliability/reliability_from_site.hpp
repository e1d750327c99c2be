#pragma once
// Builds reliability inputs (component counts and redundancy groups) from a built topo::Site.
//
// Mapping (one RedundancyGroupSpec per present equipment layer, class names of the shipped table):
//   transformers -> transformer, generators -> generator (standby), ups -> ups_module, pdus -> pdu
//   (immediate load drop); cdus -> cdu, crahs -> crah, chillers -> chiller, cooling_towers and
//   dry_coolers -> cooling_tower (thermal ride-through, then shutdown or throttle).
//   Each topology group becomes one k-of-n group of sides x units_per_side units needing
//   units_per_side - spares() up. For 2N layers this is optimistic: the topology needs one whole side,
//   the k-of-n group accepts any mix of surviving units from both sides.
//   The utility feeds are the `utility` class (site-wide); their count is not modelled.
//   Leaves: dual_tor -> groups of 2 leaves needing 1; single-homed -> groups of 1 (every leaf failure drops
//   its nodes). Spines and cores from switches_by_tier(). Storage nodes: one group that tolerates ec_m
//   (erasure) or copies - 1 (replication) nodes down.
// Groups split the compute nodes evenly; the topology's exact rack-to-group map is not used.
#include "models/reliability/reliability_inputs.hpp"
#include "topology/site.hpp"

namespace aidc::models {

struct SiteReliabilityOptions {
  double thermal_ride_through_min = 5.0;  // from the scenario's cooling section or the reliability section
  ThermalAction thermal_action = ThermalAction::shutdown;
  double throttle_speed_fraction = 1.0;
};

// `table` must hold the classes named above (those absent are skipped with their layer).
ReliabilityInputs reliability_from_site(const topo::Site& site, const FailureTable& table, const JobSpec& job,
                                        const SiteReliabilityOptions& options);

}  // namespace aidc::models
