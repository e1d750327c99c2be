#include "models/energy/it_power.hpp"

#include <cmath>

namespace aidc::models {

std::vector<ItComponent> make_gpu_site(double gpus, const GpuPowerProfile& gpu, const PhaseMix& mix,
                                       const ItSupportPower& s, bool liquid_racks) {
  const double nodes = std::ceil(gpus / s.gpus_per_node);
  const double ports = nodes * s.nics_per_node;
  std::vector<ItComponent> it;
  it.push_back({"gpu " + gpu.name, ItKind::gpu, gpus, gpu.idle_w, gpu.busy_w(mix), true, liquid_racks});
  it.push_back({"host", ItKind::host, nodes, s.host_idle_w, s.host_busy_w, true, liquid_racks});
  it.push_back(
      {"nic + optic", ItKind::network, ports, s.nic_w + s.nic_optic_w, s.nic_w + s.nic_optic_w, false, liquid_racks});
  it.push_back(
      {"fabric switch", ItKind::network, std::ceil(ports * s.switches_per_port), s.switch_w, s.switch_w, false, false});
  it.push_back({"storage node", ItKind::storage, std::ceil(gpus / 1000.0 * s.storage_nodes_per_1000_gpus),
                s.storage_node_w, s.storage_node_w, false, false});
  return it;
}

std::vector<ItComponent> make_constant_it(double it_kw, bool liquid_racks) {
  return {{"it load", ItKind::other, 1.0, it_kw * 1e3, it_kw * 1e3, false, liquid_racks}};
}

}  // namespace aidc::models
