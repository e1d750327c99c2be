#include "models/energy/psychrometrics.hpp"

#include <cmath>

namespace aidc::models {
namespace {

// Humidity ratio that air at dry-bulb t would have if its thermodynamic wet bulb were t_star (ASHRAE eq. 33).
double ratio_for_wet_bulb(double t_c, double t_star_c, double pressure_pa) {
  const double ws_star = humidity_ratio(saturation_pressure_pa(t_star_c), pressure_pa);
  return ((2501.0 - 2.326 * t_star_c) * ws_star - 1.006 * (t_c - t_star_c)) / (2501.0 + 1.86 * t_c - 4.186 * t_star_c);
}

double solve_wet_bulb(double dry_bulb_c, double w, double pressure_pa) {
  // ratio_for_wet_bulb rises monotonically with t_star on [dew point - margin, dry bulb]; bisection is robust.
  double lo = dry_bulb_c - 60.0;
  double hi = dry_bulb_c;
  for (int i = 0; i < 60 && hi - lo > 1e-4; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (ratio_for_wet_bulb(dry_bulb_c, mid, pressure_pa) > w) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace

double saturation_pressure_pa(double t_c) {
  return 610.94 * std::exp(17.625 * t_c / (t_c + 243.04));
}

double humidity_ratio(double vapour_pa, double pressure_pa) {
  return 0.621945 * vapour_pa / (pressure_pa - vapour_pa);
}

double wet_bulb_from_dew_point_c(double dry_bulb_c, double dew_point_c, double pressure_pa) {
  const double dew = std::fmin(dew_point_c, dry_bulb_c);
  return solve_wet_bulb(dry_bulb_c, humidity_ratio(saturation_pressure_pa(dew), pressure_pa), pressure_pa);
}

double wet_bulb_from_rh_c(double dry_bulb_c, double rh_pct, double pressure_pa) {
  const double rh = std::fmin(std::fmax(rh_pct, 0.0), 100.0) / 100.0;
  const double pw = rh * saturation_pressure_pa(dry_bulb_c);
  return solve_wet_bulb(dry_bulb_c, humidity_ratio(pw, pressure_pa), pressure_pa);
}

}  // namespace aidc::models
