#include "tools/cli/energy_stage.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "models/energy/energy_from_site.hpp"
#include "models/energy/energy_model.hpp"
#include "tools/schema/energy_loader.hpp"

namespace aidc::cli {

std::vector<double> hourly_utilisation(double utilisation, const JobTimeline& timeline, std::size_t hours) {
  const auto& run = timeline.running_by_hour;
  if (run.empty()) return {};
  std::vector<double> u(hours);
  for (std::size_t h = 0; h < hours; ++h) {
    // Float bins can sum a hair above 1 (one hour split into many intervals): clamp to the physical range.
    const double running = std::clamp(run[h % run.size()], 0.0, 1.0);
    u[h] = utilisation * (1.0 - timeline.gpu_share * (1.0 - running));
  }
  return u;
}

void energy_stage(const tools::Scenario& sc, const topo::Site& site, double delivered_tflops_per_gpu,
                  const JobTimeline& timeline, models::Metrics& m, tools::ResultsFile& r) {
  if (!sc.energy) {
    r.notes.push_back("energy: the scenario has no `energy` section, so pue, wue and cue are not modelled");
    return;
  }
  if (!sc.site.climate) {
    r.notes.push_back("energy: site.climate is not set, so pue, wue and cue are not modelled");
    return;
  }
  const tools::EnergySpec& e = *sc.energy;
  models::PlantParams plant = tools::load_plant_file(e.plant_path);
  const models::Climate climate = tools::load_climate_file(*sc.site.climate);
  const tools::ItPowerLibrary lib = tools::load_it_power_file(e.it_power_path);
  const auto gpu = lib.gpus.find(e.gpu);
  if (gpu == lib.gpus.end()) {
    throw tools::ConfigError(sc.path, 0, 0, "energy.gpu",
                             "GPU type '" + e.gpu + "' is not in the IT power library " + e.it_power_path);
  }
  // IT load, equipment layers and cooling topology come from the built site (models/energy/energy_from_site.hpp);
  // the plant file keeps the efficiencies, temperatures and curves.
  models::EnergyInputs in = models::energy_inputs_from_site(site, gpu->second, lib.phase_mix, lib.support.host_idle_w);
  models::apply_site_cooling(site, plant);
  in.gpu_delivered_flops =
      (delivered_tflops_per_gpu > 0.0 ? delivered_tflops_per_gpu : gpu->second.delivered_tflops) * 1e12;
  in.grid_kg_per_kwh = e.grid_kg_per_kwh;
  in.renewable_share = e.renewable_share;
  in.constant_utilisation = e.utilisation;
  in.utilisation = hourly_utilisation(e.utilisation, timeline, climate.dry_bulb_c.size());
  if (!in.utilisation.empty()) {
    double sum = 0.0;
    for (double u : in.utilisation) sum += u;
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "energy: GPU load follows the reliability timeline (the job's %zu-hour horizon repeated over the "
                  "year; its GPUs idle while it is down): mean utilisation %.3f against %.3f while running",
                  timeline.running_by_hour.size(), sum / static_cast<double>(in.utilisation.size()), e.utilisation);
    r.notes.push_back(buf);
  }

  models::EnergyResult res;
  try {
    res = models::simulate_energy_year(in, plant, climate);
  } catch (const std::invalid_argument& ex) {
    throw tools::ConfigError(sc.path, 0, 0, "energy", ex.what());
  }
  const models::AnnualEnergy& a = res.annual;
  m.set("pue", a.pue, "energy");
  m.set("wue_l_per_kwh", a.wue_l_per_kwh, "energy");
  m.set("cue_kg_per_kwh", a.cue_kg_per_kwh, "energy");
  m.set("cee_pflop_per_kwh", a.cee_pflop_per_kwh, "energy");
  m.set("ccue_pflop_per_kg", a.ccue_pflop_per_kg, "energy");
  m.set("card_gflops_per_w", a.card_gflops_per_w, "energy");
  m.set("renewable_share", a.renewable_share, "energy");
  m.set("peak_facility_kw", a.peak_facility_kw, "energy");
  m.set("free_cooling_hours", a.free_cooling_hours, "energy");
  if (climate.synthetic) r.notes.push_back("energy: climate '" + climate.name + "' is synthetic");

  tools::Series pue{"pue", "ratio", 3600.0, {}}, it{"it_kw", "kW", 3600.0, {}}, fac{"facility_kw", "kW", 3600.0, {}},
      water{"water_l", "L", 3600.0, {}};
  for (const auto& h : res.hours) {
    pue.values.push_back(h.pue());
    it.values.push_back(h.it_kw);
    fac.values.push_back(h.facility_kw);
    water.values.push_back(h.water_l);
  }
  r.timeseries.push_back(std::move(pue));
  r.timeseries.push_back(std::move(it));
  r.timeseries.push_back(std::move(fac));
  r.timeseries.push_back(std::move(water));
}

}  // namespace aidc::cli
