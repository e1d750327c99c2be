#include "tools/schema/energy_loader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/energy/psychrometrics.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {
namespace {

using models::LossCoefficients;

void require_schema(const YamlNode& root, const std::string& schema) {
  const auto s = root.get<std::string>("schema");
  if (s != schema) root.fail_at("schema", "expected '" + schema + "', got '" + s + "'");
}

std::vector<double> read_numbers(const YamlNode& n, std::size_t expected) {
  std::vector<double> v;
  for (const auto& item : n.items()) v.push_back(item.as<double>());
  if (expected > 0 && v.size() != expected) {
    n.fail("expected " + std::to_string(expected) + " numbers, got " + std::to_string(v.size()));
  }
  return v;
}

template <std::size_t N>
void read_array(const YamlNode& parent, std::string_view key, std::array<double, N>& out) {
  auto c = parent.optional_child(key);
  if (!c) return;
  const auto v = read_numbers(*c, N);
  std::copy(v.begin(), v.end(), out.begin());
}

void read_loss(const YamlNode& parent, std::string_view key, LossCoefficients& k, double* unit_kw = nullptr) {
  auto n = parent.optional_child(key);
  if (!n) return;
  k.no_load = n->get_in_range_or("no_load", 0.0, 0.2, k.no_load);
  k.proportional = n->get_in_range_or("proportional", 0.0, 0.2, k.proportional);
  k.square = n->get_in_range_or("square", 0.0, 0.2, k.square);
  if (unit_kw) *unit_kw = n->get_positive_or("unit_kw", *unit_kw);
  n->done();
}

void read_electrical(const YamlNode& n, models::ElectricalParams& e) {
  read_loss(n, "transformer", e.transformer, &e.transformer_unit_kw);
  read_loss(n, "ups_double_conversion", e.ups_double_conversion);
  read_loss(n, "ups_eco", e.ups_eco);
  const auto mode = n.get_enum_or("ups_mode", {"double_conversion", "eco"}, "double_conversion");
  e.ups_mode = mode == "eco" ? models::UpsMode::eco : models::UpsMode::double_conversion;
  e.ups_unit_kw = n.get_positive_or("ups_unit_kw", e.ups_unit_kw);
  read_loss(n, "pdu", e.pdu, &e.pdu_unit_kw);
  e.chain_loss_to_cooling = n.get_in_range_or("chain_loss_to_cooling", 0.0, 1.0, e.chain_loss_to_cooling);
  e.misc_fraction_of_it = n.get_in_range_or("misc_fraction_of_it", 0.0, 1.0, e.misc_fraction_of_it);
  n.done();
}

void read_dx(const YamlNode& n, models::DxParams& d) {
  d.carnot_fraction = n.get_in_range_or("carnot_fraction", 0.05, 0.95, d.carnot_fraction);
  d.evaporating_c = n.get_in_range_or("evaporating_c", -20.0, 30.0, d.evaporating_c);
  d.condenser_approach_k = n.get_in_range_or("condenser_approach_k", 0.0, 40.0, d.condenser_approach_k);
  d.min_condensing_c = n.get_in_range_or("min_condensing_c", 0.0, 70.0, d.min_condensing_c);
  d.fan_fraction = n.get_in_range_or("fan_fraction", 0.0, 1.0, d.fan_fraction);
  d.unit_kw = n.get_positive_or("unit_kw", d.unit_kw);
  n.done();
}

void read_chilled_water(const YamlNode& n, models::ChilledWaterParams& w) {
  if (auto c = n.optional_child("chiller")) {
    w.chiller.cop_nominal = c->get_in_range_or("cop_nominal", 0.5, 20.0, w.chiller.cop_nominal);
    w.chiller_unit_kw = c->get_positive_or("unit_kw", w.chiller_unit_kw);
    read_array(*c, "cap_ft", w.chiller.cap_ft);
    read_array(*c, "eir_ft", w.chiller.eir_ft);
    read_array(*c, "eir_fplr", w.chiller.eir_fplr);
    if (auto r = c->optional_child("chw_range_c")) {
      const auto v = read_numbers(*r, 2);
      w.chiller.t_chw_min_c = v[0];
      w.chiller.t_chw_max_c = v[1];
    }
    if (auto r = c->optional_child("cw_range_c")) {
      const auto v = read_numbers(*r, 2);
      w.chiller.t_cw_min_c = v[0];
      w.chiller.t_cw_max_c = v[1];
    }
    w.chiller.plr_min = c->get_in_range_or("plr_min", 0.0, 1.0, w.chiller.plr_min);
    w.stage_up_plr = c->get_in_range_or("stage_up_plr", 0.11, 1.0, w.stage_up_plr);
    c->done();
  }
  w.supply_c = n.get_in_range_or("supply_c", 0.0, 30.0, w.supply_c);
  w.return_c = n.get_in_range_or("return_c", 0.0, 40.0, w.return_c);
  if (w.return_c <= w.supply_c) n.fail_at("return_c", "must exceed supply_c");
  w.crah_fan_fraction = n.get_in_range_or("crah_fan_fraction", 0.0, 1.0, w.crah_fan_fraction);
  w.crah_unit_kw = n.get_positive_or("crah_unit_kw", w.crah_unit_kw);
  w.chw_pump_fraction = n.get_in_range_or("chw_pump_fraction", 0.0, 1.0, w.chw_pump_fraction);
  w.cw_pump_fraction = n.get_in_range_or("cw_pump_fraction", 0.0, 1.0, w.cw_pump_fraction);
  w.economiser = n.get_or<bool>("economiser", w.economiser);
  w.economiser_approach_k = n.get_in_range_or("economiser_approach_k", 0.0, 20.0, w.economiser_approach_k);
  n.done();
}

void read_tower(const YamlNode& n, models::TowerParams& t) {
  if (auto a = n.optional_child("approach_k")) {
    t.approach_k.x = read_numbers(a->child("wet_bulb_c"), 0);
    t.approach_k.y = read_numbers(a->child("approach_k"), t.approach_k.x.size());
    if (t.approach_k.x.empty()) a->fail("table needs at least one point");
    for (std::size_t i = 1; i < t.approach_k.x.size(); ++i) {
      if (t.approach_k.x[i] <= t.approach_k.x[i - 1]) a->fail_at("wet_bulb_c", "must be strictly increasing");
    }
    for (double v : t.approach_k.y) {
      if (v < 0.0) a->fail_at("approach_k", "approaches must be >= 0");
    }
    a->done();
  }
  t.min_leaving_c = n.get_in_range_or("min_leaving_c", -10.0, 40.0, t.min_leaving_c);
  t.fan_fraction = n.get_in_range_or("fan_fraction", 0.0, 1.0, t.fan_fraction);
  t.latent_fraction = n.get_in_range_or("latent_fraction", 0.0, 1.0, t.latent_fraction);
  t.latent_heat_kj_per_kg = n.get_in_range_or("latent_heat_kj_per_kg", 2000.0, 2600.0, t.latent_heat_kj_per_kg);
  t.cycles_of_concentration = n.get_in_range_or("cycles_of_concentration", 1.01, 50.0, t.cycles_of_concentration);
  t.drift_fraction_of_evaporation =
      n.get_in_range_or("drift_fraction_of_evaporation", 0.0, 1.0, t.drift_fraction_of_evaporation);
  t.unit_kw = n.get_positive_or("unit_kw", t.unit_kw);
  n.done();
}

void read_dry_cooler(const YamlNode& n, models::DryCoolerParams& d) {
  d.approach_k = n.get_in_range_or("approach_k", 0.0, 40.0, d.approach_k);
  d.fan_fraction = n.get_in_range_or("fan_fraction", 0.0, 1.0, d.fan_fraction);
  d.unit_kw = n.get_positive_or("unit_kw", d.unit_kw);
  n.done();
}

void read_liquid(const YamlNode& n, models::LiquidParams& l) {
  l.liquid_fraction = n.get_in_range_or("liquid_fraction", 0.0, 1.0, l.liquid_fraction);
  const auto loop = n.get_enum_or("loop", {"direct", "chilled_water"}, "direct");
  l.loop = loop == "direct" ? models::LiquidLoop::direct : models::LiquidLoop::chilled_water;
  l.w_class = n.get_enum_or("w_class", {"W17", "W27", "W32", "W40", "W45"}, l.w_class);
  const double limit = models::w_class_max_supply_c(l.w_class);
  l.facility_supply_c = n.get_in_range_or("facility_supply_c", 2.0, limit, limit);
  l.facility_delta_k = n.get_in_range_or("facility_delta_k", 1.0, 30.0, l.facility_delta_k);
  l.cdu_approach_k = n.get_in_range_or("cdu_approach_k", 0.0, 20.0, l.cdu_approach_k);
  l.cdu_pump_fraction = n.get_in_range_or("cdu_pump_fraction", 0.0, 1.0, l.cdu_pump_fraction);
  l.fw_pump_fraction = n.get_in_range_or("fw_pump_fraction", 0.0, 1.0, l.fw_pump_fraction);
  l.cdu_unit_kw = n.get_positive_or("cdu_unit_kw", l.cdu_unit_kw);
  n.done();
}

[[noreturn]] void csv_fail(const std::string& file, int line, int col, const std::string& field,
                           const std::string& msg) {
  throw ConfigError(file, line, col, field, msg);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Parses a finite number or throws a ConfigError at (line, column of field).
double parse_number(const std::string& text, const std::string& file, int line, int col, const std::string& field) {
  const std::string t = trim(text);
  // std::stod also reads hexadecimal ("0x10" = 16): never what a climate or weather file means.
  if (t.find_first_of("xX") != std::string::npos) csv_fail(file, line, col, field, "not a number: '" + t + "'");
  std::size_t used = 0;
  double v = 0.0;
  try {
    v = std::stod(t, &used);
  } catch (const std::exception&) {
    csv_fail(file, line, col, field, "not a number: '" + t + "'");
  }
  if (used != t.size()) csv_fail(file, line, col, field, "not a number: '" + t + "'");
  if (!std::isfinite(v)) csv_fail(file, line, col, field, "must be finite, got '" + t + "'");
  return v;
}

int column_of(const std::vector<std::string>& fields, std::size_t index) {
  int col = 1;
  for (std::size_t i = 0; i < index && i < fields.size(); ++i) col += static_cast<int>(fields[i].size()) + 1;
  return col;
}

void check_range(double v, double lo, double hi, const std::string& file, int line, int col, const std::string& field) {
  if (v < lo || v > hi) {
    std::ostringstream m;
    m << "value " << v << " outside [" << lo << ", " << hi << "]";
    csv_fail(file, line, col, field, m.str());
  }
}

}  // namespace

models::PlantParams load_plant_file(const std::string& path) {
  const auto root = YamlNode::load_file(path);
  require_schema(root, "aidc-plant/1");
  models::PlantParams p;
  p.name = root.get<std::string>("name");
  p.description = root.get_or<std::string>("description", "");
  if (auto e = root.optional_child("electrical")) read_electrical(*e, p.electrical);
  const auto air = root.child("air");
  const auto air_kind = air.get_enum("kind", {"dx", "chilled_water"});
  p.air = air_kind == "dx" ? models::AirCooling::dx : models::AirCooling::chilled_water;
  if (auto d = air.optional_child("dx")) read_dx(*d, p.dx);
  air.done();
  if (auto w = root.optional_child("chilled_water")) read_chilled_water(*w, p.chilled_water);
  if (auto l = root.optional_child("liquid")) {
    p.liquid_cooling = true;
    read_liquid(*l, p.liquid);
  }
  // A DX-only plant rejects heat through its own condensers; every water loop needs towers or dry coolers.
  if (auto rej = root.optional_child("heat_rejection")) {
    const auto rej_kind = rej->get_enum("kind", {"cooling_tower", "dry_cooler"});
    p.rejection =
        rej_kind == "cooling_tower" ? models::HeatRejection::cooling_tower : models::HeatRejection::dry_cooler;
    if (auto t = rej->optional_child("cooling_tower")) read_tower(*t, p.tower);
    if (auto d = rej->optional_child("dry_cooler")) read_dry_cooler(*d, p.dry_cooler);
    rej->done();
  } else if (p.air == models::AirCooling::chilled_water || p.liquid_cooling) {
    root.fail("heat_rejection is required when the plant has a chilled-water or liquid loop");
  }
  root.done();
  try {
    models::validate_plant(p);
  } catch (const std::invalid_argument& ex) {
    root.fail(ex.what());
  }
  return p;
}

ItPowerLibrary load_it_power_file(const std::string& path) {
  const auto root = YamlNode::load_file(path);
  require_schema(root, "aidc-it-power/1");
  ItPowerLibrary lib;
  const auto gpus = root.child("gpus");
  for (const auto& name : gpus.keys()) {
    const auto g = gpus.child(name);
    models::GpuPowerProfile p;
    p.name = name;
    p.tdp_w = g.get_positive("tdp_w");
    p.idle_w = g.get_in_range("idle_w", 0.0, p.tdp_w);
    p.compute_fraction = g.get_in_range_or("compute_fraction", 0.0, 1.5, p.compute_fraction);
    p.communication_fraction = g.get_in_range_or("communication_fraction", 0.0, 1.5, p.communication_fraction);
    p.checkpoint_fraction = g.get_in_range_or("checkpoint_fraction", 0.0, 1.5, p.checkpoint_fraction);
    p.delivered_tflops = g.get_nonnegative_or("delivered_tflops", 0.0);
    g.done();
    lib.gpus[name] = p;
  }
  if (auto m = root.optional_child("phase_mix")) {
    lib.phase_mix.compute = m->get_in_range("compute", 0.0, 1.0);
    lib.phase_mix.communication = m->get_in_range("communication", 0.0, 1.0);
    lib.phase_mix.checkpoint = m->get_in_range("checkpoint", 0.0, 1.0);
    const double sum = lib.phase_mix.compute + lib.phase_mix.communication + lib.phase_mix.checkpoint;
    if (std::fabs(sum - 1.0) > 1e-6) m->fail("phase shares must sum to 1");
    m->done();
  }
  if (auto s = root.optional_child("support")) {
    auto& o = lib.support;
    o.gpus_per_node = static_cast<int>(s->get_count_or("gpus_per_node", o.gpus_per_node));
    o.host_busy_w = s->get_nonnegative_or("host_busy_w", o.host_busy_w);
    o.host_idle_w = s->get_in_range_or("host_idle_w", 0.0, o.host_busy_w, o.host_idle_w);
    o.nics_per_node = static_cast<int>(s->get_count0_or("nics_per_node", o.nics_per_node));
    o.nic_w = s->get_nonnegative_or("nic_w", o.nic_w);
    o.nic_optic_w = s->get_nonnegative_or("nic_optic_w", o.nic_optic_w);
    o.switches_per_port = s->get_nonnegative_or("switches_per_port", o.switches_per_port);
    o.switch_w = s->get_nonnegative_or("switch_w", o.switch_w);
    o.storage_nodes_per_1000_gpus = s->get_nonnegative_or("storage_nodes_per_1000_gpus", o.storage_nodes_per_1000_gpus);
    o.storage_node_w = s->get_nonnegative_or("storage_node_w", o.storage_node_w);
    s->done();
  }
  root.done();
  return lib;
}

std::map<std::string, GridRegion> load_grid_carbon_file(const std::string& path) {
  const auto root = YamlNode::load_file(path);
  require_schema(root, "aidc-grid-carbon/1");
  std::map<std::string, GridRegion> out;
  const auto regions = root.child("regions");
  for (const auto& name : regions.keys()) {
    const auto r = regions.child(name);
    out[name] = {r.get_in_range("kg_per_kwh", 0.0, 2.0), r.get<std::string>("source")};
    r.done();
  }
  root.done();
  return out;
}

models::Climate load_climate_file(const std::string& path) {
  // A folder opens as a stream on Linux and reads as empty ("no header row"): say what it is.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ConfigError(path, 0, 0, "", "is a folder, not a file");
  const auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".epw" || ext == ".EPW") return load_climate_epw(path);
  if (ext == ".csv" || ext == ".CSV") return load_climate_csv(path);
  throw ConfigError(path, 0, 0, "", "climate file must end in .csv or .epw");
}

