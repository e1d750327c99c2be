// HTML escaping of user strings (tools/report/html_escape.hpp).
#include "tools/report/html_escape.hpp"

#include <gtest/gtest.h>

namespace aidc::report {
namespace {

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
}

TEST(HtmlEscape, LeavesPlainTextAndUtf8Alone) {
  EXPECT_EQ(html_escape("site 1 (10,240 GPUs)"), "site 1 (10,240 GPUs)");
  EXPECT_EQ(html_escape("数据中心 ± 5 %"), "数据中心 ± 5 %");
  EXPECT_EQ(html_escape(""), "");
}

TEST(HtmlEscape, ReplacesControlCharactersButKeepsWhitespace) {
  EXPECT_EQ(html_escape(std::string("a\tb\nc\rd")), "a\tb\nc\rd");
  // NUL, ESC and DEL become U+FFFD (EF BF BD in UTF-8).
  EXPECT_EQ(html_escape(std::string("x\0y", 3)), "x\xEF\xBF\xBDy");
  EXPECT_EQ(html_escape("x\x1by\x7fz"), "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
}

TEST(HtmlEscape, NeutralisesMarkupAndAttributeBreakouts) {
  const std::string hostile = "<script>alert(1)</script>\"' onerror=\"x\" <img src=x onerror=alert(2)>";
  const std::string e = html_escape(hostile);
  // Nothing left that opens a tag or closes a quoted attribute.
  EXPECT_EQ(e.find('<'), std::string::npos);
  EXPECT_EQ(e.find('>'), std::string::npos);
  EXPECT_EQ(e.find('"'), std::string::npos);
  EXPECT_EQ(e.find('\''), std::string::npos);
  EXPECT_EQ(e.substr(0, 14), "&lt;script&gt;");
  // Already-escaped text is escaped again, so it shows literally ("&amp;" reads as "&amp;", not "&").
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");
}

}  // namespace
}  // namespace aidc::report
