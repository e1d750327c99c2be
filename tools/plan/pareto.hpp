#pragma once
// Pareto front and the recommendation rule of `aidc plan`, on plain numbers.
//
// Points are objective vectors already oriented so that smaller is better (a maximised objective is negated by
// the caller). Point a dominates b when a <= b in every objective and a < b in at least one. The front is the set
// of points no other point dominates; equal points do not dominate each other, so ties are all on the front.
// A point with a NaN coordinate is not comparable: callers leave it out (it is reported, not ranked).
// Recommendation: the lexicographic minimum (first objective, then the next ones to break ties), then the
// smallest index: deterministic whatever the evaluation order. It is always on the front.
// Complexity: O(n^2 k) for n points of k objectives; plans are limited to a few thousand designs.
#include <cstddef>
#include <optional>
#include <vector>

namespace aidc::tools {

bool dominates(const std::vector<double>& a, const std::vector<double>& b);

// Indices (into `points`) of the non-dominated points, ascending.
std::vector<size_t> pareto_front(const std::vector<std::vector<double>>& points);

// Index of the lexicographically smallest point (ties: smallest index); nullopt when `points` is empty.
std::optional<size_t> lexicographic_best(const std::vector<std::vector<double>>& points);

}  // namespace aidc::tools
