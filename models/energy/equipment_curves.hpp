#pragma once
// Equipment performance curves used by the energy model. Pure functions of their parameters; no state.
//
// 1. LossCoefficients: electrical loss of one power-chain unit (transformer, UPS module, PDU/busway) as a
//    fraction of its rating, following the three-term model of Schneider Electric White Paper 113
//    (N. Rasmussen, "Electrical Efficiency Modeling for Data Centers", rev. 2):
//        loss / rating = no_load + proportional * x + square * x²,   x = load / rating (unit load fraction)
//        efficiency(x) = x / (x + loss / rating)
//    A transformer is the special case proportional = 0 (EnergyPlus ElectricLoadCenter:Transformer: constant core
//    loss whenever energised, winding loss with the square of load).
//
// 2. ChillerEir: the DOE-2 / EnergyPlus "Electric EIR" chiller model (EnergyPlus Engineering Reference,
//    Chiller:Electric:EIR):
//        capFT   = biquadratic(T_chw_leaving, T_cw_entering)      available capacity / nominal
//        eirFT   = biquadratic(T_chw_leaving, T_cw_entering)      energy input ratio / nominal
//        eirFPLR = quadratic(PLR)                                 part-load correction
//        P = Q_nom capFT / COP_nom * eirFT * eirFPLR,  PLR = Q / (Q_nom capFT)
//    Temperatures are clamped to the curve's validity range (extrapolating a biquadratic is unsafe); a warmer
//    evaporator than the range allows is therefore evaluated at the range's top, which underestimates COP
//    (conservative for warm-water trim chillers).
//
// 3. PiecewiseLinear: a table y(x) with linear interpolation and flat extrapolation, for vendor-style curves
//    (cooling-tower approach vs wet bulb).
#include <array>
#include <vector>

namespace aidc::models {

struct LossCoefficients {
  double no_load = 0.0;       // fraction of rating lost whenever energised
  double proportional = 0.0;  // fraction of rating lost per unit load fraction
  double square = 0.0;        // fraction of rating lost per (unit load fraction)²

  double loss_fraction(double x) const { return no_load + proportional * x + square * x * x; }
  double loss_kw(double rating_kw, double x) const { return rating_kw * loss_fraction(x); }
  // Efficiency at unit load fraction x > 0 (output / input).
  double efficiency(double x) const { return x / (x + loss_fraction(x)); }
};

struct ChillerEir {
  double cop_nominal = 5.96;
  std::array<double, 6> cap_ft{};  // c0 + c1 Tchw + c2 Tchw² + c3 Tcw + c4 Tcw² + c5 Tchw Tcw
  std::array<double, 6> eir_ft{};
  std::array<double, 3> eir_fplr{};  // c0 + c1 PLR + c2 PLR²
  double t_chw_min_c = 4.44;
  double t_chw_max_c = 8.89;
  double t_cw_min_c = 12.78;
  double t_cw_max_c = 35.0;
  double plr_min = 0.1;  // below this the chiller cycles; power is evaluated at plr_min (false loading)

  double capacity_factor(double t_chw_c, double t_cw_c) const;
  // Electric power of one chiller of nominal capacity q_nom_kw delivering q_kw of cooling.
  double power_kw(double q_nom_kw, double q_kw, double t_chw_c, double t_cw_c) const;
  // COP = q / power at the given conditions.
  double cop(double q_nom_kw, double q_kw, double t_chw_c, double t_cw_c) const;
};

struct PiecewiseLinear {
  std::vector<double> x;  // strictly increasing
  std::vector<double> y;
  double operator()(double v) const;
};

}  // namespace aidc::models
