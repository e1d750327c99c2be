#include "models/metrics.hpp"

namespace aidc::models {

Metrics::Metrics() {
  for (const auto& k : kHeadlineMetrics) entries_.emplace_back(k.name, MetricValue{});
}

void Metrics::set(const std::string& key, double value, std::string source, std::optional<double> ci95) {
  for (auto& kv : entries_) {
    if (kv.first == key) {
      kv.second = MetricValue{value, ci95, std::move(source)};
      return;
    }
  }
  entries_.emplace_back(key, MetricValue{value, ci95, std::move(source)});
}

const MetricValue* Metrics::find(const std::string& key) const {
  for (const auto& kv : entries_)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

std::optional<double> Metrics::value(const std::string& key) const {
  const auto* m = find(key);
  return m ? m->value : std::nullopt;
}

}  // namespace aidc::models
