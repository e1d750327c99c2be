#include "models/energy/energy_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace aidc::models {
namespace {

constexpr double kSecondsPerHour = 3600.0;

enum LayerIndex { kPdu, kUps, kTransformer, kCdu, kAir, kChiller, kRejection, kLayerCount };

struct LayerLoads {
  std::array<double, kLayerCount> kw{};
};

// Chillers needed for q_kw (staged up at stage_up_plr) and their total power.
double chiller_plant_kw(const ChilledWaterParams& w, const EquipmentLayer& layer, double q_kw, double t_chw_c,
                        double t_cw_c) {
  if (q_kw <= 0.0) return 0.0;
  const double unit_kw = layer.unit_kw;
  const double cap = unit_kw * w.chiller.capacity_factor(t_chw_c, t_cw_c);
  double n_on = std::ceil(q_kw / (cap * w.stage_up_plr));
  if (layer.units > 0) n_on = std::min(n_on, static_cast<double>(layer.units));
  n_on = std::max(n_on, 1.0);
  return n_on * w.chiller.power_kw(unit_kw, q_kw / n_on, t_chw_c, t_cw_c);
}

struct Context {
  const EnergyInputs& in;
  const PlantParams& p;
  const Climate& c;
  std::array<EquipmentLayer, kLayerCount> layers;
};

double utilisation_at(const EnergyInputs& in, int h) {
  return in.utilisation.empty() ? in.constant_utilisation : in.utilisation[static_cast<std::size_t>(h)];
}

double layer_loss_kw(const LossCoefficients& k, const EquipmentLayer& l, double load_kw, double provisional_kw) {
  // During the sizing pass a layer with no units yet is evaluated as if its installed capacity were the provisional
  // value (the peak the first pass estimates); only losses, never loads, depend on it.
  const double installed = l.units > 0 ? l.installed_kw() : provisional_kw;
  if (installed <= 0.0) return 0.0;
  return k.loss_kw(installed, load_kw / installed);
}

HourEnergy compute_hour(const Context& ctx, int h, LayerLoads& loads) {
  const auto& in = ctx.in;
  const auto& p = ctx.p;
  const auto& e = p.electrical;
  const auto& w = p.chilled_water;
  const auto& L = ctx.layers;
  const auto hi = static_cast<std::size_t>(h);
  const double t_db = ctx.c.dry_bulb_c[hi];
  const double t_wb = ctx.c.wet_bulb_c[hi];
  HourEnergy r;
  r.utilisation = utilisation_at(in, h);

  // 1. IT power and heat split.
  double liquid_rack_kw = 0.0;
  double gpus = 0.0;
  for (const auto& comp : in.it) {
    const double kw = comp.power_kw(r.utilisation);
    r.it_kw += kw;
    if (comp.kind == ItKind::gpu) {
      r.gpu_kw += kw;
      gpus += comp.count;
    }
    if (comp.liquid_cooled) liquid_rack_kw += kw;
  }
  r.heat_liquid_kw = p.liquid_cooling ? liquid_rack_kw * p.liquid.liquid_fraction : 0.0;

  // 2. Power chain (transformer loss needs the cooling power, so it comes last).
  const double it_provisional = r.it_kw * 2.0;
  r.pdu_loss_kw = layer_loss_kw(e.pdu, L[kPdu], r.it_kw, it_provisional);
  const double ups_out = r.it_kw + r.pdu_loss_kw;
  const auto& ups_curve = e.ups_mode == UpsMode::eco ? e.ups_eco : e.ups_double_conversion;
  r.ups_loss_kw = layer_loss_kw(ups_curve, L[kUps], ups_out, it_provisional);
  r.ups_load_fraction = L[kUps].units > 0 ? L[kUps].load_fraction(ups_out) : 0.0;
  r.heat_air_kw = r.it_kw - r.heat_liquid_kw + e.chain_loss_to_cooling * (r.pdu_loss_kw + r.ups_loss_kw);

  // Heat-rejection leaving temperature this hour (tower: wet bulb + approach; dry cooler: dry bulb + approach),
  // and the approach of the heat exchanger that separates an open tower from closed loops.
  const bool tower = p.rejection == HeatRejection::cooling_tower;
  const double t_leave = tower ? t_wb + p.tower.approach_k(t_wb) : t_db + p.dry_cooler.approach_k;
  const double hx_k = tower ? w.economiser_approach_k : 0.0;
  const double t_cond = std::max(t_leave, p.tower.min_leaving_c);

  // 3. Air path.
  double q_chw = 0.0;
  if (p.air == AirCooling::dx) {
    r.air_fan_kw = r.heat_air_kw * p.dx.fan_fraction;
    r.dx_kw = (r.heat_air_kw + r.air_fan_kw) / p.dx.cop(t_db);
  } else {
    r.air_fan_kw = r.heat_air_kw * w.crah_fan_fraction;
    q_chw = r.heat_air_kw + r.air_fan_kw;
  }

  // Liquid path.
  r.cdu_pump_kw = r.heat_liquid_kw * p.liquid.cdu_pump_fraction;
  const double q_fw = r.heat_liquid_kw + r.cdu_pump_kw;
  double q_direct = 0.0;  // facility-water heat handled by the direct (warm-water) loop
  if (p.liquid.loop == LiquidLoop::chilled_water) {
    q_chw += q_fw;
  } else {
    q_direct = q_fw;
  }

  // 4. Chilled-water plant with waterside economiser.
  const double chw_pump = q_chw * w.chw_pump_fraction;
  const double q_chw_total = q_chw + chw_pump;
  double free_chw = 0.0;
  if (q_chw_total > 0.0 && w.economiser) {
    const double frac = std::clamp((w.return_c - (t_leave + hx_k)) / (w.return_c - w.supply_c), 0.0, 1.0);
    free_chw = frac * q_chw_total;
  }
  const double chiller_chw = q_chw_total - free_chw;

  // Direct warm-water loop: the heat-rejection loop cools the facility return as far as it can; chillers trim.
  const double fw_pump = q_direct * p.liquid.fw_pump_fraction;
  const double q_direct_total = q_direct + fw_pump;
  double free_fw = 0.0;
  if (q_direct_total > 0.0) {
    const double t_s = p.liquid.facility_supply_c;
    const double t_r = t_s + p.liquid.facility_delta_k;
    free_fw = std::clamp((t_r - (t_leave + hx_k)) / (t_r - t_s), 0.0, 1.0) * q_direct_total;
  }
  const double trim_fw = q_direct_total - free_fw;

  r.chiller_load_kw = chiller_chw + trim_fw;
  r.free_cooling_kw = free_chw + free_fw;
  r.chiller_kw = chiller_plant_kw(w, L[kChiller], chiller_chw, w.supply_c, t_cond) +
                 chiller_plant_kw(w, L[kChiller], trim_fw, p.liquid.facility_supply_c, t_cond);

  // 5. Heat rejection (DX condensers reject their own heat; their fans are inside the COP).
  const double to_reject = q_chw_total + q_direct_total + r.chiller_kw;
  const double cw_pump = to_reject > 0.0 ? to_reject * w.cw_pump_fraction : 0.0;
  r.rejected_kw = to_reject + cw_pump;
  r.pump_kw = chw_pump + fw_pump + cw_pump;
  r.rejection_fan_kw = r.rejected_kw * (tower ? p.tower.fan_fraction : p.dry_cooler.fan_fraction);
  if (tower && r.rejected_kw > 0.0) {
    const double evap_l = r.rejected_kw * kSecondsPerHour * p.tower.latent_fraction / p.tower.latent_heat_kj_per_kg;
    r.water_l = evap_l * (1.0 + 1.0 / (p.tower.cycles_of_concentration - 1.0) + p.tower.drift_fraction_of_evaporation);
  }

  // Site totals.
  r.misc_kw = r.it_kw * e.misc_fraction_of_it;
  const double transformer_load = ups_out + r.ups_loss_kw + r.cooling_kw() + r.misc_kw;
  r.transformer_loss_kw = layer_loss_kw(e.transformer, L[kTransformer], transformer_load, transformer_load * 2.0);
  r.facility_kw = transformer_load + r.transformer_loss_kw;
  const double ci = ctx.c.grid_kg_per_kwh.empty() ? in.grid_kg_per_kwh : ctx.c.grid_kg_per_kwh[hi];
  r.co2_kg = r.facility_kw * ci * (1.0 - in.renewable_share);
  r.composite_flop = (r.utilisation * gpus * in.gpu_delivered_flops + in.general_weight * in.general_delivered_flops) *
                     kSecondsPerHour;

  loads.kw[kPdu] = r.it_kw;
  loads.kw[kUps] = ups_out;
  loads.kw[kTransformer] = transformer_load;
  loads.kw[kCdu] = r.heat_liquid_kw;
  loads.kw[kAir] = r.heat_air_kw;
  loads.kw[kChiller] = r.chiller_load_kw;
  loads.kw[kRejection] = r.rejected_kw;
  return r;
}

struct Pass {
  std::vector<HourEnergy> hours;
  std::array<double, kLayerCount> peak_kw{};
  std::array<int, kLayerCount> peak_hour{};
  std::array<double, kLayerCount> hottest_kw{};
};

Pass run_pass(const Context& ctx, int hottest) {
  Pass pass;
  pass.hours.resize(kHoursPerYear);
  LayerLoads loads;
  for (int h = 0; h < kHoursPerYear; ++h) {
    pass.hours[static_cast<std::size_t>(h)] = compute_hour(ctx, h, loads);
    for (int k = 0; k < kLayerCount; ++k) {
      const auto ku = static_cast<std::size_t>(k);
      if (loads.kw[ku] > pass.peak_kw[ku]) {
        pass.peak_kw[ku] = loads.kw[ku];
        pass.peak_hour[ku] = h;
      }
      if (h == hottest) pass.hottest_kw[ku] = loads.kw[ku];
    }
  }
  return pass;
}

EquipmentLayer with_default_unit(EquipmentLayer l, double unit_kw) {
  if (l.unit_kw <= 0.0) l.unit_kw = unit_kw;
  return l;
}

}  // namespace

