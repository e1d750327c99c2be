// `aidc energy PLANT.yaml`: one year of hourly power, cooling, water and carbon for a site, from a plant file, a
// climate and an IT load; prints annual PUE / WUE / CUE / CEE / CCUE and the headroom of every equipment layer.
// Also `aidc energy --validate` (the reference-scenario table, same as `aidc validate energy`) and
// `aidc energy --make-climate NAME -o FILE` (writes a synthetic climate CSV).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/energy/energy_from_site.hpp"
#include "models/energy/synthetic_climate.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/energy_report.hpp"
#include "tools/results/atomic_file.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/schema/energy_loader.hpp"
#include "tools/schema/file_exists.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::cli {
namespace {

namespace fs = std::filesystem;

struct EnergyOptions {
  std::string plant;
  std::string scenario;
  std::string climate = "synthetic-temperate";
  bool climate_given = false;
  double it_mw = 0.0;
  double gpus = 0.0;
  std::string gpu = "h100-sxm5-80gb";
  bool gpu_given = false;
  std::string it_power;
  std::string grid = "world-2023";
  double grid_kg_per_kwh = -1.0;
  double renewable_share = 0.0;
  double utilisation = 1.0;
  std::string utilisation_csv;
  std::string ups_mode;
  std::vector<std::string> layers;
  double rack_kw = 0.0;
  double rack_liquid_fraction = -1.0;
  std::string hourly_csv;
  bool json = false;
  bool validate = false;
  std::string make_climate;
  std::string output;
};

models::EquipmentLayer* layer_by_name(models::EnergyInputs& in, const std::string& name) {
  for (auto* l : {&in.transformers, &in.ups, &in.pdus, &in.cdus, &in.air_units, &in.chillers, &in.heat_rejection}) {
    if (l->name == name) return l;
  }
  return nullptr;
}

// --layer NAME=REDUNDANCY[,units=N][,unit_kw=X]
void apply_layer_option(models::EnergyInputs& in, const std::string& spec) {
  const auto eq = spec.find('=');
  const std::string name = spec.substr(0, eq);
  auto* l = layer_by_name(in, name);
  if (!l || eq == std::string::npos) {
    throw tools::ConfigError("--layer", 0, 0, name,
                             "expected NAME=REDUNDANCY[,units=N][,unit_kw=X] with NAME one of transformers, ups, pdus, "
                             "cdus, air_units, chillers, heat_rejection");
  }
  std::string rest = spec.substr(eq + 1);
  std::vector<std::string> parts;
  for (std::size_t pos = 0; pos <= rest.size();) {
    const auto comma = rest.find(',', pos);
    parts.push_back(rest.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  try {
    l->x = 0;
    models::parse_redundancy(parts[0], *l);
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].rfind("units=", 0) == 0) {
        l->units = std::stoll(parts[i].substr(6));
      } else if (parts[i].rfind("unit_kw=", 0) == 0) {
        l->unit_kw = std::stod(parts[i].substr(8));
      } else {
        throw std::invalid_argument("unknown layer setting '" + parts[i] + "'");
      }
    }
  } catch (const std::exception& e) {
    throw tools::ConfigError("--layer", 0, 0, name, e.what());
  }
}

std::vector<double> read_utilisation_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw tools::ConfigError(path, 0, 0, "", "cannot open utilisation file");
  std::vector<double> u;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line.rfind("utilisation", 0) == 0) continue;
    try {
      std::size_t used = 0;
      const double v = std::stod(line, &used);
      if (!(v >= 0.0 && v <= 1.0)) throw std::invalid_argument("range");
      u.push_back(v);
    } catch (const std::exception&) {
      throw tools::ConfigError(path, line_no, 1, "utilisation", "expected a number in [0, 1]");
    }
  }
  if (u.size() != static_cast<std::size_t>(models::kHoursPerYear)) {
    throw tools::ConfigError(path, line_no, 1, "utilisation", "needs exactly 8760 hourly values");
  }
  return u;
}

