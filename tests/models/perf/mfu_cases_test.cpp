// The mfu case reader accepts any file in the aidc-validation-mfu/1 format: unknown keys ignored, `unknown`
// inputs filled with documented defaults (and the assumption recorded), unpredictable cases kept with a reason.
#include "tools/schema/mfu_cases_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("aidc_perf_" + name);
  std::ofstream(path) << text;
  return path.string();
}

const char* kCases = R"(schema: aidc-validation-mfu/1
cases:
  - id: known
    source: "test"
    framework: ignored
    model: {arch: gpt, layers: 24, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200, params_b: 1.3}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8, gpus_per_node: 8, scale_up: nvswitch-a100, scale_out: {fabric: infiniband-hdr, nics_per_node: 8, gbps_per_nic: unknown}}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, cp: 1, ep: 1, micro_batch: unknown, global_batch: 64, interleave: 1, recompute: unknown, sequence_parallel: false, distributed_optimizer: false}
    reported: {tflops_per_gpu: 150, basis: model_flops}
    derived: {mfu: 0.5}
    notes: "ignored"
  - id: no-layers
    source: "test"
    model: {arch: gpt, layers: unknown, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64}
    reported: {step_time_s: 1.0}
)";

TEST(MfuCases, ReadsAnyFileIgnoringInformationalKeys) {
  const auto cases = load_mfu_cases(write_temp("cases.yaml", kCases));
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_TRUE(cases[0].predictable);
  EXPECT_EQ(cases[0].gbps_per_nic, 200.0);  // from the fabric name
  EXPECT_EQ(cases[0].job.micro_batch, 1);   // unknown -> 1
  EXPECT_TRUE(cases[0].recompute_unknown);
  EXPECT_FALSE(cases[1].predictable);
  EXPECT_NE(cases[1].reason.find("layers"), std::string::npos);
}

TEST(MfuCases, PredictionPrintsAssumptionsAndComparesReportedQuantity) {
  const auto cases = load_mfu_cases(write_temp("cases2.yaml", kCases));
  const auto hw = find_hardware_dir(AIDC_SOURCE_DIR);
  ASSERT_FALSE(hw.empty());
  const auto p = predict_mfu_case(cases[0], hw);
  ASSERT_TRUE(p.predicted) << p.reason;
  EXPECT_EQ(p.compared, "tflops_per_gpu");
  EXPECT_DOUBLE_EQ(p.reported_value, 150.0);
  EXPECT_NEAR(p.rel_error, p.predicted_tflops_per_gpu / 150.0 - 1.0, 1e-12);
  bool micro = false;
  bool recompute = false;
  for (const auto& a : p.assumptions) {
    micro |= a.find("micro_batch unknown") != std::string::npos;
    recompute |= a.find("recompute unknown") != std::string::npos;
  }
  EXPECT_TRUE(micro);
  EXPECT_TRUE(recompute);
  const auto q = predict_mfu_case(cases[1], hw);
  EXPECT_FALSE(q.predicted);
  EXPECT_FALSE(q.reason.empty());
}

TEST(MfuCases, RejectsOtherSchemasAndBadValues) {
  EXPECT_THROW(load_mfu_cases(write_temp("bad1.yaml", "schema: other/1\ncases: []\n")), ConfigError);
  std::string bad = kCases;
  bad.replace(bad.find("gpus: 8, gpus_per_node"), 7, "gpus: -8");
  EXPECT_THROW(load_mfu_cases(write_temp("bad2.yaml", bad)), ConfigError);
}

