#pragma once
// TextLines: a benchmark log held as numbered lines, plus the strict token and number parsing every
// calibration parser shares. Numbers must be complete tokens ("12.5", "1e9"); anything else ("12.5x",
// "", "nan") is an error naming file:line, never a silently skipped value.
//
// Lines keep their 1-based number in the file so that every error can point at the source.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calib/calib_error.hpp"

namespace aidc::calib {

struct TextLine {
  int number = 0;    // 1-based line number in the file
  std::string text;  // without the trailing newline (and without a trailing '\r')
};

class TextLines {
 public:
  // Reads a whole file. A missing or unreadable file throws CalibError(path, 0, ...).
  static TextLines read_file(const std::string& path);
  // Splits an in-memory text (tests, generated logs); `name` stands in for the file name in errors.
  static TextLines from_string(const std::string& text, const std::string& name);
  // Lines made by a reader that translates another format (nccl-tests JSON) into text another parser reads;
  // each keeps the line number of its source, so errors still point into the original file.
  static TextLines from_lines(const std::string& name, std::vector<TextLine> lines);

  const std::string& file() const { return file_; }
  const std::vector<TextLine>& lines() const { return lines_; }
  // False when the text's last line has no line end: a file cut while written or copied (every tool ends its
  // lines), unless it was written by hand.
  bool ends_with_newline() const { return ends_with_newline_; }

  [[noreturn]] void fail(int line, const std::string& message) const { throw CalibError(file_, line, message); }

 private:
  std::string file_;
  std::vector<TextLine> lines_;
  bool ends_with_newline_ = true;
};

// For formats whose rows have no closing delimiter and whose files no footer (published CSV tables,
// nvbandwidth SUM lines, markdown rows without a closing '|'): a data row that is the file's last line and
// lacks a line end may be cut inside its last number ("808.7" read as "80"), so it is an error naming `what`.
void require_line_end(const TextLines& text, int line, std::string_view what);

std::string_view trim(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
// Whitespace-separated tokens.
std::vector<std::string_view> split_ws(std::string_view s);
// Splits on a single character, trimming each field.
std::vector<std::string_view> split_on(std::string_view s, char sep);
// Lower-case copy (ASCII).
std::string to_lower(std::string_view s);

// A number for an error message: three significant digits ("1e+300", not 300 digits).
std::string short_number(double v);

// The whole token must be a finite number; otherwise nullopt.
std::optional<double> parse_double(std::string_view token);
std::optional<long long> parse_integer(std::string_view token);

// Strict versions that throw CalibError(file, line, "<what>: expected a number, got '<token>'").
double require_double(const TextLines& text, int line, std::string_view token, std::string_view what);
long long require_integer(const TextLines& text, int line, std::string_view token, std::string_view what);

// Byte sizes written with a unit suffix, as published tables write them: "1K", "65K", "32KiB", "8G",
// "1048_576" (underscores as digit separators), "1024". Decimal-looking labels (K/M/G without "i") are read
// as the nearest power of two when `nearest_power_of_two` is set, because the published tables label
// 2^k-byte messages with rounded decimal numbers ("65K" = 65536, "536M" = 536870912). Returns nullopt if
// the token is not a size.
std::optional<double> parse_size_label(std::string_view token, bool nearest_power_of_two);

}  // namespace aidc::calib
