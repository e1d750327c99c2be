#pragma once
// ScoreInputs: the named values a scoring rubric reads, and the catalogue of every name that exists.
//
// A rubric indicator names its input by key (e.g. "pue", "cdu_redundancy", "fire_alarm"); the rubric loader
// rejects a key that is not in kScoreInputKeys, and tools/cli/score_inputs.cpp fills the map from three
// places: simulated metrics (models/metrics.hpp), facts of the built site and its hardware profile, and facts
// the scenario declares in its `scoring` section. A value that no stage produced is empty: the engine reports
// that indicator as "not evaluated" and never makes a number up.
//
// Encodings (documented for users in scenarios/docs/scoring.md):
//   - booleans are 0 / 1;
//   - redundancy of a power or cooling layer is a class: 0 = N, 1 = N+1, 2 = N+2 or more spares,
//     3 = 2N, 4 = 2(N+X); a distributed "K-to-make-M" layer counts as N+(K-M);
//   - monitoring power source: 0 = none declared, 1 = utility only, 2 = UPS only, 3 = UPS + utility.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace aidc::models {

enum class InputOrigin { simulated, model, hardware, topology, declared };
const char* to_string(InputOrigin o);

struct InputKey {
  const char* name;
  const char* unit;
  InputOrigin origin;
  const char* meaning;
};

inline constexpr InputKey kScoreInputKeys[] = {
    // Simulated headline metrics (models/metrics.hpp), empty until their stage runs.
    {"mfu", "fraction", InputOrigin::simulated, "model FLOPs utilisation of the reference training job"},
    {"linearity", "fraction", InputOrigin::simulated, "scaling efficiency from one node to the job's full size"},
    {"cluster_effective_compute", "fraction", InputOrigin::simulated, "delivered / theoretical compute"},
    {"pue", "ratio", InputOrigin::simulated, "annual facility energy / IT energy"},
    {"wue_l_per_kwh", "L/kWh", InputOrigin::simulated, "annual site water / IT energy"},
    {"cue_kg_per_kwh", "kg CO2e/kWh", InputOrigin::simulated, "annual emissions / IT energy"},
    {"mtbf_hours", "h", InputOrigin::simulated, "mean time between job interruptions"},
    {"mttr_hours", "h", InputOrigin::simulated, "mean time from interruption to running again"},
    {"ettr", "fraction", InputOrigin::simulated, "effective training time ratio"},
    {"availability", "fraction", InputOrigin::simulated, "GPU-hour availability of the site"},
    // Performance-model figures of the built fabric.
    {"rdma_effective_bandwidth", "fraction", InputOrigin::model,
     "point-to-point RDMA bandwidth achieved / line rate, 1 GiB message"},
    // Hardware profile.
    {"peak_tflops_per_gpu", "TFLOP/s", InputOrigin::hardware, "dense BF16 peak of one GPU"},
    {"tflops_per_watt", "TFLOP/s per W", InputOrigin::hardware, "dense BF16 peak / GPU TDP"},
    // Built site.
    {"gpus", "GPUs", InputOrigin::topology, "GPUs in the site"},
    {"latency_same_leaf_us", "us", InputOrigin::topology, "one-way GPU-to-GPU latency under one switch"},
    {"latency_three_hops_us", "us", InputOrigin::topology, "one-way latency across leaf-spine-leaf"},
    {"dual_tor", "0/1", InputOrigin::topology, "dual-port NICs, each port to a different leaf"},
    {"leaf_oversubscription", "ratio", InputOrigin::topology, "leaf down:up bandwidth"},
    {"storage_miops_per_pb", "M IOPS/PB", InputOrigin::topology, "storage IOPS per usable PB (0: no storage)"},
    {"storage_gb_per_s_per_pb", "GB/s per PB", InputOrigin::topology, "storage read bandwidth per usable PB"},
    {"storage_failures_tolerated", "nodes", InputOrigin::topology, "storage nodes that may fail without data loss"},
    {"utility_redundancy", "class", InputOrigin::topology, "utility feeds redundancy class"},
    {"transformer_redundancy", "class", InputOrigin::topology, "transformer redundancy class"},
    {"ups_redundancy", "class", InputOrigin::topology, "UPS redundancy class"},
    {"pdu_redundancy", "class", InputOrigin::topology, "rack PDU redundancy class"},
    {"generators_present", "0/1", InputOrigin::topology, "on-site backup generation"},
    {"cdu_redundancy", "class", InputOrigin::topology, "liquid-cooling CDU redundancy class (empty: no CDUs)"},
    {"cooling_plant_redundancy", "class", InputOrigin::topology,
     "lowest redundancy class of CRAHs, chillers, towers and dry coolers present"},
    // Declared in the scenario's `scoring` section; an undeclared feature counts as absent (0).
    {"monitoring_24x7", "0/1", InputOrigin::declared, "24/7 physical monitoring without blind spots"},
    {"fire_alarm", "0/1", InputOrigin::declared, "automatic fire alarm system"},
    {"certified_staff", "0/1", InputOrigin::declared, "electrical, HVAC and low-voltage staff hold certificates"},
    {"ops_equipment_ratio", "fraction", InputOrigin::declared, "ops equipment count / ops headcount"},
    {"security_zoning", "0/1", InputOrigin::declared, "network security zoning"},
    {"diverse_fibre_routes", "routes", InputOrigin::declared, "non-overlapping duct routes to the outside"},
    {"monitoring_power", "class", InputOrigin::declared, "power source of the monitoring system"},
    {"service_offerings", "count", InputOrigin::declared,
     "offered services among infrastructure, compute leasing, model services"},
    {"ipmi_redfish_monitoring", "0/1", InputOrigin::declared, "out-of-band IPMI/Redfish and in-band monitoring"},
    {"automated_ops", "0/1", InputOrigin::declared, "automated operations (fault handling without manual steps)"},
    {"maintenance_planning", "0/1", InputOrigin::declared, "planned maintenance management"},
    {"capacity_management", "0/1", InputOrigin::declared, "capacity management at system, room, rack, device level"},
    {"ai_energy_saving", "0/1", InputOrigin::declared, "AI-controlled energy saving (cooling set points)"},
    {"energy_aware_scheduling", "0/1", InputOrigin::declared, "energy- or carbon-aware workload scheduling"},
    {"renewable_share", "fraction", InputOrigin::declared, "renewable electricity / total electricity"},
    {"storage_availability_nines", "nines", InputOrigin::declared,
     "storage availability as -log10(1 - A), declared by the storage design (empty: not declared)"},
};

// The catalogue entry of `name`, or nullptr.
const InputKey* find_input_key(std::string_view name);

struct InputValue {
  std::optional<double> value;  // empty: not available (not modelled, not applicable, not declared)
  std::string source;           // where it came from, e.g. "simulated: energy", "topology: cooling.cdus"
};

using ScoreInputs = std::map<std::string, InputValue, std::less<>>;

}  // namespace aidc::models
