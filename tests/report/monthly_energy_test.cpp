// Monthly PUE and WUE from hourly series (tools/report/monthly_energy.hpp), on a synthetic 8,760-hour year.
#include "tools/report/monthly_energy.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace aidc::report {
namespace {

TEST(MonthlyEnergy, MonthBoundariesOfA365DayYear) {
  const auto f = month_first_hours();
  // 31 x 24 = 744; + 28 x 24 = 1,416; + 31 x 24 = 2,160; ...; December starts at 8,760 - 31 x 24 = 8,016.
  EXPECT_EQ(f[0], 0);
  EXPECT_EQ(f[1], 744);
  EXPECT_EQ(f[2], 1416);
  EXPECT_EQ(f[3], 2160);
  EXPECT_EQ(f[11], 8016);
  EXPECT_EQ(f[12], 8760);
}

// The synthetic year:
//   January: hours 0..371   IT 1,000 kW, facility 1,500 kW (hourly PUE 1.5), water 500 L/h
//            hours 372..743 IT 3,000 kW, facility 3,300 kW (hourly PUE 1.1), water 3,000 L/h
//   month m >= 1 (February = 1): IT 2,000 kW, facility 2,000 x (1.1 + 0.01 m) kW, water 2,000 x (1.5 + 0.1 m) L/h
struct Year {
  std::vector<double> it, fac, water;
};
Year synthetic_year() {
  Year y;
  const auto f = month_first_hours();
  for (int h = 0; h < kHoursPerYear; ++h) {
    int m = 0;
    while (h >= f[m + 1]) ++m;
    if (m == 0) {
      const bool first_half = h < 372;
      y.it.push_back(first_half ? 1000.0 : 3000.0);
      y.fac.push_back(first_half ? 1500.0 : 3300.0);
      y.water.push_back(first_half ? 500.0 : 3000.0);
    } else {
      y.it.push_back(2000.0);
      y.fac.push_back(2000.0 * (1.1 + 0.01 * m));
      y.water.push_back(2000.0 * (1.5 + 0.1 * m));
    }
  }
  return y;
}

TEST(MonthlyEnergy, MonthlyPueIsTheEnergyRatioNotTheMeanOfHours) {
  const Year y = synthetic_year();
  const MonthlyEnergy e = monthly_energy(y.it, y.fac, y.water);
  // January: (372 x 1,500 + 372 x 3,300) / (372 x 1,000 + 372 x 3,000) = 4,800 / 4,000 = 1.2
  // (the mean of the hourly PUE values would be (1.5 + 1.1) / 2 = 1.3).
  EXPECT_NEAR(e.pue[0], 1.2, 1e-12);
  // January WUE: (500 + 3,000) / 4,000 = 0.875 L/kWh.
  EXPECT_NEAR(e.wue_l_per_kwh[0], 0.875, 1e-12);
  for (int m = 1; m < kMonths; ++m) {
    EXPECT_NEAR(e.pue[m], 1.1 + 0.01 * m, 1e-12) << kMonthNames[m];
    EXPECT_NEAR(e.wue_l_per_kwh[m], 1.5 + 0.1 * m, 1e-12) << kMonthNames[m];
  }
}

TEST(MonthlyEnergy, AnnualFiguresWeightMonthsByTheirEnergy) {
  const Year y = synthetic_year();
  const MonthlyEnergy e = monthly_energy(y.it, y.fac, y.water);
  // IT energy: January 372 x 4,000 = 1,488,000 kWh; month m >= 1: 2,000 x 24 x days_m.
  // Facility: January 372 x 4,800 = 1,785,600 kWh; month m: 2,000 x 24 x days_m x (1.1 + 0.01 m).
  double it = 1488000.0, fac = 1785600.0, water = 372.0 * 3500.0;
  for (int m = 1; m < kMonths; ++m) {
    const double kwh = 2000.0 * 24.0 * kDaysPerMonth[m];
    it += kwh;
    fac += kwh * (1.1 + 0.01 * m);
    water += kwh * (1.5 + 0.1 * m);
  }
  EXPECT_NEAR(e.annual_pue, fac / it, 1e-12);
  EXPECT_NEAR(e.annual_wue_l_per_kwh, water / it, 1e-12);
}

TEST(MonthlyEnergy, AnHourBelongsToItsMonth) {
  // All hours PUE 1.0 except the last hour of January (743) and the first of February (744), each 1,000 kW of
  // overhead on 1,000 kW IT: January's PUE is (744 + 1) / 744, February's (672 + 1) / 672.
  std::vector<double> it(kHoursPerYear, 1000.0), fac(kHoursPerYear, 1000.0), water(kHoursPerYear, 0.0);
  fac[743] = 2000.0;
  fac[744] = 2000.0;
  const MonthlyEnergy e = monthly_energy(it, fac, water);
  EXPECT_NEAR(e.pue[0], 745.0 / 744.0, 1e-12);
  EXPECT_NEAR(e.pue[1], 673.0 / 672.0, 1e-12);
  EXPECT_NEAR(e.pue[2], 1.0, 1e-12);
}

TEST(MonthlyEnergy, RejectsSeriesThatAreNotOneYear) {
  std::vector<double> short_year(kHoursPerYear - 1, 1.0), year(kHoursPerYear, 1.0);
  EXPECT_THROW(monthly_energy(short_year, year, year), std::invalid_argument);
  std::vector<double> no_it(kHoursPerYear, 0.0);
  EXPECT_THROW(monthly_energy(no_it, year, year), std::invalid_argument);
}

TEST(MonthlyEnergy, FromAResultsFile) {
  tools::ResultsFile r;
  std::string why;
  EXPECT_FALSE(monthly_energy(r, &why));
  EXPECT_EQ(why, "energy not modelled");
  const Year y = synthetic_year();
  r.timeseries.push_back({"it_kw", "kW", 3600.0, y.it});
  r.timeseries.push_back({"facility_kw", "kW", 3600.0, y.fac});
  r.timeseries.push_back({"water_l", "L", 3600.0, y.water});
  const auto e = monthly_energy(r, &why);
  ASSERT_TRUE(e);
  EXPECT_NEAR(e->pue[0], 1.2, 1e-12);
  r.timeseries[1].step_s = 900.0;  // quarter-hourly: months would be wrong, so refused
  EXPECT_FALSE(monthly_energy(r, &why));
  EXPECT_EQ(why, "energy series are not hourly");
}

}  // namespace
}  // namespace aidc::report