// The same run reported in several ways. Only `reported` changes, so every prediction is the same step; each
// must be compared on its own quantity.
const char* kReportedWays = R"(schema: aidc-validation-mfu/1
cases:
  - id: step
    model: {arch: gpt, layers: 24, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8, gpus_per_node: 8, scale_out: unknown}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64, recompute: full}
    reported: {step_time_s: 2.0, tflops_per_gpu: 1.0}
  - id: tokens
    model: {arch: gpt, layers: 24, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8, gpus_per_node: 8, scale_out: unknown}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64, recompute: full}
    reported: {tokens_per_s: 65536, tflops_per_gpu: 1.0}
  - id: tokens-per-gpu
    model: {arch: gpt, layers: 24, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8, gpus_per_node: 8, scale_out: unknown}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64, recompute: full}
    reported: {tokens_per_s_per_gpu: 8192, tflops_per_gpu: 1.0}
  - id: hardware-basis
    model: {arch: gpt, layers: 24, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8, gpus_per_node: 8, scale_out: unknown}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64, recompute: full}
    reported: {tflops_per_gpu: 100, basis: hardware_flops}
  - id: hfu-only
    model: {arch: gpt, layers: 24, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8, gpus_per_node: 8, scale_out: unknown}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64, recompute: full}
    reported: {hfu: 0.4, basis: hardware_flops}
  - id: whole-blocks-unknown
    model: unknown
    cluster: {gpu: a100-sxm4-80gb, gpus: 8}
    training: unknown
    reported: {step_time_s: 1.0}
  - id: moe-unknown
    model: {arch: moe, layers: 2, hidden: 2048, ffn_hidden: 8192, heads: 16, seq_len: 2048, vocab: 51200, moe: unknown}
    cluster: {gpu: a100-sxm4-80gb, gpus: 8}
    training: {precision: fp16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64}
    reported: {step_time_s: 1.0}
)";

TEST(MfuCases, MeasuredTimeIsComparedBeforeAnyFlopFigure) {
  const auto cases = load_mfu_cases(write_temp("ways.yaml", kReportedWays));
  ASSERT_EQ(cases.size(), 7u);
  const auto hw = find_hardware_dir(AIDC_SOURCE_DIR);
  std::vector<MfuPrediction> p;
  for (const auto& c : cases) p.push_back(predict_mfu_case(c, hw));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(p[i].predicted) << p[i].id << ": " << p[i].reason;
  const double t = p[0].step.step_time_s;
  EXPECT_EQ(p[0].compared, "step_time_s");
  EXPECT_NEAR(p[0].rel_error, t / 2.0 - 1.0, 1e-12);
  // 64 sequences x 2048 tokens in 2 s: 65,536 tokens/s, 8,192 per GPU. A rate's error is the inverse of the
  // step time's.
  EXPECT_EQ(p[1].compared, "tokens_per_s");
  EXPECT_NEAR(p[1].rel_error, 2.0 / t - 1.0, 1e-12);
  EXPECT_EQ(p[2].compared, "tokens_per_s_per_gpu");
  EXPECT_NEAR(p[2].rel_error, 2.0 / t - 1.0, 1e-12);
  // Full recomputation: the hardware basis counts the recomputed forward, so it is above the model basis.
  EXPECT_EQ(p[3].compared, "tflops_per_gpu");
  EXPECT_DOUBLE_EQ(p[3].predicted_tflops_per_gpu, p[3].step.hardware_tflops_per_gpu);
  EXPECT_GT(p[3].step.hardware_tflops_per_gpu, 1.2 * p[3].step.model_tflops_per_gpu);
  EXPECT_EQ(p[4].compared, "hfu");
  EXPECT_NEAR(p[4].rel_error, p[4].step.hfu / 0.4 - 1.0, 1e-12);
  EXPECT_FALSE(cases[5].predictable);
  EXPECT_NE(cases[5].reason.find("model unknown"), std::string::npos) << cases[5].reason;
  EXPECT_FALSE(cases[6].predictable);
  EXPECT_NE(cases[6].reason.find("moe"), std::string::npos) << cases[6].reason;
}

