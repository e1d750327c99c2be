#include "tools/plan/pareto.hpp"

#include <stdexcept>

namespace aidc::tools {

bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("dominates: objective vectors of different length");
  bool strictly = false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k] > b[k]) return false;
    if (a[k] < b[k]) strictly = true;
  }
  return strictly;
}

std::vector<size_t> pareto_front(const std::vector<std::vector<double>>& points) {
  std::vector<size_t> front;
  for (size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (size_t j = 0; j < points.size() && !dominated; ++j) dominated = j != i && dominates(points[j], points[i]);
    if (!dominated) front.push_back(i);
  }
  return front;
}

std::optional<size_t> lexicographic_best(const std::vector<std::vector<double>>& points) {
  if (points.empty()) return std::nullopt;
  size_t best = 0;
  for (size_t i = 1; i < points.size(); ++i) {
    // Strictly smaller only: an equal point keeps the earlier index.
    if (points[i] < points[best]) best = i;
  }
  return best;
}

}  // namespace aidc::tools
