#pragma once
// SiteSpec: the typed, validated content of a scenario's five physical sections (`compute`, `network`,
// `storage`, `power`, `cooling`). Plain structs, no YAML: tools/schema/site_loader.cpp fills them from a
// scenario and topology/site.hpp builds the site graph from them. Every key, unit and default is documented
// for users in scenarios/docs/site.md; the defaults below carry their sources.
//
// Units: counts are int64_t; line rates in Gb/s (`_gbps`); data rates in GB/s (`_gb_per_s`); capacities in
// TB (10^12 B); power in W (`_w`) or kW (`_kw`); heat in kW; latency in µs (`_us`); lengths in metres (`_m`).
//
// Invariants (checked by the loader and again by validate_site() in topology/site.hpp):
//   - every count >= 1 unless stated (`0 = automatic` for equipment unit counts);
//   - compute.gpus is a multiple of gpus_per_node, and of nvlink_domain_gpus;
//   - nvlink_domain_gpus is a multiple of gpus_per_node;
//   - network.fabric.nics_per_node is a multiple of planes;
//   - an equipment layer's explicit unit count is a multiple of (groups x sides) and, per group and side,
//     larger than the redundancy's spare count (N+3 needs at least 4 units).
//
// Source tags as in /work/shared/design/infra-research.md: [V] seen in a primary source, [S] secondary
// source, [D] derived, [U] unverified engineering assumption (replace when a better source is found).
#include <cstdint>
#include <optional>
#include <string>

namespace aidc::topo {

// ---------------------------------------------------------------------------------------------------------
// Redundancy of one equipment layer (power or cooling).
//
//   kind          YAML spelling    units per group and side       spares X tolerated
//   n             "N"              N                              0
//   n_plus_x      "N+X"            N + X                          X
//   two_n         "2N"             2 sides x N                    one whole side (N units)
//   two_n_plus_x  "2(N+X)"         2 sides x (N + X)              one whole side + X units of the other
//   distributed   "K-to-make-M"    K units, any M carry the load  K - M   (distributed redundant, e.g. 4/3)
//
// Capacity is what matters: a group (or side) carries its load while the surviving units' capacity covers
// it. 2N and 2(N+X) are modelled as two independent sides (A and B feeds), each sized for the full load.
enum class RedundancyKind { n, n_plus_x, two_n, two_n_plus_x, distributed };

struct Redundancy {
  RedundancyKind kind = RedundancyKind::n;
  int64_t x = 0;     // spares per side for n_plus_x / two_n_plus_x; K - M for distributed
  int64_t make = 0;  // distributed only: M, units needed to carry the load
  int64_t of = 0;    // distributed only: K, units per group

