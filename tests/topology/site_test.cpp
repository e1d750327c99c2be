// Site build: counts, graph wiring (checked by hop counts on the Boost graph), latency, tiers spanned,
// storage and checkpoint times, capacity checks. Expected values are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <deque>
#include <queue>

#include "tests/topology/spec_fixtures.hpp"
#include "topology/site.hpp"
#include "topology/topology_error.hpp"

namespace aidc::topo {
namespace {

using test::layer;
using test::small_site;

// Links between two vertices over data and PCIe edges in either direction: a PCIe edge is one hop, and so is
// a cable bundle (endpoint -> cable -> endpoint: the cable *is* the link), so that the counts are the switch
// and NIC hops of the fabric. 0-1 breadth-first search: entering a cable costs 1, leaving it 0.
int hops(const Site& s, VertexId from, VertexId to) {
  const SiteGraph& g = s.graph();
  std::vector<int> dist(boost::num_vertices(g), -1);
  std::deque<VertexId> q;
  dist[from] = 0;
  q.push_back(from);
  auto visit = [&](VertexId v, VertexId w, EdgeKind k) {
    if (k != EdgeKind::data && k != EdgeKind::pcie) return;
    const int step = g[w].kind == VertexKind::cable ? 1 : (g[v].kind == VertexKind::cable ? 0 : 1);
    if (dist[w] >= 0 && dist[w] <= dist[v] + step) return;
    dist[w] = dist[v] + step;
    step == 0 ? q.push_front(w) : q.push_back(w);
  };
  while (!q.empty()) {
    const VertexId v = q.front();
    q.pop_front();
    if (v == to) return dist[v];
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) visit(v, boost::target(e, g), g[e].kind);
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) visit(v, boost::source(e, g), g[e].kind);
  }
  return -1;
}

// Raw graph steps (every vertex on the path counts, cables included), by plain breadth-first search.
int graph_steps(const Site& s, VertexId from, VertexId to) {
  const SiteGraph& g = s.graph();
  std::vector<int> dist(boost::num_vertices(g), -1);
  std::queue<VertexId> q;
  dist[from] = 0;
  q.push(from);
  auto visit = [&](VertexId v, VertexId w, EdgeKind k) {
    if ((k == EdgeKind::data || k == EdgeKind::pcie) && dist[w] < 0) {
      dist[w] = dist[v] + 1;
      q.push(w);
    }
  };
  while (!q.empty()) {
    const VertexId v = q.front();
    q.pop();
    if (v == to) return dist[v];
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) visit(v, boost::target(e, g), g[e].kind);
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) visit(v, boost::source(e, g), g[e].kind);
  }
  return -1;
}

TEST(Site, Counts1k) {
  const Site s = Site::build(small_site(1024));
  // 1,024 / 8 = 128 nodes, / 4 per rack = 32 compute racks; 32 leaves + 16 spines = 48 switches, / 16 per
  // rack = 3 network racks; no storage. 35 racks in rows of 16 -> 3 rows.
  EXPECT_EQ(s.nodes(), 128);
  EXPECT_EQ(s.compute_racks(), 32);
  EXPECT_EQ(s.network_racks(), 3);
  EXPECT_EQ(s.racks(), 35);
  EXPECT_EQ(s.rows(), 3);
  EXPECT_EQ(s.switches_by_tier().leaf, 32);
  EXPECT_EQ(s.switches_by_tier().spine, 16);
  EXPECT_EQ(s.switches_by_tier().core, 0);
  EXPECT_EQ(s.count(VertexKind::gpu), 1024);
  EXPECT_EQ(s.count(VertexKind::nic), 1024);
  // 2,048 links with a transceiver at each end.
  EXPECT_EQ(s.links(), 2048);
  EXPECT_EQ(s.optics(), 4096);
  // IT power: 128 nodes x 10 kW + 48 switches x 1 kW = 1,328 kW.
  EXPECT_DOUBLE_EQ(s.it_power_kw(), 1328.0);
  EXPECT_DOUBLE_EQ(s.rack_it_kw(0), 40.0);
  EXPECT_DOUBLE_EQ(s.rack_it_kw(32), 16.0);
  EXPECT_TRUE(s.warnings().empty());
}

