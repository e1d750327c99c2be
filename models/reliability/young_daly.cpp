#include "models/reliability/young_daly.hpp"

#include <cmath>
#include <stdexcept>

namespace aidc::models::reliability {

namespace {
void require_positive(double v, const char* what) {
  if (!(v > 0.0) || !std::isfinite(v)) throw std::invalid_argument(std::string("young_daly: ") + what + " must be > 0");
}
}  // namespace

double young_interval_s(double save_s, double mtbf_s) {
  require_positive(mtbf_s, "mtbf_s");
  if (!(save_s >= 0.0)) throw std::invalid_argument("young_daly: save_s must be >= 0");
  return std::sqrt(2.0 * save_s * mtbf_s);
}

double daly_interval_s(double save_s, double mtbf_s) {
  require_positive(mtbf_s, "mtbf_s");
  if (!(save_s >= 0.0)) throw std::invalid_argument("young_daly: save_s must be >= 0");
  if (save_s >= 2.0 * mtbf_s) return mtbf_s;
  const double r = save_s / (2.0 * mtbf_s);
  return std::sqrt(2.0 * save_s * mtbf_s) * (1.0 + std::sqrt(r) / 3.0 + r / 9.0) - save_s;
}

double daly_ettr(double interval_s, double save_s, double restart_s, double mtbf_s) {
  require_positive(interval_s, "interval_s");
  require_positive(mtbf_s, "mtbf_s");
  if (!(save_s >= 0.0) || !(restart_s >= 0.0)) throw std::invalid_argument("young_daly: times must be >= 0");
  const double m = mtbf_s;
  return interval_s / (m * std::exp(restart_s / m) * std::expm1((interval_s + save_s) / m));
}

}  // namespace aidc::models::reliability
