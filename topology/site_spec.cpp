#include "topology/site_spec.hpp"

namespace aidc::topo {

std::string to_string(const Redundancy& r) {
  switch (r.kind) {
    case RedundancyKind::n:
      return "N";
    case RedundancyKind::n_plus_x:
      return "N+" + std::to_string(r.x);
    case RedundancyKind::two_n:
      return "2N";
    case RedundancyKind::two_n_plus_x:
      return "2(N+" + std::to_string(r.x) + ")";
    case RedundancyKind::distributed:
      return std::to_string(r.of) + "-to-make-" + std::to_string(r.make);
  }
  return "?";
}

}  // namespace aidc::topo
