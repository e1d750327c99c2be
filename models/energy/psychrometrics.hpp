#pragma once
// Psychrometrics: moist-air relations the energy model needs to turn weather records into the wet-bulb
// temperature that drives cooling towers and waterside economisers.
//
// Units: temperatures in °C (`_c`), pressure in Pa (`_pa`), relative humidity in percent (`_pct`),
// humidity ratio in kg water / kg dry air.
//
// Sources:
//  - Saturation vapour pressure over liquid water: Alduchov & Eskridge (1996), "Improved Magnus form
//    approximation of saturation vapor pressure", J. Appl. Meteor. 35, 601-609: e_s = 610.94 exp(17.625 T /
//    (T + 243.04)) Pa, error < 0.4 % over -40..50 °C.
//  - Humidity ratio W = 0.621945 p_w / (p - p_w) and the thermodynamic wet-bulb relation
//    W = ((2501 - 2.326 t*) W*_s - 1.006 (t - t*)) / (2501 + 1.86 t - 4.186 t*): ASHRAE Handbook -
//    Fundamentals (2017), chapter 1, equations 20 and 33 (SI).
//  - Standard atmosphere at sea level, 101325 Pa: same chapter, table 1.
//
// Invariants: wet_bulb_c(t, ...) <= t, equal at saturation; results are finite for -40..60 °C inputs.
namespace aidc::models {

// Standard sea-level pressure (ASHRAE Fundamentals 2017, ch. 1, table 1).
inline constexpr double kStandardPressurePa = 101325.0;

// Saturation vapour pressure over liquid water, Pa (Alduchov & Eskridge 1996).
double saturation_pressure_pa(double t_c);

// Humidity ratio from the partial pressure of water vapour.
double humidity_ratio(double vapour_pa, double pressure_pa);

// Thermodynamic wet-bulb temperature from dry-bulb and dew point (solved by bisection to 1e-4 K).
double wet_bulb_from_dew_point_c(double dry_bulb_c, double dew_point_c, double pressure_pa = kStandardPressurePa);

// Thermodynamic wet-bulb temperature from dry-bulb and relative humidity (0..100 %).
double wet_bulb_from_rh_c(double dry_bulb_c, double rh_pct, double pressure_pa = kStandardPressurePa);

}  // namespace aidc::models
