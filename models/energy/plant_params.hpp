#pragma once
// PlantParams: the facility's power-chain and cooling-plant parameters, everything the energy model needs besides
// the IT load, the equipment counts and the weather. Loaded from scenarios/plant/*.yaml
// (tools/schema/energy_loader.hpp); every key is documented in scenarios/docs/energy.md.
//
// Defaults below carry their sources with the tags of /work/shared/design/infra-research.md:
//   [V] seen in a primary source, [S] secondary source, [D] derived (method given), [U] engineering assumption.
// The shipped plant files restate every value with its source, so a default here only matters for keys a file
// leaves out.
//
// Units: fractions are dimensionless (power per unit of heat moved, or of IT power), temperatures °C, temperature
// differences K, capacities kW, latent heat kJ/kg.
#include <string>

#include "models/energy/equipment_curves.hpp"

namespace aidc::models {

enum class AirCooling {
  dx,             // CRAC units with their own compressors and air-cooled condensers (direct expansion)
  chilled_water,  // CRAH fan coils on the chilled-water loop
};
enum class HeatRejection { cooling_tower, dry_cooler };
enum class LiquidLoop {
  chilled_water,  // the liquid loop's heat goes into the chilled-water plant (W17-class loops)
  direct,         // warm facility water rejected by towers / dry coolers, chillers only trim when too warm
};
enum class UpsMode { double_conversion, eco };

struct ElectricalParams {
  // MV/LV transformer. [D] from 99.5 % efficiency at 50 % load (liquid-filled 500-2500 kVA rated at 50 % per
  // 10 CFR 431.196, values 99.46-99.65 % [U]) with load loss at rated load = 5 x no-load loss [U]:
  // 0.5 x (1/0.995 - 1) = 0.002513 = a0 + 0.25 a2, a2 = 5 a0 -> a0 = 0.001117, a2 = 0.005584.
  LossCoefficients transformer{0.001117, 0.0, 0.005584};
  double transformer_unit_kw = 2500.0;  // [U] typical 2.5 MVA unit substation transformer
  // UPS, double conversion: infra-research 1.2.1 illustrative WP113 curve [D/U], gives 93.9 % at 25 %, 95.9 % at
  // 50 %, 96.6 % at 100 % load, inside the vendor range 94-97 % [S] (Schneider Galaxy VS, Eaton 9PX blogs).
  LossCoefficients ups_double_conversion{0.012, 0.015, 0.008};
  // UPS, eco mode (bypass path): [D] sized to the vendor claim "up to 99 %" [S]: 98.9 % at 50 %, 98.4 % at 25 %.
  LossCoefficients ups_eco{0.003, 0.004, 0.002};
  UpsMode ups_mode = UpsMode::double_conversion;
  double ups_unit_kw = 1250.0;  // [U] 1.25 MW modular UPS frame (as scenarios/ref/site-10k-h100-liquid.yaml)
  // PDU / busway: resistive (square-law) loss of 1 % of rating at full load [U]; no transformer in the PDU.
  LossCoefficients pdu{0.0, 0.0, 0.01};
  double pdu_unit_kw = 100.0;  // [U] per-rack PDU pair share
  // Fraction of UPS and PDU losses released inside cooled spaces (EnergyPlus ElectricEquipment:ITE:AirCooled
  // "UPS loss fraction to zone" concept [V]); 1 = the electrical rooms are cooled by the same plant [U].
  double chain_loss_to_cooling = 1.0;
  // Lighting, offices, security as a fraction of IT power [U]; not cooled by the IT plant.
  double misc_fraction_of_it = 0.005;
};

struct DxParams {
  // COP = carnot_fraction x T_evap / (T_cond - T_evap) (kelvin), T_cond = max(dry bulb + condenser_approach_k,
  // min_condensing_c). carnot_fraction [D]: AHRI rating at 35 °C outdoor, EER 10 (Btu/Wh) = COP 2.93 [U typical
  // air-cooled DX], T_evap 7 °C, T_cond 50 °C -> 280.15 / 43 = 6.52 -> 2.93 / 6.52 = 0.45.
  double carnot_fraction = 0.45;
  double evaporating_c = 7.0;          // [U]
  double condenser_approach_k = 15.0;  // [U] condensing temperature above outdoor dry bulb
  double min_condensing_c = 30.0;      // [U] head-pressure control floor
  double fan_fraction = 0.08;          // [D] 0.5 W/cfm x 160 cfm/kW (ΔT 11 K) = 80 W per kW (infra-research 1.2.5)
  double unit_kw = 100.0;              // [U] CRAC unit capacity, kW of heat
  double cop(double dry_bulb_c) const;
};

struct ChilledWaterParams {
  // York YT 1055 kW centrifugal chiller, DOE-2 EIR curves as in Modelica Buildings record
  // ElectricEIRChiller_York_YT_1055kW_5_96COP_Vanes [V] (lbl-srg/modelica-buildings): COP 5.96 at 6.67 °C / 29.44 °C.
  ChillerEir chiller{5.96,
                     {0.1785912, -0.05900023, -0.0005946963, 0.09297889, -0.002841024, 0.004974221},
                     {0.5245110, -0.02850126, 0.0008034720, 0.01893133, 0.0001151629, -0.00009340642},
                     {0.2619878, 0.2393605, 0.4988306},
                     4.44,
                     8.89,
                     12.78,
                     35.0,
                     0.1};
  double chiller_unit_kw = 1055.0;     // [V] same record
  double stage_up_plr = 0.8;           // [U] start another chiller above 80 % part load (EIR/PLR minimum near 0.7)
  double supply_c = 8.0;               // CHW setpoint 8 °C, Modelica DataCenters PartialDataCenter [V]
  double return_c = 18.0;              // [D] 18.56 °C design return in the same example, rounded down
  double crah_fan_fraction = 0.048;    // [D] 0.3 W/cfm EC fans x 160 cfm/kW (ΔT 11 K)
  double crah_unit_kw = 150.0;         // [U]
  double chw_pump_fraction = 0.0125;   // [D] ASHRAE 90.1 App. G 22 W/gpm at ΔT 12 °F = 1.76 kW/gpm -> 1.25 %
  double cw_pump_fraction = 0.005;     // [D] Modelica example: 112 kPa at 34.7 kg/s, 70 % eff. -> 0.5 % of heat
  bool economiser = true;              // waterside economiser (plate heat exchanger) before the chillers
  double economiser_approach_k = 2.0;  // [U] plate heat-exchanger approach
};

struct TowerParams {
  // Approach (leaving water - wet bulb) vs wet bulb, range 5.56 K, L/G 1 [D] from the YorkCalc correlation
  // (Modelica Buildings yorkCalc.mo coefficients [V]) in infra-research 1.2.4.
  PiecewiseLinear approach_k{{0.0, 10.0, 20.0, 25.6}, {11.2, 7.8, 5.1, 3.8}};
  double min_leaving_c = 15.56;                // condenser-water reset floor, Modelica PartialDataCenter [V]
  double fan_fraction = 0.017;                 // [D] 18 kW fan per ~1,070 kW rejected, Modelica PartialDataCenter
  double latent_fraction = 0.85;               // [U] share of heat rejected by evaporation (80-90 %)
  double latent_heat_kj_per_kg = 2430.0;       // [D] water at ~30 °C
  double cycles_of_concentration = 4.0;        // [D] blowdown = evaporation / (COC - 1) (infra-research 1.4)
  double drift_fraction_of_evaporation = 0.0;  // [U] drift ~0.001-0.005 % of circulating flow: neglected
  double unit_kw = 4000.0;                     // [U]
};

struct DryCoolerParams {
  double approach_k = 6.0;      // [U] leaving fluid above outdoor dry bulb at design
  double fan_fraction = 0.025;  // [U] fan power per kW rejected
  double unit_kw = 1000.0;      // [U]
};

struct LiquidParams {
  // Fraction of a liquid-cooled compute rack's heat captured by liquid: cold plate 0.8 (70-85 % [U], ~94 % GB200
  // tray [S]); immersion 1.0. Storage and network racks stay on air.
  double liquid_fraction = 0.8;
  LiquidLoop loop = LiquidLoop::direct;
  // Facility water supply temperature limit, the ASHRAE TC 9.9 liquid class (W17, W27, W32, W40, W45: the number
  // is the maximum facility supply temperature in °C [S] (2021 classes)).
  std::string w_class = "W32";
  double facility_supply_c = 32.0;  // setpoint, <= the class limit
  double facility_delta_k = 10.0;   // [S] OCP OAI liquid-cooling guideline ΔT <= 10 K at 1.5 L/min/kW
  double cdu_approach_k = 4.0;      // [S] CDU approach 3-5 K (Boyd 3 °C, CoolIT 5 °C)
  double cdu_pump_fraction = 0.01;  // [D] 1.5 L/min/kW at 2.5 bar, 60 % wire-to-water -> ~1 % of heat
  double fw_pump_fraction = 0.005;  // [D] as the condenser-water pumps
  double cdu_unit_kw = 800.0;       // [U]
};

struct PlantParams {
  std::string name;
  std::string description;
  ElectricalParams electrical;
  AirCooling air = AirCooling::chilled_water;
  HeatRejection rejection = HeatRejection::cooling_tower;
  DxParams dx;
  ChilledWaterParams chilled_water;
  TowerParams tower;
  DryCoolerParams dry_cooler;
  bool liquid_cooling = false;  // compute racks are liquid-cooled (cold plate or immersion)
  LiquidParams liquid;
};

// Maximum facility supply temperature of an ASHRAE W class ("W17" ... "W45"); throws for another name.
double w_class_max_supply_c(const std::string& w_class);

// Throws std::invalid_argument naming the first inconsistent field.
void validate_plant(const PlantParams& p);

}  // namespace aidc::models
