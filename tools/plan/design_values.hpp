#pragma once
// The values `aidc plan` reports for every design, in output order: the names objectives refer to and the
// columns of the plan's JSON and HDF5 tables. A value no stage produced (e.g. PUE without an energy section,
// time_to_train without train_tokens) is NaN in tables and null in JSON, never a made-up number.
#include <string_view>

namespace aidc::tools {

struct DesignValueKey {
  const char* name;
  const char* unit;
  const char* meaning;
};

inline constexpr DesignValueKey kDesignValues[] = {
    {"tco", "USD", "total cost of ownership over the cost table's lifetime (models/tco/tco_model.hpp)"},
    {"capex", "USD", "capital cost of the whole site"},
    {"opex_per_year", "USD/yr", "energy, water, maintenance and staff per year"},
    {"cost_per_gpu_hour", "USD", "levelised TCO per delivered GPU-hour (GPUs x 8760 h x ETTR per year)"},
    {"cost_per_pflop_day", "USD", "levelised TCO per effective PFLOP/s-day (peak x MFU x ETTR)"},
    {"time_to_train", "days", "train_tokens / (reference job tokens/s x ETTR)"},
    {"score", "points", "composite evaluation score (0-100)"},
    {"ettr", "fraction", "effective training time ratio of the reference job"},
    {"mfu", "fraction", "model FLOPs utilisation of the reference job"},
    {"pue", "ratio", "annual facility energy / IT energy"},
    {"wue_l_per_kwh", "L/kWh", "annual site water / IT energy"},
    {"mtbf_hours", "h", "mean time between job interruptions"},
    {"availability", "fraction", "GPU-hour availability of the site"},
    {"cluster_effective_compute", "fraction", "MFU x goodput of the reference job"},
    {"facility_power_mw", "MW", "peak facility power (energy model), else IT x (1 + power.facility_load_fraction)"},
    {"it_power_mw", "MW", "design IT load at full power"},
    {"racks", "racks", "compute, storage and network racks (floor space)"},
    {"max_rack_kw", "kW", "IT power of the densest rack"},
    {"gpus", "GPUs", "GPUs of the site"},
};
inline constexpr int kDesignValueCount = static_cast<int>(sizeof(kDesignValues) / sizeof(kDesignValues[0]));

// Index of a design value by name, -1 when unknown.
inline int design_value_index(std::string_view name) {
  for (int i = 0; i < kDesignValueCount; ++i) {
    if (name == kDesignValues[i].name) return i;
  }
  return -1;
}

}  // namespace aidc::tools
