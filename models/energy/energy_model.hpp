#pragma once
// Energy model: one year (8,760 hours) of facility power, water and carbon for an AI computing centre, from the
// IT load, the plant (power chain + cooling) and the hourly weather.
//
// Per hour h, with u = utilisation(h), dry bulb T_db and wet bulb T_wb:
//  1. IT power by component (it_power.hpp); heat split: liquid-cooled racks send liquid_fraction of their heat to
//     the CDUs, everything else (and chain_loss_to_cooling of the UPS/PDU losses) heats the room air.
//  2. Power chain, downstream to upstream: PDU loss on IT, UPS loss on IT + PDU loss, transformer loss on
//     everything the site draws. Each layer's units share its load equally, so the unit load fraction (and so the
//     efficiency from its WP113 loss curve, equipment_curves.hpp) depends on the redundancy (2N <= 50 %).
//  3. Air path: CRAH fans + chilled water, or DX CRAC units (fans + compressors with COP vs T_db).
//     Liquid path: CDU pumps; facility water at the W-class setpoint either goes straight to towers / dry coolers
//     (free whenever the heat-rejection leaving temperature is below the return temperature, chillers trim the
//     rest) or joins the chilled-water loop.
//  4. Chilled-water plant: waterside economiser precools the return water when the tower / dry-cooler leaving
//     temperature (+ heat-exchanger approach) is below it; chillers (DOE-2 EIR curves, staged) carry the rest with
//     the condenser at the tower / dry-cooler leaving temperature (floored by the condenser-water reset).
//  5. Heat rejection: tower leaving = T_wb + approach(T_wb); dry cooler leaving = T_db + approach. Fans per kW
//     rejected; towers evaporate latent_fraction of the heat (3600 kJ / latent heat per kWh) plus blowdown
//     evaporation / (COC - 1) plus drift.
//  6. Metrics and layer headroom (energy_result.hpp).
// Layers with units = 0 are sized from a first pass's peak loads, then the year is computed again.
//
// Complexity: O(hours x components); a 100k-GPU site's year takes well under 1 ms (tests/bench/bench_energy.cpp).
// Thread safety: pure function of its arguments.
#include "models/energy/climate.hpp"
#include "models/energy/energy_inputs.hpp"
#include "models/energy/energy_result.hpp"
#include "models/energy/plant_params.hpp"

namespace aidc::models {

// Throws std::invalid_argument on inconsistent inputs (validate_plant, validate_inputs, validate_climate).
EnergyResult simulate_energy_year(const EnergyInputs& inputs, const PlantParams& plant, const Climate& climate);

}  // namespace aidc::models
