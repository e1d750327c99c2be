#include "models/score/score_engine.hpp"

namespace aidc::models {
namespace {

constexpr double kFullPoints = 100.0;

std::optional<double> input_of(const ScoreInputs& inputs, const std::string& key, std::string* source) {
  auto it = inputs.find(key);
  if (it == inputs.end()) {
    if (source) *source = "not provided";
    return std::nullopt;
  }
  if (source) *source = it->second.source;
  return it->second.value;
}

void evaluate_indicator(const Indicator& ind, const ScoreInputs& inputs, IndicatorResult& r) {
  r.id = ind.id;
  r.name = ind.name;
  r.dimension = ind.dimension;
  r.input = ind.input;
  r.unit = ind.unit;
  r.weight = ind.weight;
  r.input_value = input_of(inputs, ind.input, &r.source);
  if (!r.input_value) return;
  double value = *r.input_value;
  if (ind.relative_to) {
    std::string ref_source;
    const std::optional<double> x = input_of(inputs, ind.relative_to->input, &ref_source);
    if (!x || *x <= 0.0) {
      r.source += "; reference input " + ind.relative_to->input + " missing";
      return;
    }
    r.reference = ind.relative_to->reference.eval(*x);
    value /= *r.reference;
  }
  r.value = value;
  r.score = ind.curve.eval(value);
  r.evaluated = true;
}

}  // namespace

std::string grade_for(const Rubric& rubric, double total) {
  for (const Grade& g : rubric.grades) {
    if (total >= g.min_score) return g.name;
  }
  return rubric.ungraded;
}

ScoreResult score(const Rubric& rubric, const ScoreInputs& inputs) {
  ScoreResult res;
  res.indicators.resize(rubric.indicators.size());
  for (size_t i = 0; i < rubric.indicators.size(); ++i)
    evaluate_indicator(rubric.indicators[i], inputs, res.indicators[i]);
  const bool zero_missing = rubric.missing == MissingRule::zero;
  if (zero_missing) {
    for (IndicatorResult& r : res.indicators) {
      if (!r.evaluated) r.score = 0.0;
    }
  }

  // Dimension scores over the indicators that count (evaluated, or all under MissingRule::zero).
  double dim_weight_counted = 0.0;
  double dim_weight_all = 0.0;
  std::vector<double> counted_weight(rubric.dimensions.size(), 0.0);
  for (size_t d = 0; d < rubric.dimensions.size(); ++d) {
    const Dimension& dim = rubric.dimensions[d];
    DimensionResult dr;
    dr.id = dim.id;
    dr.name = dim.name;
    dr.weight = dim.weight;
    double all = 0.0;
    double evaluated = 0.0;
    double counted = 0.0;
    double sum = 0.0;
    for (const IndicatorResult& r : res.indicators) {
      if (r.dimension != dim.id) continue;
      all += r.weight;
      if (r.evaluated) evaluated += r.weight;
      if (r.score) {
        counted += r.weight;
        sum += r.weight * *r.score;
      }
    }
    dr.coverage = all > 0.0 ? evaluated / all : 0.0;
    if (counted > 0.0) {
      dr.score = sum / counted;
      dr.grade = grade_for(rubric, *dr.score);
      dim_weight_counted += dim.weight;
    }
    counted_weight[d] = counted;
    dim_weight_all += dim.weight;
    res.dimensions.push_back(dr);
  }

  double total = 0.0;
  double covered = 0.0;
  for (size_t d = 0; d < rubric.dimensions.size(); ++d) {
    const DimensionResult& dr = res.dimensions[d];
    double all = 0.0;
    for (const IndicatorResult& r : res.indicators) {
      if (r.dimension == dr.id) all += r.weight;
    }
    for (IndicatorResult& r : res.indicators) {
      if (r.dimension != dr.id) continue;
      if (all > 0.0 && dim_weight_all > 0.0 && r.evaluated) covered += (dr.weight / dim_weight_all) * (r.weight / all);
      if (!dr.score || !r.score) continue;
      const double share = (dr.weight / dim_weight_counted) * (r.weight / counted_weight[d]);
      r.max_points = share * kFullPoints;
      r.points = share * *r.score;
    }
    if (dr.score) total += dr.weight * *dr.score / dim_weight_counted;
  }
  res.coverage = covered;

  if (dim_weight_counted > 0.0) res.total = total;
  res.band = res.total ? grade_for(rubric, *res.total) : rubric.ungraded;
  res.grade = res.band;
  for (const GradeCap& cap : rubric.caps) {
    const std::optional<double> x = input_of(inputs, cap.input, nullptr);
    if (!x) continue;
    const bool hit = (cap.above && *x > *cap.above) || (cap.below && *x < *cap.below);
    if (!hit) continue;
    if (rubric.grade_rank(cap.max_grade) > rubric.grade_rank(res.grade)) {
      res.grade = cap.max_grade;
      res.caps_applied.push_back(cap.reason);
    }
  }
  const int rank = rubric.grade_rank(res.grade);
  if (rank > 0) {
    const Grade& up = rubric.grades[static_cast<size_t>(rank - 1)];
    res.next_grade = up.name;
    res.next_grade_min = up.min_score;
  }
  return res;
}

}  // namespace aidc::models
