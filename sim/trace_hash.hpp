#pragma once
// TraceHash: an order-sensitive 64-bit hash of a sequence of integers, the unit of the determinism
// fingerprints (issue 10, item 7). It hashes integers only, never printed or binary doubles: two runs that
// fire the same events at the same integer nanoseconds, in the same order, with the same counters, give the
// same hash on any machine and compiler, and any difference in the event sequence (one extra event, one
// event moved by 1 ns, two events swapped) changes it.
//
// Two ways in. add() mixes each word with the splitmix64 finaliser (Steele, Lea & Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014) before folding it in, so that nearby values (consecutive
// sequence numbers, times 1 ns apart) land far apart; the fold multiplies by an odd constant, so it is
// order-sensitive (a·b ≠ b·a after mixing). fold(), the engine's per-event path, takes a word the caller has
// already spread (an XOR of products by odd constants) and folds it with an odd multiply and a xorshift.
// Not cryptographic: it detects accidental divergence, not tampering.
#include <cstdint>
#include <string>

namespace aidc::sim {

class TraceHash {
 public:
  static constexpr uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
  constexpr void add(uint64_t word) { h_ = (h_ ^ mix(word)) * 0x100000001b3ULL + 0x2545f4914f6cdd1dULL; }
  // The cheaper fold for one pre-combined word per event (Engine::step): an odd multiply and a xorshift,
  // both invertible, so a sequence that differs from another in one word always ends with another hash. No splitmix
  // finaliser: the caller's word is already an XOR of products by odd constants, and the engine's per-event hash was
  // measurable (~1.5 ns per event in the hold model) with two finalisers.
  constexpr void fold(uint64_t word) {
    h_ = (h_ ^ word) * 0x9e3779b97f4a7c15ULL;
    h_ ^= h_ >> 29;
  }
  constexpr void add_signed(int64_t word) { add(static_cast<uint64_t>(word)); }
  constexpr uint64_t value() const { return h_; }
  // 16 lower-case hex digits, the form results files and golden tables carry.
  static std::string hex(uint64_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kDigits[v & 0xF];
    return s;
  }

 private:
  uint64_t h_ = 0xcbf29ce484222325ULL;  // FNV offset basis: a non-zero start so an empty trace is not 0
};

}  // namespace aidc::sim
