#pragma once
// EquipmentLayer: one layer of identical power or cooling units (transformers, UPS modules, PDUs, CDUs, CRAHs,
// chillers, cooling towers / dry coolers) with its redundancy, as the energy model sees it: a pool of units that
// share the layer's load equally while all are running, and a degraded capacity with the design failures.
//
//   redundancy      units (N = units needed for the peak)   units running at full health   capacity with design
//                                                                                          failures
//   n               N                                       N                              N x unit
//   n_plus_x        N + X                                   N + X (load shared)            (units - X) x unit
//   two_n           2 N  (sides A and B)                    2 N (each side carries half)   units / 2 x unit
//   two_n_plus_x    2 (N + X)                               all                            (units / 2 - X) x unit
//   distributed     ceil(N K / M)  (K units, any M carry)   all                            units x M / K x unit
//
// The load fraction each running unit sees is load / (units x unit_kw): a 2N layer sized at N for the peak
// runs at <= 50 %, which lowers UPS and transformer efficiency (Schneider WP113).
//
// Groups: a layer built per row or per rack group (CDUs, CRAHs, PDUs; topology/equipment_plan.hpp) is `groups`
// independent pools of units / groups units each, every one with its own design failures (X per group, not X
// for the site). The load shares equally within a group; the most loaded group carries `max_group_share` of
// the layer's load. degraded_capacity_kw() is the site-wide load at which that group reaches its degraded
// capacity: (one group's degraded capacity) / max_group_share. One pool (groups = 1, share 1) is the classic
// site-wide case; a pooled view of a per-row layer would overstate headroom by X x (groups - 1) units.
//
// Units: kW of electrical power (power layers) or kW of heat (cooling layers).
#include <cstdint>
#include <string>

namespace aidc::models {

enum class RedundancyKind { n, n_plus_x, two_n, two_n_plus_x, distributed };

struct EquipmentLayer {
  std::string name;
  int64_t units = 0;     // 0 = size automatically from the year's peak load
  double unit_kw = 0.0;  // capacity of one unit, > 0
  RedundancyKind redundancy = RedundancyKind::n;
  int64_t x = 0;                 // spares for n_plus_x / two_n_plus_x
  int64_t make = 0;              // distributed: M units carry the load ...
  int64_t of = 0;                // ... out of K
  int64_t groups = 1;            // independent pools (rows, rack groups); units split evenly among them
  double max_group_share = 1.0;  // share of the layer's load on its most loaded group, in [1/groups, 1]

  double installed_kw() const { return static_cast<double>(units) * unit_kw; }
  // Site-wide load the layer carries with the design failures (X units out, or one side out for 2N / 2(N+X))
  // in every group, limited by the most loaded group.
  double degraded_capacity_kw() const;
  // Load fraction of each running unit.
  double load_fraction(double load_kw) const { return units > 0 ? load_kw / installed_kw() : 0.0; }
};

// Units needed for `peak_kw` under the layer's redundancy (at least one unit per side).
int64_t units_for_peak(const EquipmentLayer& layer, double peak_kw);

// "N", "N+1", "2N", "2(N+1)", "4-to-make-3".
std::string redundancy_label(const EquipmentLayer& layer);

// Parses the same spellings; throws std::invalid_argument on anything else.
void parse_redundancy(const std::string& text, EquipmentLayer& layer);

// Throws std::invalid_argument if the layer is inconsistent (negative counts, unit_kw <= 0, too few units).
void validate_layer(const EquipmentLayer& layer);

}  // namespace aidc::models
