#include "models/score/scoring_curve.hpp"

#include <cmath>

namespace aidc::models {
namespace {

constexpr double kMaxPoints = 100.0;

double interpolate(double x0, double y0, double x1, double y1, double x) {
  return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

}  // namespace

const char* to_string(Direction d) {
  return d == Direction::higher_is_better ? "higher_is_better" : "lower_is_better";
}

double ScoringCurve::eval(double x) const {
  if (x <= points.front().x) return points.front().score;
  if (x >= points.back().x) return points.back().score;
  for (size_t i = 1; i < points.size(); ++i) {
    const CurvePoint& a = points[i - 1];
    const CurvePoint& b = points[i];
    if (x <= b.x) {
      if (log_x) return interpolate(std::log10(a.x), a.score, std::log10(b.x), b.score, std::log10(x));
      return interpolate(a.x, a.score, b.x, b.score, x);
    }
  }
  return points.back().score;
}

std::string check_curve(const ScoringCurve& c, Direction d) {
  if (c.points.size() < 2) return "a scoring curve needs at least two points";
  for (size_t i = 0; i < c.points.size(); ++i) {
    const CurvePoint& p = c.points[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.score)) return "point " + std::to_string(i) + " is not finite";
    if (p.score < 0.0 || p.score > kMaxPoints) {
      return "point " + std::to_string(i) + " scores " + std::to_string(p.score) + ", outside 0..100";
    }
    if (c.log_x && p.x <= 0.0) return "point " + std::to_string(i) + ": a log curve needs x > 0";
    if (i == 0) continue;
    const CurvePoint& q = c.points[i - 1];
    if (p.x <= q.x) return "point " + std::to_string(i) + ": x must be strictly increasing";
    if (d == Direction::higher_is_better && p.score < q.score) {
      return "point " + std::to_string(i) + ": scores must not decrease when higher values are better";
    }
    if (d == Direction::lower_is_better && p.score > q.score) {
      return "point " + std::to_string(i) + ": scores must not increase when lower values are better";
    }
  }
  if (c.points.front().score == c.points.back().score) return "the curve is flat: every value scores the same";
  return {};
}

double ReferenceCurve::eval(double x) const {
  // Pick the segment holding x, or the end segment for extrapolation, and follow its power law.
  size_t i = 1;
  while (i + 1 < points.size() && x > points[i].x) ++i;
  const CurvePoint& a = points[i - 1];
  const CurvePoint& b = points[i];
  const double slope = (std::log(b.score) - std::log(a.score)) / (std::log(b.x) - std::log(a.x));
  return a.score * std::exp(slope * (std::log(x) - std::log(a.x)));
}

std::string check_reference(const ReferenceCurve& r) {
  if (r.points.size() < 2) return "a reference curve needs at least two points";
  for (size_t i = 0; i < r.points.size(); ++i) {
    const CurvePoint& p = r.points[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.score) || p.x <= 0.0 || p.score <= 0.0) {
      return "point " + std::to_string(i) + ": reference points need finite x > 0 and value > 0";
    }
    if (i > 0 && p.x <= r.points[i - 1].x) return "point " + std::to_string(i) + ": x must be strictly increasing";
  }
  return {};
}

}  // namespace aidc::models
