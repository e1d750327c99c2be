#include "models/score/score_input.hpp"

namespace aidc::models {

const char* to_string(InputOrigin o) {
  switch (o) {
    case InputOrigin::simulated:
      return "simulated";
    case InputOrigin::model:
      return "model";
    case InputOrigin::hardware:
      return "hardware";
    case InputOrigin::topology:
      return "topology";
    case InputOrigin::declared:
      return "declared";
  }
  return "unknown";
}

const InputKey* find_input_key(std::string_view name) {
  for (const InputKey& k : kScoreInputKeys) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

}  // namespace aidc::models
