#pragma once
// ScoringCurve: a monotone piecewise-linear map from an indicator's value to points, 0..100.
//
// The curve is a list of anchor points (x, score) with x strictly increasing. Between anchors the score is
// interpolated linearly in x (or in log10 x when log_x is set, for quantities that span decades); outside
// the first and last anchor it is clamped to the end scores. Direction says which way is better:
// higher_is_better needs non-decreasing scores, lower_is_better non-increasing ones, so a better value never
// scores fewer points.
//
// Invariants (check_curve): at least two anchors; every x and score finite; x strictly increasing (and > 0 when
// log_x); scores within [0, 100] and monotone in the stated direction.
#include <string>
#include <vector>

namespace aidc::models {

enum class Direction { higher_is_better, lower_is_better };
const char* to_string(Direction d);

struct CurvePoint {
  double x = 0.0;
  double score = 0.0;  // points, 0..100
};

struct ScoringCurve {
  std::vector<CurvePoint> points;
  bool log_x = false;

  // Points for value x (clamped at the ends). Requires check_curve() to have passed.
  double eval(double x) const;
};

// Empty when the curve satisfies the invariants above; otherwise the first violation, in words.
std::string check_curve(const ScoringCurve& c, Direction d);

// A reference value that depends on another input, e.g. the MTBF expected of a cluster of N cards. Anchors
// (x, reference) with x strictly increasing and reference > 0; interpolated and extrapolated as a power law
// (straight lines in log-log), since failure rates add up with component counts.
struct ReferenceCurve {
  std::vector<CurvePoint> points;  // `score` holds the reference value here

  double eval(double x) const;  // requires x > 0 and check_reference() to have passed
};
std::string check_reference(const ReferenceCurve& r);

}  // namespace aidc::models
