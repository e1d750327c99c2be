#pragma once
// Closed-form checkpoint/restart models, used to check the simulation and to compare its optimum.
//
//   young_interval_s  tau = sqrt(2 delta M)            Young, "A first order approximation to the optimum
//                                                       checkpoint interval", CACM 17(9), 1974
//   daly_interval_s   tau = sqrt(2 delta M) [1 + (1/3) sqrt(delta/2M) + (1/9)(delta/2M)] - delta   for delta < 2M,
//                     tau = M otherwise                 Daly, FGCS 22(3), 2006, eq. (37)
//   daly_ettr         useful work / wall time = tau / (M e^{R/M} (e^{(tau+delta)/M} - 1))
//                                                       Daly 2006, eq. (13): expected wall time of a job of
//                                                       solve time Ts is M e^{R/M} (e^{(tau+delta)/M} - 1) Ts/tau
// delta = blocking checkpoint save time, R = downtime per restart (detection + restart + reload), M = mean
// time between interruptions of the job. Assumptions (Daly's): exponential failures, failures may strike
// during saves and restarts, a failure during a restart starts it again, unlimited spares. All in seconds.
namespace aidc::models::reliability {

double young_interval_s(double save_s, double mtbf_s);
double daly_interval_s(double save_s, double mtbf_s);
double daly_ettr(double interval_s, double save_s, double restart_s, double mtbf_s);

}  // namespace aidc::models::reliability
