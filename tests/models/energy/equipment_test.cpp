#include <gtest/gtest.h>

#include "models/energy/equipment_curves.hpp"
#include "models/energy/equipment_layer.hpp"
#include "models/energy/plant_params.hpp"

namespace aidc::models {
namespace {

TEST(LossCoefficients, UpsCurveMatchesHandValues) {
  const LossCoefficients ups{0.012, 0.015, 0.008};
  // x = 0.25: 0.25 / (0.25 + 0.012 + 0.00375 + 0.0005) = 0.25 / 0.26625 = 0.93897
  EXPECT_NEAR(ups.efficiency(0.25), 0.93897, 1e-5);
  // x = 0.5: 0.5 / (0.5 + 0.012 + 0.0075 + 0.002) = 0.5 / 0.5215 = 0.95877
  EXPECT_NEAR(ups.efficiency(0.5), 0.95877, 1e-5);
  // x = 1: 1 / 1.035 = 0.96618
  EXPECT_NEAR(ups.efficiency(1.0), 0.96618, 1e-5);
  EXPECT_NEAR(ups.loss_kw(1000.0, 0.5), 1000.0 * 0.0215, 1e-9);
}

TEST(LossCoefficients, EfficiencyRisesWithLoadUpToItsPeak) {
  // With no-load loss a0 and square-law a2 the efficiency peaks at x* = sqrt(a0 / a2) = sqrt(0.012 / 0.008) = 1.22,
  // so on 5..100 % load it must rise monotonically.
  const LossCoefficients ups{0.012, 0.015, 0.008};
  for (double x = 0.05; x < 1.0; x += 0.05) EXPECT_LT(ups.efficiency(x), ups.efficiency(x + 0.05)) << x;
}

TEST(ChillerEir, RatedPointAndLiftDependence) {
  const ChilledWaterParams w;
  // At the rating point (6.67 °C / 29.44 °C, full load) the York record's curves are normalised: COP = 5.96 (the
  // curves are a regression, so they pass within ~2 % of it).
  const double cap = w.chiller_unit_kw * w.chiller.capacity_factor(6.67, 29.44);
  EXPECT_NEAR(w.chiller.cop(w.chiller_unit_kw, cap, 6.67, 29.44), 5.96, 0.12);
  // infra-research 1.2.3 [D]: COP 8.1 at 18 °C entering condenser water, full load.
  const double cap18 = w.chiller_unit_kw * w.chiller.capacity_factor(6.67, 18.0);
  EXPECT_NEAR(w.chiller.cop(w.chiller_unit_kw, cap18, 6.67, 18.0), 8.1, 0.2);
  // Lower condenser temperature never costs COP.
  double prev = 1e9;
  for (double tcw = 13.0; tcw <= 35.0; tcw += 1.0) {
    const double q = 0.7 * w.chiller_unit_kw;
    const double cop = w.chiller.cop(w.chiller_unit_kw, q, 8.0, tcw);
    EXPECT_LE(cop, prev + 1e-9) << tcw;
    prev = cop;
  }
}

TEST(PiecewiseLinear, InterpolatesAndClamps) {
  const PiecewiseLinear t{{0.0, 10.0, 20.0, 25.6}, {11.2, 7.8, 5.1, 3.8}};
  EXPECT_DOUBLE_EQ(t(15.0), (7.8 + 5.1) / 2.0);
  EXPECT_DOUBLE_EQ(t(-5.0), 11.2);
  EXPECT_DOUBLE_EQ(t(30.0), 3.8);
}

TEST(DxParams, CopAtRatingPoint) {
  const DxParams dx;
  // 0.45 x 280.15 / (323.15 - 280.15) = 0.45 x 6.5151 = 2.9318
  EXPECT_NEAR(dx.cop(35.0), 2.9318, 1e-4);
  // Below 15 °C the condensing floor (30 °C) holds: 0.45 x 280.15 / 23 = 5.4812
  EXPECT_NEAR(dx.cop(0.0), 5.4812, 1e-4);
}

TEST(EquipmentLayer, SizingAndDegradedCapacity) {
  // Peak 2,500 kW on 1,000 kW units: N = 3.
  EquipmentLayer l{"x", 0, 1000.0};
  parse_redundancy("N", l);
  EXPECT_EQ(units_for_peak(l, 2500.0), 3);
  parse_redundancy("N+1", l);
  EXPECT_EQ(units_for_peak(l, 2500.0), 4);
  l.units = 4;
  EXPECT_DOUBLE_EQ(l.degraded_capacity_kw(), 3000.0);  // one unit out
  EXPECT_EQ(redundancy_label(l), "N+1");
  parse_redundancy("2N", l);
  EXPECT_EQ(units_for_peak(l, 2500.0), 6);
  l.units = 6;
  EXPECT_DOUBLE_EQ(l.degraded_capacity_kw(), 3000.0);          // one side out
  EXPECT_DOUBLE_EQ(l.load_fraction(2500.0), 2500.0 / 6000.0);  // <= 50 %
  parse_redundancy("2(N+1)", l);
  EXPECT_EQ(units_for_peak(l, 2500.0), 8);
  l.units = 8;
  EXPECT_DOUBLE_EQ(l.degraded_capacity_kw(), 3000.0);  // one side and one unit of the other out
  parse_redundancy("4-to-make-3", l);
  EXPECT_EQ(units_for_peak(l, 2500.0), 4);  // ceil(3 x 4 / 3)
  l.units = 4;
  EXPECT_DOUBLE_EQ(l.degraded_capacity_kw(), 3000.0);
  EXPECT_EQ(redundancy_label(l), "4-to-make-3");
}

// Per-row pools: 4 rows of N+1 CDUs, 3 x 100 kW each. Pooled, 11 of 12 units would survive (1,100 kW); per row,
// every row keeps 2 of 3 (800 kW site-wide with the load even), and with one row carrying 40 % of the load the
// site reaches that row's 200 kW at 500 kW.
TEST(EquipmentLayer, GroupsEachKeepTheirOwnSpares) {
  EquipmentLayer l{"cdus", 12, 100.0};
  parse_redundancy("N+1", l);
  EXPECT_DOUBLE_EQ(l.degraded_capacity_kw(), 1100.0);
  l.groups = 4;
  l.max_group_share = 0.25;
  EXPECT_DOUBLE_EQ(l.degraded_capacity_kw(), 800.0);
  l.max_group_share = 0.4;
  EXPECT_DOUBLE_EQ(l.degraded_capacity_kw(), 500.0);
  EXPECT_NO_THROW(validate_layer(l));
  l.units = 10;  // not a multiple of 4 groups
  EXPECT_THROW(validate_layer(l), std::invalid_argument);
  l.units = 12;
  l.max_group_share = 0.2;  // below 1/groups: impossible
  EXPECT_THROW(validate_layer(l), std::invalid_argument);
}

TEST(EquipmentLayer, RejectsInconsistentLayers) {
  EquipmentLayer l{"ups", 3, 500.0};
  parse_redundancy("2N", l);
  EXPECT_THROW(validate_layer(l), std::invalid_argument);  // odd count for two sides
  l.units = 1;
  parse_redundancy("N+1", l);
  EXPECT_THROW(validate_layer(l), std::invalid_argument);  // no unit left after the spare
  EXPECT_THROW(parse_redundancy("N+", l), std::invalid_argument);
  EXPECT_THROW(parse_redundancy("3-to-make-3", l), std::invalid_argument);
}

}  // namespace
}  // namespace aidc::models