models::Climate resolve_climate(const std::string& spec) {
  if (spec.rfind("synthetic-", 0) == 0 && !tools::referenced_file_exists(spec)) {
    try {
      return models::make_synthetic_climate(models::synthetic_preset(spec));
    } catch (const std::invalid_argument& e) {
      throw tools::ConfigError("--climate", 0, 0, "", e.what());
    }
  }
  return tools::load_climate_file(spec);
}

void write_hourly_csv(const models::EnergyResult& r, const std::string& path) {
  std::string s =
      "hour,utilisation,it_kw,facility_kw,pue,pdu_loss_kw,ups_loss_kw,transformer_loss_kw,misc_kw,air_fan_kw,dx_kw,"
      "cdu_pump_kw,pump_kw,chiller_kw,rejection_fan_kw,heat_air_kw,heat_liquid_kw,chiller_load_kw,free_cooling_kw,"
      "rejected_kw,water_l,co2_kg\n";
  char buf[512];
  for (std::size_t h = 0; h < r.hours.size(); ++h) {
    const auto& x = r.hours[h];
    std::snprintf(buf, sizeof buf,
                  "%zu,%.4f,%.3f,%.3f,%.5f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,"
                  "%.3f,%.3f\n",
                  h, x.utilisation, x.it_kw, x.facility_kw, x.pue(), x.pdu_loss_kw, x.ups_loss_kw,
                  x.transformer_loss_kw, x.misc_kw, x.air_fan_kw, x.dx_kw, x.cdu_pump_kw, x.pump_kw, x.chiller_kw,
                  x.rejection_fan_kw, x.heat_air_kw, x.heat_liquid_kw, x.chiller_load_kw, x.free_cooling_kw,
                  x.rejected_kw, x.water_l, x.co2_kg);
    s += buf;
  }
  tools::write_file_atomic(path, s);
}

