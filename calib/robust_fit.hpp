#pragma once
// Robust least squares for calibration fits (Eigen).
//
//  - huber_irls: linear model y ~ X b, Huber loss by iteratively reweighted least squares. The residual
//    scale is 1.4826 x the median absolute residual (MAD), so the threshold k (default 1.345, 95 % efficiency
//    under Gaussian noise) is in units of the noise; a point more than k scales away gets weight k / |r|.
//  - levenberg_marquardt: non-linear least squares on a residual function r(x), with a forward-difference
//    Jacobian and an optional Huber weighting recomputed every iteration (threshold in residual units, since
//    calibration residuals are already relative: log(predicted / measured)).
// Both report residuals and standard errors sqrt(diag((J^T W J)^-1) * s^2), s^2 = weighted RSS / (n - p).
// Complexity: O(iterations x n p^2).
#include <functional>

#include <Eigen/Dense>

namespace aidc::calib {

struct LinearFit {
  Eigen::VectorXd coef;
  Eigen::VectorXd std_error;
  Eigen::VectorXd residuals;
  Eigen::VectorXd weights;
  int iterations = 0;
};

constexpr double kHuberEfficientK = 1.345;

LinearFit huber_irls(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double k = kHuberEfficientK,
                     int max_iterations = 50);

struct LmOptions {
  int max_iterations = 200;
  double huber_threshold = 0.0;  // 0 = plain least squares
  double gradient_step = 1e-6;   // forward-difference step on each parameter
  double tolerance = 1e-10;      // stop when the relative decrease of the cost is below this
};

struct LmResult {
  Eigen::VectorXd x;
  Eigen::VectorXd residuals;
  Eigen::VectorXd std_error;
  double cost = 0.0;
  int iterations = 0;
};

using ResidualFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
LmResult levenberg_marquardt(const ResidualFunction& residuals, Eigen::VectorXd x0, const LmOptions& options = {});

// Median of |v| (0 for an empty vector) and max of |v|.
double median_abs(const Eigen::VectorXd& v);
double max_abs(const Eigen::VectorXd& v);

}  // namespace aidc::calib
