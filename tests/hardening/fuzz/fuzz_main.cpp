// One libFuzzer target; the CMake target fuzz_<name> compiles this file with AIDC_FUZZ_ENTRY=fuzz_<name>
// (tests/hardening/fuzz/CMakeLists.txt), so every target runs exactly the entry the regression test replays.
#include <cstddef>
#include <cstdint>

#include "tests/hardening/fuzz/fuzz_entries.hpp"

#ifndef AIDC_FUZZ_ENTRY
#error "compile with -DAIDC_FUZZ_ENTRY=fuzz_<target>"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aidc::hardening::AIDC_FUZZ_ENTRY(data, size);
  return 0;
}
