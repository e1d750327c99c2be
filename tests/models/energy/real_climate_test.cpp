// Checks on the observed (non-synthetic) climate files in scenarios/climate/: each one is a full year of
// hourly weather and carries the physical signature of its city. Provenance: scenarios/climate/README.md.
//
// Published figures the ranges below are built around (annual mean dry bulb, degC):
//   Beijing   13.4 (2008), 13.3 (2009): China Statistical Yearbook 2009 table 11-13 and 2010 table 12-13,
//             "Monthly Average Temperature of Major Cities" (National Bureau of Statistics of China,
//             stats.gov.cn/tjsj/ndsj/2009/html/L1113e.htm, .../2010/html/L1213e.htm); CMA 1971-2000 normals give
//             January -3.7 and July 26.2 (mean of the daily max/min normals 17.9/7.2: about 12.6 for the year).
//             The shipped file is the Capital Airport station in 2010, a cold year: it is expected below the
//             urban-station figures, hence the wider lower bound.
//   Guangzhou 22.4 (2008), 23.0 (2009): same yearbook tables; annual normal about 22.
//   Shenyang  8.6 (2008), 7.7 (2009): same yearbook tables; 8.3 annual average (official Beijing 2008 Olympic
//             Games city profile).

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "models/energy/climate.hpp"
#include "tools/schema/energy_loader.hpp"

