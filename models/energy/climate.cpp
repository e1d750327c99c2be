#include "models/energy/climate.hpp"

#include <cmath>
#include <stdexcept>

namespace aidc::models {

void validate_climate(const Climate& c) {
  const auto n = static_cast<std::size_t>(kHoursPerYear);
  if (c.dry_bulb_c.size() != n || c.wet_bulb_c.size() != n) {
    throw std::invalid_argument("climate '" + c.name +
                                "': needs exactly 8760 hourly dry-bulb and wet-bulb values, got " +
                                std::to_string(c.dry_bulb_c.size()) + " and " + std::to_string(c.wet_bulb_c.size()));
  }
  if (!c.grid_kg_per_kwh.empty() && c.grid_kg_per_kwh.size() != n) {
    throw std::invalid_argument("climate '" + c.name + "': hourly grid carbon needs 8760 values");
  }
  for (std::size_t h = 0; h < n; ++h) {
    const double db = c.dry_bulb_c[h];
    const double wb = c.wet_bulb_c[h];
    const std::string at = "climate '" + c.name + "' hour " + std::to_string(h) + ": ";
    if (!std::isfinite(db) || db < -60.0 || db > 60.0) throw std::invalid_argument(at + "dry bulb out of [-60, 60] °C");
    if (!std::isfinite(wb) || wb > db + kWetBulbTolerance) throw std::invalid_argument(at + "wet bulb above dry bulb");
    if (!c.grid_kg_per_kwh.empty() && (!std::isfinite(c.grid_kg_per_kwh[h]) || c.grid_kg_per_kwh[h] < 0.0)) {
      throw std::invalid_argument(at + "grid carbon intensity must be finite and >= 0");
    }
  }
}

int hottest_hour(const Climate& c) {
  int best = 0;
  for (int h = 1; h < static_cast<int>(c.dry_bulb_c.size()); ++h) {
    if (c.dry_bulb_c[static_cast<std::size_t>(h)] > c.dry_bulb_c[static_cast<std::size_t>(best)]) best = h;
  }
  return best;
}

}  // namespace aidc::models
