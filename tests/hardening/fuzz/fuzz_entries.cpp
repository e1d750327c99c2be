#include "tests/hardening/fuzz/fuzz_entries.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "calib/calib_error.hpp"
#include "calib/calibration.hpp"
#include "calib/gemm_log.hpp"
#include "calib/log_reader.hpp"
#include "calib/membw_log.hpp"
#include "calib/nccl_tests_log.hpp"
#include "calib/published_collective_tables.hpp"
#include "calib/text_lines.hpp"
#include "tools/plan/plan_spec.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/schema/cost_loader.hpp"
#include "tools/schema/energy_loader.hpp"
#include "tools/schema/hardware_loader.hpp"
#include "tools/schema/model_architectures_loader.hpp"
#include "tools/schema/reliability_loader.hpp"
#include "tools/schema/rubric_loader.hpp"
#include "tools/schema/scenario.hpp"
#include "tools/schema/yaml_node.hpp"
#include "tools/sweep/sweep_spec.hpp"

#ifndef AIDC_SOURCE_DIR
#error "AIDC_SOURCE_DIR must name the source tree (the scenario entry links its shipped files)"
#endif

namespace aidc::hardening {
namespace {

namespace fs = std::filesystem;

// A per-process scratch folder (parallel fuzz jobs and ctest processes must not share files), removed at
// exit. remove_all deletes the links it holds, never what they point to.
class Scratch {
 public:
  Scratch() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/aidc-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) std::abort();
    root_ = pattern;
    const fs::path shipped = fs::path(AIDC_SOURCE_DIR) / "scenarios";
    fs::create_directory(root_ / "ref");
    // Shipped scenarios say "hardware/x.yaml" (scenarios/) or "../hardware/x.yaml" (scenarios/ref/); the
    // input is written to <root>/ref/input.yaml, so both spellings must resolve.
    for (const char* sub : {"hardware", "reliability", "plant", "climate", "rubrics"}) {
      fs::create_directory_symlink(shipped / sub, root_ / sub);
      fs::create_directory_symlink(shipped / sub, root_ / "ref" / sub);
    }
    // Sweep inputs go to <root>/sweeps/, plan inputs to <root>/plans/: the shipped ones say
    // "base: ../default.yaml", "base: base-1k-h100.yaml" and "costs: ../costs/default.yaml".
    fs::create_directory(root_ / "sweeps");
    fs::create_directory(root_ / "plans");
    fs::create_symlink(shipped / "default.yaml", root_ / "default.yaml");
    fs::create_directory_symlink(shipped / "costs", root_ / "costs");
    fs::create_symlink(shipped / "plans" / "base-1k-h100.yaml", root_ / "plans" / "base-1k-h100.yaml");
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  // Writes the input to <root>/<name> and returns the path.
  std::string write(const std::string& name, const std::uint8_t* data, std::size_t size) const {
    const fs::path p = root_ / name;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) std::abort();  // a full disk is not a parser bug; stop loudly rather than fuzz an empty file
    return p.string();
  }

 private:
  fs::path root_;
};

const Scratch& scratch() {
  static const Scratch s;
  return s;
}

std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `f`, accepting exactly the two bad-input exceptions.
template <class F>
void expect_clean(F&& f) {
  try {
    f();
  } catch (const tools::ConfigError&) {
  } catch (const calib::CalibError&) {
  }
}

// The fit of `aidc calibrate` over what a parser produced (its own CalibErrors are bad input too).
void fit(calib::LogContents contents) {
  if (contents.collectives.empty() && contents.gemms.empty() && contents.membw.empty()) return;
  calib::CalibrateOptions o;
  o.name = "fuzz";
  expect_clean([&] { (void)calib::calibrate({std::move(contents)}, o); });
}

}  // namespace

void fuzz_scenario(const std::uint8_t* data, std::size_t size) {
  const std::string path = scratch().write("ref/input.yaml", data, size);
  expect_clean([&] {
    const tools::Scenario sc = tools::load_scenario(path);
    if (sc.site_spec.compute.gpus <= kMaxFuzzGpus) (void)tools::build_site(sc);
  });
}

void fuzz_hardware(const std::uint8_t* data, std::size_t size) {
  expect_clean([&] {
    const auto root = tools::YamlNode::load_string(text_of(data, size), "fuzz-hardware.yaml");
    (void)tools::parse_hardware_profile(root, "fuzz");
  });
}

void fuzz_reliability(const std::uint8_t* data, std::size_t size) {
  expect_clean([&] {
    (void)tools::parse_failure_table(tools::YamlNode::load_string(text_of(data, size), "fuzz-reliability.yaml"));
  });
}

