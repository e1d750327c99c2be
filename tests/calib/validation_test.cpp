// The held-out error table of calib/VALIDATION.md as a test. Targets (issue 5): median busbw error <= 10 %
// for messages >= 1 MiB and <= 20 % below 1 MiB on data the fit never saw. A case the model is known to miss
// is marked with the error measured when it was written and the reason; the test then checks that the
// miss is still what VALIDATION.md says (so an improvement or a regression both show up), and never that
// the target is met.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "tests/calib/heldout.hpp"

namespace aidc::calib {
namespace {

constexpr double kTargetGe1MiB = 0.10;
constexpr double kTargetLt1MiB = 0.20;
// How far a known miss may drift from the value VALIDATION.md records before the document is stale.
constexpr double kKnownMissDrift = 0.03;

struct Expectation {
  double known_miss_ge = -1.0;  // < 0: the target must be met
  double known_miss_lt = -1.0;
  const char* reason = "";
};

// Indexed like heldout::cases().
const Expectation kExpect[] = {
    {0.238, -1.0,
     "4-node default all_reduce runs NCCL's NVLS-tree; its busbw drops 466 -> 325 GB/s from 2 to 4 nodes. The "
     "model halves NVLS-tree's inter-node bandwidth beyond two nodes (NCCL's tuning model) and predicts about "
     "400 GB/s: still 24 % high; the rest is not in the 1-2 node logs. No 4-node data below 1 MiB."},
    {},
    {},
    {0.154, 0.235,
     "all_gather on GCP gIB RoCE predicted from all_reduce fitted on another H200 cluster (BlueField-3 RoCE): "
     "different fabric and collective; the model's all_gather shares the all_reduce latency and NVLS terms."},
    {},
};

void expect_band(const std::string& name, const char* band, double measured, double target, double known_miss,
                 const char* reason) {
  if (std::isnan(measured)) return;  // no points in this band
  if (known_miss < 0.0) {
    EXPECT_LE(measured, target) << name << " " << band;
    return;
  }
  std::printf("KNOWN MISS %s %s: target %.0f %%, measured %.1f %% (recorded %.1f %%): %s\n", name.c_str(), band,
              target * 100.0, measured * 100.0, known_miss * 100.0, reason);
  EXPECT_GT(measured, target) << name << " " << band << ": the known miss is gone; update VALIDATION.md";
  EXPECT_NEAR(measured, known_miss, kKnownMissDrift) << name << " " << band << ": update VALIDATION.md";
}

TEST(HeldOut, ErrorTable) {
  const auto cases = heldout::cases();
  ASSERT_EQ(cases.size(), std::size(kExpect));
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto r = heldout::run(cases[i]);
    std::printf("%-78s >=1MiB %5.1f %%  <1MiB %5.1f %%  worst %6.1f %%  points %d\n", cases[i].name.c_str(),
                r.median_rel_error_ge_1mib * 100.0, r.median_rel_error_lt_1mib * 100.0, r.max_rel_error * 100.0,
                r.points);
    EXPECT_GT(r.points, 0) << cases[i].name;
    for (const auto& s : r.series) EXPECT_TRUE(s.described) << s.file << " " << s.reason;
    expect_band(cases[i].name, ">=1MiB", r.median_rel_error_ge_1mib, kTargetGe1MiB, kExpect[i].known_miss_ge,
                kExpect[i].reason);
    expect_band(cases[i].name, "<1MiB", r.median_rel_error_lt_1mib, kTargetLt1MiB, kExpect[i].known_miss_lt,
                kExpect[i].reason);
  }
}

TEST(HeldOut, ForeignPlatformIsReportedNotPredicted) {
  // An A100 log checked against the H100 fit: reported as not described, never predicted.
  const auto c = heldout::cases()[0];
  const auto f = fit_collectives(c.fit, c.options);
  auto a100 = heldout::load({"nccl_allreduce_a100x8_1node_nvswitch_azure_nda100v4.txt"});
  const auto r = check_collectives(c.platform, f.params, a100);
  ASSERT_EQ(r.series.size(), 1u);
  EXPECT_FALSE(r.series[0].described);
  EXPECT_NE(r.series[0].reason.find("GPU A100"), std::string::npos);
  EXPECT_EQ(r.points, 0);
  // A multi-node log against a platform without a calibrated network is not described either.
  PlatformDescription no_net{"H100", 8, false};
  const auto r2 = check_collectives(no_net, f.params, c.check);
  EXPECT_FALSE(r2.series[0].described);
}

}  // namespace
}  // namespace aidc::calib