TEST(Site, GraphWiringMatchesRails) {
  const Site s = Site::build(small_site(1024));
  auto gpu = [&](int64_t i) { return s.vertex(VertexKind::gpu, i); };
  // GPU 0 and GPU 8 are GPU 0 of nodes 0 and 1: same rail, same SU -> gpu-nic-leaf-nic-gpu = 4 hops.
  EXPECT_EQ(hops(s, gpu(0), gpu(8)), 4);
  // GPU 0 and GPU 1 are on rails 0 and 1 (different leaves) -> via a spine: 6 hops.
  EXPECT_EQ(hops(s, gpu(0), gpu(1)), 6);
  // GPU 0 and GPU 256 (node 32, SU 1, rail 0): different leaves -> 6 hops.
  EXPECT_EQ(hops(s, gpu(0), gpu(256)), 6);
  // Every leaf has 32 uplinks spread over 16 spines: 2 parallel links per spine, one edge each.
  const VertexId leaf = s.vertex(VertexKind::leaf, 0);
  EXPECT_EQ(boost::out_degree(leaf, s.graph()), 16u);
  for (auto e : boost::make_iterator_range(boost::out_edges(leaf, s.graph()))) {
    EXPECT_EQ(s.graph()[e].links, 2);
    EXPECT_FLOAT_EQ(s.graph()[e].gbps, 800.0f);
  }
  // Every spine takes 32 leaves x 2 = 64 links: all its ports.
  const VertexId spine = s.vertex(VertexKind::spine, 5);
  int64_t ports = 0;
  for (auto e : boost::make_iterator_range(boost::in_edges(spine, s.graph()))) ports += s.graph()[e].links;
  EXPECT_EQ(ports, 64);
}

TEST(Site, CablesAreVertices1k) {
  const Site s = Site::build(small_site(1024));
  // Host-leaf: 128 nodes x 8 NICs, one cable each = 1,024 bundles of 1 link (2 optics each). Leaf-spine:
  // 32 leaves x 32 uplinks over 16 spines = 16 bundles of 2 links per leaf = 512 bundles, 1,024 links.
  const CableCounts hl = s.cables(CableTier::host_leaf);
  const CableCounts ls = s.cables(CableTier::leaf_spine);
  EXPECT_EQ(hl.bundles, 1024);
  EXPECT_EQ(hl.links, 1024);
  EXPECT_EQ(hl.optics, 2048);
  EXPECT_EQ(ls.bundles, 512);
  EXPECT_EQ(ls.links, 1024);
  EXPECT_EQ(ls.optics, 2048);
  EXPECT_EQ(s.cables(CableTier::spine_core).bundles, 0);
  EXPECT_EQ(s.cables(CableTier::storage_host_leaf).bundles, 0);
  EXPECT_EQ(s.count(VertexKind::cable), 1536);
  // Vertices: 1,024 GPUs + 128 nodes + 1,024 NICs + 35 racks + 48 switches + 1,536 cables + power and
  // cooling (feed, transformer, UPS, 35 PDUs, CRAH, tower = 40 units and 40 buses, one per unit's group).
  EXPECT_EQ(boost::num_vertices(s.graph()), 1024u + 128 + 1024 + 35 + 48 + 1536 + 40 + 40);

  // The graph holds what the counts say: every cable has one data edge in (from its lower end) and one out,
  // and its links and optics add up to links() and optics(). Cables are contiguous and grouped by tier.
  int64_t links = 0;
  int64_t optics = 0;
  for (int64_t i = 0; i < s.count(VertexKind::cable); ++i) {
    const VertexId v = s.vertex(VertexKind::cable, i);
    ASSERT_EQ(s.graph()[v].kind, VertexKind::cable);
    ASSERT_EQ(s.graph()[v].index, static_cast<uint32_t>(i));
    ASSERT_EQ(boost::in_degree(v, s.graph()), 1u);
    ASSERT_EQ(boost::out_degree(v, s.graph()), 1u);
    const CableBundle b = s.cable(v);
    EXPECT_EQ(b.tier, i < 1024 ? CableTier::host_leaf : CableTier::leaf_spine);
    links += b.links;
    optics += b.optics;
  }
  EXPECT_EQ(links, s.links());
  EXPECT_EQ(optics, s.optics());
  // No two endpoints are joined directly: every data edge has a cable at exactly one end (1,536 x 2 edges).
  int64_t data_edges = 0;
  for (auto e : boost::make_iterator_range(boost::edges(s.graph()))) {
    if (s.graph()[e].kind != EdgeKind::data) continue;
    ++data_edges;
    const bool from_cable = s.graph()[boost::source(e, s.graph())].kind == VertexKind::cable;
    const bool to_cable = s.graph()[boost::target(e, s.graph())].kind == VertexKind::cable;
    EXPECT_NE(from_cable, to_cable);
  }
  EXPECT_EQ(data_edges, 3072);

  // Host cable 17 = node 2's NIC 1 (17 = 2 x 8 + 1): node 2 is in SU 0, rail 1 -> leaf 1. One 400G link,
  // 2 optics, 3 m x 4.9 ns/m = 0.0147 us.
  const CableBundle h = s.cable(s.cable_vertex(CableTier::host_leaf, 17));
  EXPECT_EQ(h.from, s.vertex(VertexKind::nic, 17));
  EXPECT_EQ(h.to, s.vertex(VertexKind::leaf, 1));
  EXPECT_EQ(h.links, 1);
  EXPECT_EQ(h.optics, 2);
  EXPECT_DOUBLE_EQ(h.gbps, 400.0);
  EXPECT_NEAR(h.latency_us, 0.0147, 1e-7);
  // Leaf-spine bundle 0 = leaf 0 -> spine 0: 2 links, 4 optics, 800 Gb/s, 30 m x 4.9 ns/m = 0.147 us.
  const VertexId c0 = s.cable_vertex(CableTier::leaf_spine, 0);
  EXPECT_EQ(c0, s.vertex(VertexKind::cable, 1024));
  const CableBundle b = s.cable(c0);
  EXPECT_EQ(b.from, s.vertex(VertexKind::leaf, 0));
  EXPECT_EQ(b.to, s.vertex(VertexKind::spine, 0));
  EXPECT_EQ(b.links, 2);
  EXPECT_EQ(b.optics, 4);
  EXPECT_DOUBLE_EQ(b.gbps, 800.0);
  EXPECT_NEAR(b.latency_us, 0.147, 1e-6);
  EXPECT_EQ(s.describe(c0), "cable 1024 (leaf_spine: leaf 0 -> spine 0, 2 links, 4 optics)");

  // Every data path crosses a cable: GPU 0 to GPU 8 is gpu-nic-cable-leaf-cable-nic-gpu, 6 raw steps for
  // the 4 links that hops() counts; via a spine, 6 links = 6 + 4 cables = 10 raw steps.
  auto gpu = [&](int64_t i) { return s.vertex(VertexKind::gpu, i); };
  EXPECT_EQ(graph_steps(s, gpu(0), gpu(8)), 6);
  EXPECT_EQ(graph_steps(s, gpu(0), gpu(1)), 10);
}

