#include "sim/rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace aidc::sim {
namespace {

// Known-answer vectors for Philox4x32-10 published with Random123 (kat_vectors).
TEST(Philox, KnownAnswerVectors) {
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}), (PhiloxBlock{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}),
            (PhiloxBlock{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}),
            (PhiloxBlock{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

// The four-lane generator is the same function as four single blocks, and a stream's words are the blocks'
// words in counter order: batching changed the speed, not one draw (golden fingerprints depend on this).
TEST(Philox, FourLanesEqualFourSingleBlocks) {
  for (const uint32_t first : {0u, 1u, 12345u, 0xFFFFFFF0u}) {
    const std::array<uint32_t, 2> key = {0x9E3779B9u ^ first, 0x243F6A88u};
    const auto four = philox4x32_10_x4(first, 7u, 11u, 13u, key);
    for (uint32_t l = 0; l < 4; ++l) EXPECT_EQ(four[l], philox4x32_10({first + l, 7u, 11u, 13u}, key)) << first;
  }
}

// Pseudo-random Philox inputs (LCG): counter, the three other counter words, key. Every tenth input starts
// at first_near_wrap, so that the batch's counters wrap around 2^32.
struct PhiloxInputs {
  uint32_t first, c1, c2, c3;
  std::array<uint32_t, 2> key;
};
std::vector<PhiloxInputs> random_philox_inputs(uint64_t seed, uint32_t first_near_wrap) {
  uint64_t x = seed;
  const auto next = [&x] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(x >> 32);
  };
  std::vector<PhiloxInputs> out;
  for (int i = 0; i < 2000; ++i) {
    PhiloxInputs in{};
    in.first = i % 10 == 0 ? first_near_wrap : next();
    in.c1 = next();
    in.c2 = next();
    in.c3 = next();
    in.key = {next(), next()};
    out.push_back(in);
  }
  return out;
}

// The SIMD (SSE2) four-lane path against the scalar single block for many pseudo-random counters and keys,
// including counters that wrap around 2^32 within the batch.
TEST(Philox, FourLanesEqualSingleBlocksForRandomInputs) {
  for (const auto& in : random_philox_inputs(0x243F6A8885A308D3ull, 0xFFFFFFFEu)) {
    const auto four = philox4x32_10_x4(in.first, in.c1, in.c2, in.c3, in.key);
    for (uint32_t l = 0; l < 4; ++l) ASSERT_EQ(four[l], philox4x32_10({in.first + l, in.c1, in.c2, in.c3}, in.key));
  }
}

// The eight-lane generator (what RandomStream refills with) against single blocks, the same way.
TEST(Philox, EightLanesEqualSingleBlocksForRandomInputs) {
  for (const auto& in : random_philox_inputs(0x13198A2E03707344ull, 0xFFFFFFFCu)) {
    std::array<uint32_t, 32> eight{};
    philox4x32_10_x8(in.first, in.c1, in.c2, in.c3, in.key, eight.data());
    for (uint32_t b = 0; b < 8; ++b) {
      const PhiloxBlock want = philox4x32_10({in.first + b, in.c1, in.c2, in.c3}, in.key);
      for (uint32_t w = 0; w < 4; ++w) ASSERT_EQ(eight[4 * b + w], want[w]) << "block " << b;
    }
  }
}

TEST(RandomStream, WordsAreTheBlocksInCounterOrder) {
  const StreamKey key{0x0123456789ABCDEFull, 3, 5, 2};
  RandomStream s(key);
  for (uint32_t block = 0; block < 10; ++block) {
    const PhiloxBlock want = philox4x32_10({block, key.stream, key.entity, key.replication},
                                           {static_cast<uint32_t>(key.seed), static_cast<uint32_t>(key.seed >> 32)});
    for (const uint32_t w : want) EXPECT_EQ(s.next_u32(), w) << "block " << block;
  }
  EXPECT_EQ(s.draws_blocks(), 16u);  // two batches of eight
}

TEST(RandomStream, SameKeySameDrawsDifferentKeyDifferentDraws) {
  RandomStream a({42, 1, 7, 0}), b({42, 1, 7, 0}), c({42, 1, 8, 0}), d({42, 2, 7, 0}), f({43, 1, 7, 0});
  for (int i = 0; i < 100; ++i) {
    const double x = a.uniform();
    EXPECT_EQ(x, b.uniform());
    EXPECT_NE(x, c.uniform());
    EXPECT_NE(x, d.uniform());
    EXPECT_NE(x, f.uniform());
  }
}

TEST(RandomStream, AddingAnEntityDoesNotShiftOthers) {
  // Entity 5's draws are a function of its key only, whether or not entity 6 exists or draws first.
  RandomStream alone({1, 0, 5, 0});
  std::vector<double> ref;
  for (int i = 0; i < 50; ++i) ref.push_back(alone.uniform());
  RandomStream other({1, 0, 6, 0});
  RandomStream again({1, 0, 5, 0});
  for (int i = 0; i < 50; ++i) {
    (void)other.uniform();
    EXPECT_EQ(again.uniform(), ref[static_cast<std::size_t>(i)]);
  }
}

TEST(RandomStream, UniformMomentsAndStreamCorrelation) {
  // 200,000 draws: mean 1/2 and variance 1/12 within ~5 standard errors; the correlation of two
  // streams differing only in `stream` is within 5/sqrt(n) of zero.
  const int n = 200000;
  RandomStream s({9, 0, 0, 0}), t({9, 0, 0, 1});
  double sum = 0, sum2 = 0, cross = 0;
  for (int i = 0; i < n; ++i) {
    const double x = s.uniform(), y = t.uniform();
    ASSERT_GT(x, 0.0);
    ASSERT_LT(x, 1.0);
    sum += x;
    sum2 += x * x;
    cross += (x - 0.5) * (y - 0.5);
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(var, 1.0 / 12, 5 * std::sqrt(1.0 / 180 / n));  // Var of U^2-based estimator ~ 1/180
  EXPECT_NEAR(cross / n / (1.0 / 12), 0.0, 5.0 / std::sqrt(n));
}

TEST(RandomStream, ExponentialAndWeibullMeans) {
  // Exp(rate 2): mean 0.5. Weibull(k=2, lambda=1): mean Gamma(1.5) = sqrt(pi)/2 = 0.886227.
  const int n = 200000;
  RandomStream s({3, 0, 0, 0});
  double se = 0, sw = 0;
  for (int i = 0; i < n; ++i) {
    se += s.exponential(2.0);
    sw += s.weibull(2.0, 1.0);
  }
  EXPECT_NEAR(se / n, 0.5, 5 * 0.5 / std::sqrt(n));
  EXPECT_NEAR(sw / n, 0.886227, 5 * 0.4633 / std::sqrt(n));  // sd of Weibull(2,1) = sqrt(1 - pi/4)
}

TEST(RandomStream, NormalMoments) {
  const int n = 200000;
  RandomStream s({4, 0, 0, 0});
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = s.normal();
    sum += x;
    sum2 += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(sum2 / n, 1.0, 5 * std::sqrt(2.0 / n));
}

}  // namespace
}  // namespace aidc::sim

