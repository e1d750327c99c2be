#include "calib/robust_fit.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace aidc::calib {

namespace {
// MAD -> standard deviation for Gaussian noise.
constexpr double kMadToSigma = 1.4826;
constexpr double kTinyScale = 1e-12;
constexpr double kLambdaStart = 1e-3;
constexpr double kLambdaUp = 10.0;
constexpr double kLambdaDown = 0.3;
constexpr double kLambdaMax = 1e12;

Eigen::VectorXd huber_weights(const Eigen::VectorXd& r, double threshold) {
  Eigen::VectorXd w = Eigen::VectorXd::Ones(r.size());
  if (threshold <= 0.0) return w;
  for (Eigen::Index i = 0; i < r.size(); ++i) {
    const double a = std::abs(r[i]);
    if (a > threshold) w[i] = threshold / a;
  }
  return w;
}

Eigen::VectorXd std_errors(const Eigen::MatrixXd& j, const Eigen::VectorXd& w, const Eigen::VectorXd& r) {
  const Eigen::Index n = j.rows();
  const Eigen::Index p = j.cols();
  Eigen::VectorXd se = Eigen::VectorXd::Constant(p, std::nan(""));
  if (n <= p) return se;
  const Eigen::MatrixXd jtwj = j.transpose() * w.asDiagonal() * j;
  const double s2 = (w.array() * r.array().square()).sum() / static_cast<double>(n - p);
  // Pseudo-inverse: a parameter the data cannot determine shows up as a zero-variance direction instead of
  // turning every error into NaN.
  const Eigen::MatrixXd cov = jtwj.completeOrthogonalDecomposition().pseudoInverse() * s2;
  for (Eigen::Index i = 0; i < p; ++i) se[i] = std::sqrt(std::max(cov(i, i), 0.0));
  return se;
}

}  // namespace

double median_abs(const Eigen::VectorXd& v) {
  if (v.size() == 0) return 0.0;
  std::vector<double> a(static_cast<std::size_t>(v.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) a[static_cast<std::size_t>(i)] = std::abs(v[i]);
  std::sort(a.begin(), a.end());
  const std::size_t n = a.size();
  return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
}

double max_abs(const Eigen::VectorXd& v) {
  return v.size() == 0 ? 0.0 : v.cwiseAbs().maxCoeff();
}

LinearFit huber_irls(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double k, int max_iterations) {
  LinearFit f;
  f.weights = Eigen::VectorXd::Ones(y.size());
  for (f.iterations = 1; f.iterations <= max_iterations; ++f.iterations) {
    const Eigen::VectorXd sw = f.weights.cwiseSqrt();
    Eigen::VectorXd coef = (sw.asDiagonal() * x).colPivHouseholderQr().solve(sw.asDiagonal() * y);
    const bool settled = f.coef.size() == coef.size() && (coef - f.coef).norm() <= 1e-12 * (1.0 + coef.norm());
    f.coef = coef;
    f.residuals = y - x * f.coef;
    const double scale = std::max(kMadToSigma * median_abs(f.residuals), kTinyScale);
    f.weights = huber_weights(f.residuals / scale, k);
    if (settled) break;
  }
  f.std_error = std_errors(x, f.weights, f.residuals);
  return f;
}

LmResult levenberg_marquardt(const ResidualFunction& residual_fn, Eigen::VectorXd x0, const LmOptions& o) {
  LmResult res;
  res.x = std::move(x0);
  Eigen::VectorXd r = residual_fn(res.x);
  Eigen::VectorXd w = huber_weights(r, o.huber_threshold);
  auto cost_of = [](const Eigen::VectorXd& rr, const Eigen::VectorXd& ww) {
    return (ww.array() * rr.array().square()).sum();
  };
  double cost = cost_of(r, w);
  double lambda = kLambdaStart;
  const Eigen::Index p = res.x.size();
  Eigen::MatrixXd j(r.size(), p);
  for (res.iterations = 1; res.iterations <= o.max_iterations; ++res.iterations) {
    for (Eigen::Index c = 0; c < p; ++c) {
      Eigen::VectorXd xp = res.x;
      xp[c] += o.gradient_step;
      j.col(c) = (residual_fn(xp) - r) / o.gradient_step;
    }
    const Eigen::MatrixXd jtwj = j.transpose() * w.asDiagonal() * j;
    const Eigen::VectorXd g = j.transpose() * (w.asDiagonal() * r);
    bool improved = false;
    while (lambda < kLambdaMax) {
      Eigen::MatrixXd a = jtwj;
      a.diagonal() += lambda * (jtwj.diagonal().array() + 1e-12).matrix();
      const Eigen::VectorXd step = a.ldlt().solve(-g);
      const Eigen::VectorXd xn = res.x + step;
      const Eigen::VectorXd rn = residual_fn(xn);
      const double cn = cost_of(rn, w);
      if (std::isfinite(cn) && cn < cost) {
        const double decrease = (cost - cn) / std::max(cost, 1e-300);
        res.x = xn;
        r = rn;
        lambda = std::max(lambda * kLambdaDown, 1e-12);
        w = huber_weights(r, o.huber_threshold);
        cost = cost_of(r, w);
        improved = decrease > o.tolerance;
        break;
      }
      lambda *= kLambdaUp;
    }
    if (!improved) break;
  }
  res.residuals = r;
  res.cost = cost;
  for (Eigen::Index c = 0; c < p; ++c) {
    Eigen::VectorXd xp = res.x;
    xp[c] += o.gradient_step;
    j.col(c) = (residual_fn(xp) - r) / o.gradient_step;
  }
  res.std_error = std_errors(j, w, r);
  return res;
}

}  // namespace aidc::calib
