// A year of hourly energy (8,760 hours, power chain + cooling plant + water + carbon + headroom) for a 100,000-GPU
// GB200 site with cold-plate liquid cooling in a hot climate. Target (issue 7): < 50 ms per simulated year. The
// plant and IT library are read once outside the timed loop; BM_EnergyYearAutoSized includes the sizing pass.
#include <benchmark/benchmark.h>

#include <string>

#include "models/energy/energy_model.hpp"
#include "models/energy/synthetic_climate.hpp"
#include "tools/schema/energy_loader.hpp"

namespace {

using namespace aidc;

struct Fixture {
  models::PlantParams plant;
  models::EnergyInputs inputs;
  models::Climate climate;
};

Fixture make_fixture(bool sized) {
  Fixture f;
  const std::string dir = std::string(AIDC_SOURCE_DIR) + "/scenarios/plant/";
  f.plant = tools::load_plant_file(dir + "liquid-cold-plate.yaml");
  const auto lib = tools::load_it_power_file(dir + "it-power.yaml");
  f.inputs.it = models::make_gpu_site(100000.0, lib.gpus.at("gb200-nvl72"), lib.phase_mix, lib.support, true);
  f.inputs.gpu_delivered_flops = 1000e12;
  f.inputs.grid_kg_per_kwh = 0.481;
  f.climate = models::make_synthetic_climate(models::synthetic_preset("synthetic-hot-dry"));
  if (sized) {
    // Take the auto-sized unit counts once, so the timed run is the single-pass case.
    const auto r = models::simulate_energy_year(f.inputs, f.plant, f.climate);
    for (const auto& l : r.layers) {
      for (auto* layer : {&f.inputs.transformers, &f.inputs.ups, &f.inputs.pdus, &f.inputs.cdus, &f.inputs.air_units,
                          &f.inputs.chillers, &f.inputs.heat_rejection}) {
        if (layer->name == l.name) layer->units = l.units;
      }
    }
  }
  return f;
}

void BM_EnergyYearSized(benchmark::State& state) {
  const auto f = make_fixture(true);
  for (auto _ : state) {
    auto r = models::simulate_energy_year(f.inputs, f.plant, f.climate);
    benchmark::DoNotOptimize(r.annual.pue);
  }
  state.counters["hours_per_s"] = benchmark::Counter(8760.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EnergyYearSized)->Unit(benchmark::kMillisecond);

void BM_EnergyYearAutoSized(benchmark::State& state) {
  const auto f = make_fixture(false);
  for (auto _ : state) {
    auto r = models::simulate_energy_year(f.inputs, f.plant, f.climate);
    benchmark::DoNotOptimize(r.annual.pue);
  }
}
BENCHMARK(BM_EnergyYearAutoSized)->Unit(benchmark::kMillisecond);

}  // namespace
