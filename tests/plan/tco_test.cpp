// TCO model (models/tco/tco_model.hpp) on a small hand-computed case, and the BOM of a built reference site.
#include <gtest/gtest.h>

#include <cmath>

#include "models/tco/bom_from_site.hpp"
#include "models/tco/tco_model.hpp"
#include "tools/schema/cost_loader.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc {
namespace {

using models::BillOfMaterials;
using models::CostTable;
using models::Operations;
using topo::LayerId;

size_t idx(LayerId id) {
  return static_cast<size_t>(id);
}

// Round prices so every line can be checked by hand.
CostTable small_table() {
  CostTable t;
  t.server_per_node["toy-gpu"] = 100000.0;
  t.switch_per_port = 500.0;
  t.optic_per_gbps = 2.0;
  t.cable_per_link = 50.0;
  t.storage_node = 10000.0;
  t.storage_per_raw_tb = 100.0;
  t.rack = 1000.0;
  t.layer_per_kw[idx(LayerId::ups)] = 400.0;
  t.layer_per_kw[idx(LayerId::chillers)] = 100.0;
  t.building_per_kw_it = 5000.0;
  t.balance_of_plant_per_kw_it = 3000.0;
  t.electricity_per_kwh = 0.1;
  t.water_per_m3 = 2.0;
  t.it_maintenance_fraction = 0.05;
  t.facility_maintenance_fraction = 0.02;
  t.staff_fte_per_mw_it = 4.0;
  t.staff_cost_per_fte = 100000.0;
  t.lifetime_years = 2.0;
  t.facility_life_years = 20.0;
  t.discount_rate = 0.1;
  return t;
}

BillOfMaterials small_bom() {
  BillOfMaterials b;
  b.gpu_type = "toy-gpu";
  b.gpus = 16;
  b.compute_nodes = 2;
  b.spare_nodes = 1;
  b.compute_racks = 1;
  b.network_racks = 1;
  b.switch_ports = 128;
  b.links = 40;
  b.optics = 80;
  b.optics_gbps = 80 * 400.0;
  b.storage_nodes = 1;
  b.storage_raw_tb = 100.0;
  b.layers[idx(LayerId::ups)] = {true, 2, 100.0};
  b.layers[idx(LayerId::chillers)] = {true, 3, 50.0};
  b.it_kw = 25.0;
  return b;
}

Operations small_ops() {
  Operations o;
  o.it_energy_kwh_per_year = 200000.0;
  o.pue = 1.5;
  o.water_m3_per_year = 100.0;
  o.ettr = 0.9;
  o.mfu = 0.5;
  o.peak_tflops_per_gpu = 1000.0;
  return o;
}

TEST(Tco, HandComputedSmallSite) {
  const models::TcoResult r = models::compute_tco(small_bom(), small_ops(), small_table());
  // IT: 3 servers x 100,000 = 300,000.
  EXPECT_DOUBLE_EQ(r.capex_it, 300000.0);
  // Network: 128 ports x 500 + 32,000 Gb/s x 2 + 40 links x 50 = 64,000 + 64,000 + 2,000 = 130,000.
  EXPECT_DOUBLE_EQ(r.capex_network, 130000.0);
  // Storage: 10,000 + 100 TB x 100 = 20,000.
  EXPECT_DOUBLE_EQ(r.capex_storage, 20000.0);
  // Power: UPS 200 kW installed x 400 = 80,000. Cooling: chillers 150 kW x 100 = 15,000.
  EXPECT_DOUBLE_EQ(r.capex_power, 80000.0);
  EXPECT_DOUBLE_EQ(r.capex_cooling, 15000.0);
  // Building: 25 kW IT x (5,000 + 3,000) + 2 racks x 1,000 = 202,000.
  EXPECT_DOUBLE_EQ(r.capex_building, 202000.0);
  EXPECT_DOUBLE_EQ(r.capex_total, 747000.0);
  // OPEX: energy 200,000 x 1.5 = 300,000 kWh x 0.1 = 30,000; water 100 x 2 = 200;
  // maintenance 0.05 x 450,000 + 0.02 x 297,000 = 22,500 + 5,940 = 28,440; staff 4 x 0.025 MW x 100,000 = 10,000.
  EXPECT_DOUBLE_EQ(r.energy_kwh_per_year, 300000.0);
  EXPECT_NEAR(r.energy_cost, 30000.0, 1e-9);
  EXPECT_DOUBLE_EQ(r.water_cost, 200.0);
  EXPECT_NEAR(r.maintenance_cost, 28440.0, 1e-9);
  EXPECT_NEAR(r.staff_cost, 10000.0, 1e-9);
  EXPECT_NEAR(r.opex_per_year, 68640.0, 1e-9);
  // Annuity at 10 % over 2 years: 1/1.1 + 1/1.21 = 1.7355371900826446.
  EXPECT_NEAR(r.annuity_factor, 1.0 / 1.1 + 1.0 / 1.21, 1e-12);
  // Facility share 2 / 20 = 0.1 of 297,000 = 29,700.
  EXPECT_DOUBLE_EQ(r.facility_share, 0.1);
  const double tco = 450000.0 + 29700.0 + 68640.0 * (1.0 / 1.1 + 1.0 / 1.21);
  EXPECT_NEAR(r.tco, tco, 1e-6);
  // Delivered GPU-hours per year: 16 x 8760 x 0.9 = 126,144.
  ASSERT_TRUE(r.cost_per_gpu_hour.has_value());
  EXPECT_NEAR(*r.delivered_gpu_hours_per_year, 126144.0, 1e-9);
  EXPECT_NEAR(*r.cost_per_gpu_hour, tco / (126144.0 * r.annuity_factor), 1e-9);
  // Effective PFLOP-days per year: 16 x 1000 TFLOP/s x 0.5 x 0.9 x 365 / 1000 = 2,628.
  ASSERT_TRUE(r.cost_per_pflop_day.has_value());
  EXPECT_NEAR(*r.effective_pflop_days_per_year, 2628.0, 1e-9);
  EXPECT_NEAR(*r.cost_per_pflop_day, tco / (2628.0 * r.annuity_factor), 1e-9);
}

TEST(Tco, ZeroDiscountRateIsPlainSum) {
  CostTable t = small_table();
  t.discount_rate = 0.0;
  const models::TcoResult r = models::compute_tco(small_bom(), small_ops(), t);
  EXPECT_DOUBLE_EQ(r.annuity_factor, 2.0);
  EXPECT_NEAR(r.tco, 450000.0 + 29700.0 + 2.0 * 68640.0, 1e-6);
}

TEST(Tco, FacilityOutlivedLifetimeChargedInFull) {
  CostTable t = small_table();
  t.lifetime_years = 30.0;  // longer than the facility's 20 years: the whole facility CAPEX counts, once
  const models::TcoResult r = models::compute_tco(small_bom(), small_ops(), t);
  EXPECT_DOUBLE_EQ(r.facility_share, 1.0);
}

TEST(Tco, NoEttrNoDeliveredCost) {
  Operations o = small_ops();
  o.ettr.reset();
  const models::TcoResult r = models::compute_tco(small_bom(), o, small_table());
  EXPECT_FALSE(r.cost_per_gpu_hour.has_value());
  EXPECT_FALSE(r.cost_per_pflop_day.has_value());
}

TEST(Tco, RejectsMissingServerPriceAndBadTables) {
  BillOfMaterials b = small_bom();
  b.gpu_type = "unknown-gpu";
  EXPECT_THROW(models::compute_tco(b, small_ops(), small_table()), std::invalid_argument);
  CostTable t = small_table();
  t.discount_rate = 1.0;
  EXPECT_THROW(models::compute_tco(small_bom(), small_ops(), t), std::invalid_argument);
  t = small_table();
  t.switch_per_port = -1.0;
  EXPECT_THROW(models::compute_tco(small_bom(), small_ops(), t), std::invalid_argument);
  Operations o = small_ops();
  o.pue = 0.9;
  EXPECT_THROW(models::compute_tco(small_bom(), o, small_table()), std::invalid_argument);
}

// The BOM of the 1,024-card reference site, counted by hand from the builder's rules (scenarios/ref/rail-1k-h100.yaml):
// 128 nodes, rail-optimized 2 tiers of 64 ports at 1:1 -> 32 leaves, 16 spines. Storage network: 128 x 2 + 16 x 2
// = 288 ports on 64-port leaves of 32 down ports -> 9 leaves, ceil(9 x 32 / 64) = 5 spines. Switch ports =
// (48 + 14) x 64 = 3,968. Links: compute 1,024 host + 32 x 32 up = 2,048; storage 288 + 9 x 32 = 576.
TEST(Bom, ReferenceSiteCountsMatchTheBuilder) {
  const tools::Scenario sc = tools::load_scenario(std::string(AIDC_SOURCE_DIR) + "/scenarios/plans/base-1k-h100.yaml");
  const topo::Site site = tools::build_site(sc);
  const BillOfMaterials b = models::bom_from_site(site, sc.hardware.name, 4);
  EXPECT_EQ(b.gpu_type, "h100-sxm5-80gb");
  EXPECT_EQ(b.compute_nodes, 128);
  EXPECT_EQ(b.spare_nodes, 4);
  EXPECT_EQ(b.leaf_switches, 32);
  EXPECT_EQ(b.spine_switches, 16);
  EXPECT_EQ(b.core_switches, 0);
  EXPECT_EQ(b.storage_switches, 14);
  EXPECT_EQ(b.switch_ports, 3968);
  EXPECT_EQ(b.links, 2624);
  EXPECT_EQ(b.links, site.links());
  EXPECT_EQ(b.optics, site.optics());
  // Two transceivers per link: 2,048 x 2 x 400 + 576 x 2 x 200 Gb/s.
  EXPECT_DOUBLE_EQ(b.optics_gbps, 2048.0 * 2 * 400 + 576.0 * 2 * 200);
  EXPECT_EQ(b.storage_nodes, 16);
  EXPECT_NEAR(b.storage_raw_tb, 16 * 122.88, 1e-9);
  // UPS 2N of 500 kW units on 1,432 kW of IT: 3 per side -> 6 units, 3,000 kW installed.
  EXPECT_EQ(b.layers[idx(LayerId::ups)].units, 6);
  EXPECT_DOUBLE_EQ(b.layers[idx(LayerId::ups)].installed_kw(), 3000.0);
  EXPECT_FALSE(b.layers[idx(LayerId::cdus)].present);
  EXPECT_DOUBLE_EQ(b.max_rack_kw, 4 * 10.2);
  EXPECT_EQ(b.racks(), site.racks());
}

TEST(CostLoader, DefaultTableLoadsWithItsCitedValues) {
  const CostTable t = tools::load_cost_table(std::string(AIDC_SOURCE_DIR) + "/scenarios/costs/default.yaml");
  EXPECT_EQ(t.currency, "USD");
  EXPECT_DOUBLE_EQ(t.electricity_per_kwh, 0.0806);  // EIA 2023 US industrial average
  EXPECT_DOUBLE_EQ(t.lifetime_years, 5.0);
  EXPECT_EQ(t.server_per_node.count("h100-sxm5-80gb"), 1u);
  EXPECT_NO_THROW(models::validate(t));
}

}  // namespace
}  // namespace aidc
