#include "tools/report/html_escape.hpp"

namespace aidc::report {

std::string html_escape(std::string_view s) {
  constexpr unsigned char kFirstPrintable = 0x20;  // below: C0 control characters
  constexpr unsigned char kDelete = 0x7f;          // DEL, also a control character
  std::string o;
  o.reserve(s.size() + s.size() / 8);
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      case '\'':
        o += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        o += c;
        break;
      default:
        if (u < kFirstPrintable || u == kDelete) {
          o += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER in UTF-8
        } else {
          o += c;
        }
    }
  }
  return o;
}

}  // namespace aidc::report
