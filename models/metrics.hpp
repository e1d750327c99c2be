#pragma once
// Metrics: the headline results of one scenario evaluation, keyed by stable names that outputs (JSON
// summary, HDF5 /summary attributes, reports, sweeps) use verbatim.
//
// Why a fixed key list: later stages (performance, reliability, energy, score) plug into one pipeline
// (Scenario -> Site -> evaluations -> Metrics -> Score -> outputs). A metric that no stage has modelled
// stays empty and is written as null / NaN: never a made-up number.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aidc::models {

// The keys every summary carries, in output order, with their units.
struct MetricKey {
  const char* name;
  const char* unit;
  const char* meaning;
};
inline constexpr MetricKey kHeadlineMetrics[] = {
    {"mfu", "fraction", "model FLOPs utilisation of the reference training job"},
    {"linearity", "fraction", "scaling efficiency from one node to the job's full size"},
    {"cluster_effective_compute", "fraction", "delivered / theoretical compute of the cluster"},
    {"pue", "ratio", "annual facility energy / IT energy"},
    {"wue_l_per_kwh", "L/kWh", "annual site water use / IT energy"},
    {"cue_kg_per_kwh", "kg CO2e/kWh", "annual emissions / IT energy"},
    {"mtbf_hours", "h", "mean time between job interruptions"},
    {"mttr_hours", "h", "mean time from interruption to running again"},
    {"ettr", "fraction", "effective training time ratio"},
    {"availability", "fraction", "GPU-hour availability of the site"},
    {"score", "points (0-100)", "composite evaluation score"},
};

struct MetricValue {
  std::optional<double> value;            // empty: not modelled
  std::optional<double> ci95_half_width;  // over Monte Carlo replications, where the metric is stochastic
  std::string source;                     // which stage produced it
};

class Metrics {
 public:
  // All headline keys present and empty.
  Metrics();
  void set(const std::string& key, double value, std::string source, std::optional<double> ci95 = std::nullopt);
  const MetricValue* find(const std::string& key) const;
  std::optional<double> value(const std::string& key) const;
  const std::vector<std::pair<std::string, MetricValue>>& entries() const { return entries_; }

  std::optional<std::string> grade;  // "1A".."5A", empty until the score stage exists

 private:
  std::vector<std::pair<std::string, MetricValue>> entries_;
};

}  // namespace aidc::models
