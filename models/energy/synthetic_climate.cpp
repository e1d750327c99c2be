#include "models/energy/synthetic_climate.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "models/energy/psychrometrics.hpp"

namespace aidc::models {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double uniform01(std::uint64_t& state) {
  // 53 random bits -> (0, 1]; never 0 so that log() below is finite.
  return (static_cast<double>(splitmix64(state) >> 11) + 1.0) / 9007199254740992.0;
}

double standard_normal(std::uint64_t& state) {
  const double u1 = uniform01(state);
  const double u2 = uniform01(state);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace

Climate make_synthetic_climate(const SyntheticClimateParams& p) {
  Climate c;
  c.name = p.name;
  c.synthetic = true;
  c.source = "synthetic (aidc synthetic_climate generator, seed " + std::to_string(p.seed) + "); not observed weather";
  c.dry_bulb_c.resize(kHoursPerYear);
  c.wet_bulb_c.resize(kHoursPerYear);
  std::uint64_t state = p.seed;
  double anomaly = 0.0;
  const double innovation = p.anomaly_sigma_k * std::sqrt(1.0 - p.anomaly_rho * p.anomaly_rho);
  for (int d = 0; d < kHoursPerYear / 24; ++d) {
    anomaly = p.anomaly_rho * anomaly + innovation * standard_normal(state);
    const double seasonal =
        p.mean_c - p.seasonal_amplitude_k * std::cos(2.0 * std::numbers::pi * (d - p.coldest_day) / 365.0);
    for (int hod = 0; hod < 24; ++hod) {
      const double daily_phase = std::cos(2.0 * std::numbers::pi * (hod - p.coldest_hour) / 24.0);
      const double db = seasonal - p.diurnal_amplitude_k * daily_phase + anomaly;
      const double rh = std::clamp(p.rh_mean_pct + p.rh_diurnal_swing_pct * daily_phase, 5.0, 100.0);
      const auto h = static_cast<std::size_t>(d * 24 + hod);
      c.dry_bulb_c[h] = db;
      c.wet_bulb_c[h] = wet_bulb_from_rh_c(db, rh);
    }
  }
  return c;
}

SyntheticClimateParams synthetic_preset(const std::string& name) {
  SyntheticClimateParams p;
  p.name = name;
  if (name == "synthetic-cold") {
    // Resembles a cold continental site (e.g. northern China / Inner Mongolia class): mean ~5 °C, 30 K seasonal swing.
    p.mean_c = 5.0;
    p.seasonal_amplitude_k = 15.0;
    p.diurnal_amplitude_k = 6.0;
    p.rh_mean_pct = 55.0;
    p.seed = 11;
  } else if (name == "synthetic-temperate") {
    p.mean_c = 13.0;
    p.seasonal_amplitude_k = 11.0;
    p.diurnal_amplitude_k = 5.0;
    p.rh_mean_pct = 70.0;
    p.seed = 12;
  } else if (name == "synthetic-hot-dry") {
    // Resembles a hot desert site: mean ~24 °C, summer afternoons above 40 °C, dry air.
    p.mean_c = 24.0;
    p.seasonal_amplitude_k = 10.0;
    p.diurnal_amplitude_k = 7.0;
    p.rh_mean_pct = 25.0;
    p.rh_diurnal_swing_pct = 10.0;
    p.seed = 13;
  } else if (name == "synthetic-hot-humid") {
    // Resembles a hot humid subtropical/tropical site: mean ~26 °C, small seasonal swing, wet-bulb ~24 °C.
    p.mean_c = 26.0;
    p.seasonal_amplitude_k = 3.0;
    p.diurnal_amplitude_k = 3.5;
    p.anomaly_sigma_k = 1.0;
    p.rh_mean_pct = 80.0;
    p.rh_diurnal_swing_pct = 10.0;
    p.seed = 14;
  } else {
    throw std::invalid_argument("unknown synthetic climate '" + name +
                                "' (synthetic-cold, synthetic-temperate, synthetic-hot-dry, synthetic-hot-humid)");
  }
  return p;
}

}  // namespace aidc::models
