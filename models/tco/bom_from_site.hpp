#pragma once
// Bill of materials of a built site: what the TCO model prices (tco_model.hpp). Every count comes from the
// topology builder (topo::Site), so a design variant's BOM follows its scenario exactly: switches and links
// from the fabric plans, transceivers per link from network.optics_per_link, power and cooling units from
// the equipment layers (given or sized from the load, redundancy included), racks and rack power from the
// rack layout. Hot spare nodes (reliability.hot_spare_nodes) are servers bought on top of the compute nodes.
// Complexity: O(racks) (the densest rack).
#include <cstdint>
#include <string>

#include "models/tco/tco_model.hpp"
#include "topology/site.hpp"

namespace aidc::models {

BillOfMaterials bom_from_site(const topo::Site& site, const std::string& gpu_type, int64_t spare_nodes);

}  // namespace aidc::models
