#include "tools/sweep/sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>

#include "models/metrics.hpp"
#include "sim/rng.hpp"
#include "tools/schema/file_exists.hpp"
#include "tools/schema/scenario.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {
namespace {

// A grid this large is almost certainly a mistake (and would not finish); an explicit design limit keeps the
// error message useful instead of an out-of-memory kill.
constexpr int64_t kMaxPoints = 10'000'000;
constexpr const char* kSweepSchema = "aidc-sweep/1";
constexpr const char* kVersion = "aidc 0.1.0";

// Random-stream numbering inside a sweep's key space: entity = axis, stream = purpose.
constexpr uint32_t kStreamSample = 0;
constexpr uint32_t kStreamPermute = 1;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// FNV-1a, 64 bit: detects a sweep or base file that changed between a crash and its resume. Not a security
// hash; an accidental collision would need a changed file with the same 64-bit hash.
uint64_t fnv1a(uint64_t h, const std::string& s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string number_text(double v, bool integer) {
  char buf[40];
  if (integer) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
  } else {
    // The shortest text that reads back as the same double: 0.6, not 0.59999999999999998.
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(buf, sizeof buf, "%.*g", precision, v);
      if (std::strtod(buf, nullptr) == v) break;
    }
  }
  return buf;
}

bool is_number(const std::string& text) {
  try {
    const YAML::Node n = YAML::Load(text);
    if (!n.IsScalar()) return false;
    double d = 0.0;
    return YAML::convert<double>::decode(n, d) && std::isfinite(d);
  } catch (const YAML::Exception&) {
    return false;
  }
}

SweepRange load_range(const YamlNode& n, bool grid) {
  SweepRange r;
  r.from = n.get<double>("from");
  r.to = n.get<double>("to");
  r.log = n.get_or<bool>("log", false);
  r.integer = n.get_or<bool>("integer", false);
  if (n.has("steps")) {
    r.steps = n.get_count("steps");
    if (r.steps < 2) n.fail_at("steps", "a range needs at least 2 steps (use values: for one level)");
  } else if (grid) {
    n.fail("a grid range needs steps (the number of levels from `from` to `to`)");
  }
  if (!(r.to > r.from)) n.fail_at("to", "must be greater than from");
  if (r.log && r.from <= 0.0) n.fail_at("from", "a log range must be positive");
  n.done();
  return r;
}

double range_value(const SweepRange& r, double u) {
  double v =
      r.log ? std::exp(std::log(r.from) + u * (std::log(r.to) - std::log(r.from))) : r.from + u * (r.to - r.from);
  if (r.integer) v = std::round(v);
  return v;
}

SweepField load_field(const YamlNode& n, bool grid) {
  SweepField f;
  f.path = n.get<std::string>("path");
  try {
    (void)parse_field_path(f.path);
  } catch (const std::invalid_argument& e) {
    n.fail_at("path", e.what());
  }
  const bool has_values = n.has("values"), has_range = n.has("range");
  if (has_values == has_range) n.fail("give exactly one of values and range");
  if (has_values) {
    const YamlNode v = n.child("values");
    if (!v.is_sequence()) v.fail("must be a list of values");
    for (const YamlNode& item : v.items()) {
      // Scalars only: a level is written into the scenario as YAML text and into the results as one cell.
      if (!item.is_scalar()) item.fail("sweep values must be scalars (numbers or strings)");
      f.values.push_back(item.as<std::string>());
    }
    if (f.values.empty()) v.fail("must not be empty");
    f.numeric = std::all_of(f.values.begin(), f.values.end(), is_number);
  } else {
    const SweepRange r = load_range(n.child("range"), grid);
    if (r.steps > 0) {
      for (int64_t i = 0; i < r.steps; ++i) {
        const double u = static_cast<double>(i) / static_cast<double>(r.steps - 1);
        f.values.push_back(number_text(range_value(r, u), r.integer));
      }
    } else {
      f.continuous = r;
    }
  }
  n.done();
  return f;
}