models::Climate load_climate_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path, 0, 0, "", "cannot open climate file");
  models::Climate c;
  c.name = std::filesystem::path(path).stem().string();
  std::string line;
  int line_no = 0;
  std::vector<std::string> header;
  int i_hour = -1, i_db = -1, i_wb = -1, i_rh = -1, i_dp = -1, i_ci = -1;
  while (std::getline(in, line)) {
    ++line_no;
    // Both were reported as an "unknown column" whose name was the invisible mark or raw binary.
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
      csv_fail(path, 1, 1, "", "file starts with a UTF-8 byte-order mark; save it as plain UTF-8");
    }
    if (line.find('\0') != std::string::npos)
      csv_fail(path, line_no, 1, "", "NUL byte: binary data, not a climate CSV");
    const std::string t = trim(line);
    if (t.empty()) continue;
    if (t[0] == '#') {
      const auto colon = t.find(':');
      if (colon != std::string::npos) {
        const auto key = trim(t.substr(1, colon - 1));
        const auto value = trim(t.substr(colon + 1));
        if (key == "name") c.name = value;
        if (key == "source") c.source = value;
        if (key == "synthetic") c.synthetic = value == "true";
      }
      continue;
    }
    const auto fields = split(t, ',');
    if (header.empty()) {
      header = fields;
      for (std::size_t i = 0; i < header.size(); ++i) {
        const auto h = trim(header[i]);
        const int ii = static_cast<int>(i);
        // A repeated column would overwrite its index and then fail as a short row, far from the cause.
        for (std::size_t j = 0; j < i; ++j) {
          if (trim(header[j]) == h)
            csv_fail(path, line_no, column_of(fields, i), "header", "column '" + h + "' given twice");
        }
        if (h == "hour")
          i_hour = ii;
        else if (h == "dry_bulb_c")
          i_db = ii;
        else if (h == "wet_bulb_c")
          i_wb = ii;
        else if (h == "relative_humidity_pct")
          i_rh = ii;
        else if (h == "dew_point_c")
          i_dp = ii;
        else if (h == "grid_kg_per_kwh")
          i_ci = ii;
        else
          csv_fail(path, line_no, column_of(fields, i), "header", "unknown column '" + h + "'");
      }
      if (i_hour < 0 || i_db < 0) csv_fail(path, line_no, 1, "header", "needs columns 'hour' and 'dry_bulb_c'");
      if ((i_wb >= 0) + (i_rh >= 0) + (i_dp >= 0) != 1) {
        csv_fail(path, line_no, 1, "header", "needs exactly one of wet_bulb_c, relative_humidity_pct, dew_point_c");
      }
      continue;
    }
    if (fields.size() != header.size()) {
      csv_fail(path, line_no, 1, "row",
               "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()));
    }
    auto num = [&](int idx, const char* name) {
      return parse_number(fields[static_cast<std::size_t>(idx)], path, line_no,
                          column_of(fields, static_cast<std::size_t>(idx)), name);
    };
    const double hour = num(i_hour, "hour");
    const auto expected = static_cast<double>(c.dry_bulb_c.size());
    if (hour != expected) {
      csv_fail(path, line_no, column_of(fields, static_cast<std::size_t>(i_hour)), "hour",
               "expected hour " + std::to_string(c.dry_bulb_c.size()) + " (rows must be hours 0..8759 in order)");
    }
    if (c.dry_bulb_c.size() >= static_cast<std::size_t>(models::kHoursPerYear)) {
      csv_fail(path, line_no, 1, "row", "more than 8760 hourly rows");
    }
    const double db = num(i_db, "dry_bulb_c");
    check_range(db, -60.0, 60.0, path, line_no, column_of(fields, static_cast<std::size_t>(i_db)), "dry_bulb_c");
    double wb = 0.0;
    if (i_wb >= 0) {
      wb = num(i_wb, "wet_bulb_c");
      check_range(wb, -70.0, db + models::kWetBulbTolerance, path, line_no,
                  column_of(fields, static_cast<std::size_t>(i_wb)), "wet_bulb_c");
    } else if (i_rh >= 0) {
      const double rh = num(i_rh, "relative_humidity_pct");
      check_range(rh, 0.0, 100.0, path, line_no, column_of(fields, static_cast<std::size_t>(i_rh)),
                  "relative_humidity_pct");
      wb = models::wet_bulb_from_rh_c(db, rh);
    } else {
      const double dp = num(i_dp, "dew_point_c");
      check_range(dp, -80.0, db + models::kWetBulbTolerance, path, line_no,
                  column_of(fields, static_cast<std::size_t>(i_dp)), "dew_point_c");
      wb = models::wet_bulb_from_dew_point_c(db, dp);
    }
    c.dry_bulb_c.push_back(db);
    c.wet_bulb_c.push_back(wb);
    if (i_ci >= 0) {
      const double ci = num(i_ci, "grid_kg_per_kwh");
      check_range(ci, 0.0, 2.0, path, line_no, column_of(fields, static_cast<std::size_t>(i_ci)), "grid_kg_per_kwh");
      c.grid_kg_per_kwh.push_back(ci);
    }
  }
  if (header.empty()) throw ConfigError(path, 1, 1, "", "climate file has no header row");
  if (c.dry_bulb_c.size() != static_cast<std::size_t>(models::kHoursPerYear)) {
    throw ConfigError(path, line_no, 1, "row",
                      "climate file has " + std::to_string(c.dry_bulb_c.size()) + " hourly rows; exactly 8760 needed");
  }
  return c;
}

