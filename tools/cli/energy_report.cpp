#include "tools/cli/energy_report.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "models/energy/synthetic_climate.hpp"
#include "tools/schema/energy_loader.hpp"

namespace aidc::cli {
namespace {

namespace fs = std::filesystem;

struct ReferenceScenario {
  const char* id;
  const char* reference_id;
  double tolerance;  // see models/energy/VALIDATION.md
};

// Reference scenario ids and the published case each is compared with.
constexpr ReferenceScenario kScenarios[] = {
    {"air-dx", "caict-air-dx", 0.15},
    {"air-chilled-water", "uptime-survey-average", 0.0},
    {"liquid-cold-plate", "caict-liquid", 0.10},
    {"immersion", "immersion-single-phase", 0.03},
};
constexpr const char* kClimates[] = {"synthetic-cold", "synthetic-hot-dry"};
constexpr const char* kReferenceGpu = "h100-sxm5-80gb";
constexpr double kReferenceGpus = 10240.0;  // scenarios/ref/site-10k-h100-liquid.yaml

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

std::string find_plant_dir(const std::string& start) {
  std::error_code ec;
  fs::path p = fs::absolute(start.empty() ? "." : start, ec);
  if (!fs::is_directory(p, ec)) p = p.parent_path();
  for (; !p.empty(); p = p.parent_path()) {
    if (fs::is_directory(p / "scenarios" / "plant", ec)) return (p / "scenarios" / "plant").string();
    if (p.filename() == "plant" && fs::exists(p / "it-power.yaml", ec)) return p.string();
    if (p == p.parent_path()) break;
  }
  return "";
}

std::vector<EnergyValidationRow> run_energy_validation(const std::string& repo_root) {
  const fs::path root(repo_root);
  const auto refs = tools::load_energy_references((root / "models" / "validation" / "energy_references.yaml").string());
  const auto lib = tools::load_it_power_file((root / "scenarios" / "plant" / "it-power.yaml").string());
  const auto& gpu = lib.gpus.at(kReferenceGpu);
  std::vector<EnergyValidationRow> rows;
  for (const char* climate_name : kClimates) {
    const auto climate =
        tools::load_climate_file((root / "scenarios" / "climate" / (std::string(climate_name) + ".csv")).string());
    for (const auto& s : kScenarios) {
      const auto plant =
          tools::load_plant_file((root / "scenarios" / "plant" / (std::string(s.id) + ".yaml")).string());
      models::EnergyInputs in;
      in.it = models::make_gpu_site(kReferenceGpus, gpu, lib.phase_mix, lib.support, plant.liquid_cooling);
      const auto r = models::simulate_energy_year(in, plant, climate);
      EnergyValidationRow row;
      row.id = s.id;
      row.climate = climate_name;
      row.reference_id = s.reference_id;
      row.predicted_pue = r.annual.pue;
      row.predicted_wue_l_per_kwh = r.annual.wue_l_per_kwh;
      row.cooling_kwh = r.annual.cooling_kwh;
      row.tolerance = s.tolerance;
      for (const auto& ref : refs) {
        if (ref.id != s.reference_id) continue;
        row.reference_pue = ref.pue;
        row.reference_lo = ref.pue_lo;
        row.reference_hi = ref.pue_hi;
      }
      if (s.tolerance > 0.0) {
        row.checked = true;
        if (row.reference_pue) {
          row.pass = std::fabs(row.predicted_pue - *row.reference_pue) <= s.tolerance;
        } else if (row.reference_lo && row.reference_hi) {
          row.pass = row.predicted_pue >= *row.reference_lo - s.tolerance &&
                     row.predicted_pue <= *row.reference_hi + s.tolerance;
        }
      }
      rows.push_back(row);
    }
  }
  return rows;
}

void print_energy_validation(std::ostream& os, const std::vector<EnergyValidationRow>& rows) {
  os << "id                  climate             PUE     WUE L/kWh  reference                              error    "
        "check\n";
  for (const auto& r : rows) {
    std::string ref = "-";
    std::string err = "-";
    if (r.reference_pue) {
      ref = fmt("%.2f", *r.reference_pue);
      err = fmt("%+.3f", r.predicted_pue - *r.reference_pue);
    } else if (r.reference_lo && r.reference_hi) {
      ref = fmt("%.2f", *r.reference_lo) + "-" + fmt("%.2f", *r.reference_hi);
      const double d = r.predicted_pue < *r.reference_lo   ? r.predicted_pue - *r.reference_lo
                       : r.predicted_pue > *r.reference_hi ? r.predicted_pue - *r.reference_hi
                                                           : 0.0;
      err = fmt("%+.3f", d);
    }
    ref += " (" + r.reference_id + ")";
    const std::string check = !r.checked ? "info" : (r.pass ? "pass" : "MISS") + fmt(" (±%.2f)", r.tolerance);
    char line[256];
    std::snprintf(line, sizeof line, "%-19s %-19s %-7.3f %-10.3f %-38s %-8s %s\n", r.id.c_str(), r.climate.c_str(),
                  r.predicted_pue, r.predicted_wue_l_per_kwh, ref.c_str(), err.c_str(), check.c_str());
    os << line;
  }
  // The report's second claim: liquid cooling cuts cooling energy by more than half (vs air DX, same climate).
  for (const char* climate : kClimates) {
    double air = 0.0, liquid = 0.0;
    for (const auto& r : rows) {
      if (r.climate != climate) continue;
      if (r.id == "air-dx") air = r.cooling_kwh;
      if (r.id == "liquid-cold-plate") liquid = r.cooling_kwh;
    }
    if (air > 0.0) {
      os << "cooling-energy reduction, liquid-cold-plate vs air-dx, " << climate << ": "
         << fmt("%.2f", 1.0 - liquid / air) << " (reference > 0.50, caict-liquid)\n";
    }
  }
}

tools::Json energy_validation_json(const std::vector<EnergyValidationRow>& rows) {
  auto cases = tools::Json::array();
  for (const auto& r : rows) {
    auto c = tools::Json::object();
    c.set("id", r.id);
    c.set("climate", r.climate);
    c.set("predicted_pue", r.predicted_pue);
    c.set("predicted_wue_l_per_kwh", r.predicted_wue_l_per_kwh);
    c.set("reference_pue", r.reference_pue);
    if (r.reference_lo && r.reference_hi) {
      auto range = tools::Json::array();
      range.push(*r.reference_lo);
      range.push(*r.reference_hi);
      c.set("reference_pue_range", range);
    }
    c.set("reference_id", r.reference_id);
    c.set("tolerance", r.tolerance);
    c.set("checked", r.checked);
    c.set("pass", r.pass);
    c.set("cooling_kwh", r.cooling_kwh);
    cases.push(c);
  }
  auto out = tools::Json::object();
  out.set("cases", cases);
  return out;
}

void print_energy_result(std::ostream& os, const models::EnergyResult& r, const std::string& plant,
                         const std::string& climate) {
  const auto& a = r.annual;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "plant %s, climate %s\n"
                "IT energy %.1f MWh/yr (peak %.2f MW), facility %.1f MWh/yr (peak %.2f MW)\n"
                "PUE %.3f (hourly %.3f-%.3f)  WUE %.3f L/kWh  CUE %.3f kg/kWh  renewable share %.2f\n"
                "cooling %.1f MWh, electrical losses %.1f MWh, misc %.1f MWh; free-cooling hours %d, partial %d\n",
                plant.c_str(), climate.c_str(), a.it_kwh / 1e3, a.peak_it_kw / 1e3, a.facility_kwh / 1e3,
                a.peak_facility_kw / 1e3, a.pue, a.pue_min_hour, a.pue_max_hour, a.wue_l_per_kwh, a.cue_kg_per_kwh,
                a.renewable_share, a.cooling_kwh / 1e3, a.electrical_loss_kwh / 1e3, a.misc_kwh / 1e3,
                a.free_cooling_hours, a.partial_free_hours);
  os << buf;
  if (a.card_gflops_per_w > 0.0) {
    std::snprintf(buf, sizeof buf,
                  "per-card efficiency %.1f GFLOP/s per W (card), %.1f GFLOP/s per W (facility share); "
                  "CEE %.3f PFLOP/kWh; CCUE %.3f PFLOP/kg CO2e\n",
                  a.card_gflops_per_w, a.card_gflops_per_w_site, a.cee_pflop_per_kwh, a.ccue_pflop_per_kg);
    os << buf;
  }
  os << "headroom at each layer's peak hour (hottest hour " << r.hottest_hour << "):\n";
  os << "layer           redundancy    units  unit_kW   peak_kW    degraded_kW  headroom_kW  load/unit\n";
  for (const auto& l : r.layers) {
    std::snprintf(buf, sizeof buf, "%-15s %-12s %6lld%s %8.0f %9.0f %12.0f %12.0f %9.2f\n", l.name.c_str(),
                  l.redundancy.c_str(), l.units, l.auto_sized ? "*" : " ", l.unit_kw, l.peak_load_kw,
                  l.degraded_capacity_kw, l.headroom_kw, l.peak_load_fraction);
    os << buf;
  }
  os << "(* sized automatically from the peak load)\n";
}

tools::Json energy_result_json(const models::EnergyResult& r, const std::string& plant, const std::string& climate) {
  const auto& a = r.annual;
  auto summary = tools::Json::object();
  summary.set("pue", a.pue);
  summary.set("wue_l_per_kwh", a.wue_l_per_kwh);
  summary.set("cue_kg_per_kwh", a.cue_kg_per_kwh);
  summary.set("renewable_share", a.renewable_share);
  summary.set("card_gflops_per_w", a.card_gflops_per_w);
  summary.set("card_gflops_per_w_site", a.card_gflops_per_w_site);
  summary.set("cee_pflop_per_kwh", a.cee_pflop_per_kwh);
  summary.set("ccue_pflop_per_kg", a.ccue_pflop_per_kg);
  summary.set("it_kwh", a.it_kwh);
  summary.set("facility_kwh", a.facility_kwh);
  summary.set("cooling_kwh", a.cooling_kwh);
  summary.set("electrical_loss_kwh", a.electrical_loss_kwh);
  summary.set("water_l", a.water_l);
  summary.set("co2_kg", a.co2_kg);
  summary.set("pue_min_hour", a.pue_min_hour);
  summary.set("pue_max_hour", a.pue_max_hour);
  summary.set("free_cooling_hours", a.free_cooling_hours);
  summary.set("partial_free_hours", a.partial_free_hours);
  summary.set("peak_it_kw", a.peak_it_kw);
  summary.set("peak_facility_kw", a.peak_facility_kw);
  auto layers = tools::Json::array();
  for (const auto& l : r.layers) {
    auto j = tools::Json::object();
    j.set("name", l.name);
    j.set("redundancy", l.redundancy);
    j.set("units", static_cast<int64_t>(l.units));
    j.set("unit_kw", l.unit_kw);
    j.set("auto_sized", l.auto_sized);
    j.set("peak_load_kw", l.peak_load_kw);
    j.set("peak_hour", l.peak_hour);
    j.set("hottest_hour_load_kw", l.hottest_hour_load_kw);
    j.set("installed_kw", l.installed_kw);
    j.set("degraded_capacity_kw", l.degraded_capacity_kw);
    j.set("headroom_kw", l.headroom_kw);
    j.set("peak_load_fraction", l.peak_load_fraction);
    layers.push(j);
  }
  auto out = tools::Json::object();
  out.set("plant", plant);
  out.set("climate", climate);
  out.set("summary", summary);
  out.set("hottest_hour", r.hottest_hour);
  out.set("layers", layers);
  return out;
}

}  // namespace aidc::cli
