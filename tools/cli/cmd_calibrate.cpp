// aidc calibrate: fit a calibrated hardware profile from benchmark logs, or check a profile against
// held-out logs.
//
//   aidc calibrate LOG... -o PROFILE.yaml [--name N] [--nic-gb-per-s-per-gpu X] [--nvls auto|on|off]
//   aidc calibrate --check PROFILE.yaml LOG... [--json] [--target-ge-1mib 0.10] [--target-lt-1mib 0.20]
//
// A LOG argument may carry facts its format cannot state, after a '#': "file.txt#collective=all_gather",
// "table.md#nodes=1,gpus_per_node=4,gpu=GB200". Errors in logs or the profile exit 2 (nothing written);
// --check exits 3 when a median error exceeds its target or no log could be checked.
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "calib/calib_error.hpp"
#include "calib/calibration.hpp"
#include "calib/collective_check.hpp"
#include "calib/log_metadata.hpp"
#include "calib/log_reader.hpp"
#include "tools/cli/commands.hpp"
#include "tools/results/atomic_file.hpp"
#include "tools/results/json.hpp"
#include "tools/schema/calib_profile_io.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::cli {

namespace {

constexpr double kTargetGe1MiB = 0.10;
constexpr double kTargetLt1MiB = 0.20;
constexpr double kPercent = 100.0;

struct CalibrateArgs {
  std::vector<std::string> logs;
  std::string output;
  std::string check;
  std::string name;
  std::string nvls = "auto";
  double nic_gb_per_s_per_gpu = 0.0;
  bool json = false;
  double target_ge_1mib = kTargetGe1MiB;
  double target_lt_1mib = kTargetLt1MiB;
};

tools::ConfigError as_config_error(const calib::CalibError& e) {
  return tools::ConfigError(e.file(), e.line(), 0, "", e.message());
}

calib::LogContents read_annotated(const std::string& arg) {
  calib::ReadOptions o;
  std::string path = arg;
  // '#' starts the facts only after a file name: an existing file whose own name holds a '#' ("run#1.txt")
  // is read as it is, and the facts follow the last '#' ("run#1.txt#collective=all_gather").
  std::error_code ec;
  const auto hash = std::filesystem::exists(arg, ec) ? std::string::npos : arg.rfind('#');
  if (hash != std::string::npos) {
    path = arg.substr(0, hash);
    std::stringstream ss(arg.substr(hash + 1));
    for (std::string kv; std::getline(ss, kv, ',');) {
      auto eq = kv.find('=');
      if (eq == std::string::npos) throw tools::ConfigError(path, 0, 0, kv, "expected key=value after '#'");
      const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
      try {
        if (key == "collective") {
          o.collective = calib::collective_from_name(value);
          if (!o.collective) throw tools::ConfigError(path, 0, 0, key, "unknown collective '" + value + "'");
        } else if (key == "nodes") {
          o.nodes = std::stoi(value);
          // Bounded like a log's own statement: nodes x GPUs per node must fit in an int.
          if (o.nodes < 1 || o.nodes > calib::kMaxStatedNodes) {
            throw tools::ConfigError(path, 0, 0, key, "must be 1.." + std::to_string(calib::kMaxStatedNodes));
          }
        } else if (key == "gpus_per_node") {
          o.gpus_per_node = std::stoi(value);
          if (o.gpus_per_node < 1 || o.gpus_per_node > calib::kMaxStatedGpusPerNode) {
            throw tools::ConfigError(path, 0, 0, key, "must be 1.." + std::to_string(calib::kMaxStatedGpusPerNode));
          }
        } else if (key == "gpu") {
          o.gpu = value;
        } else {
          throw tools::ConfigError(path, 0, 0, key, "unknown key (collective, nodes, gpus_per_node, gpu)");
        }
      } catch (const std::logic_error&) {  // stoi: invalid_argument, and out_of_range (was exit 1)
        throw tools::ConfigError(path, 0, 0, key, "expected an integer, got '" + value + "'");
      }
    }
  }
  return calib::read_log_file(path, o);
}

std::string percent(double v) {
  if (std::isnan(v)) return "   -  ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f%%", v * kPercent);
  return buf;
}