models::Climate load_climate_epw(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path, 0, 0, "", "cannot open climate file");
  models::Climate c;
  c.name = std::filesystem::path(path).stem().string();
  c.source = "EPW " + std::filesystem::path(path).filename().string();
  std::string line;
  int line_no = 0;
  constexpr int kHeaderLines =
      8;  // LOCATION ... DATA PERIODS (EnergyPlus Auxiliary Programs, "EnergyPlus Weather File")
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("LOCATION", 0) != 0) {
      csv_fail(path, 1, 1, "header", "EPW files start with a LOCATION line");
    }
    if (line_no <= kHeaderLines) continue;
    const std::string t = trim(line);
    if (t.empty()) continue;
    const auto fields = split(t, ',');
    constexpr std::size_t kMinFields = 10;
    if (fields.size() < kMinFields) csv_fail(path, line_no, 1, "row", "EPW data rows have 35 fields");
    if (c.dry_bulb_c.size() >= static_cast<std::size_t>(models::kHoursPerYear)) {
      csv_fail(path, line_no, 1, "row", "more than 8760 hourly rows (leap-year files are not accepted)");
    }
    auto num = [&](std::size_t idx, const char* name) {
      return parse_number(fields[idx], path, line_no, column_of(fields, idx), name);
    };
    // EPW field order: year, month, day, hour, minute, flags, dry bulb, dew point, RH, pressure, ...
    const double db = num(6, "dry_bulb_c");
    const double dp = num(7, "dew_point_c");
    const double p = num(9, "station_pressure_pa");
    check_range(db, -60.0, 60.0, path, line_no, column_of(fields, 6), "dry_bulb_c");  // EPW missing marker 99.9
    check_range(dp, -80.0, db + models::kWetBulbTolerance, path, line_no, column_of(fields, 7), "dew_point_c");
    check_range(p, 30000.0, 120000.0, path, line_no, column_of(fields, 9), "station_pressure_pa");
    c.dry_bulb_c.push_back(db);
    c.wet_bulb_c.push_back(models::wet_bulb_from_dew_point_c(db, dp, p));
  }
  if (c.dry_bulb_c.size() != static_cast<std::size_t>(models::kHoursPerYear)) {
    throw ConfigError(path, line_no, 1, "row",
                      "EPW file has " + std::to_string(c.dry_bulb_c.size()) + " hourly rows; exactly 8760 needed");
  }
  return c;
}