TEST(Site, CablesThreeTiersAndStorage) {
  SiteSpec spec = small_site(16384);
  spec.network.fabric.tiers = 3;
  const Site t = Site::build(spec);
  // 2,048 nodes x 8 NICs = 16,384 host cables. A pod has 32 leaves and 32 spines (the 3-tier case of
  // fabric_plan_test): each leaf's 32 uplinks go 1 per spine = 32 bundles of 1 -> 16,384. Each spine's
  // 32 uplinks go to the 8 cores of its group, 4 per core -> 8 bundles of 4: 512 x 8 = 4,096 bundles,
  // 16,384 links.
  EXPECT_EQ(t.cables(CableTier::host_leaf).bundles, 16384);
  EXPECT_EQ(t.cables(CableTier::leaf_spine).bundles, 16384);
  EXPECT_EQ(t.cables(CableTier::spine_core).bundles, 4096);
  EXPECT_EQ(t.cables(CableTier::spine_core).links, 16384);
  EXPECT_EQ(t.cables(CableTier::spine_core).optics, 32768);
  EXPECT_EQ(t.count(VertexKind::cable), 36864);
  EXPECT_EQ(t.links(), 49152);
  const CableBundle sc = t.cable(t.cable_vertex(CableTier::spine_core, 9));  // spine 1, its 2nd core: core 1 x 8 + 1
  EXPECT_EQ(sc.from, t.vertex(VertexKind::spine, 1));
  EXPECT_EQ(sc.to, t.vertex(VertexKind::core, 9));
  EXPECT_EQ(sc.links, 4);
  EXPECT_NEAR(sc.latency_us, 0.49, 1e-6);  // 100 m x 4.9 ns/m

  // Storage network of Site.StorageAndCheckpoint: 288 ports, 32 per leaf. Each compute node's 2 ports
  // (2n, 2n + 1) share a leaf: 128 bundles of 2; storage nodes' ports 256-287 are all on leaf 8: 16 bundles
  // of 2. 9 leaves x 32 uplinks over 5 spines (7, 7, 6, 6, 6): 45 bundles, 288 links.
  SiteSpec st = small_site(1024);
  StorageSpec sto;
  sto.nodes = 16;
  sto.ports_per_node = 2;
  st.storage = sto;
  StorageNetworkSpec sn;
  sn.port_gbps = 200.0;
  sn.nics_per_node = 2;
  st.network.storage_network = sn;
  const Site s = Site::build(st);
  EXPECT_EQ(s.cables(CableTier::storage_host_leaf).bundles, 144);
  EXPECT_EQ(s.cables(CableTier::storage_host_leaf).links, 288);
  EXPECT_EQ(s.cables(CableTier::storage_leaf_spine).bundles, 45);
  EXPECT_EQ(s.cables(CableTier::storage_leaf_spine).links, 288);
  EXPECT_EQ(s.count(VertexKind::cable), 1536 + 144 + 45);
  const CableBundle first_storage = s.cable(s.cable_vertex(CableTier::storage_host_leaf, 128));
  EXPECT_EQ(first_storage.from, s.vertex(VertexKind::storage_node, 0));
  EXPECT_EQ(first_storage.to, s.vertex(VertexKind::storage_leaf, 8));
  EXPECT_EQ(first_storage.links, 2);
  EXPECT_DOUBLE_EQ(first_storage.gbps, 400.0);
  // Storage cables are the last ones: the whole kind adds up to links() and optics() here too.
  int64_t links = 0;
  for (int k = 0; k < kCableTierCount; ++k) links += s.cables(static_cast<CableTier>(k)).links;
  EXPECT_EQ(links, s.links());
}

