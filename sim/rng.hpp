#pragma once
// Counter-based random streams (Philox4x32-10; Salmon, Moraes, Dror, Shaw, "Parallel random numbers:
// as easy as 1, 2, 3", SC'11).
//
// Why counter-based: a draw is a pure function of (key, counter), so each stream is addressed by
// (seed, replication, entity, stream) and never shares state with another. Adding an entity, changing
// the thread count or the order in which replications run cannot shift anyone else's draws, which is
// what makes results bit-identical for any thread count.
//
// Keying: Philox key = the 64-bit seed; counter = (draw block, stream, entity, replication), 32 bits
// each. One stream yields 2^32 blocks of four 32-bit words (2^33 doubles at 53 bits from two words).
#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aidc::sim {

using PhiloxBlock = std::array<uint32_t, 4>;

// The Philox4x32 bijection with 10 rounds. Constants from the SC'11 paper (and Random123).
inline PhiloxBlock philox4x32_10(PhiloxBlock c, std::array<uint32_t, 2> k) {
  constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // multipliers
  constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // Weyl key increments
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k[0] += kW0;
      k[1] += kW1;
    }
    const uint64_t p0 = static_cast<uint64_t>(kM0) * c[0];
    const uint64_t p1 = static_cast<uint64_t>(kM1) * c[2];
    const uint32_t hi0 = static_cast<uint32_t>(p0 >> 32), lo0 = static_cast<uint32_t>(p0);
    const uint32_t hi1 = static_cast<uint32_t>(p1 >> 32), lo1 = static_cast<uint32_t>(p1);
    c = {hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0};
  }
  return c;
}

// Tables of the 256-layer exponential ziggurat (Marsaglia & Tsang 2000, zigset): r is the right edge of
// the base layer and v the area of every layer. Built once, immutable afterwards.
struct ExpZiggurat {
  static constexpr double r = 7.697117470131487;
  static constexpr double v = 3.949659822581572e-3;
  std::array<uint32_t, 256> k{};  // 2^32 x (inner edge / outer edge): fully-under-the-curve threshold
  std::array<double, 256> w{};    // outer edge / 2^32: scales a 32-bit word to an abscissa
  std::array<double, 256> f{};    // exp(-outer edge)
  ExpZiggurat() {
    constexpr double m2 = 4294967296.0;
    double de = r, te = r;
    const double q = v / std::exp(-de);
    k[0] = static_cast<uint32_t>((de / q) * m2);
    k[1] = 0;
    w[0] = q / m2;
    w[255] = de / m2;
    f[0] = 1.0;
    f[255] = std::exp(-de);
    for (int i = 254; i >= 1; --i) {
      de = -std::log(v / de + std::exp(-de));
      k[static_cast<std::size_t>(i + 1)] = static_cast<uint32_t>((de / te) * m2);
      te = de;
      f[static_cast<std::size_t>(i)] = std::exp(-de);
      w[static_cast<std::size_t>(i)] = de / m2;
    }
  }
};
inline const ExpZiggurat& exp_ziggurat() {
  static const ExpZiggurat tables;
  return tables;
}