namespace aidc::tools {
namespace {

std::string climate_path(const std::string& name) {
  return std::string(AIDC_SOURCE_DIR) + "/scenarios/climate/" + name + ".csv";
}

struct RealClimate {
  const char* name;
  double annual_mean_lo, annual_mean_hi;  // degC, see the header comment
  double january_lo, january_hi;          // monthly mean dry bulb, degC
  double july_lo, july_hi;
};

// Ranges: the published values above, widened for year-to-year variation (about +-1 K for the annual mean) and for
// station siting.
constexpr RealClimate kClimates[] = {
    {"beijing-2010", 10.5, 14.0, -8.0, 0.0, 24.0, 30.0},
    {"guangzhou-2010", 21.0, 24.0, 10.0, 17.0, 27.0, 31.0},
    {"shenyang-2010", 6.5, 9.5, -16.0, -8.0, 22.0, 27.0},
};

constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int month_start_hour(int month) {  // month 0..11
  return 24 * std::accumulate(kMonthDays, kMonthDays + month, 0);
}

double mean(const std::vector<double>& v, int from, int to) {
  return std::accumulate(v.begin() + from, v.begin() + to, 0.0) / (to - from);
}

double month_mean(const std::vector<double>& v, int month) {
  return mean(v, month_start_hour(month), month_start_hour(month) + 24 * kMonthDays[month]);
}

TEST(RealClimate, FilesLoadAsObservedFullYears) {
  for (const auto& rc : kClimates) {
    const auto c = load_climate_file(climate_path(rc.name));
    EXPECT_EQ(c.name, rc.name);
    EXPECT_FALSE(c.synthetic) << rc.name;
    EXPECT_NE(c.source.find("CC BY 4.0"), std::string::npos) << rc.name << ": " << c.source;
    EXPECT_NE(c.source.find("UCI"), std::string::npos) << rc.name;
    ASSERT_EQ(c.dry_bulb_c.size(), 8760u) << rc.name;
    ASSERT_EQ(c.wet_bulb_c.size(), 8760u) << rc.name;
    EXPECT_NO_THROW(models::validate_climate(c)) << rc.name;
  }
}

TEST(RealClimate, WetBulbNeverAboveDryBulb) {
  for (const auto& rc : kClimates) {
    const auto c = load_climate_file(climate_path(rc.name));
    int bad = 0;
    for (std::size_t h = 0; h < c.dry_bulb_c.size(); ++h) {
      if (c.wet_bulb_c[h] > c.dry_bulb_c[h] + 1e-9) ++bad;
    }
    EXPECT_EQ(bad, 0) << rc.name;
    // Near saturation the two meet, but a humid climate should not be saturated all year.
    int depressed = 0;
    for (std::size_t h = 0; h < c.dry_bulb_c.size(); ++h) depressed += c.dry_bulb_c[h] - c.wet_bulb_c[h] > 0.5;
    EXPECT_GT(depressed, 8760 / 2) << rc.name;
  }
}

TEST(RealClimate, AnnualAndMonthlyMeansMatchPublishedClimate) {
  for (const auto& rc : kClimates) {
    const auto c = load_climate_file(climate_path(rc.name));
    const double annual = mean(c.dry_bulb_c, 0, 8760);
    EXPECT_GE(annual, rc.annual_mean_lo) << rc.name;
    EXPECT_LE(annual, rc.annual_mean_hi) << rc.name;
    const double jan = month_mean(c.dry_bulb_c, 0), jul = month_mean(c.dry_bulb_c, 6);
    EXPECT_GE(jan, rc.january_lo) << rc.name;
    EXPECT_LE(jan, rc.january_hi) << rc.name;
    EXPECT_GE(jul, rc.july_lo) << rc.name;
    EXPECT_LE(jul, rc.july_hi) << rc.name;
    // Northern-hemisphere seasonality: the coldest month is in winter, the warmest in summer.
    std::vector<double> months(12);
    for (int m = 0; m < 12; ++m) months[m] = month_mean(c.dry_bulb_c, m);
    const int coldest = static_cast<int>(std::min_element(months.begin(), months.end()) - months.begin());
    const int warmest = static_cast<int>(std::max_element(months.begin(), months.end()) - months.begin());
    EXPECT_TRUE(coldest == 0 || coldest == 1 || coldest == 11) << rc.name << " coldest month " << coldest + 1;
    EXPECT_TRUE(warmest >= 5 && warmest <= 7) << rc.name << " warmest month " << warmest + 1;
  }
}

TEST(RealClimate, HottestHourIsASummerAfternoon) {
  for (const auto& rc : kClimates) {
    const auto c = load_climate_file(climate_path(rc.name));
    const int h = models::hottest_hour(c);
    EXPECT_GE(h, month_start_hour(5)) << rc.name;  // 1 June
    EXPECT_LT(h, month_start_hour(8)) << rc.name;  // 1 September
    const int local_hour = h % 24;                  // files are in local time (UTC+8)
    EXPECT_GE(local_hour, 11) << rc.name;
    EXPECT_LE(local_hour, 18) << rc.name;
  }
}

TEST(RealClimate, ClimatesContrastAsExpected) {
  const auto bj = load_climate_file(climate_path("beijing-2010"));
  const auto gz = load_climate_file(climate_path("guangzhou-2010"));
  const auto sy = load_climate_file(climate_path("shenyang-2010"));
  // Annual mean: subtropical Guangzhou > Beijing > Shenyang (northeast).
  EXPECT_GT(mean(gz.dry_bulb_c, 0, 8760), mean(bj.dry_bulb_c, 0, 8760) + 5.0);
  EXPECT_GT(mean(bj.dry_bulb_c, 0, 8760), mean(sy.dry_bulb_c, 0, 8760) + 1.0);
  // Humid summers everywhere, but Guangzhou's June-August wet bulb is the highest (monsoon tropics, > 23 degC).
  const int jja_from = month_start_hour(5), jja_to = month_start_hour(8);
  EXPECT_GT(mean(gz.wet_bulb_c, jja_from, jja_to), 23.0);
  EXPECT_GT(mean(gz.wet_bulb_c, jja_from, jja_to), mean(bj.wet_bulb_c, jja_from, jja_to) + 1.5);
  EXPECT_GT(mean(gz.wet_bulb_c, jja_from, jja_to), mean(sy.wet_bulb_c, jja_from, jja_to) + 1.5);
  // Cold-dry winters in the north: January wet bulb far below freezing in Beijing and Shenyang.
  EXPECT_LT(month_mean(bj.wet_bulb_c, 0), -3.0);
  EXPECT_LT(month_mean(sy.wet_bulb_c, 0), -8.0);
  EXPECT_GT(month_mean(gz.wet_bulb_c, 0), 5.0);
  // Hours cold enough for free cooling (dry bulb < 10 degC): Shenyang > Beijing >> Guangzhou.
  auto cold_hours = [](const models::Climate& c) {
    return std::count_if(c.dry_bulb_c.begin(), c.dry_bulb_c.end(), [](double t) { return t < 10.0; });
  };
  EXPECT_GT(cold_hours(sy), cold_hours(bj));
  EXPECT_GT(cold_hours(bj), 3 * cold_hours(gz));
}

}  // namespace
}  // namespace aidc::tools
