#include "tools/report/chart_data.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace aidc::report {

const tools::Table* find_table(const tools::ResultsFile& r, std::string_view name) {
  for (const auto& [n, t] : r.tables)
    if (n == name) return &t;
  return nullptr;
}

const tools::Series* find_series(const tools::ResultsFile& r, std::string_view name) {
  for (const auto& s : r.timeseries)
    if (s.name == name) return &s;
  return nullptr;
}

const std::vector<double>* find_column(const tools::Table& t, std::string_view name) {
  for (const auto& [n, c] : t.columns)
    if (n == name && c.size() == t.keys.size()) return &c;
  return nullptr;
}

const std::vector<std::string>* find_text_column(const tools::Table& t, std::string_view name) {
  for (const auto& [n, c] : t.text_columns)
    if (n == name && c.size() == t.keys.size()) return &c;
  return nullptr;
}

std::vector<LinearityPoint> linearity_points(const tools::ResultsFile& r) {
  std::vector<LinearityPoint> pts;
  const tools::Table* t = find_table(r, "linearity_weak");
  if (!t) return pts;
  const auto* mfu = find_column(*t, "mfu");
  const auto* lin = find_column(*t, "linearity");
  if (!mfu || !lin) return pts;
  for (std::size_t i = 0; i < t->keys.size(); ++i) {
    if (t->keys[i] > 0 && std::isfinite((*mfu)[i]) && std::isfinite((*lin)[i])) {
      pts.push_back({t->keys[i], (*mfu)[i], (*lin)[i]});
    }
  }
  std::sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) { return a.gpus < b.gpus; });
  return pts;
}

std::vector<Part> step_parts(const models::StepBreakdown& b) {
  return {
      {"compute", b.compute_s - b.recompute_s}, {"recomputation", b.recompute_s},  {"TP communication", b.tp_comm_s},
      {"CP communication", b.cp_comm_s},        {"EP communication", b.ep_comm_s}, {"PP communication", b.pp_comm_s},
      {"pipeline bubble", b.bubble_s},          {"DP communication", b.dp_comm_s}, {"optimizer", b.optimizer_s}};
}

std::vector<LayerHeadroom> layer_headroom(const topo::Site& site) {
  std::vector<LayerHeadroom> out;
  for (int i = 0; i < topo::kLayerCount; ++i) {
    const auto id = static_cast<topo::LayerId>(i);
    const topo::LayerPlan& l = site.layer(id);
    if (!l.present || l.group_load_kw.empty()) continue;
    LayerHeadroom h;
    h.layer = topo::layer_path(id);
    h.redundancy = topo::to_string(l.redundancy);
    h.groups = l.groups;
    h.units = l.units();
    h.unit_kw = l.unit_kw;
    h.load_kw = *std::max_element(l.group_load_kw.begin(), l.group_load_kw.end());
    h.capacity_kw = static_cast<double>(std::max<int64_t>(0, l.units_per_side - l.spares())) * l.unit_kw;
    h.installed_kw = static_cast<double>(l.units_per_side) * l.unit_kw;
    out.push_back(h);
  }
  return out;
}

std::vector<Part> interruptions_per_day(const tools::ResultsFile& r, double horizon_hours, std::size_t max_causes) {
  constexpr double kHoursPerDay = 24.0;
  std::vector<Part> out;
  const tools::Table* t = find_table(r, "interruptions_by_cause");
  if (!t || !(horizon_hours > 0.0)) return out;
  const auto* mean = find_column(*t, "interruptions_mean");
  const auto* cause = find_text_column(*t, "root_cause");
  if (!mean || !cause) return out;
  std::map<std::string, double> by_cause;
  for (std::size_t i = 0; i < t->keys.size(); ++i) by_cause[(*cause)[i]] += (*mean)[i];
  for (const auto& [name, n] : by_cause)
    if (n > 0.0) out.push_back({name, n * kHoursPerDay / horizon_hours});
  // Largest first; ties by name, so the order does not depend on the map.
  std::sort(out.begin(), out.end(),
            [](const Part& a, const Part& b) { return a.value != b.value ? a.value > b.value : a.name < b.name; });
  if (max_causes > 0 && out.size() > max_causes) {
    double rest = 0.0;
    for (std::size_t i = max_causes - 1; i < out.size(); ++i) rest += out[i].value;
    out.resize(max_causes - 1);
    out.push_back({kOtherCauses, rest});
  }
  return out;
}

std::vector<Part> ettr_budget(const tools::ResultsFile& r) {
  std::vector<Part> out;
  const tools::Table* t = find_table(r, "ettr_time_budget");
  if (!t) return out;
  const auto* frac = find_column(*t, "fraction_of_horizon");
  const auto* part = find_text_column(*t, "part");
  if (!frac || !part) return out;
  for (std::size_t i = 0; i < t->keys.size(); ++i) out.push_back({(*part)[i], (*frac)[i]});
  return out;
}

}  // namespace aidc::report