namespace detail {
// Philox4x32-10 on 4 * G consecutive blocks (counters c .. c + 4G - 1 in the first word), in structure-of-arrays
// form, written to out in counter order (block b at out[4b .. 4b+3]): the same words as 4G calls of
// philox4x32_10. Why batches: one block is a chain of 10 dependent rounds (two multiplies each) that leaves the
// multiplier idle; independent lanes overlap.
template <int G>
inline void philox4x32_10_lanes(uint32_t first_counter, uint32_t c1, uint32_t c2, uint32_t c3,
                                std::array<uint32_t, 2> k, uint32_t* out) {
  constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
#if defined(__SSE2__)
  // SSE2 (every x86-64 CPU): four lanes in one register per word, G registers per word. GCC 12 leaves the
  // scalar loop below unvectorised (the 32x32->64 products), which made a stream word cost ~9 cycles;
  // pmuludq multiplies the even lanes, a 32-bit shift brings the odd lanes in. Integer arithmetic:
  // bit-identical to the loop below.
  const auto set = [](uint32_t v) { return _mm_set1_epi32(static_cast<int>(v)); };
  const __m128i m0 = set(kM0), m1 = set(kM1);
  const __m128i even = _mm_set_epi32(0, -1, 0, -1);  // the low 32 bits of each 64-bit half
  __m128i x0[G], x1[G], x2[G], x3[G];
  for (int g = 0; g < G; ++g) {
    x0[g] = _mm_add_epi32(set(first_counter), _mm_set_epi32(4 * g + 3, 4 * g + 2, 4 * g + 1, 4 * g));
    x1[g] = set(c1);
    x2[g] = set(c2);
    x3[g] = set(c3);
  }
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k[0] += kW0;
      k[1] += kW1;
    }
    const __m128i k0 = set(k[0]), k1 = set(k[1]);
    for (int g = 0; g < G; ++g) {  // the groups interleave: independent chains
      const __m128i e0 = _mm_mul_epu32(x0[g], m0), o0 = _mm_mul_epu32(_mm_srli_epi64(x0[g], 32), m0);
      const __m128i e1 = _mm_mul_epu32(x2[g], m1), o1 = _mm_mul_epu32(_mm_srli_epi64(x2[g], 32), m1);
      const __m128i hi0 = _mm_or_si128(_mm_srli_epi64(e0, 32), _mm_andnot_si128(even, o0));
      const __m128i lo0 = _mm_or_si128(_mm_and_si128(e0, even), _mm_slli_epi64(o0, 32));
      const __m128i hi1 = _mm_or_si128(_mm_srli_epi64(e1, 32), _mm_andnot_si128(even, o1));
      const __m128i lo1 = _mm_or_si128(_mm_and_si128(e1, even), _mm_slli_epi64(o1, 32));
      x0[g] = _mm_xor_si128(_mm_xor_si128(hi1, x1[g]), k0);
      x2[g] = _mm_xor_si128(_mm_xor_si128(hi0, x3[g]), k1);
      x1[g] = lo1;
      x3[g] = lo0;
    }
  }
  // Lanes -> blocks: a 4x4 transpose of 32-bit words per group.
  for (int g = 0; g < G; ++g) {
    const __m128i t0 = _mm_unpacklo_epi32(x0[g], x1[g]), t1 = _mm_unpacklo_epi32(x2[g], x3[g]);
    const __m128i t2 = _mm_unpackhi_epi32(x0[g], x1[g]), t3 = _mm_unpackhi_epi32(x2[g], x3[g]);
    uint32_t* o = out + 16 * g;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o), _mm_unpacklo_epi64(t0, t1));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 4), _mm_unpackhi_epi64(t0, t1));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 8), _mm_unpacklo_epi64(t2, t3));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 12), _mm_unpackhi_epi64(t2, t3));
  }
#else
  constexpr int kLanes = 4 * G;
  uint32_t x0[kLanes], x1[kLanes], x2[kLanes], x3[kLanes];
  for (int l = 0; l < kLanes; ++l) {
    x0[l] = first_counter + static_cast<uint32_t>(l);
    x1[l] = c1;
    x2[l] = c2;
    x3[l] = c3;
  }
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k[0] += kW0;
      k[1] += kW1;
    }
    for (int l = 0; l < kLanes; ++l) {
      const uint64_t p0 = static_cast<uint64_t>(kM0) * x0[l];
      const uint64_t p1 = static_cast<uint64_t>(kM1) * x2[l];
      const uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ x1[l] ^ k[0];
      const uint32_t n2 = static_cast<uint32_t>(p0 >> 32) ^ x3[l] ^ k[1];
      x1[l] = static_cast<uint32_t>(p1);
      x3[l] = static_cast<uint32_t>(p0);
      x0[l] = n0;
      x2[l] = n2;
    }
  }
  for (int l = 0; l < kLanes; ++l) {
    out[4 * l] = x0[l];
    out[4 * l + 1] = x1[l];
    out[4 * l + 2] = x2[l];
    out[4 * l + 3] = x3[l];
  }
#endif
}
}  // namespace detail

// Four consecutive blocks (counters c, c+1, c+2, c+3 in the first word) at once.
inline std::array<PhiloxBlock, 4> philox4x32_10_x4(uint32_t first_counter, uint32_t c1, uint32_t c2, uint32_t c3,
                                                   std::array<uint32_t, 2> k) {
  uint32_t words[16];
  detail::philox4x32_10_lanes<1>(first_counter, c1, c2, c3, k, words);
  std::array<PhiloxBlock, 4> out;
  for (std::size_t b = 0; b < 4; ++b) out[b] = {words[4 * b], words[4 * b + 1], words[4 * b + 2], words[4 * b + 3]};
  return out;
}

