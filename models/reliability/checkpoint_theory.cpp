#include "models/reliability/checkpoint_theory.hpp"

#include <cmath>
#include <stdexcept>

namespace aidc::models {

double young_interval_hours(double save_hours, double mtbf_hours) {
  if (!(save_hours > 0.0) || !(mtbf_hours > 0.0))
    throw std::invalid_argument("young_interval_hours: inputs must be > 0");
  return std::sqrt(2.0 * save_hours * mtbf_hours);
}

double daly_interval_hours(double save_hours, double mtbf_hours) {
  if (!(save_hours > 0.0) || !(mtbf_hours > 0.0))
    throw std::invalid_argument("daly_interval_hours: inputs must be > 0");
  if (save_hours >= 2.0 * mtbf_hours) return mtbf_hours;
  const double r = save_hours / (2.0 * mtbf_hours);
  return std::sqrt(2.0 * save_hours * mtbf_hours) * (1.0 + std::sqrt(r) / 3.0 + r / 9.0) - save_hours;
}

double ettr_blocking_exponential(double interval_hours, double save_hours, double mtbf_hours, double down_hours) {
  const double q = std::exp(-(interval_hours + save_hours) / mtbf_hours);
  return interval_hours * q / (1.0 - q) / (mtbf_hours + down_hours);
}

double ettr_async_exponential(double interval_hours, double save_hours, double mtbf_hours, double down_hours) {
  const double p = std::exp(-interval_hours / mtbf_hours);
  return interval_hours * std::exp(-save_hours / mtbf_hours) * p / (1.0 - p) / (mtbf_hours + down_hours);
}

}  // namespace aidc::models
