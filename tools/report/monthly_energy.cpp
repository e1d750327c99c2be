#include "tools/report/monthly_energy.hpp"

#include <stdexcept>
#include <string>

#include "tools/report/chart_data.hpp"

namespace aidc::report {

std::array<int, kMonths + 1> month_first_hours() {
  std::array<int, kMonths + 1> first{};
  for (int m = 0; m < kMonths; ++m) first[m + 1] = first[m] + kDaysPerMonth[m] * kHoursPerDay;
  return first;
}

MonthlyEnergy monthly_energy(const std::vector<double>& it_kw, const std::vector<double>& facility_kw,
                             const std::vector<double>& water_l) {
  const auto expect = static_cast<std::size_t>(kHoursPerYear);
  if (it_kw.size() != expect || facility_kw.size() != expect || water_l.size() != expect) {
    throw std::invalid_argument("monthly_energy: need " + std::to_string(kHoursPerYear) +
                                " hourly values in each series, got " + std::to_string(it_kw.size()) + ", " +
                                std::to_string(facility_kw.size()) + " and " + std::to_string(water_l.size()));
  }
  const auto first = month_first_hours();
  MonthlyEnergy e;
  double it_year = 0.0, fac_year = 0.0, water_year = 0.0;
  for (int m = 0; m < kMonths; ++m) {
    double it = 0.0, fac = 0.0, water = 0.0;
    for (int h = first[m]; h < first[m + 1]; ++h) {
      const auto i = static_cast<std::size_t>(h);
      it += it_kw[i];  // kW over one hour = kWh
      fac += facility_kw[i];
      water += water_l[i];
    }
    if (!(it > 0.0)) throw std::invalid_argument(std::string("monthly_energy: no IT energy in ") + kMonthNames[m]);
    e.pue[m] = fac / it;
    e.wue_l_per_kwh[m] = water / it;
    it_year += it;
    fac_year += fac;
    water_year += water;
  }
  e.annual_pue = fac_year / it_year;
  e.annual_wue_l_per_kwh = water_year / it_year;
  return e;
}

std::optional<MonthlyEnergy> monthly_energy(const tools::ResultsFile& results, std::string* why) {
  constexpr double kHourS = 3600.0;
  const auto fail = [&](const std::string& reason) {
    if (why) *why = reason;
    return std::nullopt;
  };
  const tools::Series* it = find_series(results, "it_kw");
  const tools::Series* fac = find_series(results, "facility_kw");
  const tools::Series* water = find_series(results, "water_l");
  if (!it || !fac || !water) return fail("energy not modelled");
  if (it->step_s != kHourS || fac->step_s != kHourS || water->step_s != kHourS) {
    return fail("energy series are not hourly");
  }
  try {
    return monthly_energy(it->values, fac->values, water->values);
  } catch (const std::invalid_argument& e) {
    return fail(e.what());
  }
}

}  // namespace aidc::report