void validate_inputs(const EnergyInputs& in) {
  double total = 0.0;
  for (const auto& c : in.it) {
    if (!(c.count >= 0.0) || !(c.idle_w >= 0.0) || !(c.busy_w >= 0.0) || !std::isfinite(c.count * c.busy_w)) {
      throw std::invalid_argument("energy inputs: IT component '" + c.name + "' needs finite count and power >= 0");
    }
    total += c.count * c.busy_w;
  }
  if (!(total > 0.0)) throw std::invalid_argument("energy inputs: IT power must be > 0");
  if (!in.utilisation.empty() && in.utilisation.size() != static_cast<std::size_t>(kHoursPerYear)) {
    throw std::invalid_argument("energy inputs: utilisation series needs 8760 values");
  }
  for (double u : in.utilisation) {
    if (!(u >= 0.0 && u <= 1.0)) throw std::invalid_argument("energy inputs: utilisation must be in [0, 1]");
  }
  if (!(in.constant_utilisation >= 0.0 && in.constant_utilisation <= 1.0)) {
    throw std::invalid_argument("energy inputs: constant_utilisation must be in [0, 1]");
  }
  if (!(in.renewable_share >= 0.0 && in.renewable_share <= 1.0) || !(in.grid_kg_per_kwh >= 0.0)) {
    throw std::invalid_argument("energy inputs: renewable_share in [0, 1], grid_kg_per_kwh >= 0");
  }
  if (!(in.gpu_delivered_flops >= 0.0) || !(in.general_delivered_flops >= 0.0) || !(in.general_weight >= 0.0)) {
    throw std::invalid_argument("energy inputs: delivered FLOP/s and weights must be >= 0");
  }
}