void run_energy(const EnergyOptions& o, GlobalOptions& g) {
  if (o.validate) {
    const auto dir = find_plant_dir(o.plant.empty() ? "." : o.plant);
    if (dir.empty()) throw tools::ConfigError(".", 0, 0, "", "no scenarios/plant folder above the working directory");
    const auto rows = run_energy_validation(fs::path(dir).parent_path().parent_path().string());
    if (o.json) {
      std::cout << energy_validation_json(rows).dump() << "\n";
    } else {
      print_energy_validation(std::cout, rows);
    }
    g.exit_code = 0;
    return;
  }
  if (!o.make_climate.empty()) {
    if (o.output.empty()) throw tools::ConfigError("-o", 0, 0, "", "--make-climate needs -o FILE.csv");
    models::Climate c;
    try {
      c = models::make_synthetic_climate(models::synthetic_preset(o.make_climate));
    } catch (const std::invalid_argument& e) {
      throw tools::ConfigError("--make-climate", 0, 0, "", e.what());
    }
    tools::write_climate_csv(c, o.output,
                             {"SYNTHETIC climate generated by `aidc energy --make-climate " + o.make_climate +
                              "` (models/energy/synthetic_climate.hpp); not observed weather."});
    if (!g.quiet) std::cerr << "wrote " << o.output << "\n";
    g.exit_code = 0;
    return;
  }
  if (o.plant.empty()) throw tools::ConfigError("PLANT", 0, 0, "", "a plant file is required (scenarios/plant/*.yaml)");
  auto p = tools::load_plant_file(o.plant);
  if (o.ups_mode == "eco") p.electrical.ups_mode = models::UpsMode::eco;
  if (o.ups_mode == "double_conversion") p.electrical.ups_mode = models::UpsMode::double_conversion;
  const auto plant_dir = fs::path(o.plant).parent_path();
  std::optional<tools::Scenario> scenario;
  if (!o.scenario.empty()) scenario = tools::load_scenario(o.scenario);
  // The scenario's site.climate is used unless --climate is given.
  const auto climate =
      resolve_climate(scenario && scenario->site.climate && !o.climate_given ? *scenario->site.climate : o.climate);

  models::EnergyInputs in;
  if (o.it_mw > 0.0 && o.gpus > 0.0) throw tools::ConfigError("--it-mw", 0, 0, "", "give --it-mw or --gpus, not both");
  if (scenario) {
    if (o.it_mw > 0.0 || o.gpus > 0.0) {
      throw tools::ConfigError("--scenario", 0, 0, "", "the scenario sets the IT load; drop --it-mw / --gpus");
    }
    const auto site = tools::build_site(*scenario);
    const auto lib_path = o.it_power.empty() ? (plant_dir / "it-power.yaml").string() : o.it_power;
    const auto lib = tools::load_it_power_file(lib_path);
    const std::string gpu_name = o.gpu_given ? o.gpu : scenario->hardware.name;
    const auto it = lib.gpus.find(gpu_name);
    if (it == lib.gpus.end()) throw tools::ConfigError(lib_path, 0, 0, "gpus", "no GPU type '" + gpu_name + "'");
    in = models::energy_inputs_from_site(site, it->second, lib.phase_mix, lib.support.host_idle_w);
    models::apply_site_cooling(site, p);
  } else if (o.it_mw > 0.0) {
    in.it = models::make_constant_it(o.it_mw * 1e3, p.liquid_cooling);
  } else {
    const auto lib_path = o.it_power.empty() ? (plant_dir / "it-power.yaml").string() : o.it_power;
    const auto lib = tools::load_it_power_file(lib_path);
    const auto it = lib.gpus.find(o.gpu);
    if (it == lib.gpus.end()) throw tools::ConfigError(lib_path, 0, 0, "gpus", "no GPU type '" + o.gpu + "'");
    in.it = models::make_gpu_site(o.gpus > 0.0 ? o.gpus : 10240.0, it->second, lib.phase_mix, lib.support,
                                  p.liquid_cooling);
    in.gpu_delivered_flops = it->second.delivered_tflops * 1e12;
  }
  if (o.grid_kg_per_kwh >= 0.0) {
    in.grid_kg_per_kwh = o.grid_kg_per_kwh;
  } else {
    const auto regions = tools::load_grid_carbon_file((plant_dir / "grid-carbon.yaml").string());
    const auto r = regions.find(o.grid);
    if (r == regions.end()) throw tools::ConfigError("--grid", 0, 0, "", "unknown region '" + o.grid + "'");
    in.grid_kg_per_kwh = r->second.kg_per_kwh;
  }
  in.renewable_share = o.renewable_share;
  in.constant_utilisation = o.utilisation;
  if (!o.utilisation_csv.empty()) in.utilisation = read_utilisation_csv(o.utilisation_csv);
  for (const auto& spec : o.layers) apply_layer_option(in, spec);

  models::EnergyResult r;
  try {
    r = models::simulate_energy_year(in, p, climate);
  } catch (const std::invalid_argument& e) {
    throw tools::ConfigError(o.plant, 0, 0, "", e.what());
  }
  if (!o.hourly_csv.empty()) write_hourly_csv(r, o.hourly_csv);
  auto json = energy_result_json(r, p.name, climate.name);
  if (o.rack_kw > 0.0) {
    const double lf =
        o.rack_liquid_fraction >= 0.0 ? o.rack_liquid_fraction : (p.liquid_cooling ? p.liquid.liquid_fraction : 0.0);
    std::string limiting;
    const auto racks = models::racks_that_fit(r, o.rack_kw, lf, &limiting);
    auto fit = tools::Json::object();
    fit.set("rack_it_kw", o.rack_kw);
    fit.set("rack_liquid_fraction", lf);
    fit.set("racks", static_cast<int64_t>(racks));
    fit.set("limiting_layer", limiting);
    json.set("expansion", fit);
    if (!o.json) {
      print_energy_result(std::cout, r, p.name, climate.name);
      std::cout << racks << " more racks of " << o.rack_kw << " kW (liquid fraction " << lf
                << ") fit with every layer's redundancy intact; limiting layer: " << limiting << "\n";
    }
  } else if (!o.json) {
    print_energy_result(std::cout, r, p.name, climate.name);
  }
  if (o.json) std::cout << json.dump() << "\n";
  if (!g.quiet && climate.synthetic) std::cerr << "note: climate '" << climate.name << "' is synthetic\n";
  g.exit_code = 0;
}

}  // namespace

