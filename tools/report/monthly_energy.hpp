#pragma once
// Monthly and annual PUE and WUE from the energy model's hourly series (tools/cli/energy_stage.cpp puts them in
// ResultsFile::timeseries as "it_kw", "facility_kw" and "water_l", one value per hour of the year).
//
// A period's PUE is total facility energy over IT energy in that period, not the mean of hourly PUE values
// (GB 40879-2021 and The Green Grid White Paper #49 define PUE as an energy ratio; the energy model's annual PUE
// is computed the same way, models/energy/energy_model.cpp). WUE is site water use over IT energy, L/kWh (The
// Green Grid White Paper #35). With hourly steps, kW averaged over the hour equal kWh.
//
// Months are those of a 365-day year starting 1 January at hour 0, as the climate files are laid out
// (models/energy/climate.hpp: 8,760 hours, no leap day).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "tools/results/h5_writer.hpp"

namespace aidc::report {

inline constexpr int kMonths = 12;
inline constexpr std::array<int, kMonths> kDaysPerMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
inline constexpr std::array<const char*, kMonths> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline constexpr int kHoursPerDay = 24;
inline constexpr int kHoursPerYear = 8760;  // 365 x 24, models::kHoursPerYear

// First hour of each month and one past the last hour of December (kMonths + 1 entries: 0, 744, ..., 8760).
std::array<int, kMonths + 1> month_first_hours();

struct MonthlyEnergy {
  std::array<double, kMonths> pue{};
  std::array<double, kMonths> wue_l_per_kwh{};
  double annual_pue = 0.0;
  double annual_wue_l_per_kwh = 0.0;
};

// From hourly IT power (kW), facility power (kW) and water (L per hour). Throws std::invalid_argument unless all
// three have kHoursPerYear values and every month's IT energy is positive.
MonthlyEnergy monthly_energy(const std::vector<double>& it_kw, const std::vector<double>& facility_kw,
                             const std::vector<double>& water_l);

// From a results file's time series; nullopt when the energy stage did not run (the series are absent) or when
// they are not hourly series of one year, with the reason in `why` when given.
std::optional<MonthlyEnergy> monthly_energy(const tools::ResultsFile& results, std::string* why = nullptr);

}  // namespace aidc::report
