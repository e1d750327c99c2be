#include "tools/sweep/sweep_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <limits>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "sim/parallel_for.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::tools {
namespace {

constexpr const char* kKind = "aidc-sweep";
constexpr const char* kVersion = "0.1.0";

bool axis_sets(const SweepSpec& s, const std::string& path) {
  for (const auto& a : s.axes) {
    for (const auto& f : a.fields) {
      if (f.path == path) return true;
    }
  }
  return false;
}

std::vector<SweepPoint> shard_points(const std::vector<SweepPoint>& points, const Shard& shard) {
  std::vector<SweepPoint> out;
  for (const auto& p : points) {
    if (p.index % shard.n == shard.k) out.push_back(p);
  }
  return out;
}

double parse_number(const std::string& text) {
  const YAML::Node n = YAML::Load(text);
  return n.as<double>();
}

TableFile sweep_table(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                      const std::map<int64_t, PointResult>& results, const Shard& shard) {
  TableFile f;
  f.table_name = "sweep";
  f.text_attrs = {{"kind", kKind},
                  {"sweep", spec.path},
                  {"base", spec.base_path},
                  {"fingerprint", spec.fingerprint},
                  {"aidc_version", kVersion}};
  if (!shard.whole()) f.text_attrs.emplace_back("shard", shard.text());
  f.int_attrs = {{"points", sweep_point_count(spec)}, {"seed", static_cast<int64_t>(spec.seed)}};
  Table& t = f.table;
  t.key_name = "point";
  std::vector<int64_t> replication;
  // Axis columns in axis order: numbers as doubles, anything else as text.
  std::vector<std::pair<std::string, std::vector<double>>> num_axes;
  std::vector<std::pair<std::string, std::vector<std::string>>> text_axes;
  std::vector<bool> field_numeric;
  for (const auto& a : spec.axes) {
    for (const auto& fl : a.fields) {
      field_numeric.push_back(fl.numeric);
      if (fl.numeric) {
        num_axes.emplace_back(fl.path, std::vector<double>{});
      } else {
        text_axes.emplace_back(fl.path, std::vector<std::string>{});
      }
    }
  }
  std::vector<std::vector<double>> metric(spec.metrics.size());
  std::vector<std::string> status, fingerprint;
  for (const auto& p : points) {
    const auto it = results.find(p.index);
    if (it == results.end()) throw std::logic_error("sweep_table: point missing");
    const PointResult& r = it->second;
    for (std::size_t rep = 0; rep < r.rows.size(); ++rep) {
      t.keys.push_back(p.index);
      replication.push_back(static_cast<int64_t>(rep));
      std::size_t ni = 0, ti = 0;
      for (std::size_t fi = 0; fi < p.overrides.size(); ++fi) {
        if (field_numeric[fi]) {
          num_axes[ni++].second.push_back(parse_number(p.overrides[fi].value));
        } else {
          text_axes[ti++].second.push_back(p.overrides[fi].value);
        }
      }
      for (std::size_t m = 0; m < metric.size(); ++m) metric[m].push_back(r.rows[rep][m]);
      status.push_back(r.status);
      fingerprint.push_back(r.fingerprint);
    }
  }
  t.int_columns.emplace_back("replication", std::move(replication));
  for (auto& c : num_axes) t.columns.push_back(std::move(c));
  for (std::size_t m = 0; m < metric.size(); ++m) t.columns.emplace_back(spec.metrics[m], std::move(metric[m]));
  for (auto& c : text_axes) t.text_columns.push_back(std::move(c));
  t.text_columns.emplace_back("status", std::move(status));
  t.text_columns.emplace_back("fingerprint", std::move(fingerprint));
  return f;
}

std::string attr(const TableFile& f, const std::string& key) {
  for (const auto& [k, v] : f.text_attrs) {
    if (k == key) return v;
  }
  return "";
}

int64_t int_attr(const TableFile& f, const std::string& key) {
  for (const auto& [k, v] : f.int_attrs) {
    if (k == key) return v;
  }
  return -1;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 6 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (slash == std::string::npos || !digits(text.substr(0, slash)) || !digits(text.substr(slash + 1))) {
    throw std::invalid_argument("--shard '" + text + "': expected k/n, e.g. 0/4");
  }
  Shard s{std::stoi(text.substr(0, slash)), std::stoi(text.substr(slash + 1))};
  if (s.n < 1 || s.k >= s.n) throw std::invalid_argument("--shard '" + text + "': need 0 <= k < n");
  return s;
}

JournalHeader sweep_journal_header(const SweepSpec& spec, const Shard& shard) {
  return {spec.fingerprint, sweep_point_count(spec), static_cast<int64_t>(spec.metrics.size()), shard.text()};
}

PointResult evaluate_point(const SweepSpec& spec, const SweepPoint& point, int64_t default_replications,
                           const cli::ResourceLimits& limits) {
  PointResult r;
  r.point = point.index;
  const auto nan_rows = [&](int64_t n, std::string why) {
    r.status = std::move(why);
    r.rows.assign(static_cast<std::size_t>(n),
                  std::vector<double>(spec.metrics.size(), std::numeric_limits<double>::quiet_NaN()));
  };
  try {
    Scenario sc = load_scenario(spec.base_path, point.overrides);
    cli::RunOverrides o;
    o.limits = limits;
    o.threads = 1;  // parallelism is over points; one thread per point keeps cores busy without nesting
    if (!axis_sets(spec, "simulation.seed")) o.seed = spec.seed;
    if (spec.replications && !axis_sets(spec, "simulation.replications")) o.replications = spec.replications;
    if (spec.horizon_hours && !axis_sets(spec, "simulation.horizon_hours")) {
      sc.simulation.horizon_hours = *spec.horizon_hours;
    }
    const ResultsFile res = cli::evaluate(sc, o, {});
    const int64_t reps = res.replications;
    r.fingerprint = res.fingerprint;
    r.rows.assign(static_cast<std::size_t>(reps), std::vector<double>(spec.metrics.size()));
    for (std::size_t m = 0; m < spec.metrics.size(); ++m) {
      // A metric the reliability stage records per replication varies by row; the others are the point's.
      const std::vector<double>* per_rep = nullptr;
      for (const auto& [name, col] : res.replication_table.columns) {
        if (name == spec.metrics[m] && col.size() == static_cast<std::size_t>(reps)) per_rep = &col;
      }
      const auto v = res.metrics.value(spec.metrics[m]);
      for (int64_t i = 0; i < reps; ++i) {
        r.rows[static_cast<std::size_t>(i)][m] =
            per_rep ? (*per_rep)[static_cast<std::size_t>(i)] : v.value_or(std::numeric_limits<double>::quiet_NaN());
      }
    }
  } catch (const ConfigError& e) {
    nan_rows(spec.replications.value_or(default_replications), std::string("infeasible: ") + e.what());
  } catch (const std::exception& e) {
    nan_rows(spec.replications.value_or(default_replications), std::string("error: ") + e.what());
  }
  return r;
}

SweepRunStats run_sweep_share(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                              const SweepRunOptions& options) {
  const JournalHeader header = sweep_journal_header(spec, options.shard);
  const std::vector<SweepPoint> mine_all = shard_points(points, options.shard);
  std::map<int64_t, PointResult> done;
  for (const auto& j : journal_files(options.output)) {
    for (auto& [k, v] : read_journal(j, header)) done.emplace(k, std::move(v));
  }
  if (options.before_writing) options.before_writing();
  std::vector<const SweepPoint*> todo;
  int64_t remaining_index = 0;
  for (const auto& p : mine_all) {
    if (done.count(p.index)) continue;
    if (remaining_index++ % options.ranks == options.rank) todo.push_back(&p);
  }
  SweepRunStats stats;
  stats.points = static_cast<int64_t>(mine_all.size());
  stats.already_done = static_cast<int64_t>(done.size());
  // Points that no rank of this run computes are still missing; progress counts this process' share.
  const int64_t base_replications = load_scenario(spec.base_path).simulation.replications;
  JournalWriter journal(journal_path(options.output, options.rank), header);
  std::mutex mu;
  std::atomic<int64_t> failed{0};
  int64_t finished = stats.already_done;
  // Points in parallel, each point's replications inline (threads = 1 in evaluate_point).
  sim::parallel_for_index(static_cast<int64_t>(todo.size()), std::max(0, options.threads), [&](int64_t i) {
    const PointResult r = evaluate_point(spec, *todo[static_cast<std::size_t>(i)], base_replications, options.limits);
    if (r.status != "ok") ++failed;
    const std::lock_guard<std::mutex> lock(mu);
    journal.append(r);
    ++finished;
    if (options.progress) options.progress(finished, stats.points);
  });
  journal.sync();
  stats.computed = static_cast<int64_t>(todo.size());
  stats.failed = failed.load();
  return stats;
}

void finish_sweep(const SweepSpec& spec, const std::vector<SweepPoint>& points, const std::string& output,
                  const Shard& shard) {
  const JournalHeader header = sweep_journal_header(spec, shard);
  const auto files = journal_files(output);
  std::map<int64_t, PointResult> done;
  for (const auto& j : files) {
    for (auto& [k, v] : read_journal(j, header)) done.emplace(k, std::move(v));
  }
  const std::vector<SweepPoint> mine = shard_points(points, shard);
  int64_t missing = 0;
  for (const auto& p : mine) missing += done.count(p.index) ? 0 : 1;
  if (missing > 0) {
    throw std::runtime_error(output + ": " + std::to_string(missing) + " of " + std::to_string(mine.size()) +
                             " points are not in the journals yet; run the same command again to finish them");
  }
  write_table_file_h5(output, sweep_table(spec, mine, done, shard));
  for (const auto& j : files) std::filesystem::remove(j);
}

void merge_sweep_shards(const std::vector<std::string>& shard_files, const std::string& output) {
  if (shard_files.empty()) throw std::invalid_argument("merge: no shard files given");
  std::vector<TableFile> parts;
  for (const auto& path : shard_files) parts.push_back(read_table_file_h5(path, "sweep"));
  const TableFile& first = parts.front();
  if (attr(first, "kind") != kKind) throw std::runtime_error(shard_files[0] + ": not an aidc sweep file");
  std::vector<bool> seen;
  int n = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const TableFile& p = parts[i];
    if (attr(p, "kind") != kKind) throw std::runtime_error(shard_files[i] + ": not an aidc sweep file");
    if (attr(p, "fingerprint") != attr(first, "fingerprint") || attr(p, "sweep") != attr(first, "sweep")) {
      throw std::runtime_error(shard_files[i] + ": comes from a different sweep than " + shard_files[0]);
    }
    const std::string s = attr(p, "shard");
    if (s.empty()) throw std::runtime_error(shard_files[i] + ": is a whole sweep, not a shard");
    const Shard sh = parse_shard(s);
    if (i == 0) {
      n = sh.n;
      seen.assign(static_cast<std::size_t>(n), false);
    }
    if (sh.n != n)
      throw std::runtime_error(shard_files[i] + ": shard " + s + " does not split into " + std::to_string(n));
    if (seen[static_cast<std::size_t>(sh.k)])
      throw std::runtime_error(shard_files[i] + ": shard " + s + " given twice");
    seen[static_cast<std::size_t>(sh.k)] = true;
  }
  for (int k = 0; k < n; ++k) {
    if (!seen[static_cast<std::size_t>(k)]) {
      throw std::runtime_error("merge: shard " + std::to_string(k) + "/" + std::to_string(n) + " is missing");
    }
  }
  // Rows sorted by (point, replication); every part has the same columns in the same order.
  struct RowRef {
    int64_t point, rep;
    std::size_t part, row;
  };
  std::vector<RowRef> rows;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Table& t = parts[i].table;
    if (t.int_columns.empty() || t.int_columns[0].first != "replication") {
      throw std::runtime_error(shard_files[i] + ": no replication column");
    }
    for (std::size_t r = 0; r < t.keys.size(); ++r) rows.push_back({t.keys[r], t.int_columns[0].second[r], i, r});
  }
  std::sort(rows.begin(), rows.end(),
            [](const RowRef& a, const RowRef& b) { return a.point != b.point ? a.point < b.point : a.rep < b.rep; });
  std::vector<bool> have(static_cast<std::size_t>(std::max<int64_t>(int_attr(first, "points"), 0)), false);
  for (const auto& r : rows) {
    if (r.point < 0 || r.point >= static_cast<int64_t>(have.size()))
      throw std::runtime_error("merge: point out of range");
    have[static_cast<std::size_t>(r.point)] = true;
  }
  const auto missing = std::count(have.begin(), have.end(), false);
  if (missing > 0) throw std::runtime_error("merge: " + std::to_string(missing) + " points have no rows");

  TableFile out;
  out.table_name = "sweep";
  // The attributes a single run writes, in its order (sweep_table), without the shard marker.
  for (const char* key : {"kind", "sweep", "base", "fingerprint", "aidc_version"}) {
    out.text_attrs.emplace_back(key, attr(first, key));
  }
  out.int_attrs = {{"points", int_attr(first, "points")}, {"seed", int_attr(first, "seed")}};
  const Table& ft = first.table;
  Table& t = out.table;
  t.key_name = ft.key_name;
  for (const auto& c : ft.int_columns) t.int_columns.emplace_back(c.first, std::vector<int64_t>{});
  for (const auto& c : ft.columns) t.columns.emplace_back(c.first, std::vector<double>{});
  for (const auto& c : ft.text_columns) t.text_columns.emplace_back(c.first, std::vector<std::string>{});
  for (const auto& r : rows) {
    const Table& src = parts[r.part].table;
    if (src.columns.size() != t.columns.size() || src.text_columns.size() != t.text_columns.size() ||
        src.int_columns.size() != t.int_columns.size()) {
      throw std::runtime_error(shard_files[r.part] + ": columns differ from " + shard_files[0]);
    }
    t.keys.push_back(r.point);
    for (std::size_t c = 0; c < t.int_columns.size(); ++c)
      t.int_columns[c].second.push_back(src.int_columns[c].second[r.row]);
    for (std::size_t c = 0; c < t.columns.size(); ++c) t.columns[c].second.push_back(src.columns[c].second[r.row]);
    for (std::size_t c = 0; c < t.text_columns.size(); ++c) {
      t.text_columns[c].second.push_back(src.text_columns[c].second[r.row]);
    }
  }
  write_table_file_h5(output, out);
}

}  // namespace aidc::tools
