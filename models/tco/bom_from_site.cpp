#include "models/tco/bom_from_site.hpp"

#include <algorithm>

namespace aidc::models {
namespace {

// Transceivers and their summed line rate on the links of one fabric plan. The storage network's links use the
// compute fabric's optics-per-link settings, exactly as topo::Site::optics() counts them.
void add_optics(const topo::FabricPlan& p, const topo::FabricSpec& f, double port_gbps, BillOfMaterials& b) {
  const int64_t n = p.host_leaf_links() * f.host_leaf_optics_per_link +
                    p.leaf_spine_links() * f.leaf_spine_optics_per_link +
                    p.spine_core_links() * f.spine_core_optics_per_link;
  b.optics += n;
  b.optics_gbps += static_cast<double>(n) * port_gbps;
}

}  // namespace

BillOfMaterials bom_from_site(const topo::Site& site, const std::string& gpu_type, int64_t spare_nodes) {
  BillOfMaterials b;
  b.gpu_type = gpu_type;
  b.gpus = site.gpus();
  b.compute_nodes = site.nodes();
  b.spare_nodes = spare_nodes;
  b.compute_racks = site.compute_racks();
  b.storage_racks = site.storage_racks();
  b.network_racks = site.network_racks();
  const topo::SwitchCounts sw = site.switches_by_tier();
  b.leaf_switches = sw.leaf;
  b.spine_switches = sw.spine;
  b.core_switches = sw.core;
  const topo::FabricSpec& f = site.spec().network.fabric;
  b.switch_ports = sw.total() * f.switch_radix;
  add_optics(site.fabric(), f, f.port_gbps, b);
  if (site.storage_fabric()) {
    const topo::StorageNetworkSpec& sn = *site.spec().network.storage_network;
    b.storage_switches = site.storage_switches_by_tier().total();
    b.switch_ports += b.storage_switches * sn.switch_radix;
    add_optics(*site.storage_fabric(), f, sn.port_gbps, b);
  }
  b.links = site.links();
  b.storage_nodes = site.storage_nodes();
  b.storage_raw_tb = site.storage().raw_tb;
  for (int l = 0; l < topo::kLayerCount; ++l) {
    const topo::LayerPlan& p = site.layer(static_cast<topo::LayerId>(l));
    LayerBom& lb = b.layers[static_cast<size_t>(l)];
    lb.present = p.present;
    if (!p.present) continue;
    lb.units = p.units();
    lb.unit_kw = p.unit_kw;
  }
  b.it_kw = site.it_power_kw();
  for (int64_t r = 0; r < site.racks(); ++r) b.max_rack_kw = std::max(b.max_rack_kw, site.rack_it_kw(r));
  return b;
}

}  // namespace aidc::models