  int64_t sides() const { return kind == RedundancyKind::two_n || kind == RedundancyKind::two_n_plus_x ? 2 : 1; }
  // Spare units per side (units that may fail on a side while that side still carries the full load).
  int64_t spares_per_side() const { return x; }
};

// How a layer's units are grouped over racks. Each group serves a contiguous block of racks (racks are
// numbered compute first, then storage, then network racks, and laid out in rows of racks_per_row).
enum class GroupScope {
  site,   // one group serves every rack
  row,    // one group per row of racks
  rack,   // one group per rack (PDUs, in-rack CDUs)
  count,  // `groups` equal contiguous blocks of racks (e.g. UPS line-ups, electrical rooms)
};

// One layer of identical units, e.g. the UPS modules or the CDUs.
struct UnitLayer {
  int64_t units = 0;     // total units over all groups and sides; 0 = size from load and redundancy
  double unit_kw = 0.0;  // capacity of one unit: electrical kW (power) or kW of heat (cooling); > 0
  Redundancy redundancy;
  GroupScope scope = GroupScope::site;
  int64_t groups = 1;  // used when scope == count
};

// ---------------------------------------------------------------------------------------------------------
// `compute`: GPUs, servers (nodes) and racks.
struct ComputeSpec {
  int64_t gpus = 0;                // total GPUs; required
  int64_t gpus_per_node = 8;       // 8 for HGX/DGX H100 (NVIDIA DGX H100 user guide [V])
  int64_t nvlink_domain_gpus = 8;  // scale-up domain: 8 per HGX node, 72 per GB200 NVL72 rack [V]
  int64_t nodes_per_rack = 4;      // 4 x 10.2 kW DGX H100 per ~41 kW rack (NVIDIA SuperPOD H100 RA [S])
  int64_t racks_per_row = 16;      // rows of 16 racks [U], common hot-aisle layout
  // Per-node electrical power at full load, W. Unset: BuildOptions (gpu_power_w x gpus + overhead).
  std::optional<double> node_power_w;
  // Extra per-rack IT power not in the nodes, W (e.g. 9 NVLink switch trays of a GB200 NVL72 rack, about
  // 3.6 kW [S] introl.com). Default 0.
  double rack_overhead_w = 0.0;
};

// ---------------------------------------------------------------------------------------------------------
// `network`: the scale-out (back-end) fabric, its latency parameters, and an optional storage/front-end net.
enum class FabricKind {
  rail_optimized,  // NIC i of every node in a scalable unit goes to leaf i of that unit (NVIDIA SuperPOD)
  fat_tree,        // classic: all NICs of a node go to the same leaf (top-of-rack)
};

struct FabricSpec {
  FabricKind kind = FabricKind::rail_optimized;
  int64_t tiers = 2;                    // 2 (leaf-spine) or 3 (leaf-spine-core)
  int64_t switch_radix = 64;            // ports per switch: 64 x 400G for Quantum-2 QM9700 [V NVIDIA docs]
  double port_gbps = 400.0;             // line rate of every fabric port and NIC port
  double leaf_oversubscription = 1.0;   // leaf down:up port ratio (1 = non-blocking)
  double spine_oversubscription = 1.0;  // spine down:up port ratio, 3-tier only
  int64_t planes = 1;                   // independent parallel fabrics; a node's NICs are split evenly over planes
  int64_t nics_per_node = 8;            // scale-out NICs per node (one per GPU in HGX H100: 8 x ConnectX-7 [V])
  bool dual_tor = false;                // dual-port NICs, each port to a different leaf (multi-active)
  // Latency parameters (one-way). Defaults:
  //  nic_latency_us 0.41: half of the 0.82 µs back-to-back one-way RDMA latency (ib_send_lat, 32 B, RC)
  //    measured in D. Potter's thesis table "mtu_performance" [S]; the half is one endpoint's share.
  //  switch_latency_us 0.33: Quantum-2 cut-through port-to-port ~330 ns (yobitel.com Quantum-2 page [S]).
  //  cable_ns_per_m 4.9: light in silica fibre, group index ~1.468 -> 204,000 km/s (dwdm.me, ephotonics [S]).
  //  cable lengths 3 / 30 / 100 m: in-row, in-hall and cross-hall runs [U] (design assumption).
  double nic_latency_us = 0.41;
  double switch_latency_us = 0.33;
  double cable_ns_per_m = 4.9;
  double host_leaf_cable_m = 3.0;
  double leaf_spine_cable_m = 30.0;
  double spine_core_cable_m = 100.0;
  // Transceivers per link: one at each end of an optical link [D]; 0 for passive copper (DAC).
  int64_t host_leaf_optics_per_link = 2;
  int64_t leaf_spine_optics_per_link = 2;
  int64_t spine_core_optics_per_link = 2;
  // Power of one switch including its optics, W: 51.2 Tb/s 1U/2U systems ~0.7-1.7 kW incl. optics [U]
  // (infra-research §4.3); 64 ports x 18 W optics budget of SN5600 [V] + ~0.5 kW chassis -> ~1.65 kW [D].
  double switch_power_w = 1650.0;
  int64_t switches_per_rack = 16;  // network racks: 16 x 1-2U switches per 42U rack [U]
};

// Optional dedicated storage / front-end network: compute nodes' front-end NICs and storage nodes' ports on
// their own fat-tree (tiers 2 or 3). Latency parameters are those of the main fabric.
struct StorageNetworkSpec {
  double port_gbps = 200.0;   // front-end port rate: DGX H100 2 x 200G ConnectX-7 for storage [S]
  int64_t nics_per_node = 2;  // front-end ports per compute node [S] (DGX H100)
  int64_t switch_radix = 64;
  double oversubscription = 1.0;  // leaf down:up
  int64_t tiers = 2;
  double switch_power_w = 1650.0;  // as FabricSpec::switch_power_w [U]
};

struct NetworkSpec {
  FabricSpec fabric;
  std::optional<StorageNetworkSpec> storage_network;
};

// ---------------------------------------------------------------------------------------------------------
// `storage`: all-flash storage nodes and their data protection.
enum class ProtectionKind { replication, erasure };

struct StorageSpec {
  int64_t nodes = 0;                     // storage nodes; 0 = no storage modelled
  double capacity_tb_per_node = 0.0;     // raw capacity, TB
  double iops_per_node = 0.0;            // small-block random read IOPS per node
  double read_gb_per_s_per_node = 0.0;   // sequential read, GB/s per node
  double write_gb_per_s_per_node = 0.0;  // sequential write, GB/s per node (before protection overhead)
  ProtectionKind protection = ProtectionKind::erasure;
  int64_t copies = 3;            // replication: copies kept
  int64_t ec_k = 8;              // erasure: data fragments
  int64_t ec_m = 2;              // erasure: parity fragments
  int64_t ports_per_node = 2;    // ports to the storage network
  double node_power_w = 1500.0;  // all-flash NVMe node ~1-2 kW per 2U [U] (infra-research §4.4)
  int64_t nodes_per_rack = 16;   // 2U nodes, 16 per rack [U]
};

// ---------------------------------------------------------------------------------------------------------
// `power`: the electrical chain, upstream to downstream:
//   utility feeds -> MV transformers -> LV switchgear <- generators -> UPS modules -> PDUs -> racks
struct PowerSpec {
  UnitLayer utility_feeds;
  UnitLayer transformers;
  std::optional<UnitLayer> generators;  // absent: no on-site backup generation
  UnitLayer ups;
  UnitLayer pdus;  // default scope: rack
  // Non-IT load (cooling plant, lighting) that feeds, transformers and generators also carry, as a fraction
  // of IT power. Default 0.25 = PUE 1.25, Epoch AI's default for non-hyperscale sites [V] (energy.py).
  double facility_load_fraction = 0.25;
};

// ---------------------------------------------------------------------------------------------------------
// `cooling`: heat paths. Liquid heat: rack -> CDUs -> facility water -> (chillers) -> towers / dry coolers.
// Air heat: rack -> CRAHs -> chilled water -> chillers -> towers / dry coolers.
enum class CoolingKind { air, cold_plate, immersion };

struct CoolingSpec {
  CoolingKind kind = CoolingKind::air;
  // Fraction of a compute rack's heat captured by liquid. Defaults: air 0; cold plate 0.8 (typical GPU
  // cold-plate servers with air-cooled DIMMs/NICs/PSUs 70-85 % [U], ~94 % for a GB200 tray [S]);
  // immersion 1.0. Storage and network racks are air-cooled.
  double liquid_fraction = 0.0;
  std::optional<UnitLayer> cdus;            // required when liquid_fraction > 0; default scope row
  std::optional<UnitLayer> crahs;           // required when any heat goes to air; default scope row
  std::optional<UnitLayer> chillers;        // absent: free cooling only (warm water)
  std::optional<UnitLayer> cooling_towers;  // at least one of towers / dry coolers
  std::optional<UnitLayer> dry_coolers;
  // Whether the liquid loop's heat also passes through the chillers (false for warm-water W32+ loops that
  // reject directly to towers or dry coolers).
  bool liquid_through_chillers = true;
};

// ---------------------------------------------------------------------------------------------------------
struct SiteSpec {
  ComputeSpec compute;
  NetworkSpec network;
  std::optional<StorageSpec> storage;
  PowerSpec power;
  CoolingSpec cooling;
};

// Human-readable spelling of a redundancy ("N+1", "2N", "2(N+1)", "4-to-make-3").
std::string to_string(const Redundancy& r);

}  // namespace aidc::topo
