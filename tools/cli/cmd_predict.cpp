// `aidc predict CASES.yaml [--json]`: predicts every training-throughput case of a file in the
// aidc-validation-mfu/1 format with the performance models and the shipped hardware profiles, and prints
// per case the predicted TFLOP/s per GPU (on the case's reported basis), MFU, the step-time breakdown and the
// relative error on the reported quantity (step time where given, else TFLOP/s per GPU, else MFU).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/commands.hpp"
#include "tools/cli/mfu_report.hpp"
#include "tools/schema/config_error.hpp"
#include "tools/schema/file_exists.hpp"
#include "tools/schema/mfu_cases_loader.hpp"

namespace aidc::cli {

void add_predict_command(CLI::App& app, GlobalOptions& g) {
  auto* cmd = app.add_subcommand("predict", "Predict training throughput (TFLOP/s per GPU, MFU, step time) of cases");
  cmd->footer(
      "CASES.yaml is any file in the aidc-validation-mfu/1 format (see models/validation/README.md).\n"
      "Hardware profiles are read from scenarios/hardware/<gpu>.yaml, found by walking up from the case\n"
      "file or the working directory, or from --hardware-dir. Inputs written `unknown` get documented defaults\n"
      "and the assumption is printed; cases that cannot be predicted are listed with the reason. The error is\n"
      "on the first reported quantity of: step_time_s, tokens_per_s, tokens_per_s_per_gpu (measured time, no\n"
      "FLOP convention), tflops_per_gpu (on the reported basis), mfu, hfu. A case that\n"
      "names its model (model.name) takes the dimensions it leaves unknown from that model's entry in\n"
      "architectures.yaml (beside the case file, else models/validation/architectures.yaml, or --architectures).\n"
      "JSON (--json): {\"cases\": [{\"id\", \"predicted_tflops_per_gpu\", \"predicted_mfu\", "
      "\"predicted_step_time_s\",\n"
      "\"reported_tflops_per_gpu\", \"compared\", \"predicted_value\", \"reported_value\", \"rel_error\"}],\n"
      "\"median_abs_rel_error\", \"not_predicted\": [{\"id\", "
      "\"reason\"}]}.");
  auto cases_path = std::make_shared<std::string>();
  auto hardware_dir = std::make_shared<std::string>();
  auto architectures = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("cases", *cases_path, "Case file (aidc-validation-mfu/1)")->required();
  cmd->add_option("--architectures", *architectures,
                  "Published architectures of named models (aidc-model-architectures/1; default: found beside the "
                  "case file or under models/validation)");
  cmd->add_option("--hardware-dir", *hardware_dir, "Folder of hardware profiles (default: scenarios/hardware)");
  cmd->add_flag("--json", *json, "Print JSON on stdout instead of the table");
  cmd->callback([cases_path, hardware_dir, architectures, json, &g]() {
    if (!architectures->empty() && !aidc::tools::referenced_file_exists(*architectures)) {
      throw aidc::tools::ConfigError("--architectures", 0, 0, "", "file not found: " + *architectures);
    }
    const auto cases = aidc::tools::load_mfu_cases(*cases_path, *architectures);
    std::string hw = *hardware_dir;
    if (hw.empty()) hw = aidc::tools::find_hardware_dir(*cases_path);
    if (hw.empty()) hw = aidc::tools::find_hardware_dir(".");
    if (hw.empty())
      throw aidc::tools::ConfigError(*cases_path, 0, 0, "hardware",
                                     "no scenarios/hardware folder found; use --hardware-dir");
    std::vector<aidc::tools::MfuPrediction> rows;
    rows.reserve(cases.size());
    for (const auto& c : cases) rows.push_back(aidc::tools::predict_mfu_case(c, hw));
    if (*json) {
      print_mfu_json(std::cout, rows);
    } else {
      print_mfu_table(std::cout, rows, !g.quiet);
    }
    g.exit_code = 0;
  });
}

}  // namespace aidc::cli
