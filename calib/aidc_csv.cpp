#include "calib/aidc_csv.hpp"

namespace aidc::calib {

namespace {
constexpr std::string_view kVersion = "1";
}

bool has_aidc_signature(const TextLines& text, std::string_view tool) {
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty()) continue;
    auto tok = split_ws(t);
    return tok.size() == 3 && tok[0] == "#" && tok[1] == tool;
  }
  return false;
}

AidcCsv parse_aidc_csv(const TextLines& text, std::string_view tool, std::string_view header) {
  AidcCsv csv;
  const auto columns = split_on(header, ',').size();
  bool signature = false;
  bool header_seen = false;
  int footer_line = 0;
  for (const auto& l : text.lines()) {
    auto t = trim(l.text);
    if (t.empty()) continue;
    if (footer_line != 0)
      text.fail(l.number, "text after the '# end' footer (line " + std::to_string(footer_line) + ")");
    if (!signature) {
      auto tok = split_ws(t);
      if (tok.size() != 3 || tok[0] != "#" || tok[1] != tool)
        text.fail(l.number, "expected '# " + std::string(tool) + " 1'");
      if (tok[2] != kVersion)
        text.fail(l.number, "unsupported " + std::string(tool) + " format version " + std::string(tok[2]));
      signature = true;
      continue;
    }
    if (t.front() == '#') {
      auto body = trim(t.substr(1));
      if (starts_with(body, "end:")) {
        auto tok = split_ws(body.substr(4));
        if (tok.size() != 2 || tok[1] != "rows") text.fail(l.number, "malformed footer, expected '# end: N rows'");
        auto n = require_integer(text, l.number, tok[0], "footer row count");
        if (n != static_cast<long long>(csv.rows.size())) {
          text.fail(l.number, "footer says " + std::to_string(n) + " rows, the file has " +
                                  std::to_string(csv.rows.size()) + ": rows missing or duplicated");
        }
        footer_line = l.number;
        continue;
      }
      auto colon = body.find(':');
      if (colon != std::string_view::npos && !header_seen) {
        csv.metadata[std::string(trim(body.substr(0, colon)))] = std::string(trim(body.substr(colon + 1)));
      }
      continue;
    }
    if (!header_seen) {
      if (t != header) text.fail(l.number, "expected CSV header '" + std::string(header) + "'");
      header_seen = true;
      continue;
    }
    auto fields = split_on(t, ',');
    if (fields.size() != columns) {
      text.fail(l.number, "row has " + std::to_string(fields.size()) + " fields, the header has " +
                              std::to_string(columns) + ": truncated or garbled row");
    }
    csv.rows.push_back({l.number, fields});
  }
  if (!header_seen) text.fail(0, "no CSV header");
  if (footer_line == 0) {
    int last = text.lines().empty() ? 0 : text.lines().back().number;
    text.fail(last, "no '# end: N rows' footer: truncated log");
  }
  return csv;
}

}  // namespace aidc::calib