SweepAxis load_axis(const YamlNode& n, bool grid) {
  SweepAxis a;
  if (!n.is_map()) n.fail("an axis is a mapping {path, values|range} or {linked: [...]}");
  if (n.has("linked")) {
    const YamlNode l = n.child("linked");
    if (!l.is_sequence()) l.fail("must be a list of {path, values}");
    for (const YamlNode& f : l.items()) a.fields.push_back(load_field(f, grid));
    if (a.fields.size() < 2) l.fail("a linked axis needs at least two fields");
    for (const auto& f : a.fields) {
      if (f.continuous) l.fail("linked fields need values (or a range with steps), not a continuous range");
      if (f.values.size() != a.fields.front().values.size()) {
        l.fail("linked fields must have the same number of values (field '" + f.path + "' has " +
               std::to_string(f.values.size()) + ", '" + a.fields.front().path + "' has " +
               std::to_string(a.fields.front().values.size()) + ")");
      }
    }
    n.done();
  } else {
    a.fields.push_back(load_field(n, grid));
  }
  return a;
}

}  // namespace

const std::vector<std::string>& sweep_metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& k : models::kHeadlineMetrics) v.emplace_back(k.name);
    // Diagnostic metrics the pipeline stages set (tools/cli/pipeline.cpp, reliability_stage.cpp,
    // energy_stage.cpp); tests/sweep checks that each is produced by the default scenario.
    for (const char* k :
         {"hfu", "step_time_s", "tokens_per_s", "latency_same_switch_us", "latency_three_hops_us",
          "rdma_effective_bandwidth", "all_reduce_effective_bandwidth", "interruptions", "storage_availability",
          "cee_pflop_per_kwh", "ccue_pflop_per_kg", "card_gflops_per_w", "peak_facility_kw", "free_cooling_hours"}) {
      v.emplace_back(k);
    }
    return v;
  }();
  return names;
}

SweepSpec load_sweep(const std::string& path) {
  const YamlNode root = YamlNode::load_file(path);
  if (!root.is_map()) root.fail("a sweep file must be a YAML mapping");
  SweepSpec s;
  s.path = path;
  const std::string schema = root.get<std::string>("schema");
  if (schema != kSweepSchema) {
    root.fail_at("schema", "unsupported schema '" + schema + "' (this aidc reads '" + kSweepSchema + "')");
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const std::string base = root.get<std::string>("base");
  s.base_path = std::filesystem::path(base).is_absolute()
                    ? base
                    : (std::filesystem::path(dir) / base).lexically_normal().string();
  if (!referenced_file_exists(s.base_path)) root.fail_at("base", "base scenario not found: " + s.base_path);
  const std::string design = root.get_enum_or("design", {"grid", "random", "lhs"}, "grid");
  s.design = design == "grid" ? SweepDesign::grid : design == "random" ? SweepDesign::random : SweepDesign::lhs;
  // Every optional key is read through an accessor (never only has()), so that an unknown-key error lists it.
  const int64_t samples = root.get_count_or("samples", 0);
  if (s.design == SweepDesign::grid) {
    if (samples > 0) root.fail_at("samples", "a grid has no samples (its size is the product of the axes)");
  } else {
    s.samples = root.get_count("samples");
    if (s.samples > kMaxPoints) root.fail_at("samples", "at most " + std::to_string(kMaxPoints) + " samples");
  }
  s.seed = static_cast<uint64_t>(root.get_count0_or("seed", static_cast<int64_t>(s.seed)));
  if (const int64_t r = root.get_count_or("replications", 0); r > 0) s.replications = r;
  if (const double h = root.get_in_range_or("horizon_hours", 1e-3, 200.0 * 8766.0, 0.0); h > 0.0) s.horizon_hours = h;

  const YamlNode axes = root.child("axes");
  if (!axes.is_sequence() || axes.items().empty()) axes.fail("must be a non-empty list of axes");
  for (const YamlNode& a : axes.items()) {
    s.axes.push_back(load_axis(a, s.design == SweepDesign::grid));
  }

  const YamlNode metrics = root.child("metrics");
  if (!metrics.is_sequence() || metrics.items().empty()) metrics.fail("must be a non-empty list of metric names");
  const auto& known = sweep_metric_names();
  for (const YamlNode& m : metrics.items()) {
    const auto name = m.as<std::string>();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      m.fail("unknown metric '" + name + "' (known: " + list + ")");
    }
    if (std::find(s.metrics.begin(), s.metrics.end(), name) != s.metrics.end())
      m.fail("metric '" + name + "' listed twice");
    s.metrics.push_back(name);
  }
  root.done();

  // Axis paths must name fields the base scenario sets (scenario_override.hpp), and two axes must not set
  // the same field. Checked here so that a misspelt path is one clear error, not a failure at every point.
  const YAML::Node base_yaml = YAML::LoadFile(s.base_path);
  std::vector<std::string> seen;
  const auto axis_items = axes.items();
  for (std::size_t i = 0; i < s.axes.size(); ++i) {
    for (const auto& f : s.axes[i].fields) {
      if (!field_exists(base_yaml, f.path)) {
        axis_items[i].fail("path '" + f.path + "' is not a field of the base scenario " + s.base_path +
                           " (a sweep axis changes a field the base sets)");
      }
      if (std::find(seen.begin(), seen.end(), f.path) != seen.end()) {
        axis_items[i].fail("path '" + f.path + "' is set by two axes");
      }
      seen.push_back(f.path);
    }
  }
  (void)load_scenario(s.base_path);  // the base itself must be valid

  uint64_t h = 0xcbf29ce484222325ull;
  h = fnv1a(h, kVersion);
  h = fnv1a(h, read_bytes(path));
  h = fnv1a(h, read_bytes(s.base_path));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  s.fingerprint = hex;
  (void)sweep_point_count(s);  // refuses sizes that overflow
  return s;
}

