#pragma once
// Parser entry points shared by the libFuzzer targets (tests/hardening/fuzz, clang, AIDC_FUZZ=ON) and the
// regression test that replays every saved fuzz finding and every bad-input catalogue file through the same
// code in the ordinary GCC build (tests/hardening/regressions_test.cpp).
//
// Contract of every entry: feed `data` to the parser exactly as the CLI would; a ConfigError or CalibError
// (the CLI's exit 2) or success are the only acceptable outcomes and return normally. Any other exception
// escapes, because the CLI would turn it into exit 1 ("internal error") for what is really bad input; a
// crash, leak, hang or sanitizer report is a bug by definition.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace aidc::hardening {

using FuzzEntry = void (*)(const std::uint8_t* data, std::size_t size);

// Scenario YAML (schema aidc-scenario/1): written to <scratch>/ref/input.yaml, where <scratch> holds links to
// the shipped scenarios/{hardware,reliability,plant,climate,rubrics} both beside and above the file, so that
// the references of the shipped scenarios resolve; then load_scenario and, for sites of at most
// kMaxFuzzGpus GPUs, build_site (what `aidc check` does).
void fuzz_scenario(const std::uint8_t* data, std::size_t size);
// Hardware profile (scenarios/hardware/*.yaml).
void fuzz_hardware(const std::uint8_t* data, std::size_t size);
// Failure-rate table (schema aidc-reliability-table/1).
void fuzz_reliability(const std::uint8_t* data, std::size_t size);
// Scoring rubric (schema aidc-rubric/1).
void fuzz_rubric(const std::uint8_t* data, std::size_t size);
// Energy YAML files: the same input as a plant file, an IT power library and a grid-carbon table.
void fuzz_plant(const std::uint8_t* data, std::size_t size);
// Climate file, read both as CSV and as EPW.
void fuzz_climate(const std::uint8_t* data, std::size_t size);
// nccl-tests / aidc-nccl logs and the published collective tables, then the fit (`aidc calibrate`).
void fuzz_nccl(const std::uint8_t* data, std::size_t size);
// aidc-gemm CSV, cuBLASLt markdown and XLA matmul tables, then the fit.
void fuzz_gemm(const std::uint8_t* data, std::size_t size);
// aidc-membw CSV, bandwidth markdown and nvbandwidth SUM lines, then the fit.
void fuzz_membw(const std::uint8_t* data, std::size_t size);

// Sweep file (schema aidc-sweep/1), written to <scratch>/sweeps/input.yaml beside a link to the default scenario;
// load_sweep (which loads the base), and for sweeps of at most kMaxFuzzSweepPoints points their points and the
// first two points' scenarios with the overrides applied.
void fuzz_sweep(const std::uint8_t* data, std::size_t size);
// Plan file (schema aidc-plan/1) at <scratch>/plans/input.yaml (links to the shipped base and cost table);
// load_plan with at most kMaxFuzzSweepPoints designs and the first design's scenario; the same text as a cost
// table.
void fuzz_plan(const std::uint8_t* data, std::size_t size);

// Published architectures of named models (schema aidc-model-architectures/1, `aidc predict --architectures`).
void fuzz_architectures(const std::uint8_t* data, std::size_t size);

struct FuzzTarget {
  const char* name;  // target name: fuzz_<name> binary, regressions/<name>/, corpus folder
  FuzzEntry entry;
};
// Every target, in a fixed order.
const std::vector<FuzzTarget>& fuzz_targets();

// Sites larger than this are loaded but not built: building the graph of a 10^9-GPU site is a resource
// question (issue 10, item 3), not a parser bug, and would only make the fuzzer report out-of-memory.
inline constexpr std::int64_t kMaxFuzzGpus = 200'000;
// Likewise sweeps and plans beyond this many points are loaded and counted but not expanded.
inline constexpr std::int64_t kMaxFuzzSweepPoints = 4096;

}  // namespace aidc::hardening
