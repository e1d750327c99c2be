#pragma once
// Shared by the calib parser tests: expects a CalibError at `line` of "broken.txt" whose message contains
// `fragment`.
#include <gtest/gtest.h>

#include <string>

#include "calib/calib_error.hpp"
#include "calib/log_reader.hpp"
#include "calib/text_lines.hpp"

namespace aidc::calib::test {

inline void expect_error(const std::string& text, int line, const std::string& fragment, const ReadOptions& o = {}) {
  try {
    read_log(TextLines::from_string(text, "broken.txt"), o);
    FAIL() << "no error; expected line " << line << " '" << fragment << "'";
  } catch (const CalibError& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find("broken.txt:" + std::to_string(line) + ": "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace aidc::calib::test