TEST(Site, ThreeTierWiringAndTiers) {
  SiteSpec spec = small_site(16384);
  spec.network.fabric.tiers = 3;
  const Site s = Site::build(spec);
  EXPECT_EQ(s.switches_by_tier().leaf, 512);
  EXPECT_EQ(s.switches_by_tier().spine, 512);
  EXPECT_EQ(s.switches_by_tier().core, 256);
  auto gpu = [&](int64_t i) { return s.vertex(VertexKind::gpu, i); };
  // A pod is 4 SUs = 128 nodes = 1,024 GPUs. GPU 0 and GPU 1,024 + 0 (node 128, rail 0) are in pods 0 and 1:
  // gpu-nic-leaf-spine-core-spine-leaf-nic-gpu = 8 hops. GPU 0 and GPU 256 (same pod, SU 1) = 6 hops.
  EXPECT_EQ(hops(s, gpu(0), gpu(256)), 6);
  EXPECT_EQ(hops(s, gpu(0), gpu(1024)), 8);
  // Tiers spanned by n consecutive GPUs: 8 = one NVLink domain; 256 = one SU (32 nodes); 257 spills into
  // SU 1 -> spine; 1,024 = one pod -> spine; 1,025 -> core.
  EXPECT_EQ(s.tier_spanned(8), FabricTier::nvlink);
  EXPECT_EQ(s.tier_spanned(9), FabricTier::leaf);
  EXPECT_EQ(s.tier_spanned(256), FabricTier::leaf);
  EXPECT_EQ(s.tier_spanned(257), FabricTier::spine);
  EXPECT_EQ(s.tier_spanned(1024), FabricTier::spine);
  EXPECT_EQ(s.tier_spanned(1025), FabricTier::core);
  EXPECT_EQ(s.tier_spanned(8, 8), FabricTier::nvlink);
  EXPECT_EQ(s.tier_spanned(4, 8), FabricTier::leaf);
  // Two GPUs: 3 and 5 share node 0; 0 and 9 share SU 0 (nodes 0 and 1); 0 and 300 are in SUs 0 and 1 of
  // pod 0; 0 and 1,024 are in pods 0 and 1. Switches on those paths: 0, 1, 3, 5.
  EXPECT_EQ(s.tier_between(3, 5), FabricTier::nvlink);
  EXPECT_EQ(s.tier_between(0, 9), FabricTier::leaf);
  EXPECT_EQ(s.tier_between(0, 300), FabricTier::spine);
  EXPECT_EQ(s.tier_between(1024, 0), FabricTier::core);
  EXPECT_EQ(Site::switch_hops(FabricTier::nvlink), 0);
  EXPECT_EQ(Site::switch_hops(FabricTier::leaf), 1);
  EXPECT_EQ(Site::switch_hops(FabricTier::spine), 3);
  EXPECT_EQ(Site::switch_hops(FabricTier::core), 5);
}

