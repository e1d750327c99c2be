#include "models/score/rubric.hpp"

namespace aidc::models {

const char* to_string(MissingRule m) {
  return m == MissingRule::exclude ? "exclude" : "zero";
}

const Dimension* Rubric::find_dimension(const std::string& id) const {
  for (const Dimension& d : dimensions) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

int Rubric::grade_rank(const std::string& grade) const {
  for (size_t i = 0; i < grades.size(); ++i) {
    if (grades[i].name == grade) return static_cast<int>(i);
  }
  if (grade == ungraded) return static_cast<int>(grades.size());
  return -1;
}

}  // namespace aidc::models