int run_fit(const CalibrateArgs& a, const GlobalOptions& g, const std::string& command) {
  std::vector<calib::LogContents> logs;
  for (const auto& l : a.logs) logs.push_back(read_annotated(l));
  calib::CalibrateOptions o;
  o.name = a.name.empty() ? std::filesystem::path(a.output).stem().string() : a.name;
  o.nic_gb_per_s_per_gpu = a.nic_gb_per_s_per_gpu;
  o.nvls = a.nvls == "auto" ? -1 : (a.nvls == "on" ? 1 : 0);
  o.command = command;
  const calib::CalibratedProfile p = calib::calibrate(logs, o);
  tools::write_file_atomic(a.output, tools::calibrated_profile_yaml(p));
  if (!g.quiet) {
    std::cout << "wrote " << a.output << ": " << p.gpu << " x" << p.gpus_per_node << ", " << logs.size() << " logs";
    if (p.has_collectives) {
      std::cout << ", collective fit median |err| " << percent(p.collective_fit.median_abs_rel_error) << " over "
                << p.collective_fit.points << " points";
    }
    std::cout << ", " << p.gemm.size() << " GEMM fits, " << p.memory.size() << " memory figures\n";
  }
  return 0;
}

int run_check(const CalibrateArgs& a, const GlobalOptions& g) {
  const tools::LoadedCalibratedProfile profile = tools::load_calibrated_profile(a.check);
  std::vector<calib::CollectiveSeries> series;
  for (const auto& l : a.logs) {
    auto c = read_annotated(l);
    series.insert(series.end(), c.collectives.begin(), c.collectives.end());
  }
  calib::PlatformDescription platform{profile.gpu, profile.gpus_per_node, profile.network_calibrated};
  calib::CheckReport r;
  if (profile.has_collectives) {
    r = calib::check_collectives(platform, profile.collectives, series);
  } else {
    for (const auto& s : series) r.series.push_back({s.file, s.label, false, "the profile has no collective model"});
    r.median_rel_error_ge_1mib = r.median_rel_error_lt_1mib = std::nan("");
  }
  const bool ge_ok = std::isnan(r.median_rel_error_ge_1mib) || r.median_rel_error_ge_1mib <= a.target_ge_1mib;
  const bool lt_ok = std::isnan(r.median_rel_error_lt_1mib) || r.median_rel_error_lt_1mib <= a.target_lt_1mib;
  const bool pass = r.points > 0 && ge_ok && lt_ok;
  if (a.json) {
    tools::Json logs = tools::Json::array();
    for (const auto& s : r.series) {
      tools::Json j = tools::Json::object();
      j.set("file", s.file);
      j.set("series", s.label);
      j.set("described", s.described);
      j.set("collective", s.collective.empty() ? tools::Json() : tools::Json(s.collective));
      j.set("nodes", s.nodes);
      j.set("gpus_per_node", s.gpus_per_node);
      if (!s.described) j.set("reason", s.reason);
      j.set("points", s.points);
      j.set("median_rel_error_ge_1MiB", s.described ? tools::Json(s.median_rel_error_ge_1mib) : tools::Json());
      j.set("median_rel_error_lt_1MiB", s.described ? tools::Json(s.median_rel_error_lt_1mib) : tools::Json());
      j.set("max_rel_error", s.described ? tools::Json(s.max_rel_error) : tools::Json());
      tools::Json rows = tools::Json::array();
      for (const auto& p : s.rows) {
        tools::Json row = tools::Json::object();
        row.set("size_bytes", p.size_bytes);
        row.set("measured_busbw_gb_per_s", p.measured_busbw_gb_per_s);
        row.set("model_busbw_gb_per_s", p.model_busbw_gb_per_s);
        row.set("rel_error", p.rel_error);
        rows.push(row);
      }
      j.set("rows", rows);
      logs.push(j);
    }
    tools::Json out = tools::Json::object();
    out.set("profile", a.check);
    out.set("logs", logs);
    out.set("points", r.points);
    out.set("median_rel_error_ge_1MiB", r.median_rel_error_ge_1mib);
    out.set("median_rel_error_lt_1MiB", r.median_rel_error_lt_1mib);
    out.set("max_rel_error", r.points > 0 ? tools::Json(r.max_rel_error) : tools::Json());
    out.set("target_ge_1MiB", a.target_ge_1mib);
    out.set("target_lt_1MiB", a.target_lt_1mib);
    out.set("pass", pass);
    std::cout << out.dump() << "\n";
  } else if (!g.quiet || !pass) {
    std::cout << "profile " << a.check << " (" << profile.gpu << " x" << profile.gpus_per_node << ")\n";
    std::cout << "busbw |model/measured - 1|   median>=1MiB  median<1MiB    worst  points  series\n";
    for (const auto& s : r.series) {
      const std::string name = std::filesystem::path(s.file).filename().string() + " " + s.label;
      if (!s.described) {
        std::cout << "  not described: " << name << ": " << s.reason << "\n";
        continue;
      }
      std::cout << "                              " << percent(s.median_rel_error_ge_1mib) << "        "
                << percent(s.median_rel_error_lt_1mib) << "    " << percent(s.max_rel_error) << "  " << s.points << "  "
                << name << "\n";
      if (g.verbose) {  // every point, on stderr: which sizes the error comes from
        std::cerr << "  " << name
                  << "\n        size (B)  measured busbw  model busbw  model/measured - 1 (busbw in GB/s)\n";
        for (const auto& p : s.rows) {
          char line[96];
          std::snprintf(line, sizeof line, "  %14.0f  %14.2f  %11.2f  %+7.1f%%\n", p.size_bytes,
                        p.measured_busbw_gb_per_s, p.model_busbw_gb_per_s,
                        (p.model_busbw_gb_per_s / p.measured_busbw_gb_per_s - 1.0) * kPercent);
          std::cerr << line;
        }
      }
    }
    std::cout << "all described points          " << percent(r.median_rel_error_ge_1mib) << "        "
              << percent(r.median_rel_error_lt_1mib) << "    " << percent(r.max_rel_error) << "  " << r.points
              << "  (targets " << percent(a.target_ge_1mib) << " / " << percent(a.target_lt_1mib) << ")\n";
    std::cout << (pass ? "PASS" : (r.points == 0 ? "FAIL: no log was described by the profile" : "FAIL")) << "\n";
  }
  return pass ? 0 : 3;
}

}  // namespace

