// `aidc calibrate` log arguments: a '#' in a file's own name is part of the name, not the start of the
// "#key=value" facts (an error used to name the wrong file, "run").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/cli/commands.hpp"
#include "tools/schema/config_error.hpp"

namespace aidc::cli {
namespace {

namespace fs = std::filesystem;

int run_aidc(const std::string& args) {
  CLI::App app;
  GlobalOptions g;
  g.quiet = true;
  add_calibrate_command(app, g);
  app.parse(args, false);
  return g.exit_code;
}

TEST(CalibrateArguments, HashInFileName) {
  const fs::path dir = fs::temp_directory_path() / "aidc_cli_names_test";
  fs::create_directories(dir);
  const fs::path log = dir / "run#1.txt";
  {
    std::ifstream in(std::string(AIDC_SOURCE_DIR) +
                     "/calib/data/published/nccl_allreduce_h100x8_1node_nvls_ncclissue290.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string good = ss.str();
    std::ofstream o(log);
    o << good.substr(0, good.find("# Out of bounds"));  // truncated: the error must name run#1.txt
  }
  for (const std::string& arg : {log.string(), log.string() + "#collective=all_reduce"}) {
    try {
      run_aidc("calibrate " + arg + " -o " + (dir / "out.yaml").string());
      FAIL() << "no error for " << arg;
    } catch (const tools::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("run#1.txt:15:"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace aidc::cli
