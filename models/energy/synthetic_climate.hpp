#pragma once
// Synthetic climate generator: a deterministic, documented stand-in for measured weather, used by tests and by
// the shipped scenarios/climate/synthetic-*.csv files (clearly labelled synthetic).
//
// Model (all terms in °C, hour h = 0..8759, day d = h / 24):
//   dry_bulb(h) = mean - seasonal_amplitude * cos(2π (d - coldest_day) / 365)
//                      - diurnal_amplitude  * cos(2π (hour_of_day - coldest_hour) / 24)
//                      + anomaly(d)
//   anomaly(d)  = AR(1) day-to-day weather noise: a(d) = rho a(d-1) + sigma sqrt(1 - rho²) z(d), z ~ N(0, 1)
//                 from a SplitMix64 stream seeded by `seed` (Steele, Lea & Flood 2014, "Fast splittable
//                 pseudorandom number generators", OOPSLA), Box-Muller normals.
//   RH(h)       = clamp(rh_mean + rh_diurnal_swing * cos(2π (hour_of_day - coldest_hour) / 24), 5, 100) %
//                 (relative humidity peaks when the air is coolest, before dawn)
//   wet_bulb(h) = psychrometric wet bulb of (dry_bulb, RH) at sea level (psychrometrics.hpp).
// Same parameters and seed -> bit-identical series on every platform that has IEEE doubles.
//
// The shipped presets are NOT observations. Their parameters were chosen to resemble a cold continental, a hot
// desert and a hot humid climate; scenarios/climate/README.md lists them and what they are meant to resemble.
#include <cstdint>
#include <string>

#include "models/energy/climate.hpp"

namespace aidc::models {

struct SyntheticClimateParams {
  std::string name = "synthetic";
  double mean_c = 12.0;                // annual mean dry bulb
  double seasonal_amplitude_k = 12.0;  // half the difference between the warmest and coldest daily means
  double diurnal_amplitude_k = 5.0;    // half the mean daily temperature range
  double coldest_day = 20.0;           // day of year (0-based) of the coldest seasonal mean
  double coldest_hour = 5.0;           // hour of day of the daily minimum
  double anomaly_sigma_k = 3.0;        // standard deviation of the day-to-day anomaly
  double anomaly_rho = 0.7;            // lag-1 day autocorrelation of the anomaly
  double rh_mean_pct = 65.0;
  double rh_diurnal_swing_pct = 15.0;
  std::uint64_t seed = 1;
};

Climate make_synthetic_climate(const SyntheticClimateParams& p);

// Presets: "synthetic-cold", "synthetic-hot-dry", "synthetic-hot-humid", "synthetic-temperate".
// Throws std::invalid_argument for another name.
SyntheticClimateParams synthetic_preset(const std::string& name);

}  // namespace aidc::models
