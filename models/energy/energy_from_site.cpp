#include "models/energy/energy_from_site.hpp"

#include <algorithm>

namespace aidc::models {
namespace {

RedundancyKind convert(topo::RedundancyKind k) {
  switch (k) {
    case topo::RedundancyKind::n:
      return RedundancyKind::n;
    case topo::RedundancyKind::n_plus_x:
      return RedundancyKind::n_plus_x;
    case topo::RedundancyKind::two_n:
      return RedundancyKind::two_n;
    case topo::RedundancyKind::two_n_plus_x:
      return RedundancyKind::two_n_plus_x;
    case topo::RedundancyKind::distributed:
      return RedundancyKind::distributed;
  }
  return RedundancyKind::n;
}

void copy_layer(const topo::Site& site, topo::LayerId id, EquipmentLayer& out) {
  const auto& plan = site.layer(id);
  if (!plan.present) return;
  out.units = plan.units();
  out.unit_kw = plan.unit_kw;
  out.redundancy = convert(plan.redundancy.kind);
  out.x = plan.redundancy.x;
  out.make = plan.redundancy.make;
  out.of = plan.redundancy.of;
  // Per-row / per-group layers are independent pools (equipment_layer.hpp): the most loaded group limits.
  out.groups = std::max<int64_t>(1, plan.groups);
  double total = 0.0, most = 0.0;
  for (const double kw : plan.group_load_kw) {
    total += kw;
    most = std::max(most, kw);
  }
  out.max_group_share = (out.groups > 1 && total > 0.0) ? most / total : 1.0;
}

}  // namespace

EnergyInputs energy_inputs_from_site(const topo::Site& site, const GpuPowerProfile& gpu, const PhaseMix& mix,
                                     double host_idle_w) {
  const auto& spec = site.spec();
  const bool liquid = spec.cooling.kind != topo::CoolingKind::air;
  EnergyInputs in;
  const auto gpus = static_cast<double>(site.gpus());
  const auto nodes = static_cast<double>(site.nodes());
  const double host_busy_w = std::max(0.0, site.node_power_w() - static_cast<double>(site.gpus_per_node()) * gpu.tdp_w);
  in.it.push_back({"gpu " + gpu.name, ItKind::gpu, gpus, gpu.idle_w, gpu.busy_w(mix), true, liquid});
  in.it.push_back({"host", ItKind::host, nodes, std::min(host_idle_w, host_busy_w), host_busy_w, true, liquid});
  if (spec.compute.rack_overhead_w > 0.0) {
    in.it.push_back({"rack overhead", ItKind::other, static_cast<double>(site.compute_racks()),
                     spec.compute.rack_overhead_w, spec.compute.rack_overhead_w, false, liquid});
  }
  in.it.push_back({"fabric switch", ItKind::network, static_cast<double>(site.fabric().switches()),
                   spec.network.fabric.switch_power_w, spec.network.fabric.switch_power_w, false, false});
  if (site.storage_fabric() && spec.network.storage_network) {
    const double w = spec.network.storage_network->switch_power_w;
    in.it.push_back({"storage switch", ItKind::network, static_cast<double>(site.storage_fabric()->switches()), w, w,
                     false, false});
  }
  if (spec.storage && site.storage_nodes() > 0) {
    const double w = spec.storage->node_power_w;
    in.it.push_back({"storage node", ItKind::storage, static_cast<double>(site.storage_nodes()), w, w, false, false});
  }
  copy_layer(site, topo::LayerId::transformers, in.transformers);
  copy_layer(site, topo::LayerId::ups, in.ups);
  copy_layer(site, topo::LayerId::pdus, in.pdus);
  copy_layer(site, topo::LayerId::cdus, in.cdus);
  copy_layer(site, topo::LayerId::crahs, in.air_units);
  copy_layer(site, topo::LayerId::chillers, in.chillers);
  if (site.layer(topo::LayerId::cooling_towers).present) {
    copy_layer(site, topo::LayerId::cooling_towers, in.heat_rejection);
  } else {
    copy_layer(site, topo::LayerId::dry_coolers, in.heat_rejection);
  }
  in.gpu_delivered_flops = gpu.delivered_tflops * 1e12;
  return in;
}

void apply_site_cooling(const topo::Site& site, PlantParams& plant) {
  const auto& c = site.spec().cooling;
  plant.liquid_cooling = c.kind != topo::CoolingKind::air && c.liquid_fraction > 0.0;
  plant.liquid.liquid_fraction = c.liquid_fraction;
  plant.liquid.loop = c.liquid_through_chillers ? LiquidLoop::chilled_water : LiquidLoop::direct;
  if (site.layer(topo::LayerId::cooling_towers).present) {
    plant.rejection = HeatRejection::cooling_tower;
  } else if (site.layer(topo::LayerId::dry_coolers).present) {
    plant.rejection = HeatRejection::dry_cooler;
  }
}

}  // namespace aidc::models
