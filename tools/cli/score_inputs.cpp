#include "tools/cli/score_inputs.hpp"

#include <algorithm>
#include <exception>

#include "models/perf/cluster_view.hpp"

namespace aidc::cli {
namespace {

// Redundancy classes (models/score/score_input.hpp).
constexpr double kClassN = 0.0;
constexpr double kClassMaxSpares = 2.0;  // N+2 or more spares
constexpr double kClass2N = 3.0;
constexpr double kClass2NPlusX = 4.0;
// Unit conversions.
constexpr double kIopsPerMiops = 1e6;
constexpr const char* kSimulatedKeys[] = {"mfu",         "linearity",     "cluster_effective_compute",
                                          "pue",         "wue_l_per_kwh", "cue_kg_per_kwh",
                                          "mtbf_hours",  "mttr_hours",    "ettr",
                                          "availability"};

void put(models::ScoreInputs& in, const std::string& key, std::optional<double> v, std::string source) {
  in[key] = models::InputValue{v, std::move(source)};
}

double flag(bool b) {
  return b ? 1.0 : 0.0;
}

void put_layer(models::ScoreInputs& in, const std::string& key, const topo::Site& site, topo::LayerId id) {
  const topo::LayerPlan& l = site.layer(id);
  if (!l.present) {
    put(in, key, std::nullopt, "topology: " + topo::layer_path(id) + " absent");
    return;
  }
  put(in, key, redundancy_class(l.redundancy),
      "topology: " + topo::layer_path(id) + " " + topo::to_string(l.redundancy));
}

}  // namespace

double redundancy_class(const topo::Redundancy& r) {
  switch (r.kind) {
    case topo::RedundancyKind::n:
      return kClassN;
    case topo::RedundancyKind::n_plus_x:
      return std::min(static_cast<double>(r.x), kClassMaxSpares);
    case topo::RedundancyKind::distributed:
      return std::min(static_cast<double>(r.of - r.make), kClassMaxSpares);
    case topo::RedundancyKind::two_n:
      return kClass2N;
    case topo::RedundancyKind::two_n_plus_x:
      return kClass2NPlusX;
  }
  return kClassN;
}

models::ScoreInputs collect_score_inputs(const tools::Scenario& sc, const topo::Site& site,
                                         const models::Metrics& metrics, const tools::ScoringSpec& spec) {
  models::ScoreInputs in;
  for (const char* key : kSimulatedKeys) {
    const models::MetricValue* mv = metrics.find(key);
    if (mv && mv->value) {
      put(in, key, mv->value, "simulated: " + (mv->source.empty() ? std::string("pipeline") : mv->source));
    } else {
      put(in, key, std::nullopt, "simulated: not modelled");
    }
  }

  const topo::FabricSpec& fab = sc.site_spec.network.fabric;
  try {
    const models::ClusterView view =
        models::make_cluster_view(sc.hardware, site.gpus(), static_cast<int>(site.gpus_per_node()),
                                  static_cast<int>(fab.nics_per_node), fab.port_gbps);
    put(in, "rdma_effective_bandwidth", models::network_figures(view).p2p_effective_bandwidth,
        "model: perf network_figures, 1 GiB point-to-point");
  } catch (const std::exception& e) {
    put(in, "rdma_effective_bandwidth", std::nullopt, std::string("model: not available (") + e.what() + ")");
  }

  double peak = sc.hardware.peak(models::Precision::bf16);
  if (peak <= 0.0) peak = sc.hardware.peak(models::Precision::fp16);
  put(in, "peak_tflops_per_gpu", peak, "hardware: " + sc.hardware.name + " dense BF16");
  put(in, "tflops_per_watt", sc.hardware.tdp_w > 0.0 ? std::optional<double>(peak / sc.hardware.tdp_w) : std::nullopt,
      "hardware: " + sc.hardware.name + " peak / TDP");

  put(in, "gpus", static_cast<double>(site.gpus()), "topology: compute.gpus");
  const topo::LatencyUs lat = site.latency_us();
  put(in, "latency_same_leaf_us", lat.same_leaf, "topology: 2 NICs + 1 switch + 2 cables");
  put(in, "latency_three_hops_us", lat.cross_spine, "topology: 2 NICs + 3 switches + 4 cables");
  put(in, "dual_tor", flag(fab.dual_tor), "topology: network.fabric.dual_tor");
  put(in, "leaf_oversubscription", site.leaf_oversubscription(), "topology: network.fabric.oversubscription.leaf");

  const auto& st = sc.site_spec.storage;
  if (st && st->nodes > 0) {
    const topo::StorageSummary s = site.storage();
    put(in, "storage_miops_per_pb", s.iops_per_pb / kIopsPerMiops, "topology: storage");
    put(in, "storage_gb_per_s_per_pb", s.read_gb_per_s_per_pb, "topology: storage");
    const bool rep = st->protection == topo::ProtectionKind::replication;
    put(in, "storage_failures_tolerated", static_cast<double>(rep ? st->copies - 1 : st->ec_m),
        rep ? "topology: storage replication " + std::to_string(st->copies) + " copies"
            : "topology: storage erasure " + std::to_string(st->ec_k) + "+" + std::to_string(st->ec_m));
  } else {
    for (const char* key : {"storage_miops_per_pb", "storage_gb_per_s_per_pb", "storage_failures_tolerated"}) {
      put(in, key, 0.0, "topology: no storage");
    }
  }

  put_layer(in, "utility_redundancy", site, topo::LayerId::utility_feeds);
  put_layer(in, "transformer_redundancy", site, topo::LayerId::transformers);
  put_layer(in, "ups_redundancy", site, topo::LayerId::ups);
  put_layer(in, "pdu_redundancy", site, topo::LayerId::pdus);
  put(in, "generators_present", flag(site.layer(topo::LayerId::generators).present), "topology: power.generators");
  put_layer(in, "cdu_redundancy", site, topo::LayerId::cdus);
  std::optional<double> plant;
  std::string plant_src = "topology:";
  for (topo::LayerId id :
       {topo::LayerId::crahs, topo::LayerId::chillers, topo::LayerId::cooling_towers, topo::LayerId::dry_coolers}) {
    const topo::LayerPlan& l = site.layer(id);
    if (!l.present) continue;
    const double c = redundancy_class(l.redundancy);
    plant = plant ? std::min(*plant, c) : c;
    plant_src += " " + topo::layer_path(id) + " " + topo::to_string(l.redundancy);
  }
  put(in, "cooling_plant_redundancy", plant, plant ? plant_src : "topology: no cooling plant");

  const std::string d = "declared: scoring.";
  auto declared = [&](const char* key, bool v) { put(in, key, flag(v), d + key + (v ? "" : " (not declared)")); };
  declared("monitoring_24x7", spec.monitoring_24x7);
  declared("fire_alarm", spec.fire_alarm);
  declared("certified_staff", spec.certified_staff);
  declared("security_zoning", spec.security_zoning);
  if (spec.ops_headcount) {
    put(in, "ops_equipment_ratio", static_cast<double>(spec.ops_equipment) / static_cast<double>(*spec.ops_headcount),
        d + "ops_equipment / ops_headcount = " + std::to_string(spec.ops_equipment) + " / " +
            std::to_string(*spec.ops_headcount));
  } else {
    put(in, "ops_equipment_ratio", 0.0, d + "ops_headcount (not declared)");
  }
  put(in, "diverse_fibre_routes", static_cast<double>(spec.diverse_fibre_routes), d + "diverse_fibre_routes");
  put(in, "monitoring_power", static_cast<double>(spec.monitoring_power),
      d + "monitoring_power " + tools::to_string(spec.monitoring_power));
  put(in, "service_offerings", static_cast<double>(spec.services.size()), d + "services");
  declared("ipmi_redfish_monitoring", spec.ipmi_redfish_monitoring);
  declared("automated_ops", spec.automated_ops);
  declared("maintenance_planning", spec.maintenance_planning);
  declared("capacity_management", spec.capacity_management);
  declared("ai_energy_saving", spec.ai_energy_saving);
  declared("energy_aware_scheduling", spec.energy_aware_scheduling);
  put(in, "renewable_share", spec.renewable_share, d + "renewable_share");
  put(in, "storage_availability_nines", spec.storage_availability_nines,
      spec.storage_availability_nines ? d + "storage_availability_nines"
                                      : d + "storage_availability_nines (not declared)");
  return in;
}

}  // namespace aidc::cli
