#include "models/energy/equipment_curves.hpp"

#include <algorithm>

namespace aidc::models {
namespace {

double biquadratic(const std::array<double, 6>& c, double a, double b) {
  return c[0] + c[1] * a + c[2] * a * a + c[3] * b + c[4] * b * b + c[5] * a * b;
}

}  // namespace

double ChillerEir::capacity_factor(double t_chw_c, double t_cw_c) const {
  const double a = std::clamp(t_chw_c, t_chw_min_c, t_chw_max_c);
  const double b = std::clamp(t_cw_c, t_cw_min_c, t_cw_max_c);
  return biquadratic(cap_ft, a, b);
}

double ChillerEir::power_kw(double q_nom_kw, double q_kw, double t_chw_c, double t_cw_c) const {
  if (q_kw <= 0.0) return 0.0;
  const double a = std::clamp(t_chw_c, t_chw_min_c, t_chw_max_c);
  const double b = std::clamp(t_cw_c, t_cw_min_c, t_cw_max_c);
  const double q_avail = q_nom_kw * biquadratic(cap_ft, a, b);
  const double plr = std::max(q_kw / q_avail, plr_min);
  const double fplr = eir_fplr[0] + eir_fplr[1] * plr + eir_fplr[2] * plr * plr;
  return q_avail / cop_nominal * biquadratic(eir_ft, a, b) * fplr;
}

double ChillerEir::cop(double q_nom_kw, double q_kw, double t_chw_c, double t_cw_c) const {
  return q_kw / power_kw(q_nom_kw, q_kw, t_chw_c, t_cw_c);
}

double PiecewiseLinear::operator()(double v) const {
  if (x.empty()) return 0.0;
  if (v <= x.front()) return y.front();
  if (v >= x.back()) return y.back();
  const auto it = std::upper_bound(x.begin(), x.end(), v);
  const auto i = static_cast<std::size_t>(it - x.begin());
  const double t = (v - x[i - 1]) / (x[i] - x[i - 1]);
  return y[i - 1] + t * (y[i] - y[i - 1]);
}

}  // namespace aidc::models