EnergyResult simulate_energy_year(const EnergyInputs& in, const PlantParams& p, const Climate& c) {
  validate_plant(p);
  validate_inputs(in);
  validate_climate(c);
  const bool dx = p.air == AirCooling::dx;
  const bool tower = p.rejection == HeatRejection::cooling_tower;
  Context ctx{in, p, c, {}};
  ctx.layers[kPdu] = with_default_unit(in.pdus, p.electrical.pdu_unit_kw);
  ctx.layers[kUps] = with_default_unit(in.ups, p.electrical.ups_unit_kw);
  ctx.layers[kTransformer] = with_default_unit(in.transformers, p.electrical.transformer_unit_kw);
  ctx.layers[kCdu] = with_default_unit(in.cdus, p.liquid.cdu_unit_kw);
  ctx.layers[kAir] = with_default_unit(in.air_units, dx ? p.dx.unit_kw : p.chilled_water.crah_unit_kw);
  ctx.layers[kChiller] = with_default_unit(in.chillers, p.chilled_water.chiller_unit_kw);
  ctx.layers[kRejection] = with_default_unit(in.heat_rejection, tower ? p.tower.unit_kw : p.dry_cooler.unit_kw);
  for (const auto& l : ctx.layers) validate_layer(l);

  EnergyResult result;
  result.hottest_hour = hottest_hour(c);
  std::array<bool, kLayerCount> auto_sized{};
  bool any_auto = false;
  for (std::size_t k = 0; k < kLayerCount; ++k) {
    auto_sized[k] = ctx.layers[k].units == 0;
    any_auto = any_auto || auto_sized[k];
  }
  Pass pass = run_pass(ctx, result.hottest_hour);
  if (any_auto) {
    for (std::size_t k = 0; k < kLayerCount; ++k) {
      if (auto_sized[k] && pass.peak_kw[k] > 0.0) ctx.layers[k].units = units_for_peak(ctx.layers[k], pass.peak_kw[k]);
    }
    pass = run_pass(ctx, result.hottest_hour);
  }
  result.hours = std::move(pass.hours);

  // Annual metrics.
  auto& a = result.annual;
  a.pue_min_hour = std::numeric_limits<double>::infinity();
  double busy_gpu_hours = 0.0;
  double gpus = 0.0;
  double busy_gpu_w = 0.0;
  for (const auto& comp : in.it) {
    if (comp.kind == ItKind::gpu) {
      gpus += comp.count;
      busy_gpu_w = comp.busy_w;
    }
  }
  for (const auto& hr : result.hours) {
    a.it_kwh += hr.it_kw;
    a.gpu_kwh += hr.gpu_kw;
    a.facility_kwh += hr.facility_kw;
    a.cooling_kwh += hr.cooling_kw();
    a.electrical_loss_kwh += hr.pdu_loss_kw + hr.ups_loss_kw + hr.transformer_loss_kw;
    a.misc_kwh += hr.misc_kw;
    a.water_l += hr.water_l;
    a.co2_kg += hr.co2_kg;
    a.composite_flop += hr.composite_flop;
    a.pue_min_hour = std::min(a.pue_min_hour, hr.pue());
    a.pue_max_hour = std::max(a.pue_max_hour, hr.pue());
    a.peak_it_kw = std::max(a.peak_it_kw, hr.it_kw);
    a.peak_facility_kw = std::max(a.peak_facility_kw, hr.facility_kw);
    if (hr.chiller_load_kw <= 0.0 && hr.dx_kw <= 0.0) {
      ++a.free_cooling_hours;
    } else if (hr.free_cooling_kw > 0.0) {
      ++a.partial_free_hours;
    }
    busy_gpu_hours += hr.utilisation * gpus;
  }
  a.pue = a.facility_kwh / a.it_kwh;
  a.wue_l_per_kwh = a.water_l / a.it_kwh;
  a.cue_kg_per_kwh = a.co2_kg / a.it_kwh;
  a.renewable_share = in.renewable_share;
  a.cee_pflop_per_kwh = a.composite_flop / 1e15 / a.facility_kwh;
  a.ccue_pflop_per_kg = a.co2_kg > 0.0 ? a.composite_flop / 1e15 / a.co2_kg : 0.0;
  if (gpus > 0.0 && busy_gpu_w > 0.0) a.card_gflops_per_w = in.gpu_delivered_flops / busy_gpu_w / 1e9;
  if (gpus > 0.0 && a.facility_kwh > 0.0) {
    // FLOP delivered by GPUs over the year / facility joules, i.e. FLOP/s per W of facility power.
    a.card_gflops_per_w_site =
        busy_gpu_hours * in.gpu_delivered_flops * kSecondsPerHour / (a.facility_kwh * 3.6e6) / 1e9;
  }

  // Headroom per layer. Marginal load per kW of extra IT at each layer's peak hour.
  static constexpr const char* kNames[kLayerCount] = {"pdus",      "ups",      "transformers",  "cdus",
                                                      "air_units", "chillers", "heat_rejection"};
  for (std::size_t k = 0; k < kLayerCount; ++k) {
    const auto& l = ctx.layers[k];
    if (pass.peak_kw[k] <= 0.0 && l.units == 0) continue;
    LayerHeadroom lh;
    lh.name = kNames[k];
    lh.redundancy = redundancy_label(l);
    lh.units = l.units;
    lh.unit_kw = l.unit_kw;
    lh.auto_sized = auto_sized[k];
    lh.peak_load_kw = pass.peak_kw[k];
    lh.peak_hour = pass.peak_hour[k];
    lh.hottest_hour_load_kw = pass.hottest_kw[k];
    lh.installed_kw = l.installed_kw();
    lh.degraded_capacity_kw = l.degraded_capacity_kw();
    lh.headroom_kw = lh.degraded_capacity_kw - lh.peak_load_kw;
    lh.peak_load_fraction = l.units > 0 ? l.load_fraction(lh.peak_load_kw) : 0.0;
    const auto& hr = result.hours[static_cast<std::size_t>(lh.peak_hour)];
    const double it = hr.it_kw;
    switch (k) {
      case kPdu:
        lh.load_per_it_kw_air = lh.load_per_it_kw_liquid = 1.0;
        break;
      case kCdu:
        lh.load_per_it_kw_air = 0.0;
        lh.load_per_it_kw_liquid = 1.0;
        break;
      case kAir: {
        const double chain = (hr.heat_air_kw - (it - hr.heat_liquid_kw)) / it;
        lh.load_per_it_kw_air = 1.0 + chain;
        lh.load_per_it_kw_liquid = chain;
        break;
      }
      default:
        lh.load_per_it_kw_air = lh.load_per_it_kw_liquid = lh.peak_load_kw / it;
        break;
    }
    result.layers.push_back(lh);
  }
  return result;
}

long long racks_that_fit(const EnergyResult& r, double rack_it_kw, double rack_liquid_fraction,
                         std::string* limiting_layer) {
  long long best = std::numeric_limits<long long>::max();
  for (const auto& l : r.layers) {
    // The rack's heat to liquid loads the layer like liquid-cooled IT, the rest like air-cooled IT.
    const double per_rack = rack_it_kw * (rack_liquid_fraction * l.load_per_it_kw_liquid +
                                          (1.0 - rack_liquid_fraction) * l.load_per_it_kw_air);
    if (per_rack <= 0.0) continue;
    const long long fit = l.headroom_kw <= 0.0 ? 0 : static_cast<long long>(std::floor(l.headroom_kw / per_rack));
    if (fit < best) {
      best = fit;
      if (limiting_layer) *limiting_layer = l.name;
    }
  }
  return best == std::numeric_limits<long long>::max() ? 0 : best;
}

}  // namespace aidc::models
