#include "models/energy/equipment_layer.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <stdexcept>

namespace aidc::models {

double EquipmentLayer::degraded_capacity_kw() const {
  const double u = static_cast<double>(units) / static_cast<double>(std::max<int64_t>(1, groups));  // per group
  double group = 0.0;
  switch (redundancy) {
    case RedundancyKind::n:
      group = u * unit_kw;
      break;
    case RedundancyKind::n_plus_x:
      group = std::max(0.0, u - static_cast<double>(x)) * unit_kw;
      break;
    case RedundancyKind::two_n:
      group = u / 2.0 * unit_kw;
      break;
    case RedundancyKind::two_n_plus_x:
      group = std::max(0.0, u / 2.0 - static_cast<double>(x)) * unit_kw;
      break;
    case RedundancyKind::distributed:
      group = u * static_cast<double>(make) / static_cast<double>(of) * unit_kw;
      break;
  }
  return group / max_group_share;
}

int64_t units_for_peak(const EquipmentLayer& layer, double peak_kw) {
  const auto n = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(peak_kw / layer.unit_kw - 1e-9)));
  switch (layer.redundancy) {
    case RedundancyKind::n:
      return n;
    case RedundancyKind::n_plus_x:
      return n + layer.x;
    case RedundancyKind::two_n:
      return 2 * n;
    case RedundancyKind::two_n_plus_x:
      return 2 * (n + layer.x);
    case RedundancyKind::distributed:
      return std::max(layer.of, (n * layer.of + layer.make - 1) / layer.make);
  }
  return n;
}

std::string redundancy_label(const EquipmentLayer& l) {
  switch (l.redundancy) {
    case RedundancyKind::n:
      return "N";
    case RedundancyKind::n_plus_x:
      return "N+" + std::to_string(l.x);
    case RedundancyKind::two_n:
      return "2N";
    case RedundancyKind::two_n_plus_x:
      return "2(N+" + std::to_string(l.x) + ")";
    case RedundancyKind::distributed:
      return std::to_string(l.of) + "-to-make-" + std::to_string(l.make);
  }
  return "?";
}

void parse_redundancy(const std::string& text, EquipmentLayer& layer) {
  std::smatch m;
  if (text == "N") {
    layer.redundancy = RedundancyKind::n;
  } else if (text == "2N") {
    layer.redundancy = RedundancyKind::two_n;
  } else if (std::regex_match(text, m, std::regex(R"(N\+(\d+))"))) {
    layer.redundancy = RedundancyKind::n_plus_x;
    layer.x = std::stoll(m[1].str());
  } else if (std::regex_match(text, m, std::regex(R"(2\(N\+(\d+)\))"))) {
    layer.redundancy = RedundancyKind::two_n_plus_x;
    layer.x = std::stoll(m[1].str());
  } else if (std::regex_match(text, m, std::regex(R"((\d+)-to-make-(\d+))"))) {
    layer.redundancy = RedundancyKind::distributed;
    layer.of = std::stoll(m[1].str());
    layer.make = std::stoll(m[2].str());
    layer.x = layer.of - layer.make;
    if (layer.make < 1 || layer.make >= layer.of) {
      throw std::invalid_argument("redundancy '" + text + "': need 1 <= M < K in K-to-make-M");
    }
  } else {
    throw std::invalid_argument("redundancy '" + text + "': expected N, N+X, 2N, 2(N+X) or K-to-make-M");
  }
}

void validate_layer(const EquipmentLayer& l) {
  const std::string at = "layer '" + l.name + "': ";
  if (!(l.unit_kw > 0.0) || !std::isfinite(l.unit_kw)) throw std::invalid_argument(at + "unit_kw must be > 0");
  if (l.units < 0 || l.x < 0) throw std::invalid_argument(at + "units and spares must be >= 0");
  if (l.groups < 1) throw std::invalid_argument(at + "groups must be >= 1");
  if (!(l.max_group_share <= 1.0 + 1e-12 && l.max_group_share * static_cast<double>(l.groups) >= 1.0 - 1e-9)) {
    throw std::invalid_argument(at + "max_group_share must be in [1/groups, 1]");
  }
  if (l.units == 0) return;
  if (l.units % l.groups != 0) throw std::invalid_argument(at + "units must split evenly among the groups");
  const bool two_sided = l.redundancy == RedundancyKind::two_n || l.redundancy == RedundancyKind::two_n_plus_x;
  if (two_sided && l.units % 2 != 0) throw std::invalid_argument(at + "2N layers need an even unit count");
  const int64_t per_group = l.units / l.groups;
  if (two_sided && per_group % 2 != 0) throw std::invalid_argument(at + "2N groups need an even unit count");
  const int64_t per_side = two_sided ? per_group / 2 : per_group;
  if ((l.redundancy == RedundancyKind::n_plus_x || l.redundancy == RedundancyKind::two_n_plus_x) && per_side <= l.x) {
    throw std::invalid_argument(at + "needs more units per side than spares");
  }
  if (l.redundancy == RedundancyKind::distributed && per_group < l.of) {
    throw std::invalid_argument(at + "distributed redundancy needs at least K units");
  }
}

}  // namespace aidc::models
