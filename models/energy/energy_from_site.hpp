#pragma once
// Adapter from the built site (topology/site.hpp) to the energy model's plain inputs, so that a scenario's compute,
// network, storage, power and cooling sections drive the hourly energy model without restating them.
//
// What it takes from the Site:
//  - IT: GPUs (power by phase from the GPU profile), nodes (node power minus the GPUs' TDP = host power at full
//    load; the node power of the site includes NICs), per-rack overhead (e.g. NVLink switch trays), fabric and
//    storage-network switches (switch_power_w, optics included), storage nodes (node_power_w). Compute racks are
//    liquid-cooled when the scenario's cooling kind is not `air`.
//  - Layers: transformers, UPS, PDUs, CDUs, CRAHs (air units), chillers, cooling towers or else dry coolers, with their
//    unit counts, unit sizes and redundancy, and per-row / per-group layers as independent pools limited by their
//    most loaded group (see equipment_layer.hpp).
//  - Cooling (apply_site_cooling): liquid cooling on/off and liquid_fraction, whether the liquid loop goes through
//    the chillers, and towers vs dry coolers. DX vs chilled water, temperatures and curves stay with the plant file.
// Invariant: with PhaseMix{1, 0, 0}, compute_fraction 1 and the profile's TDP equal to the site's GPU power, the IT
// power at utilisation 1 equals Site::it_power_kw().
#include "models/energy/energy_inputs.hpp"
#include "models/energy/it_power.hpp"
#include "models/energy/plant_params.hpp"
#include "topology/site.hpp"

namespace aidc::models {

// `host_idle_w` caps the idle power of a node's non-GPU parts (ItSupportPower::host_idle_w).
EnergyInputs energy_inputs_from_site(const topo::Site& site, const GpuPowerProfile& gpu, const PhaseMix& mix,
                                     double host_idle_w);

// Overrides the plant's cooling topology with the site's (liquid fraction, liquid loop, heat-rejection kind).
void apply_site_cooling(const topo::Site& site, PlantParams& plant);

}  // namespace aidc::models