// Cases that give only a model's name take its dimensions from architectures.yaml beside the case file.
struct NamedCaseFiles {
  std::filesystem::path dir;
  explicit NamedCaseFiles(const std::string& architectures) {
    dir = std::filesystem::temp_directory_path() / "aidc_perf_named_cases";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "architectures.yaml") << architectures;
    std::ofstream(dir / "cases.yaml") << R"(schema: aidc-validation-mfu/1
cases:
  - id: by-name
    model: {arch: unknown, name: "Demo-7B", layers: unknown, hidden: unknown, ffn_hidden: unknown, heads: unknown, kv_heads: unknown, seq_len: 4096, vocab: unknown}
    cluster: {gpu: h100-sxm5-80gb, gpus: 8}
    training: {precision: bf16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64}
    reported: {step_time_s: 10.0}
  - id: by-name-layers-given
    model: {arch: llama, name: "Demo-7B", layers: 2, hidden: unknown, ffn_hidden: unknown, heads: unknown, seq_len: 4096, vocab: unknown}
    cluster: {gpu: h100-sxm5-80gb, gpus: 8}
    training: {precision: bf16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64}
    reported: {step_time_s: 1.0}
  - id: name-not-listed
    model: {arch: unknown, name: "Other-1B", layers: unknown, hidden: unknown, ffn_hidden: unknown, heads: unknown, seq_len: 4096, vocab: unknown}
    cluster: {gpu: h100-sxm5-80gb, gpus: 8}
    training: {precision: bf16, tp: 1, pp: 1, dp: 8, micro_batch: 1, global_batch: 64}
    reported: {step_time_s: 1.0}
)";
  }
  std::string cases() const { return (dir / "cases.yaml").string(); }
};

const char* kDemoArchitecture = R"(schema: aidc-model-architectures/1
architectures:
  - name: "Demo-7B"
    arch: llama
    layers: 32
    hidden: 4096
    ffn_hidden: 11008
    heads: 32
    kv_heads: 8
    vocab: 32000
    gated_mlp: false
    source: "test"
)";

TEST(MfuCases, NamedModelsTakeOnlyTheirUnknownDimensionsFromTheArchitecturesFile) {
  const NamedCaseFiles files(kDemoArchitecture);
  const auto cases = load_mfu_cases(files.cases());
  ASSERT_EQ(cases.size(), 3u);
  const auto& m = cases[0].job.model;
  ASSERT_TRUE(cases[0].predictable) << cases[0].reason;
  EXPECT_EQ(m.arch, aidc::models::ModelArch::llama);
  EXPECT_EQ(m.layers, 32);
  EXPECT_EQ(m.hidden, 4096);
  EXPECT_EQ(m.ffn_hidden, 11008);
  EXPECT_EQ(m.kv_heads, 8);
  EXPECT_EQ(m.vocab, 32000);
  EXPECT_EQ(m.seq_len, 4096);  // the case's, not the file's
  EXPECT_FALSE(m.gated_mlp);   // from the file, not the llama default
  bool said = false;
  for (const auto& a : cases[0].assumptions) said |= a.find("published architecture of Demo-7B") != std::string::npos;
  EXPECT_TRUE(said);
  EXPECT_EQ(cases[1].job.model.layers, 2);  // what the case states wins
  EXPECT_EQ(cases[1].job.model.hidden, 4096);
  EXPECT_FALSE(cases[2].predictable);
  EXPECT_NE(cases[2].reason.find("arch unknown"), std::string::npos);
}

TEST(MfuCases, ArchitecturesFileIsStrict) {
  std::string bad = kDemoArchitecture;
  bad.replace(bad.find("    source:"), 0, "    hiden: 4096\n");
  const NamedCaseFiles typo(bad);
  try {
    (void)load_mfu_cases(typo.cases());
    FAIL() << "unknown key accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("architectures.yaml:12"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("hiden"), std::string::npos) << e.what();
  }
  std::string dup = kDemoArchitecture;
  dup += dup.substr(dup.find("  - name"));
  const NamedCaseFiles twice(dup);
  EXPECT_THROW((void)load_mfu_cases(twice.cases()), ConfigError);
}

}  // namespace
}  // namespace aidc::tools
