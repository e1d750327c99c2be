#pragma once
// Adapter: the performance models' ClusterView of a built topology::Site, so full sites and validation cases
// feed the same step model.
//
// Mapping: GPUs, GPUs per node and NVLink domain size from the site; the NIC share per GPU from
// Site::nic_gbps_per_gpu() (represented as one NIC of that rate per GPU); fabric tiers from
// Site::tier_spanned(): tier 1 (leaf / scalable unit) reaches the largest aligned block of nodes that stays on
// one set of rail leaves, tier 2 the largest block inside one pod (or the plane), tier 3 the rest; the
// oversubscription crossing out of each tier is the site's leaf and spine oversubscription. Latencies are set so
// that network_figures() reproduces Site::latency_us() (same leaf and cross-spine one-way latencies).
#include "models/perf/cluster_view.hpp"
#include "topology/site.hpp"

namespace aidc::models {

ClusterView cluster_from_site(const aidc::topo::Site& site, const HardwareProfile& gpu);

}  // namespace aidc::models