void add_calibrate_command(CLI::App& app, GlobalOptions& g) {
  auto a = std::make_shared<CalibrateArgs>();
  auto* cmd = app.add_subcommand("calibrate", "Fit a calibrated hardware profile from benchmark logs, or check one");
  cmd->add_option("logs", a->logs, "Benchmark logs (nccl-tests, aidc-nccl, aidc-gemm, aidc-membw, published tables)")
      ->required();
  cmd->add_option("-o,--output", a->output, "Write the calibrated profile here (atomically)");
  cmd->add_option("--check", a->check,
                  "Check this profile against the logs instead of fitting (with the global -v: every point on stderr)");
  cmd->add_option("--name", a->name, "Profile name (default: output file stem)");
  cmd->add_option("--nic-gb-per-s-per-gpu", a->nic_gb_per_s_per_gpu,
                  "NIC line rate per GPU in GB/s (e.g. 8 x 400 Gb/s NICs, 8 GPUs: 50); needed for multi-node logs")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--nvls", a->nvls, "NVLink SHARP: auto (from the GPU model), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}));
  cmd->add_flag("--json", a->json, "With --check: print the error table as JSON");
  cmd->add_option("--target-ge-1mib", a->target_ge_1mib, "With --check: median error target for >= 1 MiB");
  cmd->add_option("--target-lt-1mib", a->target_lt_1mib, "With --check: median error target for < 1 MiB");
  cmd->callback([a, &g]() {
    if (a->output.empty() == a->check.empty()) {
      throw tools::ConfigError("(command line)", 0, 0, "",
                               "give exactly one of -o PROFILE.yaml and --check PROFILE.yaml");
    }
    std::string command = "aidc calibrate";
    for (const auto& l : a->logs) command += " " + l;
    command += " -o " + a->output;
    if (!a->name.empty()) command += " --name " + a->name;
    if (a->nic_gb_per_s_per_gpu > 0.0) {
      std::ostringstream nic;
      nic << a->nic_gb_per_s_per_gpu;
      command += " --nic-gb-per-s-per-gpu " + nic.str();
    }
    if (a->nvls != "auto") command += " --nvls " + a->nvls;
    try {
      g.exit_code = a->check.empty() ? run_fit(*a, g, command) : run_check(*a, g);
    } catch (const calib::CalibError& e) {
      throw as_config_error(e);
    }
  });
}

}  // namespace aidc::cli