TEST(RandomStream, ExponentialMatchesItsCdf) {
  // Kolmogorov-Smirnov against F(x) = 1 - e^-x. The 1 % critical value of D is 1.628 / sqrt(n) (Smirnov's
  // asymptotic distribution), so a correct sampler fails this fixed-seed check with probability 0.01.
  const int n = 100000;
  aidc::sim::RandomStream s({11, 0, 0, 0});
  std::vector<double> x(n);
  for (auto& v : x) v = s.exponential(1.0);
  std::sort(x.begin(), x.end());
  double d = 0.0;
  for (int i = 0; i < n; ++i) {
    const double f = 1.0 - std::exp(-x[static_cast<std::size_t>(i)]);
    d = std::max({d, (i + 1.0) / n - f, f - static_cast<double>(i) / n});
  }
  EXPECT_LT(d, 1.628 / std::sqrt(n));
  // Moments: mean 1, variance 1 (standard errors 1/sqrt(n) and sqrt(8/n): Var of (X-1)^2 is E(X-1)^4 - 1 = 8).
  double m = 0, m2 = 0;
  for (double v : x) m += v;
  m /= n;
  for (double v : x) m2 += (v - m) * (v - m);
  m2 /= (n - 1);
  EXPECT_NEAR(m, 1.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(m2, 1.0, 5.0 * std::sqrt(8.0 / n));
}

TEST(RandomStream, ExponentialTailBeyondTheZigguratBase) {
  // P(X > 7.697) = e^-7.697 = 4.54e-4: the base layer's tail branch. With n = 400000 the expected count is
  // 181.8, Poisson sd 13.5; P(X > 10) = e^-10 = 4.54e-5, expected 18.2, sd 4.3.
  const int n = 400000;
  aidc::sim::RandomStream s({12, 0, 0, 0});
  int above_r = 0, above_10 = 0;
  for (int i = 0; i < n; ++i) {
    const double v = s.exponential(1.0);
    above_r += v > 7.697117470131487;
    above_10 += v > 10.0;
  }
  EXPECT_NEAR(above_r, 181.8, 5 * 13.5);
  EXPECT_NEAR(above_10, 18.2, 5 * 4.3);
}

// exponential_unit() splits the ziggurat into an inline accept path and an out-of-line rejection loop (for
// speed). Against the single loop it replaced, written out here: the same draws, bit for bit, in the same
// order, and the stream left at the same position (golden fingerprints depend on this).
TEST(RandomStream, ExponentialSplitPathDrawsWhatTheSingleLoopDrew) {
  int tails = 0, wedges = 0;  // how often the reference left the rectangle path, by branch
  const auto single_loop = [&](aidc::sim::RandomStream& s) {
    const auto& z = aidc::sim::exp_ziggurat();
    for (;;) {
      const uint32_t jz = s.next_u32();
      const uint32_t iz = s.next_u32() & 0xFFu;
      const double x = jz * z.w[iz];
      if (jz < z.k[iz]) return x;
      if (iz == 0) {
        ++tails;
        return z.r - std::log(s.uniform());
      }
      ++wedges;
      if (z.f[iz] + s.uniform() * (z.f[iz - 1] - z.f[iz]) < std::exp(-x)) return x;
    }
  };
  aidc::sim::RandomStream a({13, 2, 3, 4}), b({13, 2, 3, 4});
  for (int i = 0; i < 1000000; ++i) {
    const double got = a.exponential_unit();
    const double want = single_loop(b);
    ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << "draw " << i;
  }
  EXPECT_EQ(a.next_u32(), b.next_u32());  // same position in the stream afterwards
  EXPECT_GT(tails, 0);                    // both rejection branches were exercised
  EXPECT_GT(wedges, 0);
}
