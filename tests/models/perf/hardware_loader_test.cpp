// Hardware profile loader: every shipped profile loads and carries its datasheet numbers; bad files are
// rejected with file:line:col errors.
#include "tools/schema/hardware_loader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_profiles.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

using aidc::models::Precision;

TEST(HardwareProfiles, EveryShippedProfileLoads) {
  for (const char* name :
       {"a100-sxm4-80gb", "a100-sxm4-40gb", "h100-sxm5-80gb", "h200-sxm-141gb", "b200", "gb200-nvl72", "h800"}) {
    const auto h = aidc::test::shipped_profile(name);
    EXPECT_EQ(h.name, name);
    EXPECT_GT(h.peak(Precision::bf16), 0.0) << name;
    EXPECT_GT(h.hbm_gib, 0.0) << name;
  }
}

TEST(HardwareProfiles, DatasheetValues) {
  const auto a100 = aidc::test::shipped_profile("a100-sxm4-80gb");
  EXPECT_DOUBLE_EQ(a100.peak(Precision::fp16), 312.0);  // A100 datasheet, dense FP16 tensor
  EXPECT_DOUBLE_EQ(a100.peak(Precision::fp8), 0.0);
  EXPECT_DOUBLE_EQ(a100.hbm_gb_per_s, 2039.0);
  EXPECT_FALSE(a100.nvls);
  const auto h100 = aidc::test::shipped_profile("h100-sxm5-80gb");
  EXPECT_DOUBLE_EQ(h100.peak(Precision::bf16), 989.4);  // H100 SXM datasheet, dense
  EXPECT_DOUBLE_EQ(h100.peak(Precision::fp8), 1978.9);
  EXPECT_DOUBLE_EQ(h100.nvlink_gb_per_s, 450.0);  // 900 GB/s bidirectional
  const auto nvl72 = aidc::test::shipped_profile("gb200-nvl72");
  EXPECT_EQ(nvl72.scale_up_domain_gpus, 72);
  EXPECT_EQ(nvl72.gpus_per_node, 4);
  // NIC share per GPU: 4 NICs x 400 Gb/s / 8 / 4 GPUs = 50 GB/s.
  EXPECT_DOUBLE_EQ(nvl72.collectives.nic_gb_per_s_per_gpu, 50.0);
  const auto h800 = aidc::test::shipped_profile("h800");
  EXPECT_DOUBLE_EQ(h800.nvlink_gb_per_s, 200.0);
  // No measured bus bandwidth in the profile: datasheet fallback 0.8 x 200 GB/s.
  EXPECT_DOUBLE_EQ(h800.collectives.intra_bus_gb_per_s, 160.0);
}

std::string minimal_profile(const std::string& extra) {
  return "name: test\n"
         "compute:\n"
         "  peak_dense_tflops: {fp16: 100, bf16: 100}\n"
         "  gemm: {max_efficiency: {bf16: 0.8}, m_half: 1, n_half: 1, k_half: 1, kernel_overhead_us: 1}\n"
         "  attention_efficiency: 0.5\n"
         "  fused_attention_default: true\n"
         "memory: {hbm_gib: 16, hbm_gb_per_s: 1000, hbm_efficiency: 0.8}\n"
         "power: {tdp_w: 300}\n"
         "scale_up: {nvlink_gb_per_s: 100, domain_gpus: 8, gpus_per_node: 8, nvls: false}\n"
         "scale_out: {nics_per_node: 8, gbps_per_nic: 100, nic_latency_us: 1, switch_latency_us: 0.1}\n" +
         extra;
}

TEST(HardwareProfiles, MinimalProfileGetsDatasheetCollectiveDefaults) {
  const auto h = parse_hardware_profile(YamlNode::load_string(minimal_profile(""), "t.yaml"), "t");
  EXPECT_DOUBLE_EQ(h.collectives.intra_bus_gb_per_s, 80.0);  // 0.8 x 100
  EXPECT_DOUBLE_EQ(h.collectives.nvls_bus_gb_per_s, 0.0);
  EXPECT_DOUBLE_EQ(h.collectives.nic_gb_per_s_per_gpu, 12.5);  // 8 x 100 / 8 / 8
}

TEST(HardwareProfiles, CalibratedCollectiveBlockOverridesDefaults) {
  const auto h = parse_hardware_profile(
      YamlNode::load_string(minimal_profile("collectives:\n  intra_bus_gb_per_s: 77\n  cost:\n    ring:\n"
                                            "      simple: {base_latency_us: 3.5}\n"),
                            "t.yaml"),
      "t");
  EXPECT_DOUBLE_EQ(h.collectives.intra_bus_gb_per_s, 77.0);
  EXPECT_DOUBLE_EQ(h.collectives.cost[0][2].base_latency_us, 3.5);
}

void expect_error(const std::string& text, const std::string& needle) {
  try {
    parse_hardware_profile(YamlNode::load_string(text, "bad.yaml"), "bad");
    FAIL() << "accepted: " << needle;
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.yaml:"), std::string::npos) << e.what();
  }
}

TEST(HardwareProfiles, RejectsBadInput) {
  expect_error(minimal_profile("colour: blue\n"), "colour");
  std::string text = minimal_profile("");
  expect_error(std::string(text).replace(text.find("hbm_efficiency: 0.8"), 19, "hbm_efficiency: 1.5"),
               "hbm_efficiency");
  expect_error(std::string(text).replace(text.find("domain_gpus: 8"), 14, "domain_gpus: 0"), "domain_gpus");
  expect_error(minimal_profile("collectives: {nvls_bus_gb_per_s: 100}\n"), "nvls");
  expect_error(std::string(text).replace(text.find("{max_efficiency: {bf16: 0.8}"), 28, "{max_efficiency: {fp8: 0.8}"),
               "fp8");
}

}  // namespace
}  // namespace aidc::tools
