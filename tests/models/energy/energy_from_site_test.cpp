#include "models/energy/energy_from_site.hpp"

#include <gtest/gtest.h>

#include <string>

#include "models/energy/energy_model.hpp"
#include "models/energy/synthetic_climate.hpp"
#include "tools/schema/energy_loader.hpp"
#include "tools/schema/site_loader.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::models {
namespace {

topo::Site reference_site() {
  const auto root =
      tools::YamlNode::load_file(std::string(AIDC_SOURCE_DIR) + "/scenarios/ref/site-10k-h100-liquid.yaml");
  return topo::Site::build(tools::load_site_spec(root));
}

TEST(EnergyFromSite, ItPowerMatchesTheSiteAtFullLoad) {
  const auto site = reference_site();
  GpuPowerProfile gpu;  // 700 W TDP, compute-bound at TDP
  const PhaseMix all_compute{1.0, 0.0, 0.0};
  const auto in = energy_inputs_from_site(site, gpu, all_compute, 2000.0);
  double kw = 0.0;
  for (const auto& c : in.it) kw += c.power_kw(1.0);
  // Node power 10.2 kW (scenario) = 8 x 700 W GPUs + 4.6 kW host, so the split must add back to the site's IT power.
  EXPECT_NEAR(kw, site.it_power_kw(), 1e-9 * kw);
}

TEST(EnergyFromSite, LayersAndCoolingComeFromTheSite) {
  const auto site = reference_site();
  const auto in = energy_inputs_from_site(site, GpuPowerProfile{}, PhaseMix{}, 2000.0);
  const auto& ups = site.layer(topo::LayerId::ups);
  EXPECT_EQ(in.ups.units, ups.units());
  EXPECT_DOUBLE_EQ(in.ups.unit_kw, 1250.0);  // scenario: ups unit_kw 1250, 2N
  EXPECT_EQ(in.ups.redundancy, RedundancyKind::two_n);
  EXPECT_EQ(in.cdus.redundancy, RedundancyKind::n_plus_x);
  EXPECT_EQ(in.cdus.x, 1);
  EXPECT_EQ(in.heat_rejection.units, site.layer(topo::LayerId::cooling_towers).units());

  auto plant = tools::load_plant_file(std::string(AIDC_SOURCE_DIR) + "/scenarios/plant/air-chilled-water.yaml");
  apply_site_cooling(site, plant);
  EXPECT_TRUE(plant.liquid_cooling);
  EXPECT_DOUBLE_EQ(plant.liquid.liquid_fraction, 0.8);
  EXPECT_EQ(plant.liquid.loop, LiquidLoop::direct);  // liquid_through_chillers: false
  EXPECT_EQ(plant.rejection, HeatRejection::cooling_tower);
  const auto r = simulate_energy_year(in, plant, make_synthetic_climate(synthetic_preset("synthetic-temperate")));
  EXPECT_GT(r.annual.pue, 1.0);
  EXPECT_FALSE(r.layers.empty());
}

}  // namespace
}  // namespace aidc::models