void fuzz_rubric(const std::uint8_t* data, std::size_t size) {
  expect_clean(
      [&] { (void)tools::load_rubric(tools::YamlNode::load_string(text_of(data, size), "fuzz-rubric.yaml")); });
}

void fuzz_plant(const std::uint8_t* data, std::size_t size) {
  const std::string path = scratch().write("energy.yaml", data, size);
  expect_clean([&] { (void)tools::load_plant_file(path); });
  expect_clean([&] { (void)tools::load_it_power_file(path); });
  expect_clean([&] { (void)tools::load_grid_carbon_file(path); });
}

void fuzz_climate(const std::uint8_t* data, std::size_t size) {
  const std::string csv = scratch().write("climate.csv", data, size);
  expect_clean([&] { (void)tools::load_climate_file(csv); });
  const std::string epw = scratch().write("climate.epw", data, size);
  expect_clean([&] { (void)tools::load_climate_file(epw); });
}

void fuzz_nccl(const std::uint8_t* data, std::size_t size) {
  const auto text = calib::TextLines::from_string(text_of(data, size), "fuzz-nccl.txt");
  expect_clean([&] { (void)calib::nccl_tests_series(calib::parse_nccl_tests(text)); });
  expect_clean([&] { (void)calib::parse_size_time_table(text); });
  expect_clean([&] { (void)calib::parse_busbw_markdown(text); });
  expect_clean([&] { (void)calib::parse_xla_collective_csv(text); });
  expect_clean([&] { fit(calib::read_log(text)); });
}

void fuzz_gemm(const std::uint8_t* data, std::size_t size) {
  const auto text = calib::TextLines::from_string(text_of(data, size), "fuzz-gemm.csv");
  expect_clean([&] { (void)calib::parse_aidc_gemm(text); });
  expect_clean([&] { (void)calib::parse_cublaslt_markdown(text); });
  expect_clean([&] { (void)calib::parse_xla_matmul_csv(text); });
  expect_clean([&] { fit(calib::read_log(text)); });
}

void fuzz_membw(const std::uint8_t* data, std::size_t size) {
  const auto text = calib::TextLines::from_string(text_of(data, size), "fuzz-membw.csv");
  expect_clean([&] { (void)calib::parse_aidc_membw(text); });
  expect_clean([&] { (void)calib::parse_bandwidth_markdown(text); });
  expect_clean([&] { (void)calib::parse_nvbandwidth_sum(text); });
  expect_clean([&] { fit(calib::read_log(text)); });
}

void fuzz_sweep(const std::uint8_t* data, std::size_t size) {
  const std::string path = scratch().write("sweeps/input.yaml", data, size);
  expect_clean([&] {
    const tools::SweepSpec spec = tools::load_sweep(path);
    if (tools::sweep_point_count(spec) > kMaxFuzzSweepPoints) return;
    const auto points = tools::sweep_points(spec);
    // The first points through the override machinery and the schema, as `aidc sweep` does before it runs them.
    for (std::size_t i = 0; i < points.size() && i < 2; ++i)
      (void)tools::load_scenario(spec.base_path, points[i].overrides);
  });
}

void fuzz_plan(const std::uint8_t* data, std::size_t size) {
  const std::string path = scratch().write("plans/input.yaml", data, size);
  expect_clean([&] {
    const tools::PlanSpec spec = tools::load_plan(path, kMaxFuzzSweepPoints);
    if (spec.design_count() > 0) (void)tools::load_scenario(spec.base_path, spec.overrides_of(0));
  });
  // The same text as a cost table (schema aidc-costs/1), which a plan names.
  expect_clean(
      [&] { (void)tools::parse_cost_table(tools::YamlNode::load_string(text_of(data, size), "fuzz-costs.yaml")); });
}

void fuzz_architectures(const std::uint8_t* data, std::size_t size) {
  expect_clean([&] {
    (void)tools::parse_model_architectures(
        tools::YamlNode::load_string(text_of(data, size), "fuzz-architectures.yaml"));
  });
}

const std::vector<FuzzTarget>& fuzz_targets() {
  static const std::vector<FuzzTarget> targets = {
      {"scenario", fuzz_scenario}, {"hardware", fuzz_hardware}, {"reliability", fuzz_reliability},
      {"rubric", fuzz_rubric},     {"plant", fuzz_plant},       {"climate", fuzz_climate},
      {"nccl", fuzz_nccl},         {"gemm", fuzz_gemm},         {"membw", fuzz_membw},
      {"sweep", fuzz_sweep},       {"plan", fuzz_plan},         {"architectures", fuzz_architectures}};
  return targets;
}

}  // namespace aidc::hardening
