#pragma once
// TCO model: capital cost (CAPEX) from a site's bill of materials, operating cost (OPEX) per year from the
// simulated energy, water and the maintenance rates, and the total cost of ownership over a stated lifetime
// with a simple discount rate. Pure C++: prices arrive in a CostTable (tools/schema/cost_loader.hpp reads the
// cited YAML table scenarios/costs/default.yaml), quantities in a BillOfMaterials (bom_from_site.hpp builds it
// from a topo::Site), operating figures in Operations (from the pipeline's metrics).
//
// Formulas (scenarios/docs/plan.md restates them with the sources of every default price):
//   CAPEX_IT       = (compute nodes + spare nodes) x server price of the GPU type
//   CAPEX_network  = switch ports x price per port + transceivers' Gb/s x price per Gb/s + links x cable price
//   CAPEX_storage  = storage nodes x node price + raw TB x price per TB
//   CAPEX_power    = sum over power layers of installed kW (units x unit_kw, redundancy included) x price per kW
//   CAPEX_cooling  = sum over cooling layers of installed kW of heat x price per kW
//   CAPEX_building = design IT kW x (building + balance-of-plant price per kW of IT) + racks x rack price
//   OPEX / year    = IT energy x PUE x electricity price + water m3 x water price
//                    + it_maintenance x (CAPEX_IT + CAPEX_network + CAPEX_storage)
//                    + facility_maintenance x (CAPEX_power + CAPEX_cooling + CAPEX_building)
//                    + staff FTE per MW of IT x design IT MW x cost per FTE
//   A              = annuity factor of the lifetime L at discount rate r: (1 - (1 + r)^-L) / r  (A = L at r = 0),
//                    i.e. OPEX is paid at the end of each year (fractional L allowed)
//   TCO            = CAPEX_IT + CAPEX_network + CAPEX_storage + min(1, L / facility_life) x CAPEX_facility
//                    + OPEX x A           (facility assets outlive the IT: only their straight-line share is
//                                          charged to this lifetime)
//   delivered GPU-hours / year   = GPUs x 8760 h x ETTR
//   effective PFLOP-days / year  = GPUs x dense peak TFLOP/s x MFU x ETTR x 365 / 1000
//   cost per delivered GPU-hour  = TCO / (delivered GPU-hours per year x A)   (levelised, like an LCOE)
//   cost per effective PFLOP-day = TCO / (effective PFLOP-days per year x A)
// A 365-day year of 8,760 hours is the same year the energy model simulates hour by hour.
// Invariants (checked by validate() / compute_tco(), std::invalid_argument): prices and fractions >= 0,
// lifetime > 0, facility life > 0, discount rate in [0, 1), a server price for the BOM's GPU type.
// Complexity: O(layers + BOM lines).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "topology/equipment_plan.hpp"

