// TSan canary for ./tools/tsan: proves that the suppressions in tests/hardening/tsan.supp and the annotations in
// sim/replications.hpp hide only oneTBB's own bookkeeping. Without arguments every replication works on its own
// data (must be clean); with any argument the replications also increment one shared, unsynchronised counter,
// a real data race that ThreadSanitizer must report.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "sim/replications.hpp"

namespace {
long g_shared = 0;  // written by every replication when racing
}

int main(int argc, char** /*argv*/) {
  const bool race = argc > 1;
  const auto results = aidc::sim::run_replications<std::int64_t>(64, 4, [race](std::int64_t r) {
    std::vector<std::int64_t> own(1000);
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < own.size(); ++i) {
      own[i] = static_cast<std::int64_t>(i) ^ r;
      sum += own[i];
    }
    if (race) ++g_shared;
    return sum;
  });
  std::int64_t total = 0;
  for (const auto v : results) total += v;
  std::printf("replications %zu, checksum %lld, shared %ld\n", results.size(), static_cast<long long>(total), g_shared);
  return 0;
}