void add_energy_command(CLI::App& app, GlobalOptions& g) {
  auto o = std::make_shared<EnergyOptions>();
  auto* cmd = app.add_subcommand("energy",
                                 "Hourly power, cooling, water and carbon over a year: PUE, WUE, CUE, "
                                 "CEE, CCUE and per-layer capacity headroom");
  cmd->add_option("plant", o->plant,
                  "Plant file (scenarios/plant/*.yaml: air-dx, air-chilled-water, "
                  "liquid-cold-plate, immersion)");
  cmd->add_option("--climate", o->climate,
                  "Hourly climate: a .csv or .epw file, or a synthetic preset (synthetic-cold, synthetic-temperate, "
                  "synthetic-hot-dry, synthetic-hot-humid)")
      ->capture_default_str();
  cmd->add_option("--it-mw", o->it_mw, "Constant IT load in MW (instead of --gpus)")->check(CLI::PositiveNumber);
  cmd->add_option("--gpus", o->gpus, "Number of GPUs (IT power built from it-power.yaml; default 10240)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--gpu", o->gpu, "GPU type in it-power.yaml")->capture_default_str();
  cmd->add_option("--it-power", o->it_power, "IT power library (default: it-power.yaml beside the plant file)");
  cmd->add_option("--grid", o->grid, "Grid region in grid-carbon.yaml beside the plant file")->capture_default_str();
  cmd->add_option("--grid-kg-per-kwh", o->grid_kg_per_kwh,
                  "Annual grid carbon intensity, kg CO2e/kWh (overrides --grid)")
      ->check(CLI::Range(0.0, 2.0));
  cmd->add_option("--renewable-share", o->renewable_share, "Share of electricity counted at zero emissions, 0..1")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--utilisation", o->utilisation, "Constant fraction of GPUs busy, 0..1")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--utilisation-csv", o->utilisation_csv, "File of 8760 hourly utilisation values (one per line)");
  cmd->add_option("--ups-mode", o->ups_mode, "Override the plant's UPS mode")
      ->check(CLI::IsMember({"double_conversion", "eco"}));
  cmd->add_option("--layer", o->layers,
                  "Equipment layer NAME=REDUNDANCY[,units=N][,unit_kw=X]; NAME: transformers, ups, pdus, cdus, "
                  "air_units, chillers, heat_rejection; REDUNDANCY: N, N+X, 2N, 2(N+X), K-to-make-M. Units 0 or "
                  "absent = sized from the peak. Defaults: power layers 2N, cooling layers N+1");
  cmd->add_option("--rack-kw", o->rack_kw, "Also report how many more racks of this IT power fit")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--rack-liquid-fraction", o->rack_liquid_fraction, "Liquid share of the added racks' heat")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--hourly-csv", o->hourly_csv, "Write the 8760 hourly rows to this CSV");
  cmd->add_flag("--json", o->json, "Print JSON instead of text");
  cmd->add_flag("--validate", o->validate,
                "Run the reference scenarios against published PUE/WUE (as `aidc "
                "validate energy`)");
  cmd->add_option("--make-climate", o->make_climate, "Write the named synthetic climate preset as CSV (with -o)");
  cmd->add_option("-o,--output", o->output, "Output file for --make-climate");
  cmd->footer(
      "Examples:\n"
      "  aidc energy scenarios/plant/liquid-cold-plate.yaml --climate scenarios/climate/synthetic-hot-dry.csv "
      "--gpus 100000 --gpu gb200-nvl72\n"
      "  aidc energy scenarios/plant/air-dx.yaml --it-mw 20 --layer ups=N+1 --rack-kw 40 --json\n"
      "  aidc energy scenarios/plant/liquid-cold-plate.yaml --scenario scenarios/ref/site-10k-h100-liquid.yaml\n"
      "  aidc energy --validate\n"
      "Keys, units and defaults: scenarios/docs/energy.md. Model and sources: models/energy/*.hpp.");
  cmd->add_option("--scenario", o->scenario,
                  "Scenario file (aidc-scenario/1): IT load, equipment layers, cooling kind and climate come from "
                  "its site; the plant file supplies efficiencies and temperatures");
  cmd->callback([o, cmd, &g]() {
    o->climate_given = cmd->count("--climate") > 0;
    o->gpu_given = cmd->count("--gpu") > 0;
    run_energy(*o, g);
  });
}

}  // namespace aidc::cli