TEST(Site, LatencyFromCitedDefaults) {
  const Site s = Site::build(small_site(1024));
  // Defaults: NIC 0.41 us per end, switch 0.33 us, 4.9 ns/m, cables 3 / 30 / 100 m.
  // same leaf: 2 x 0.41 + 0.33 + 2 x 3 m x 4.9 ns = 0.82 + 0.33 + 0.0294 = 1.1794 us
  // cross spine: 0.82 + 3 x 0.33 + 0.0294 + 2 x 30 x 0.0049 = 0.82 + 0.99 + 0.0294 + 0.294 = 2.1334 us
  const LatencyUs l = s.latency_us();
  EXPECT_NEAR(l.same_leaf, 1.1794, 1e-9);
  EXPECT_NEAR(l.cross_spine, 2.1334, 1e-9);
  EXPECT_FALSE(l.cross_core.has_value());
  // 3 tiers: + 2 x 0.33 + 2 x 100 x 0.0049 = 2.1334 + 0.66 + 0.98 = 3.7734 us (report: < 6.5 us, 3 hops).
  SiteSpec spec = small_site(16384);
  spec.network.fabric.tiers = 3;
  EXPECT_NEAR(*Site::build(spec).latency_us().cross_core, 3.7734, 1e-9);
}

TEST(Site, InjectionBandwidth) {
  // 8 NICs x 400 Gb/s over 8 GPUs = 400 Gb/s per GPU; dual-ToR doubles the ports (2 x 400).
  SiteSpec spec = small_site(1024);
  EXPECT_DOUBLE_EQ(Site::build(spec).nic_gbps_per_gpu(), 400.0);
  spec.network.fabric.dual_tor = true;
  const Site d = Site::build(spec);
  EXPECT_DOUBLE_EQ(d.nic_gbps_per_gpu(), 800.0);
  // Dual-ToR doubles the leaves (a pair per rail and SU): 64 leaves, 64 x 32 / 64 = 32 spines.
  EXPECT_EQ(d.switches_by_tier().leaf, 64);
  EXPECT_EQ(d.switches_by_tier().spine, 32);
}

TEST(Site, StorageAndCheckpoint) {
  SiteSpec spec = small_site(1024);
  StorageSpec st;
  st.nodes = 16;
  st.capacity_tb_per_node = 100.0;
  st.iops_per_node = 2e6;
  st.read_gb_per_s_per_node = 20.0;
  st.write_gb_per_s_per_node = 10.0;
  st.protection = ProtectionKind::erasure;
  st.ec_k = 8;
  st.ec_m = 2;
  st.ports_per_node = 2;
  spec.storage = st;
  StorageNetworkSpec sn;
  sn.port_gbps = 200.0;
  sn.nics_per_node = 2;
  spec.network.storage_network = sn;
  const Site s = Site::build(spec);
  const StorageSummary sum = s.storage();
  // Raw 1,600 TB; EC 8+2 keeps 8/10 -> 1,280 TB usable = 1.28 PB.
  EXPECT_DOUBLE_EQ(sum.raw_tb, 1600.0);
  EXPECT_DOUBLE_EQ(sum.usable_tb, 1280.0);
  // 32 M IOPS / 1.28 PB = 25 M IOPS per PB; 320 GB/s / 1.28 PB = 250 GB/s per PB.
  EXPECT_DOUBLE_EQ(sum.iops_per_pb, 25e6);
  EXPECT_DOUBLE_EQ(sum.read_gb_per_s_per_pb, 250.0);
  // Writes: 16 x 10 GB/s x 8/10 = 128 GB/s. Storage ports 32 x 25 GB/s = 800 GB/s; compute ports
  // 128 x 2 x 25 = 6,400 GB/s. A 1 TB checkpoint writes in 1e12 / 128e9 = 7.8125 s, reads in
  // 1e12 / 320e9 = 3.125 s.
  EXPECT_DOUBLE_EQ(sum.network_gb_per_s, 800.0);
  EXPECT_DOUBLE_EQ(s.checkpoint_write_s(1e12), 7.8125);
  EXPECT_DOUBLE_EQ(s.checkpoint_read_s(1e12), 3.125);
  // From one node only, its own 2 x 25 = 50 GB/s limit: 1e12 / 50e9 = 20 s.
  EXPECT_DOUBLE_EQ(s.checkpoint_read_s(1e12, 1), 20.0);
  // Storage network: 128 x 2 + 16 x 2 = 288 ports, 32 per leaf -> 9 leaves, 9 x 32 / 64 -> 5 spines.
  EXPECT_EQ(s.storage_switches_by_tier().leaf, 9);
  EXPECT_EQ(s.storage_switches_by_tier().spine, 5);
  // 3-way replication keeps a third: 533.3 TB; writes cost 3 copies: 16 x 10 / 3 GB/s.
  spec.storage->protection = ProtectionKind::replication;
  spec.storage->copies = 3;
  const StorageSummary r = Site::build(spec).storage();
  EXPECT_NEAR(r.usable_tb, 1600.0 / 3.0, 1e-9);
  EXPECT_NEAR(r.write_gb_per_s, 160.0 / 3.0, 1e-9);
}

