#pragma once
// Closed-form checkpoint models for exponential failures (rate 1/M), used to check the simulation.
//
//  - Young (1974), "A first order approximation to the optimum checkpoint interval", CACM 17(9):
//      tau_opt = sqrt(2 * delta * M)  (delta = checkpoint save time, M = mean time between failures).
//  - Daly (2006), "A higher order estimate of the optimum checkpoint interval for restart dumps",
//    FGCS 22(3): tau_opt = sqrt(2 delta M) * [1 + sqrt(delta/(2M))/3 + delta/(18 M)] - delta for delta < 2M,
//    else M.
//  - ettr_blocking_exponential: the exact renewal-reward ETTR of the semantics the simulation uses:
//    a run lasts U ~ Exp(1/M); cycles of c = tau + delta wall time complete floor(U/c) checkpoints of tau
//    useful work each; then the job is down R (no failures counted while down). With q = exp(-c/M),
//      E[floor(U/c)] = sum_{j>=1} q^j = q / (1 - q),   ETTR = tau * q / (1 - q) / (M + R).
//    For asynchronous saves (no stall, checkpoint valid delta after the interval ends) the count is
//      E[#{j : j tau + delta <= U}] = exp(-delta/M) * p / (1 - p), p = exp(-tau/M).
// All times in hours; results are fractions.
namespace aidc::models {

double young_interval_hours(double save_hours, double mtbf_hours);
double daly_interval_hours(double save_hours, double mtbf_hours);
double ettr_blocking_exponential(double interval_hours, double save_hours, double mtbf_hours, double down_hours);
double ettr_async_exponential(double interval_hours, double save_hours, double mtbf_hours, double down_hours);

}  // namespace aidc::models
