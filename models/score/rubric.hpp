#pragma once
// Rubric: how a site is scored. Plain data, filled by tools/schema/rubric_loader.hpp from a rubric YAML
// (scenarios/rubrics/default.yaml is the default; the format is documented in scenarios/docs/scoring.md).
//
//   indicator score  s_i = curve_i(value_i)                         0..100 points
//   dimension score  D_d = sum_i w_i s_i / sum_i w_i               over the dimension's evaluated indicators
//   total            S   = sum_d W_d D_d / sum_d W_d               over the evaluated dimensions
//   grade            the best grade whose min_score <= S, then lowered by any cap whose condition holds
//
// An indicator's value is its input (a key of kScoreInputKeys), divided by a reference value when
// relative_to is set (e.g. MTBF / the MTBF expected at the site's card count).
//
// Missing inputs (an empty value: not modelled, not applicable, not declared as a number):
//   MissingRule::exclude  the indicator is left out and the remaining weights renormalised; a dimension with
//                         no evaluated indicator is left out of the total the same way. The result says
//                         which indicators were not evaluated and what share of the weight was (coverage).
//   MissingRule::zero     the indicator scores 0 and keeps its weight.
//
// Invariants (checked by the loader): weights > 0; curves pass check_curve; every indicator names a known
// dimension and input; grades sorted by strictly decreasing min_score in [0, 100]; caps name known grades.
#include <optional>
#include <string>
#include <vector>

#include "models/score/scoring_curve.hpp"

namespace aidc::models {

enum class MissingRule { exclude, zero };
const char* to_string(MissingRule m);

struct RelativeTo {
  std::string input;         // e.g. "gpus"
  ReferenceCurve reference;  // reference value of the indicator's input at that input's value
};

struct Indicator {
  std::string id;         // unique, e.g. "pue"
  std::string name;       // for people, e.g. "PUE (annual)"
  std::string dimension;  // id of a Dimension
  std::string input;      // key of kScoreInputKeys
  std::string unit;       // unit of the scored value (after relative_to)
  Direction direction = Direction::higher_is_better;
  ScoringCurve curve;
  double weight = 1.0;  // within its dimension, > 0
  std::string basis;    // where the thresholds come from
  std::optional<RelativeTo> relative_to;
};

struct Dimension {
  std::string id;    // e.g. "green"
  std::string name;  // e.g. "Green, low-carbon"
  double weight = 1.0;
};

struct Grade {
  std::string name;  // e.g. "4A"
  double min_score = 0.0;
};

// The grade is at most max_grade while the input is above (or below) the limit, e.g. PUE > 1.5 (the GB 40879
// limit value) keeps a site at 1A whatever its other points.
struct GradeCap {
  std::string input;
  std::optional<double> above;
  std::optional<double> below;
  std::string max_grade;
  std::string reason;
};

struct Rubric {
  std::string name;
  std::string path;  // file it was loaded from (for messages)
  MissingRule missing = MissingRule::exclude;
  std::vector<Dimension> dimensions;
  std::vector<Indicator> indicators;
  std::vector<Grade> grades;         // best first
  std::string ungraded = "unrated";  // label below the lowest grade
  std::vector<GradeCap> caps;

  const Dimension* find_dimension(const std::string& id) const;
  // Rank of a grade name: 0 = best; grades.size() for `ungraded`; -1 if unknown.
  int grade_rank(const std::string& grade) const;
};

}  // namespace aidc::models
