// ClusterView built from a topology::Site agrees with the site on sizes, NIC share, tiers and latencies.
#include "models/perf/cluster_from_site.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_profiles.hpp"
#include "tools/schema/site_loader.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::models {
namespace {

aidc::topo::Site build_ref(const std::string& name) {
  const auto root = aidc::tools::YamlNode::load_file(std::string(AIDC_SOURCE_DIR) + "/scenarios/ref/" + name);
  return aidc::topo::Site::build(aidc::tools::load_site_spec(root));
}

TEST(ClusterFromSite, MatchesTheSite) {
  const auto site = build_ref("rail-1k-h100.yaml");
  const auto c = cluster_from_site(site, aidc::test::shipped_profile("h100-sxm5-80gb"));
  EXPECT_EQ(c.gpus, site.gpus());
  EXPECT_EQ(c.gpus_per_node, site.gpus_per_node());
  EXPECT_DOUBLE_EQ(c.nic_gb_per_s_per_gpu(), site.nic_gbps_per_gpu() / 8.0);
  // The tier a group of whole nodes reaches is the site's tier_spanned for the same GPUs.
  for (std::int64_t n : {16, 64, 128, 256, 512, 1024}) {
    const auto g = make_group(c, static_cast<int>(n), c.gpus_per_node);
    EXPECT_EQ(g.fabric_tier, static_cast<int>(site.tier_spanned(n))) << n << " GPUs";
  }
  const auto f = network_figures(c);
  EXPECT_NEAR(f.latency_same_switch_us, site.latency_us().same_leaf, 1e-9);
  EXPECT_NEAR(f.latency_three_hops_us, site.latency_us().cross_spine, 1e-9);
}

}  // namespace
}  // namespace aidc::models
