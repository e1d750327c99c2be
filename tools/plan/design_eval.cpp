#include "tools/plan/design_eval.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/tco/bom_from_site.hpp"

namespace aidc::tools {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSecondsPerDay = 86400.0;

void set_value(DesignEvaluation& d, std::string_view name, std::optional<double> v) {
  const int i = design_value_index(name);
  if (i < 0) throw std::logic_error("unknown design value " + std::string(name));
  d.values[static_cast<size_t>(i)] = v ? *v : kNaN;
}

const Series* find_series(const ResultsFile& r, const std::string& name) {
  for (const auto& s : r.timeseries) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

double series_sum(const Series& s) {
  double sum = 0.0;
  for (double v : s.values) sum += v;
  return sum;
}

}  // namespace

DesignEvaluation evaluate_design(const Scenario& sc, const cli::RunOverrides& o, const models::CostTable* costs,
                                 std::optional<double> train_tokens, bool keep_timeseries) {
  DesignEvaluation d;
  d.values.fill(kNaN);
  const topo::Site site = build_site(sc);
  d.results = cli::evaluate(sc, o, {});
  const models::Metrics& m = d.results.metrics;
  d.grade = m.grade;

  if (!sc.workloads.empty() && !m.value("mfu")) {
    d.infeasible = "the reference job does not run";
    for (const auto& n : d.results.notes) {
      if (n.rfind("performance:", 0) == 0) d.infeasible = n;
    }
  }

  const int64_t spares = sc.reliability ? sc.reliability->job.spare_nodes : 0;
  d.bom = models::bom_from_site(site, sc.hardware.name, spares);

  models::Operations ops;
  const Series* it = find_series(d.results, "it_kw");
  if (it && m.value("pue")) {
    // kW held for step_s seconds per sample: energy = sum x step in hours.
    ops.it_energy_kwh_per_year = series_sum(*it) * it->step_s / 3600.0;
    ops.pue = *m.value("pue");
  } else {
    ops.it_energy_kwh_per_year = site.it_power_kw() * models::kTcoHoursPerYear;
    ops.pue = 1.0 + sc.site_spec.power.facility_load_fraction;
    d.notes.push_back(
        "tco: energy not simulated; costed at full IT load all year with PUE 1 + "
        "power.facility_load_fraction");
  }
  if (const Series* w = find_series(d.results, "water_l")) {
    ops.water_m3_per_year = series_sum(*w) / 1000.0;  // litres used in each step
  } else {
    d.notes.push_back("tco: water use not simulated; no water cost");
  }
  ops.ettr = m.value("ettr");
  ops.mfu = m.value("mfu");
  if (!sc.workloads.empty()) ops.peak_tflops_per_gpu = sc.hardware.peak(sc.workloads.front().precision);

  if (costs) {
    try {
      d.tco = models::compute_tco(d.bom, ops, *costs);
    } catch (const std::invalid_argument& e) {
      if (d.infeasible.empty()) d.infeasible = e.what();
    }
  }
  if (d.tco) {
    set_value(d, "tco", d.tco->tco);
    set_value(d, "capex", d.tco->capex_total);
    set_value(d, "opex_per_year", d.tco->opex_per_year);
    set_value(d, "cost_per_gpu_hour", d.tco->cost_per_gpu_hour);
    set_value(d, "cost_per_pflop_day", d.tco->cost_per_pflop_day);
  }
  const auto tps = m.value("tokens_per_s");
  if (train_tokens && tps && *tps > 0.0 && ops.ettr && *ops.ettr > 0.0) {
    set_value(d, "time_to_train", *train_tokens / (*tps * *ops.ettr) / kSecondsPerDay);
  }
  for (const char* k :
       {"score", "ettr", "mfu", "pue", "wue_l_per_kwh", "mtbf_hours", "availability", "cluster_effective_compute"}) {
    set_value(d, k, m.value(k));
  }
  if (const auto peak = m.value("peak_facility_kw")) {
    set_value(d, "facility_power_mw", *peak / 1000.0);
  } else {
    set_value(d, "facility_power_mw", site.it_power_kw() * (1.0 + sc.site_spec.power.facility_load_fraction) / 1000.0);
    d.notes.push_back("facility_power_mw: no energy simulation; IT power x (1 + power.facility_load_fraction)");
  }
  set_value(d, "it_power_mw", site.it_power_kw() / 1000.0);
  set_value(d, "racks", static_cast<double>(site.racks()));
  set_value(d, "max_rack_kw", d.bom.max_rack_kw);
  set_value(d, "gpus", static_cast<double>(site.gpus()));
  if (!keep_timeseries) d.results.timeseries.clear();
  return d;
}

double design_value(const DesignEvaluation& d, std::string_view name) {
  const int i = design_value_index(name);
  return i < 0 ? kNaN : d.values[static_cast<size_t>(i)];
}

Json bom_json(const models::BillOfMaterials& b) {
  Json j = Json::object();
  j.set("gpu_type", b.gpu_type);
  j.set("gpus", b.gpus);
  j.set("compute_nodes", b.compute_nodes);
  j.set("spare_nodes", b.spare_nodes);
  Json racks = Json::object();
  racks.set("compute", b.compute_racks);
  racks.set("storage", b.storage_racks);
  racks.set("network", b.network_racks);
  racks.set("total", b.racks());
  j.set("racks", racks);
  Json sw = Json::object();
  sw.set("leaf", b.leaf_switches);
  sw.set("spine", b.spine_switches);
  sw.set("core", b.core_switches);
  sw.set("storage_network", b.storage_switches);
  sw.set("ports", b.switch_ports);
  j.set("switches", sw);
  j.set("links", b.links);
  j.set("optics", b.optics);
  j.set("storage_nodes", b.storage_nodes);
  j.set("storage_raw_tb", b.storage_raw_tb);
  Json layers = Json::object();
  for (int l = 0; l < topo::kLayerCount; ++l) {
    const models::LayerBom& lb = b.layers[static_cast<size_t>(l)];
    if (!lb.present) continue;
    Json x = Json::object();
    x.set("units", lb.units);
    x.set("unit_kw", lb.unit_kw);
    x.set("installed_kw", lb.installed_kw());
    layers.set(topo::layer_path(static_cast<topo::LayerId>(l)), x);
  }
  j.set("layers", layers);
  j.set("it_kw", b.it_kw);
  j.set("max_rack_kw", b.max_rack_kw);
  return j;
}

Json tco_json(const models::TcoResult& t, const models::CostTable& prices) {
  Json j = Json::object();
  j.set("currency", prices.currency);
  Json capex = Json::object();
  capex.set("it", t.capex_it);
  capex.set("network", t.capex_network);
  capex.set("storage", t.capex_storage);
  capex.set("power", t.capex_power);
  capex.set("cooling", t.capex_cooling);
  capex.set("building", t.capex_building);
  capex.set("total", t.capex_total);
  j.set("capex", capex);
  Json lines = Json::array();
  for (const auto& l : t.capex_lines) {
    Json x = Json::object();
    x.set("category", l.category);
    x.set("item", l.item);
    x.set("quantity", l.quantity);
    x.set("unit", l.unit);
    x.set("unit_price", l.unit_price);
    x.set("cost", l.cost);
    lines.push(x);
  }
  j.set("capex_lines", lines);
  Json opex = Json::object();
  opex.set("energy_kwh", t.energy_kwh_per_year);
  opex.set("energy", t.energy_cost);
  opex.set("water", t.water_cost);
  opex.set("maintenance", t.maintenance_cost);
  opex.set("staff", t.staff_cost);
  opex.set("total", t.opex_per_year);
  j.set("opex_per_year", opex);
  j.set("lifetime_years", prices.lifetime_years);
  j.set("discount_rate", prices.discount_rate);
  j.set("annuity_factor", t.annuity_factor);
  j.set("facility_share", t.facility_share);
  j.set("tco", t.tco);
  j.set("delivered_gpu_hours_per_year", Json(t.delivered_gpu_hours_per_year));
  j.set("cost_per_gpu_hour", Json(t.cost_per_gpu_hour));
  j.set("effective_pflop_days_per_year", Json(t.effective_pflop_days_per_year));
  j.set("cost_per_pflop_day", Json(t.cost_per_pflop_day));
  return j;
}

Json values_json(const std::array<double, kDesignValueCount>& values) {
  Json j = Json::object();
  for (int i = 0; i < kDesignValueCount; ++i) j.set(kDesignValues[i].name, Json(values[static_cast<size_t>(i)]));
  return j;
}

}  // namespace aidc::tools