TEST(Site, CapacityChecks) {
  // Load of the UPS layer = IT = 1,328 kW (facility fraction 0).
  SiteSpec spec = small_site(1024);
  // N+1 with 3 x 500 kW: all 1,500 kW carry 1,328 kW, but 2 x 500 = 1,000 kW does not -> warning.
  spec.power.ups = layer(500.0, RedundancyKind::n_plus_x, 1, 3);
  const Site s = Site::build(spec);
  ASSERT_EQ(s.warnings().size(), 1u);
  EXPECT_NE(s.warnings()[0].find("power.ups: redundancy N+1 not met in 1 of 1 group(s)"), std::string::npos)
      << s.warnings()[0];
  // 2 x 500 kW (N) cannot carry 1,328 kW at all -> error naming the layer.
  spec.power.ups = layer(500.0, RedundancyKind::n, 0, 2);
  try {
    (void)Site::build(spec);
    FAIL() << "expected a TopologyError";
  } catch (const TopologyError& e) {
    EXPECT_EQ(e.path(), "power.ups");
    EXPECT_NE(e.message().find("2 x 500 kW cannot carry the load of 1328 kW even with every unit working"),
              std::string::npos)
        << e.what();
  }
  // Automatic sizing: N+1 of 500 kW -> ceil(1,328 / 500) = 3, + 1 = 4 units.
  spec.power.ups = layer(500.0, RedundancyKind::n_plus_x, 1);
  EXPECT_EQ(Site::build(spec).layer(LayerId::ups).units(), 4);
  // 2N of 500 kW: 3 per side, 6 units. Facility load 25 % on the transformers: 1,328 x 1.25 = 1,660 kW.
  spec.power.ups = layer(500.0, RedundancyKind::two_n);
  spec.power.facility_load_fraction = 0.25;
  const Site t = Site::build(spec);
  EXPECT_EQ(t.layer(LayerId::ups).units(), 6);
  EXPECT_DOUBLE_EQ(t.layer(LayerId::transformers).group_load_kw[0], 1660.0);
  // Cooling: CRAHs N+1 per row of 150 kW. Row 0 = 16 compute racks x 40 kW = 640 kW -> N = 5, 6 per row.
  spec.cooling.crahs = layer(150.0, RedundancyKind::n_plus_x, 1, 0, GroupScope::row);
  const Site c = Site::build(spec);
  EXPECT_EQ(c.layer(LayerId::crahs).groups, 3);
  EXPECT_EQ(c.layer(LayerId::crahs).units_per_side, 6);
  // Unit count not a multiple of the groups: 3 rows, 10 units.
  spec.cooling.crahs = layer(150.0, RedundancyKind::n_plus_x, 1, 10, GroupScope::row);
  EXPECT_THROW((void)Site::build(spec), TopologyError);
}

TEST(Site, BadComputeRejected) {
  SiteSpec spec = small_site(1024);
  spec.compute.gpus = 1020;  // not a multiple of 8
  EXPECT_THROW((void)Site::build(spec), TopologyError);
  spec = small_site(1024);
  spec.compute.nvlink_domain_gpus = 12;
  EXPECT_THROW((void)Site::build(spec), TopologyError);
  spec = small_site(1024);
  spec.cooling.cooling_towers.reset();
  EXPECT_THROW((void)Site::build(spec), TopologyError);
}

}  // namespace
}  // namespace aidc::topo
