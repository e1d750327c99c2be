#pragma once
// AidcCsv: the envelope shared by aidc-gemm and aidc-membw output: a "# <tool> <version>" first line,
// "# key: value" metadata lines, one CSV header, data rows, and a closing "# end: N rows" footer.
// The footer is what turns a truncated file into an error instead of a silently shorter sweep.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "calib/text_lines.hpp"

namespace aidc::calib {

struct AidcCsvRow {
  int line = 0;
  std::vector<std::string_view> fields;
};

struct AidcCsv {
  std::map<std::string, std::string> metadata;
  std::vector<AidcCsvRow> rows;
};

// True when the first non-blank line is "# <tool> <version>".
bool has_aidc_signature(const TextLines& text, std::string_view tool);
// Parses the envelope; every row must have exactly the columns of `header` (comma-separated).
AidcCsv parse_aidc_csv(const TextLines& text, std::string_view tool, std::string_view header);

}  // namespace aidc::calib
