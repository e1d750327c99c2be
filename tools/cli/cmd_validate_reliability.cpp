// `aidc validate reliability [--cases FILE] [--json]`: predicts failure/goodput cases (default: the shipped
// models/validation/reliability_cases.yaml) with the reliability simulation and prints predicted vs reported
// values with relative errors. Rates come from scenarios/reliability/h100_default.yaml (fitted on Llama 3:
// that case is calibration), job defaults from scenarios/reliability/validation_job.yaml. Exits 0 when it
// ran; tolerances are enforced by tests/models/reliability/validation_test.cpp.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "tools/cli/commands.hpp"
#include "tools/results/json.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/schema/reliability_cases_loader.hpp"
#include "tools/schema/reliability_loader.hpp"

namespace aidc::cli {
namespace {
constexpr int64_t kCaseReplications = 200;
constexpr uint64_t kCaseSeed = 2024;
}  // namespace

void add_validate_reliability_command(CLI::App& validate, GlobalOptions& g) {
  auto* cmd = validate.add_subcommand("reliability", "Predict failure/goodput cases and print the error table");
  auto cases_path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--cases", *cases_path,
                  "Case file in aidc-validation-reliability/1 format (default: "
                  "models/validation/reliability_cases.yaml)");
  cmd->add_flag("--json", *json, "Print JSON {\"cases\": [{id, predicted, reported, rel_error}]}");
  cmd->callback([cases_path, json, &g]() {
    const std::string root = aidc::tools::find_repo_root(".");
    if (root.empty())
      throw aidc::tools::ConfigError(".", 0, 0, "reliability",
                                     "no scenarios/reliability folder above the working directory");
    const std::string path = cases_path->empty()
                                 ? (std::filesystem::path(root) / "models/validation/reliability_cases.yaml").string()
                                 : *cases_path;
    const auto defaults_file = (std::filesystem::path(root) / "scenarios/reliability/validation_job.yaml").string();
    const auto defaults_node = aidc::tools::YamlNode::load_file(defaults_file);
    const auto section = aidc::tools::parse_reliability_section(
        defaults_node, std::filesystem::path(defaults_file).parent_path().string());
    const auto cases = aidc::tools::load_reliability_cases(path);
    aidc::tools::Json out_cases = aidc::tools::Json::array();
    for (const auto& c : cases) {
      const auto p =
          aidc::tools::predict_reliability_case(c, section.table, section.job, kCaseReplications, 0, kCaseSeed);
      if (*json) {
        auto jc = aidc::tools::Json::object();
        jc.set("id", p.id);
        jc.set("role", p.role);
        auto pr = aidc::tools::Json::object(), rp = aidc::tools::Json::object(), re = aidc::tools::Json::object();
        for (const auto& k : p.keys) {
          pr.set(k.key, k.predicted);
          rp.set(k.key, k.reported);
          re.set(k.key, k.rel_error);
        }
        jc.set("predicted", pr);
        jc.set("reported", rp);
        jc.set("rel_error", re);
        if (!p.predictable) jc.set("not_predictable", p.reason);
        out_cases.push(jc);
        continue;
      }
      std::printf("%s [%s]%s\n", p.id.c_str(), p.role.c_str(),
                  p.predictable ? "" : (" not predictable: " + p.reason).c_str());
      for (const auto& a : p.assumptions) std::printf("    assumption: %s\n", a.c_str());
      for (const auto& k : p.keys) {
        std::printf("    %-58s predicted %12.4g  reported %12.4g  rel_error %+7.1f %%%s\n", k.key.c_str(), k.predicted,
                    k.reported, 100.0 * k.rel_error,
                    k.bound ? (k.within ? "  (bound holds)" : "  (bound MISSED)") : "");
      }
    }
    if (*json) {
      auto root_json = aidc::tools::Json::object();
      root_json.set("cases", out_cases);
      std::cout << root_json.dump() << "\n";
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
