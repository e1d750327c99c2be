// Closed forms of the data-parallel overlap rule (models/perf/dp_overlap.hpp), worked by hand.
#include "models/perf/dp_overlap.hpp"

#include <gtest/gtest.h>

namespace aidc::models {
namespace {

TEST(DpOverlap, WithoutInterleavingOnlyOneMicroBatchHides) {
  EXPECT_DOUBLE_EQ(exposed_grad_reduce_s(10.0, 0.1, 2.0, 8, 1), 8.0);  // 10 - 2
  EXPECT_DOUBLE_EQ(exposed_param_gather_s(10.0, 0.1, 1.0, 8, 1), 9.0);
  EXPECT_DOUBLE_EQ(exposed_grad_reduce_s(1.0, 0.1, 2.0, 8, 1), 0.1);  // hidden but for the last bucket
  EXPECT_DOUBLE_EQ(exposed_grad_reduce_s(0.0, 0.0, 2.0, 8, 1), 0.0);
}

TEST(DpOverlap, InterleavedGradientReduceStartsAtEachChunksLastBackward) {
  // v = 2, pp = 2, a micro-batch's backward through the stage 2 s (1 s per chunk-operation), reduce 10 s (5 per
  // chunk). Chunk 1 is ready 1*2 + 1 = 3 operations before the end, so it runs from -3 to 2; chunk 0 (ready at
  // -1) follows from 2 to 7: 7 s exposed, against 10 - 2 = 8 without interleaving.
  EXPECT_DOUBLE_EQ(exposed_grad_reduce_s(10.0, 0.1, 2.0, 2, 2), 7.0);
  // Short transfers hide entirely: pp = 4, reduce 1 s: chunk 1 runs -5 to -4.5, chunk 0 -1 to -0.5.
  EXPECT_DOUBLE_EQ(exposed_grad_reduce_s(1.0, 0.1, 2.0, 4, 2), 0.1);
}

TEST(DpOverlap, InterleavedParamGatherIsLaunchedOneChunkAhead) {
  // v = 3, pp = 8, forward 3 s through the stage (1 s per chunk-operation), gather 30 s (10 per chunk).
  // Chunk 0: 0-10, due 1 (9 late). Chunk 1, launched at 0, waits for the link: 10-20, due 9 (11 late).
  // Chunk 2, launched when chunk 1 starts its forward at 8: 20-30, due 17 (13 late).
  EXPECT_DOUBLE_EQ(exposed_param_gather_s(30.0, 0.1, 3.0, 8, 3), 13.0);
  // A link idle until the launch: chunk 2 of a 3 s gather is launched at 8, not at 2 when chunk 1 ends.
  // Chunk 0: 0-1, due 1; chunk 1: 1-2, due 9; chunk 2: 8-9, due 17. Only the bucket is exposed.
  EXPECT_DOUBLE_EQ(exposed_param_gather_s(3.0, 0.25, 3.0, 8, 3), 0.25);
}

TEST(DpOverlap, MoreChunksNeverExposeMore) {
  for (double total : {0.5, 2.0, 8.0, 40.0}) {
    for (int pp : {1, 2, 4, 8}) {
      double prev_g = 1e300;
      double prev_p = 1e300;
      for (int v = 1; v <= 6; ++v) {
        const double g = exposed_grad_reduce_s(total, 0.01, 3.0, pp, v);
        const double p = exposed_param_gather_s(total, 0.01, 1.5, pp, v);
        EXPECT_LE(g, prev_g * (1.0 + 1e-12)) << total << " " << pp << " " << v;
        EXPECT_LE(p, prev_p * (1.0 + 1e-12)) << total << " " << pp << " " << v;
        prev_g = g;
        prev_p = p;
      }
    }
  }
}

}  // namespace
}  // namespace aidc::models