namespace aidc::models {

inline constexpr double kTcoHoursPerYear = 8760.0;
inline constexpr double kDaysPerYear = 365.0;

// Prices in USD of the table's price year. Layer prices are per kW of installed capacity (electrical kW for
// power layers, kW of heat for cooling layers), indexed by topo::LayerId.
struct CostTable {
  std::string currency = "USD";
  std::map<std::string, double> server_per_node;  // by hardware profile name (e.g. "h100-sxm5-80gb")
  double switch_per_port = 0.0;                   // scale-out and storage-network switches
  double optic_per_gbps = 0.0;                    // one transceiver costs its line rate x this
  double cable_per_link = 0.0;
  double storage_node = 0.0;        // per storage node, before its drives
  double storage_per_raw_tb = 0.0;  // drives
  double rack = 0.0;                // per rack enclosure (compute, storage and network racks)
  std::array<double, topo::kLayerCount> layer_per_kw{};
  double building_per_kw_it = 0.0;          // shell, site, white space, back of house, offices
  double balance_of_plant_per_kw_it = 0.0;  // critical-capacity cost not in the layer unit prices
  // Operations.
  double electricity_per_kwh = 0.0;
  double water_per_m3 = 0.0;
  double it_maintenance_fraction = 0.0;        // of IT + network + storage CAPEX, per year
  double facility_maintenance_fraction = 0.0;  // of power + cooling + building CAPEX, per year
  double staff_fte_per_mw_it = 0.0;
  double staff_cost_per_fte = 0.0;  // per year
  // Finance.
  double lifetime_years = 5.0;
  double facility_life_years = 20.0;
  double discount_rate = 0.0;
};

// Throws std::invalid_argument naming the first bad field.
void validate(const CostTable& t);

// Installed capacity of one power or cooling layer.
struct LayerBom {
  bool present = false;
  int64_t units = 0;
  double unit_kw = 0.0;
  double installed_kw() const { return static_cast<double>(units) * unit_kw; }
};

// Quantities of a site (bom_from_site.hpp fills it from a built topo::Site).
struct BillOfMaterials {
  std::string gpu_type;  // hardware profile name: the key of CostTable::server_per_node
  int64_t gpus = 0;
  int64_t compute_nodes = 0;
  int64_t spare_nodes = 0;  // hot spares bought on top of the job's nodes
  int64_t compute_racks = 0;
  int64_t storage_racks = 0;
  int64_t network_racks = 0;
  int64_t leaf_switches = 0;  // compute fabric
  int64_t spine_switches = 0;
  int64_t core_switches = 0;
  int64_t storage_switches = 0;  // storage network, all tiers
  int64_t switch_ports = 0;      // sum over every switch of its radix
  int64_t links = 0;             // compute fabric + storage network, host-leaf included
  int64_t optics = 0;            // transceivers on those links
  double optics_gbps = 0.0;      // sum of the transceivers' line rates
  int64_t storage_nodes = 0;
  double storage_raw_tb = 0.0;
  std::array<LayerBom, topo::kLayerCount> layers{};
  double it_kw = 0.0;        // design IT load at full power (all racks)
  double max_rack_kw = 0.0;  // densest rack
  int64_t racks() const { return compute_racks + storage_racks + network_racks; }
};

// Yearly operating figures of the design, from the pipeline (energy, performance, reliability stages).
struct Operations {
  double it_energy_kwh_per_year = 0.0;
  double pue = 1.0;
  double water_m3_per_year = 0.0;
  std::optional<double> ettr;        // goodput of the reference job; empty: no delivered-cost figures
  std::optional<double> mfu;         // of the reference job; empty: no PFLOP-day figure
  double peak_tflops_per_gpu = 0.0;  // dense peak of the reference job's precision
};

struct CapexLine {
  std::string category;  // it, network, storage, power, cooling, building
  std::string item;      // e.g. "GPU servers (h100-sxm5-80gb)", "power.ups"
  double quantity = 0.0;
  std::string unit;  // node, port, Gb/s, link, kW, kW IT, rack, TB
  double unit_price = 0.0;
  double cost = 0.0;
};

struct TcoResult {
  std::vector<CapexLine> capex_lines;
  double capex_it = 0.0;
  double capex_network = 0.0;
  double capex_storage = 0.0;
  double capex_power = 0.0;
  double capex_cooling = 0.0;
  double capex_building = 0.0;
  double capex_total = 0.0;
  double capex_facility() const { return capex_power + capex_cooling + capex_building; }
  // OPEX per year.
  double energy_kwh_per_year = 0.0;  // facility energy = IT energy x PUE
  double energy_cost = 0.0;
  double water_cost = 0.0;
  double maintenance_cost = 0.0;
  double staff_cost = 0.0;
  double opex_per_year = 0.0;
  // Lifetime.
  double annuity_factor = 0.0;
  double facility_share = 0.0;  // min(1, lifetime / facility life)
  double tco = 0.0;
  std::optional<double> delivered_gpu_hours_per_year;
  std::optional<double> cost_per_gpu_hour;
  std::optional<double> effective_pflop_days_per_year;
  std::optional<double> cost_per_pflop_day;
};

// Annuity factor sum_{y=1..L} (1 + r)^-y in closed form, for real L > 0.
double annuity_factor(double lifetime_years, double discount_rate);

// Throws std::invalid_argument when the table is invalid or has no server price for bom.gpu_type.
TcoResult compute_tco(const BillOfMaterials& bom, const Operations& ops, const CostTable& prices);

}  // namespace aidc::models
