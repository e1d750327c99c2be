#include "models/tco/tco_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aidc::models {
namespace {

void require_nonnegative(double v, const std::string& what) {
  if (!(v >= 0.0) || !std::isfinite(v))
    throw std::invalid_argument("cost table: " + what + " must be a finite number >= 0");
}

std::string layer_item(int l) {
  return topo::layer_path(static_cast<topo::LayerId>(l));
}

}  // namespace

void validate(const CostTable& t) {
  for (const auto& [name, price] : t.server_per_node) require_nonnegative(price, "servers." + name);
  require_nonnegative(t.switch_per_port, "network.switch_port");
  require_nonnegative(t.optic_per_gbps, "network.optic_gbps");
  require_nonnegative(t.cable_per_link, "network.cable_link");
  require_nonnegative(t.storage_node, "storage.node");
  require_nonnegative(t.storage_per_raw_tb, "storage.raw_tb");
  require_nonnegative(t.rack, "racks.rack");
  for (int l = 0; l < topo::kLayerCount; ++l)
    require_nonnegative(t.layer_per_kw[static_cast<size_t>(l)], layer_item(l));
  require_nonnegative(t.building_per_kw_it, "facility.building_per_kw_it");
  require_nonnegative(t.balance_of_plant_per_kw_it, "facility.balance_of_plant_per_kw_it");
  require_nonnegative(t.electricity_per_kwh, "operations.electricity_kwh");
  require_nonnegative(t.water_per_m3, "operations.water_m3");
  require_nonnegative(t.it_maintenance_fraction, "operations.it_maintenance_fraction");
  require_nonnegative(t.facility_maintenance_fraction, "operations.facility_maintenance_fraction");
  require_nonnegative(t.staff_fte_per_mw_it, "operations.staff_fte_per_mw_it");
  require_nonnegative(t.staff_cost_per_fte, "operations.staff_cost_per_fte");
  if (!(t.lifetime_years > 0.0) || !std::isfinite(t.lifetime_years)) {
    throw std::invalid_argument("cost table: finance.lifetime_years must be > 0");
  }
  if (!(t.facility_life_years > 0.0) || !std::isfinite(t.facility_life_years)) {
    throw std::invalid_argument("cost table: finance.facility_life_years must be > 0");
  }
  if (!(t.discount_rate >= 0.0 && t.discount_rate < 1.0)) {
    throw std::invalid_argument("cost table: finance.discount_rate must be in [0, 1)");
  }
}

double annuity_factor(double lifetime_years, double discount_rate) {
  if (discount_rate == 0.0) return lifetime_years;
  return (1.0 - std::pow(1.0 + discount_rate, -lifetime_years)) / discount_rate;
}

TcoResult compute_tco(const BillOfMaterials& bom, const Operations& ops, const CostTable& prices) {
  validate(prices);
  const auto server = prices.server_per_node.find(bom.gpu_type);
  if (server == prices.server_per_node.end()) {
    throw std::invalid_argument("cost table: no server price for GPU type '" + bom.gpu_type +
                                "' (add it under servers)");
  }
  if (!(ops.pue >= 1.0) || !std::isfinite(ops.pue)) throw std::invalid_argument("operations: pue must be >= 1");
  if (!(ops.it_energy_kwh_per_year >= 0.0)) throw std::invalid_argument("operations: IT energy must be >= 0");

  TcoResult r;
  auto add = [&r](const std::string& category, const std::string& item, double quantity, const std::string& unit,
                  double unit_price, double& bucket) {
    const double cost = quantity * unit_price;
    r.capex_lines.push_back({category, item, quantity, unit, unit_price, cost});
    bucket += cost;
  };
  const auto d = [](int64_t v) { return static_cast<double>(v); };
  add("it", "GPU servers (" + bom.gpu_type + ")", d(bom.compute_nodes), "node", server->second, r.capex_it);
  if (bom.spare_nodes > 0) {
    add("it", "hot spare servers (" + bom.gpu_type + ")", d(bom.spare_nodes), "node", server->second, r.capex_it);
  }
  add("network", "switches", d(bom.switch_ports), "port", prices.switch_per_port, r.capex_network);
  add("network", "transceivers", bom.optics_gbps, "Gb/s", prices.optic_per_gbps, r.capex_network);
  add("network", "cables", d(bom.links), "link", prices.cable_per_link, r.capex_network);
  if (bom.storage_nodes > 0) {
    add("storage", "storage nodes", d(bom.storage_nodes), "node", prices.storage_node, r.capex_storage);
    add("storage", "storage drives", bom.storage_raw_tb, "TB", prices.storage_per_raw_tb, r.capex_storage);
  }
  for (int l = 0; l < topo::kLayerCount; ++l) {
    const LayerBom& layer = bom.layers[static_cast<size_t>(l)];
    if (!layer.present) continue;
    const auto id = static_cast<topo::LayerId>(l);
    double& bucket = topo::chain_of(id) == topo::Chain::power ? r.capex_power : r.capex_cooling;
    add(topo::chain_of(id) == topo::Chain::power ? "power" : "cooling", layer_item(l), layer.installed_kw(), "kW",
        prices.layer_per_kw[static_cast<size_t>(l)], bucket);
  }
  add("building", "building and site", bom.it_kw, "kW IT", prices.building_per_kw_it, r.capex_building);
  add("building", "balance of plant", bom.it_kw, "kW IT", prices.balance_of_plant_per_kw_it, r.capex_building);
  add("building", "racks", d(bom.racks()), "rack", prices.rack, r.capex_building);
  r.capex_total = r.capex_it + r.capex_network + r.capex_storage + r.capex_power + r.capex_cooling + r.capex_building;

  r.energy_kwh_per_year = ops.it_energy_kwh_per_year * ops.pue;
  r.energy_cost = r.energy_kwh_per_year * prices.electricity_per_kwh;
  r.water_cost = ops.water_m3_per_year * prices.water_per_m3;
  r.maintenance_cost = prices.it_maintenance_fraction * (r.capex_it + r.capex_network + r.capex_storage) +
                       prices.facility_maintenance_fraction * r.capex_facility();
  r.staff_cost = prices.staff_fte_per_mw_it * (bom.it_kw / 1000.0) * prices.staff_cost_per_fte;
  r.opex_per_year = r.energy_cost + r.water_cost + r.maintenance_cost + r.staff_cost;

  r.annuity_factor = annuity_factor(prices.lifetime_years, prices.discount_rate);
  r.facility_share = std::min(1.0, prices.lifetime_years / prices.facility_life_years);
  r.tco = r.capex_it + r.capex_network + r.capex_storage + r.facility_share * r.capex_facility() +
          r.opex_per_year * r.annuity_factor;

  if (ops.ettr && *ops.ettr > 0.0) {
    r.delivered_gpu_hours_per_year = d(bom.gpus) * kTcoHoursPerYear * *ops.ettr;
    r.cost_per_gpu_hour = r.tco / (*r.delivered_gpu_hours_per_year * r.annuity_factor);
    if (ops.mfu && *ops.mfu > 0.0 && ops.peak_tflops_per_gpu > 0.0) {
      r.effective_pflop_days_per_year =
          d(bom.gpus) * ops.peak_tflops_per_gpu * *ops.mfu * *ops.ettr * kDaysPerYear / 1000.0;
      r.cost_per_pflop_day = r.tco / (*r.effective_pflop_days_per_year * r.annuity_factor);
    }
  }
  return r;
}

}  // namespace aidc::models
