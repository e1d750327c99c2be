#include "models/energy/energy_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "models/energy/synthetic_climate.hpp"
#include "tools/schema/energy_loader.hpp"

namespace aidc::models {
namespace {

std::string plant_path(const std::string& name) {
  return std::string(AIDC_SOURCE_DIR) + "/scenarios/plant/" + name + ".yaml";
}

Climate constant_climate(double db, double wb) {
  Climate c;
  c.name = "constant";
  c.dry_bulb_c.assign(kHoursPerYear, db);
  c.wet_bulb_c.assign(kHoursPerYear, wb);
  return c;
}

Climate shifted(const Climate& base, double dk) {
  Climate c = base;
  for (auto& t : c.dry_bulb_c) t += dk;
  for (auto& t : c.wet_bulb_c) t += dk;
  return c;
}

EnergyInputs gpu_site(const PlantParams& p) {
  const auto lib = tools::load_it_power_file(std::string(AIDC_SOURCE_DIR) + "/scenarios/plant/it-power.yaml");
  EnergyInputs in;
  in.it = make_gpu_site(10240.0, lib.gpus.at("h100-sxm5-80gb"), lib.phase_mix, lib.support, p.liquid_cooling);
  in.grid_kg_per_kwh = 0.5;
  in.gpu_delivered_flops = 400e12;
  return in;
}

const char* const kPlants[] = {"air-dx", "air-chilled-water", "liquid-cold-plate", "immersion"};

TEST(EnergyModel, EnergyBalanceEveryHour) {
  const auto climate = make_synthetic_climate(synthetic_preset("synthetic-temperate"));
  for (const char* name : kPlants) {
    const auto p = tools::load_plant_file(plant_path(name));
    const auto r = simulate_energy_year(gpu_site(p), p, climate);
    ASSERT_EQ(r.hours.size(), static_cast<std::size_t>(kHoursPerYear));
    double it = 0.0, facility = 0.0;
    for (const auto& h : r.hours) {
      const double parts = h.it_kw + h.pdu_loss_kw + h.ups_loss_kw + h.transformer_loss_kw + h.misc_kw + h.air_fan_kw +
                           h.dx_kw + h.cdu_pump_kw + h.pump_kw + h.chiller_kw + h.rejection_fan_kw;
      ASSERT_NEAR(h.facility_kw, parts, 1e-9 * h.facility_kw) << name;
      ASSERT_GT(h.pue(), 1.0) << name;
      // Heat balance of the water side: every kW that enters a water loop (room air via CRAHs and their fans, CDU
      // loops with their pumps) plus compressor and pump work leaves through towers / dry coolers.
      if (p.air == AirCooling::chilled_water) {
        ASSERT_NEAR(h.rejected_kw,
                    h.heat_air_kw + h.air_fan_kw + h.heat_liquid_kw + h.cdu_pump_kw + h.chiller_kw + h.pump_kw,
                    1e-9 * h.rejected_kw)
            << name;
      }
      it += h.it_kw;
      facility += h.facility_kw;
    }
    EXPECT_NEAR(r.annual.it_kwh, it, 1e-9 * it);
    EXPECT_NEAR(r.annual.pue, facility / it, 1e-12);
  }
}

TEST(EnergyModel, HandComputedDxHour) {
  // 1,000 kW constant IT, air-dx plant, 35 °C outside, layers sized automatically:
  //  PDU 2N of 100 kW: N = 10 -> 20 units, 2,000 kW, x = 0.5: loss = 2000 x 0.01 x 0.25 = 5 kW
  //  UPS 2N of 1,250 kW: N = 1 -> 2 units, 2,500 kW, x = 1005 / 2500 = 0.402:
  //      loss = 2500 x (0.012 + 0.015 x 0.402 + 0.008 x 0.161604) = 2500 x 0.01932283 = 48.3071 kW
  //  air heat = 1000 + 5 + 48.3071 = 1053.3071; CRAC fans 0.08 x 1053.3071 = 84.2646
  //  DX COP(35 °C) = 0.45 x 280.15 / 43 = 2.931802; compressors (1053.3071 + 84.2646) / 2.931802 = 388.0110
  //  misc 0.005 x 1000 = 5
  //  transformer load = 1005 + 48.3071 + 84.2646 + 388.0110 + 5 = 1530.5827
  //  transformers 2N of 2,500 kW: 2 units, 5,000 kW, x = 0.3061165:
  //      loss = 5000 x (0.001117 + 0.005584 x 0.0937073) = 5000 x 0.00164026 = 8.2013
  //  facility = 1538.7840 -> PUE 1.538784
  const auto p = tools::load_plant_file(plant_path("air-dx"));
  EnergyInputs in;
  in.it = make_constant_it(1000.0, false);
  const auto r = simulate_energy_year(in, p, constant_climate(35.0, 22.0));
  const auto& h = r.hours[100];
  EXPECT_NEAR(h.pdu_loss_kw, 5.0, 1e-9);
  EXPECT_NEAR(h.ups_loss_kw, 48.3071, 1e-3);
  EXPECT_NEAR(h.dx_kw, 388.0110, 1e-3);
  EXPECT_NEAR(h.transformer_loss_kw, 8.2013, 1e-3);
  EXPECT_NEAR(h.facility_kw, 1538.7840, 2e-3);
  EXPECT_NEAR(r.annual.pue, 1.538784, 2e-6);
  EXPECT_DOUBLE_EQ(r.annual.wue_l_per_kwh, 0.0);  // DX: no evaporation
}

TEST(EnergyModel, HotterClimateNeverLowersPue) {
  // Constant climates from -10 to 45 °C (wet bulb 4 K below dry bulb): PUE must not fall as it gets hotter.
  for (const char* name : kPlants) {
    const auto p = tools::load_plant_file(plant_path(name));
    const auto in = gpu_site(p);
    double prev = 0.0;
    for (double t = -10.0; t <= 45.0; t += 2.5) {
      const double pue = simulate_energy_year(in, p, constant_climate(t, t - 4.0)).annual.pue;
      EXPECT_GE(pue, prev - 1e-12) << name << " at " << t << " °C";
      prev = pue;
    }
    // And hour by hour for a real-shaped year shifted by +5 K.
    const auto base = make_synthetic_climate(synthetic_preset("synthetic-temperate"));
    const auto cool = simulate_energy_year(in, p, base);
    const auto hot = simulate_energy_year(in, p, shifted(base, 5.0));
    for (std::size_t h = 0; h < cool.hours.size(); ++h) {
      ASSERT_GE(hot.hours[h].pue(), cool.hours[h].pue() - 1e-12) << name << " hour " << h;
    }
    EXPECT_GT(hot.annual.pue, cool.annual.pue) << name;
  }
}

TEST(EnergyModel, UpsLossFollowsCurveAndRedundancy) {
  const auto p = tools::load_plant_file(plant_path("air-dx"));
  const auto climate = constant_climate(20.0, 15.0);
  EnergyInputs in;
  in.it = make_constant_it(1000.0, false);
  // UPS of 250 kW modules. N+1: N = ceil(1005 / 250) = 5 -> 6 units, 1,500 kW, x = 0.67:
  //   loss = 1500 x (0.012 + 0.015 x 0.67 + 0.008 x 0.4489) = 1500 x 0.0256412 = 38.4618 kW
  // 2N: 10 units, 2,500 kW, x = 0.402: loss = 2500 x 0.01932283 = 48.3071 kW (each unit at <= 50 %).
  in.ups = {"ups", 0, 250.0, RedundancyKind::n_plus_x, 1};
  const auto n1 = simulate_energy_year(in, p, climate);
  in.ups = {"ups", 0, 250.0, RedundancyKind::two_n};
  const auto two_n = simulate_energy_year(in, p, climate);
  EXPECT_NEAR(n1.hours[0].ups_loss_kw, 38.4618, 1e-3);
  EXPECT_NEAR(two_n.hours[0].ups_loss_kw, 48.3071, 1e-3);
  EXPECT_NEAR(n1.hours[0].ups_load_fraction, 0.67, 1e-12);
  EXPECT_NEAR(two_n.hours[0].ups_load_fraction, 0.402, 1e-12);
  EXPECT_GT(two_n.annual.pue, n1.annual.pue);
  // Higher load fraction within the curve's range: loss / load falls exactly as the curve says.
  const double eff_n1 = 1005.0 / (1005.0 + n1.hours[0].ups_loss_kw);
  const LossCoefficients curve{0.012, 0.015, 0.008};
  EXPECT_NEAR(eff_n1, curve.efficiency(0.67), 1e-12);
  // Eco mode loses less.
  auto eco = p;
  eco.electrical.ups_mode = UpsMode::eco;
  EXPECT_LT(simulate_energy_year(in, eco, climate).annual.pue, two_n.annual.pue);
}

TEST(EnergyModel, HeadroomAndRacksThatFit) {
  const auto p = tools::load_plant_file(plant_path("air-dx"));
  EnergyInputs in;
  in.it = make_constant_it(1000.0, false);
  // Generous explicit layers everywhere except the UPS: 2 x 1,250 kW in 2N -> 1,250 kW with one side out.
  in.pdus = {"pdus", 40, 100.0, RedundancyKind::two_n};
  in.transformers = {"transformers", 4, 2500.0, RedundancyKind::two_n};
  in.air_units = {"air_units", 40, 100.0, RedundancyKind::n_plus_x, 1};
  in.ups = {"ups", 2, 1250.0, RedundancyKind::two_n};
  const auto r = simulate_energy_year(in, p, constant_climate(30.0, 20.0));
  const LayerHeadroom* ups = nullptr;
  for (const auto& l : r.layers) {
    if (l.name == "ups") ups = &l;
  }
  ASSERT_NE(ups, nullptr);
  EXPECT_DOUBLE_EQ(ups->degraded_capacity_kw, 1250.0);
  // 40 PDUs of 100 kW carry 1,000 kW at x = 0.25: loss 4000 x 0.01 x 0.0625 = 2.5 kW -> UPS load 1,002.5 kW.
  EXPECT_NEAR(ups->peak_load_kw, 1002.5, 1e-9);
  EXPECT_NEAR(ups->headroom_kw, 247.5, 1e-9);
  // A 40 kW air rack adds 40 x 1.0025 = 40.1 kW to the UPS: floor(247.5 / 40.1) = 6 racks.
  std::string limiting;
  EXPECT_EQ(racks_that_fit(r, 40.0, 0.0, &limiting), 6);
  EXPECT_EQ(limiting, "ups");
  // Losing the redundancy: with N+0 the same two units carry 2,500 kW -> far more racks fit.
  in.ups = {"ups", 2, 1250.0, RedundancyKind::n};
  EXPECT_GT(racks_that_fit(simulate_energy_year(in, p, constant_climate(30.0, 20.0)), 40.0, 0.0), 6);
}

TEST(EnergyModel, LiquidCoolingCutsCoolingEnergyAndUsesFreeCooling) {
  const auto climate = make_synthetic_climate(synthetic_preset("synthetic-cold"));
  const auto air = tools::load_plant_file(plant_path("air-dx"));
  const auto liquid = tools::load_plant_file(plant_path("liquid-cold-plate"));
  const auto ra = simulate_energy_year(gpu_site(air), air, climate);
  const auto rl = simulate_energy_year(gpu_site(liquid), liquid, climate);
  EXPECT_LT(rl.annual.cooling_kwh, ra.annual.cooling_kwh);
  EXPECT_GT(rl.annual.free_cooling_hours, 0);
  EXPECT_EQ(ra.annual.free_cooling_hours, 0);
  // 80 % of compute-rack heat to liquid: the CDU heat is 0.8 x the liquid-cooled racks' IT power.
  const auto& h = rl.hours[0];
  double rack_kw = 0.0;
  for (const auto& c : gpu_site(liquid).it) {
    if (c.liquid_cooled) rack_kw += c.power_kw(1.0);
  }
  EXPECT_NEAR(h.heat_liquid_kw, 0.8 * rack_kw, 1e-9 * rack_kw);
}

TEST(EnergyModel, TowerWaterPerKwhRejected) {
  // Evaporation 0.85 x 3600 / 2430 = 1.259259 L per kWh rejected; blowdown at 4 cycles adds 1/3 -> 1.679012 L/kWh.
  const auto p = tools::load_plant_file(plant_path("air-chilled-water"));
  const auto r = simulate_energy_year(gpu_site(p), p, constant_climate(25.0, 18.0));
  const auto& h = r.hours[0];
  EXPECT_NEAR(h.water_l / h.rejected_kw, 1.679012, 1e-6);
  EXPECT_GT(r.annual.wue_l_per_kwh, 0.0);
  const auto dry = tools::load_plant_file(plant_path("liquid-cold-plate"));
  EXPECT_DOUBLE_EQ(simulate_energy_year(gpu_site(dry), dry, constant_climate(25.0, 18.0)).annual.wue_l_per_kwh, 0.0);
}

TEST(EnergyModel, CarbonRenewablesUtilisationAndCompositeCompute) {
  const auto p = tools::load_plant_file(plant_path("air-chilled-water"));
  auto in = gpu_site(p);
  in.renewable_share = 0.4;
  const auto climate = make_synthetic_climate(synthetic_preset("synthetic-temperate"));
  const auto r = simulate_energy_year(in, p, climate);
  // Annual grid intensity: CUE = PUE x 0.5 x (1 - 0.4).
  EXPECT_NEAR(r.annual.cue_kg_per_kwh, r.annual.pue * 0.5 * 0.6, 1e-12);
  // Composite compute at u = 1: 10,240 GPUs x 400 TFLOP/s x 8,760 h x 3,600 s = 1.29171e26 FLOP.
  EXPECT_NEAR(r.annual.composite_flop, 1.29171456e26, 1.29171456e26 * 1e-12);
  EXPECT_NEAR(r.annual.cee_pflop_per_kwh, r.annual.composite_flop / 1e15 / r.annual.facility_kwh, 1e-12);
  EXPECT_NEAR(r.annual.ccue_pflop_per_kg, r.annual.composite_flop / 1e15 / r.annual.co2_kg, 1e-12);
  // Per-card efficiency: 400 TFLOP/s over the H100's busy power 700 x (0.7 x 1 + 0.25 x 0.6 + 0.05 x 0.35) = 607.25 W.
  EXPECT_NEAR(r.annual.card_gflops_per_w, 400e3 / 607.25, 1e-9);

  // Hourly grid series wins over the annual figure.
  auto hourly = climate;
  hourly.grid_kg_per_kwh.assign(kHoursPerYear, 0.1);
  EXPECT_NEAR(simulate_energy_year(in, p, hourly).annual.cue_kg_per_kwh, r.annual.pue * 0.1 * 0.6, 1e-12);

  // Idle hours: GPUs at idle power, composite compute zero for those hours.
  in.utilisation.assign(kHoursPerYear, 1.0);
  for (int h = 0; h < 24; ++h) in.utilisation[static_cast<std::size_t>(h)] = 0.0;
  const auto ru = simulate_energy_year(in, p, climate);
  EXPECT_NEAR(ru.hours[0].gpu_kw, 10240.0 * 70.0 / 1e3, 1e-9);
  EXPECT_DOUBLE_EQ(ru.hours[0].composite_flop, 0.0);
  EXPECT_LT(ru.hours[0].it_kw, ru.hours[30].it_kw);
}

TEST(EnergyModel, RejectsBadInputs) {
  const auto p = tools::load_plant_file(plant_path("air-dx"));
  const auto climate = constant_climate(20.0, 15.0);
  EnergyInputs in;
  EXPECT_THROW(simulate_energy_year(in, p, climate), std::invalid_argument);  // no IT
  in.it = make_constant_it(1000.0, false);
  in.utilisation.assign(100, 0.5);
  EXPECT_THROW(simulate_energy_year(in, p, climate), std::invalid_argument);  // short series
  in.utilisation.clear();
  in.renewable_share = 1.5;
  EXPECT_THROW(simulate_energy_year(in, p, climate), std::invalid_argument);
  in.renewable_share = 0.0;
  auto bad = climate;
  bad.dry_bulb_c[5] = std::nan("");
  EXPECT_THROW(simulate_energy_year(in, p, bad), std::invalid_argument);
  bad = climate;
  bad.wet_bulb_c.pop_back();
  EXPECT_THROW(simulate_energy_year(in, p, bad), std::invalid_argument);
}

}  // namespace
}  // namespace aidc::models