int64_t sweep_point_count(const SweepSpec& s) {
  if (s.design != SweepDesign::grid) return s.samples;
  int64_t n = 1;
  for (const auto& a : s.axes) {
    if (a.levels() > static_cast<std::size_t>(kMaxPoints) || n > kMaxPoints / static_cast<int64_t>(a.levels())) {
      throw ConfigError(
          s.path, 0, 0, "axes",
          "the grid has more than " + std::to_string(kMaxPoints) + " points; use design: random or lhs with samples");
    }
    n *= static_cast<int64_t>(a.levels());
  }
  return n;
}

std::vector<SweepPoint> sweep_points(const SweepSpec& s) {
  const int64_t n = sweep_point_count(s);
  const std::size_t dims = s.axes.size();
  // level[d][i] for discrete axes, u[d][i] in (0,1) for continuous ones.
  std::vector<std::vector<double>> u(dims, std::vector<double>(static_cast<std::size_t>(n)));
  if (s.design == SweepDesign::grid) {
    for (int64_t i = 0; i < n; ++i) {
      int64_t rest = i;
      for (std::size_t d = dims; d-- > 0;) {
        const auto k = static_cast<int64_t>(s.axes[d].levels());
        u[d][static_cast<std::size_t>(i)] = static_cast<double>(rest % k);
        rest /= k;
      }
    }
  } else {
    for (std::size_t d = 0; d < dims; ++d) {
      sim::RandomStream draw({s.seed, 0, static_cast<uint32_t>(d), kStreamSample});
      std::vector<int64_t> strata(static_cast<std::size_t>(n));
      std::iota(strata.begin(), strata.end(), 0);
      if (s.design == SweepDesign::lhs) {
        // Latin hypercube (McKay, Beckman & Conover, Technometrics 21(2), 1979): one sample in each of n
        // equal-probability strata per axis, strata shuffled independently per axis (Fisher-Yates).
        sim::RandomStream perm({s.seed, 0, static_cast<uint32_t>(d), kStreamPermute});
        for (int64_t i = n - 1; i > 0; --i) {
          const auto j = static_cast<int64_t>(perm.uniform() * static_cast<double>(i + 1));
          std::swap(strata[static_cast<std::size_t>(i)], strata[static_cast<std::size_t>(std::min(j, i))]);
        }
      }
      for (int64_t i = 0; i < n; ++i) {
        const double v = draw.uniform();
        const double p = s.design == SweepDesign::lhs
                             ? (static_cast<double>(strata[static_cast<std::size_t>(i)]) + v) / static_cast<double>(n)
                             : v;
        if (s.axes[d].continuous()) {
          u[d][static_cast<std::size_t>(i)] = p;
        } else {
          const auto k = static_cast<double>(s.axes[d].levels());
          u[d][static_cast<std::size_t>(i)] = std::min(std::floor(p * k), k - 1.0);
        }
      }
    }
  }
  std::vector<SweepPoint> points(static_cast<std::size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    SweepPoint& p = points[static_cast<std::size_t>(i)];
    p.index = i;
    for (std::size_t d = 0; d < dims; ++d) {
      const double x = u[d][static_cast<std::size_t>(i)];
      for (const auto& f : s.axes[d].fields) {
        const std::string value = f.continuous ? number_text(range_value(*f.continuous, x), f.continuous->integer)
                                               : f.values[static_cast<std::size_t>(x)];
        p.overrides.push_back({f.path, value});
      }
    }
  }
  return points;
}

}  // namespace aidc::tools
