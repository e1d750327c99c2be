#pragma once
// IT power: electrical power of the IT equipment by component class, as a function of the fraction of GPUs that
// are busy (hourly utilisation u in [0, 1]) and of the busy GPUs' phase mix.
//
//   GPU:      P = count x [u x Σ_phase share_phase x power_fraction_phase x tdp + (1 - u) x idle_w]
//   host:     P = count x [idle_w + u x (busy_w - idle_w)]     (CPUs, memory, fans, PSU loss of a GPU node)
//   network, storage, NIC optics: constant (their power barely moves with load [U]).
//
// Phases (issue 7): compute-bound, communication-bound, checkpoint; GPUs that are not allocated (restarts,
// failures, idle capacity) draw idle power. The reliability model will later supply the hourly u; the default is
// a constant u documented in scenarios/docs/energy.md.
//
// Units: W per unit (`_w`), kW for totals.
#include <string>
#include <vector>

namespace aidc::models {

enum class ItKind { gpu, host, network, storage, other };

// One class of identical IT components.
struct ItComponent {
  std::string name;
  ItKind kind = ItKind::other;
  double count = 0.0;
  double idle_w = 0.0;  // power at u = 0
  double busy_w = 0.0;  // power at u = 1 (for GPUs: the phase-weighted busy power)
  bool follows_utilisation = true;
  bool liquid_cooled = false;  // sits in a liquid-cooled compute rack (its heat splits by liquid_fraction)

  double power_kw(double u) const {
    return count * (follows_utilisation ? idle_w + u * (busy_w - idle_w) : busy_w) / 1e3;
  }
};

// Shares of busy GPU time by phase; they sum to 1.
struct PhaseMix {
  double compute = 0.70;        // [U] compute-bound kernels (GEMM, attention)
  double communication = 0.25;  // [U] exposed collective communication
  double checkpoint = 0.05;     // [U] checkpoint save / load
};

// GPU power by phase, as fractions of the board power (TDP/TGP).
struct GpuPowerProfile {
  std::string name;
  double tdp_w = 700.0;                 // H100 SXM5 700 W [V] NVIDIA product page via Epoch energy.py
  double idle_w = 70.0;                 // [U] ~10 % of TDP at idle (nvidia-smi idle readings)
  double compute_fraction = 1.0;        // [V] Epoch: H100 reached 700 W peak at 70 % FLOP utilisation
  double communication_fraction = 0.6;  // [U]
  double checkpoint_fraction = 0.35;    // [U]
  double delivered_tflops = 0.0;        // delivered dense TFLOP/s per busy GPU (input; 0 = not given)

  double busy_w(const PhaseMix& mix) const {
    return tdp_w * (mix.compute * compute_fraction + mix.communication * communication_fraction +
                    mix.checkpoint * checkpoint_fraction);
  }
};

// Everything else in a GPU site, per unit.
struct ItSupportPower {
  int gpus_per_node = 8;
  double host_busy_w = 4400.0;  // [D] DGX H100 10.2 kW max [V] - 8 x 700 W GPUs - 8 x 25 W NICs
  double host_idle_w = 2000.0;  // [U]
  int nics_per_node = 8;        // [V] DGX H100 8 x ConnectX-7
  double nic_w = 25.0;          // [U] ConnectX-7 class adapter
  double nic_optic_w = 9.0;     // [V] 400G single-port OSFP 8-9 W (NVIDIA transceiver docs)
  // Fabric switches per scale-out port: a 3-tier non-blocking fat tree of radix k needs 5 E / k switches for E
  // end ports [D]; k = 64 -> 0.078.
  double switches_per_port = 5.0 / 64.0;
  double switch_w = 1650.0;                   // [D] SN5600: ~0.5 kW chassis [U] + 64 x 18 W optics [V]
  double storage_nodes_per_1000_gpus = 6.25;  // [U] 64 nodes per 10,240 GPUs (scenarios/ref)
  double storage_node_w = 1500.0;             // [U] all-flash 2U node 1-2 kW (infra-research 4.4)
};

// Builds the IT component list of a GPU site (GPUs and hosts in liquid-cooled racks when `liquid_racks`).
std::vector<ItComponent> make_gpu_site(double gpus, const GpuPowerProfile& gpu, const PhaseMix& mix,
                                       const ItSupportPower& support, bool liquid_racks);

// A single constant IT load (for "what is the PUE of an X MW hall" questions).
std::vector<ItComponent> make_constant_it(double it_kw, bool liquid_racks);

}  // namespace aidc::models
