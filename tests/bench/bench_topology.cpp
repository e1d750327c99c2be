// Site topology benchmarks: build time and heap memory of a full site (fabric, storage network, power and
// cooling chains) at 1k, 10k and 100k GPUs, and the cost of single-failure impact queries after the build.
// Issue 3 targets: 100,000 GPUs (12,500 nodes, 3 tiers) build in < 2 s and < 2 GB; impact in microseconds.
//   build/bin/aidc-bench --benchmark_filter=Topology
// Counters: heap_mb (heap bytes held by the built Site, from mallinfo2), vertices, edges.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>

#include "topology/site.hpp"

namespace {

using namespace aidc::topo;

UnitLayer unit_layer(double unit_kw, RedundancyKind kind, int64_t x, GroupScope scope, int64_t groups = 1) {
  UnitLayer u;
  u.unit_kw = unit_kw;
  u.redundancy.kind = kind;
  u.redundancy.x = x;
  u.scope = scope;
  u.groups = groups;
  return u;
}

// An H100 site of `gpus` GPUs with the equipment of scenarios/ref/site-10k-h100-liquid.yaml: 8 nodes of
// 10.2 kW per rack, rail-optimized 64-port 400G fabric (2 tiers up to 2,048 GPUs, else 3 tiers; 2 planes
// above 65,536 GPUs), a storage network, 2N feeds/transformers/UPS/PDUs, N+1 generators, cold plates with
// N+1 CDUs and CRAHs per row, N+1 chillers and towers.
SiteSpec bench_site(int64_t gpus) {
  SiteSpec s;
  s.compute.gpus = gpus;
  s.compute.nodes_per_rack = 8;
  s.compute.node_power_w = 10200.0;
  FabricSpec& f = s.network.fabric;
  f.tiers = gpus <= 2048 ? 2 : 3;
  f.planes = gpus > 65536 ? 2 : 1;
  f.switch_radix = 64;
  f.port_gbps = 400.0;
  f.nics_per_node = 8;
  StorageSpec st;
  st.nodes = std::max<int64_t>(16, gpus / 256);
  st.capacity_tb_per_node = 122.88;
  st.iops_per_node = 3e6;
  st.read_gb_per_s_per_node = 20.0;
  st.write_gb_per_s_per_node = 10.0;
  s.storage = st;
  StorageNetworkSpec sn;
  sn.switch_radix = 128;
  sn.tiers = gpus > 16384 ? 3 : 2;
  s.network.storage_network = sn;
  const int64_t electrical_groups = std::max<int64_t>(1, gpus / 2560);
  s.power.utility_feeds = unit_layer(1e6, RedundancyKind::two_n, 0, GroupScope::site);
  s.power.transformers = unit_layer(2500.0, RedundancyKind::two_n, 0, GroupScope::count, electrical_groups);
  s.power.generators = unit_layer(3000.0, RedundancyKind::n_plus_x, 1, GroupScope::count, electrical_groups);
  s.power.ups = unit_layer(1250.0, RedundancyKind::two_n, 0, GroupScope::count, electrical_groups);
  s.power.pdus = unit_layer(100.0, RedundancyKind::two_n, 0, GroupScope::rack);
  s.cooling.kind = CoolingKind::cold_plate;
  s.cooling.liquid_fraction = 0.8;
  s.cooling.cdus = unit_layer(800.0, RedundancyKind::n_plus_x, 1, GroupScope::row);
  s.cooling.crahs = unit_layer(150.0, RedundancyKind::n_plus_x, 1, GroupScope::row);
  s.cooling.chillers = unit_layer(1055.0, RedundancyKind::n_plus_x, 1, GroupScope::site);
  s.cooling.cooling_towers = unit_layer(4000.0, RedundancyKind::n_plus_x, 1, GroupScope::site);
  s.cooling.liquid_through_chillers = false;
  return s;
}

void BM_TopologyBuild(benchmark::State& state) {
  const SiteSpec spec = bench_site(state.range(0));
  double heap_mb = 0.0;
  double vertices = 0.0;
  double edges = 0.0;
  for (auto _ : state) {
    const size_t before = mallinfo2().uordblks;
    auto site = std::make_unique<Site>(Site::build(spec));
    heap_mb = static_cast<double>(mallinfo2().uordblks - before) / 1e6;
    vertices = static_cast<double>(boost::num_vertices(site->graph()));
    edges = static_cast<double>(boost::num_edges(site->graph()));
    benchmark::DoNotOptimize(site.get());
  }
  state.counters["gpus"] = static_cast<double>(spec.compute.gpus);
  state.counters["heap_mb"] = heap_mb;
  state.counters["vertices"] = vertices;
  state.counters["edges"] = edges;
}
// 1,024, 10,240 and 100,000 GPUs (12,500 nodes).
BENCHMARK(BM_TopologyBuild)->Arg(1024)->Arg(10240)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Single-component impact on the 100k site: a leaf (cuts its rail on 32 nodes), a masked 2N UPS module,
// a masked spine, and a PDU pair (two components, one rack lost).
void BM_TopologyImpact(benchmark::State& state) {
  static const Site site = Site::build(bench_site(100000));
  std::vector<VertexId> failed;
  switch (state.range(0)) {
    case 0:
      failed = {site.vertex(VertexKind::leaf, 7)};
      break;
    case 1:
      failed = {site.unit_vertex(LayerId::ups, 3, 0, 1)};
      break;
    case 2:
      failed = {site.vertex(VertexKind::spine, 100)};
      break;
    default:
      failed = {site.unit_vertex(LayerId::pdus, 42, 0, 0), site.unit_vertex(LayerId::pdus, 42, 1, 0)};
      break;
  }
  state.SetLabel(site.describe(failed[0]));
  for (auto _ : state) {
    Impact im = site.impact(failed);
    benchmark::DoNotOptimize(im);
  }
}
BENCHMARK(BM_TopologyImpact)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

}  // namespace
