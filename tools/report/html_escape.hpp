#pragma once
// HTML escaping for every string of the design-review report that does not come from the report's own code:
// site names and locations, hardware, workload and failure-class names, rubric text, advice and notes (all read
// from user files), and file paths.
//
// One function serves element text and quoted attribute values alike, in HTML and in inline SVG: it replaces
// the five characters that can end a text node, open a tag or close a quoted attribute (& < > " ') by character
// references (OWASP Cross Site Scripting Prevention Cheat Sheet, "output encoding for HTML contexts" and "HTML
// attribute contexts"). That is enough only where the report puts text: element content and attribute values
// it always quotes with ". It never places user text in <script>, <style>, URLs, event-handler attributes or
// unquoted attributes, where escaping alone would not be.
//
// C0 control characters other than tab, newline and carriage return are replaced by U+FFFD: they are parse
// errors in HTML and forbidden in XML, and the SVG charts must stay well-formed XML when copied out of the page.
// Bytes >= 0x80 pass through unchanged (UTF-8 text stays readable).
#include <string>
#include <string_view>

namespace aidc::report {

std::string html_escape(std::string_view s);

}  // namespace aidc::report
