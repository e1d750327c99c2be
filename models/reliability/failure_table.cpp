#include "models/reliability/failure_table.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

namespace aidc::models::reliability {

void validate(const FailureTable& table) {
  std::set<std::string> names;
  for (const auto& c : table.classes) {
    const std::string where = "failure class '" + c.name + "': ";
    if (c.name.empty()) throw std::invalid_argument("failure class with an empty name");
    if (!names.insert(c.name).second) throw std::invalid_argument(where + "duplicate name");
    if (!std::isfinite(c.failures_per_unit_day) || c.failures_per_unit_day < 0.0)
      throw std::invalid_argument(where + "failures_per_unit_day must be finite and >= 0");
    if (c.distribution == FailureDistribution::weibull && !(c.weibull_shape > 0.0 && std::isfinite(c.weibull_shape)))
      throw std::invalid_argument(where + "weibull_shape must be > 0");
    if (c.replaces_node && !(c.repair_median_hours > 0.0 && std::isfinite(c.repair_median_hours)))
      throw std::invalid_argument(where + "repair_median_hours must be > 0 for a class that replaces nodes");
    if (!(c.repair_sigma >= 0.0 && std::isfinite(c.repair_sigma)))
      throw std::invalid_argument(where + "repair_sigma must be >= 0");
  }
}

}  // namespace aidc::models::reliability