// Eight consecutive blocks (counters c .. c+7), written to out (32 words) in counter order. What RandomStream
// refills with: a stream then refills (an out-of-line call, the key schedule, the transposes) once per 32
// words instead of 16; the words themselves cost the same (~2 ns each). Measured in the hold model: -1.5 ns
// per event.
inline void philox4x32_10_x8(uint32_t first_counter, uint32_t c1, uint32_t c2, uint32_t c3, std::array<uint32_t, 2> k,
                             uint32_t* out) {
  detail::philox4x32_10_lanes<2>(first_counter, c1, c2, c3, k, out);
}

// Identifies one random stream.
struct StreamKey {
  uint64_t seed = 0;
  uint32_t replication = 0;
  uint32_t entity = 0;
  uint32_t stream = 0;
};

class RandomStream {
 public:
  explicit RandomStream(StreamKey key) : key_(key) {}

  // Uniform in the open interval (0, 1), 53 random bits: never 0, so log() is always finite.
  double uniform() {
    const uint64_t hi = next_u32() >> 5;  // 27 bits
    const uint64_t lo = next_u32() >> 6;  // 26 bits
    return (static_cast<double>((hi << 26) | lo) + 0.5) * 0x1.0p-53;
  }
  // Exponential by the ziggurat method (Marsaglia & Tsang, "The ziggurat method for generating random
  // variables", J. Stat. Software 5(8), 2000), with the layer index drawn from a word independent of the
  // abscissa (Doornik, "An improved ziggurat method", 2005): about 99 % of draws cost two 32-bit words,
  // one multiply and one compare instead of a log.
  double exponential(double rate) { return exponential_unit() / rate; }
  // Weibull with shape k and scale lambda: lambda * (-ln U)^(1/k).
  double weibull(double shape, double scale) { return scale * std::pow(-std::log(uniform()), 1.0 / shape); }
  // Standard normal by Box-Muller (one of the pair; the other is discarded to keep streams simple).
  double normal() {
    const double u1 = uniform(), u2 = uniform();
    constexpr double kTwoPi = 6.283185307179586476925;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
  }
  // Lognormal with the given mean and sd of the underlying normal.
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }
  // Exp(1). The common case (about 99 % of draws) inline; the rejected ones out of line.
  double exponential_unit() {
    const auto& z = exp_ziggurat();
    const uint32_t jz = next_u32();
    const uint32_t iz = next_u32() & 0xFFu;
    if (jz < z.k[iz]) [[likely]]
      return jz * z.w[iz];  // inside the layer's rectangle: under the curve
    return exponential_rejected(jz, iz);
  }
  uint32_t next_u32() {
    if (used_ == kWords) [[unlikely]]
      refill();
    return words_[static_cast<std::size_t>(used_++)];
  }
  // Blocks generated so far (a multiple of 8: blocks are generated eight at a time).
  uint64_t draws_blocks() const { return counter_; }

 private:
  // The ziggurat's rare paths, continuing exponential_unit's loop with its rejected (jz, iz): the base layer's
  // tail and the wedges; the words drawn are the same, in the same order, as one loop would draw them.
  [[gnu::noinline]] double exponential_rejected(uint32_t jz, uint32_t iz) {
    const auto& z = exp_ziggurat();
    for (;;) {
      const double x = jz * z.w[iz];
      if (jz < z.k[iz]) return x;
      if (iz == 0) return z.r - std::log(uniform());  // base layer's tail: memoryless, shifted by r
      // Wedge between the rectangle and the curve: accept under exp(-x).
      if (z.f[iz] + uniform() * (z.f[iz - 1] - z.f[iz]) < std::exp(-x)) return x;
      jz = next_u32();
      iz = next_u32() & 0xFFu;
    }
  }
  static constexpr int kBlocks = 8;
  static constexpr int kWords = 4 * kBlocks;
  // The next eight blocks, in counter order: the stream's words are exactly those of one block at a time.
  // Out of line: once per 32 words.
  [[gnu::noinline]] void refill() {
    if (counter_ > 0xFFFFFFFFull - (kBlocks - 1))
      throw std::overflow_error("RandomStream: more than 2^32 blocks drawn from one stream");
    philox4x32_10_x8(static_cast<uint32_t>(counter_), key_.stream, key_.entity, key_.replication,
                     {static_cast<uint32_t>(key_.seed), static_cast<uint32_t>(key_.seed >> 32)}, words_.data());
    counter_ += kBlocks;
    used_ = 0;
  }
  StreamKey key_;
  std::array<uint32_t, kWords> words_{};
  uint64_t counter_ = 0;
  int used_ = kWords;
};

}  // namespace aidc::sim
