// The scenario `workloads` section: valid jobs load with derived dp and defaults; bad ones fail at the key.
#include "tools/schema/workload_loader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_profiles.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

const char* kJob = R"(workloads:
  - name: gpt3
    gpus: 1024
    model: {arch: gpt, layers: 96, hidden: 12288, ffn_hidden: 49152, heads: 96, seq_len: 2048, vocab: 51200}
    parallelism: {tp: 8, pp: 8, interleave: 3}
    batch: {micro: 1, global: 1536}
    recompute: selective
)";

std::vector<aidc::models::TrainingJob> load(const std::string& text, std::int64_t site_gpus = 4096) {
  const auto root = YamlNode::load_string(text, "w.yaml");
  return load_workloads(root.child("workloads"), aidc::test::shipped_profile("h100-sxm5-80gb"), site_gpus);
}

TEST(Workloads, LoadsWithDerivedDataParallelismAndDefaults) {
  const auto jobs = load(kJob);
  ASSERT_EQ(jobs.size(), 1u);
  const auto& j = jobs[0];
  EXPECT_EQ(j.parallel.dp, 16);  // 1024 / (8 * 8)
  EXPECT_EQ(j.micro_batches(), 96);
  EXPECT_EQ(j.precision, aidc::models::Precision::bf16);
  EXPECT_TRUE(j.sequence_parallel);      // default when tp > 1
  EXPECT_TRUE(j.distributed_optimizer);  // default
  EXPECT_TRUE(j.fused_attention);        // the H100 profile's software default
  EXPECT_TRUE(j.overlap_grad_reduce);    // with the distributed optimizer
  EXPECT_TRUE(j.overlap_p2p_comm);       // Megatron-LM's default
  EXPECT_FALSE(j.tp_comm_overlap);
  const auto off = load(std::string(kJob) + "    overlap: {pp_comm: false, tp_comm: true}\n");
  EXPECT_FALSE(off[0].overlap_p2p_comm);
  EXPECT_TRUE(off[0].tp_comm_overlap);
  EXPECT_TRUE(off[0].overlap_grad_reduce);
}

void expect_error(const std::string& text, const std::string& needle, std::int64_t site_gpus = 4096) {
  try {
    load(text, site_gpus);
    FAIL() << "accepted: " << needle;
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(Workloads, RejectsBadJobs) {
  std::string t = kJob;
  expect_error(t + "    colour: red\n", "colour");
  expect_error(std::string(t).replace(t.find("gpus: 1024"), 10, "gpus: 1000"), "multiple of tp * pp * cp");
  expect_error(t, "the site has", 512);
  expect_error(std::string(t).replace(t.find("global: 1536"), 12, "global: 1500"), "global_batch");
  expect_error(t + "    precision: fp4\n", "fp4");
  expect_error(t + "    overlap: {pp_com: false}\n", "pp_com");
}

}  // namespace
}  // namespace aidc::tools
