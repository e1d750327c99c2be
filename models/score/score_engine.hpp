#pragma once
// The scoring engine: a Rubric applied to one set of ScoreInputs gives every indicator's value, points and
// source, every dimension's score, the total and the grade (formulas and the missing-input rule in
// rubric.hpp). Pure and deterministic; costs O(indicators + caps).
//
// Points bookkeeping, used by the next-grade advice: an evaluated indicator's share of the total is
//   share_i = (W_d / sum W) * (w_i / sum w in d)      over what was evaluated (all of it under MissingRule::zero)
// so total = sum_i share_i * s_i, and max_points_i - points_i is what the indicator costs the site.
#include <optional>
#include <string>
#include <vector>

#include "models/score/rubric.hpp"
#include "models/score/score_input.hpp"

namespace aidc::models {

struct IndicatorResult {
  std::string id;
  std::string name;
  std::string dimension;
  std::string input;
  std::string unit;
  std::string source;                 // the input's source, e.g. "simulated: energy"
  std::optional<double> input_value;  // the input as read
  std::optional<double> reference;    // relative_to: the reference value it was divided by
  std::optional<double> value;        // the scored value
  std::optional<double> score;        // 0..100; empty when not evaluated under MissingRule::exclude
  bool evaluated = false;             // false: the input was missing
  double weight = 0.0;                // within the dimension
  double points = 0.0;                // contribution to the total
  double max_points = 0.0;            // contribution at 100 points
};

struct DimensionResult {
  std::string id;
  std::string name;
  double weight = 0.0;
  std::optional<double> score;  // empty when nothing in it was evaluated (MissingRule::exclude)
  double coverage = 0.0;        // evaluated indicator weight / all indicator weight of the dimension
  std::string grade;            // the rubric's grade bands applied to this dimension's score alone
};

struct ScoreResult {
  std::vector<IndicatorResult> indicators;  // rubric order
  std::vector<DimensionResult> dimensions;  // rubric order
  std::optional<double> total;              // empty when no indicator was evaluated
  double coverage = 0.0;                    // share of the rubric's total weight that was evaluated
  std::string band;                         // grade from the total alone
  std::string grade;                        // after caps
  std::vector<std::string> caps_applied;    // reasons, in rubric order
  std::optional<std::string> next_grade;    // the grade above `grade`, if any
  std::optional<double> next_grade_min;     // its minimum total
};

ScoreResult score(const Rubric& rubric, const ScoreInputs& inputs);

// The grade band of a score (no caps).
std::string grade_for(const Rubric& rubric, double total);

}  // namespace aidc::models