void write_climate_csv(const models::Climate& c, const std::string& path, const std::vector<std::string>& comments) {
  std::ofstream out(path);
  if (!out) throw ConfigError(path, 0, 0, "", "cannot write climate file");
  out << "# name: " << c.name << "\n# source: " << c.source << "\n# synthetic: " << (c.synthetic ? "true" : "false")
      << "\n";
  for (const auto& line : comments) out << "# " << line << "\n";
  out << "hour,dry_bulb_c,wet_bulb_c" << (c.grid_kg_per_kwh.empty() ? "" : ",grid_kg_per_kwh") << "\n";
  out.setf(std::ios::fixed);
  out.precision(2);
  for (std::size_t h = 0; h < c.dry_bulb_c.size(); ++h) {
    out << h << "," << c.dry_bulb_c[h] << "," << std::min(c.wet_bulb_c[h], c.dry_bulb_c[h]);
    if (!c.grid_kg_per_kwh.empty()) out << "," << c.grid_kg_per_kwh[h];
    out << "\n";
  }
}

std::vector<EnergyReferenceCase> load_energy_references(const std::string& path) {
  const auto root = YamlNode::load_file(path);
  require_schema(root, "aidc-validation-energy/1");
  std::vector<EnergyReferenceCase> out;
  for (const auto& n : root.child("cases").items()) {
    EnergyReferenceCase c;
    c.id = n.get<std::string>("id");
    c.source = n.get<std::string>("source");
    c.cooling = n.get_or<std::string>("cooling", "");
    (void)n.optional_child("notes");
    const auto r = n.child("reported");
    if (auto v = r.get_optional<double>("pue")) c.pue = *v;
    if (auto range = r.optional_child("pue_range")) {
      const auto v = read_numbers(*range, 2);
      c.pue_lo = v[0];
      c.pue_hi = v[1];
    }
    if (auto v = r.get_optional<double>("wue_l_per_kwh")) c.wue_l_per_kwh = *v;
    if (auto v = r.get_optional<double>("cooling_energy_reduction_min")) c.cooling_energy_reduction_min = *v;
    // Grade thresholds and other informational keys are read by reports, not by predictions.
    for (const auto& k : r.keys()) (void)k;
    r.done();
    n.done();
    out.push_back(c);
  }
  root.done();
  return out;
}

}  // namespace aidc::tools
