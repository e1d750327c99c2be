#pragma once
// JsonValue: a strict JSON (RFC 8259) reader for the one JSON log format calib reads (nccl-tests -J). It is
// small on purpose: the project has no JSON dependency, and the documents are a few megabytes at most.
//
// Strict: one value and nothing after it but whitespace; no comments, trailing commas, NaN or Infinity
// literals (nor the "nan"/"inf" a printf writes), leading zeros, unescaped control characters, \u0000 or
// invalid UTF-8; duplicate object keys are an error (a writer that repeats a key has garbled its output);
// nesting deeper than 64 levels is refused. A document cut anywhere, a literal included, fails at its end
// ("truncated"). Every error is CalibError(file, line, "column C: ..."), the line and column of the byte.
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace aidc::calib {

class TextLines;

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0.0;
  std::string token;  // kind number: the number as written ("12.500000"), for readers that check print precision
  std::string text;   // kind string: the decoded string (\uXXXX as UTF-8)
  std::vector<JsonValue> items;  // kind array
  // kind object, in document order: keys[i] names values[i] (two vectors: a vector of pairs holding the
  // still incomplete JsonValue does not compile with every standard library)
  std::vector<std::string> keys;
  std::vector<JsonValue> values;
  int line = 1;    // where the value starts (1-based)
  int column = 1;  // idem (1-based, in bytes)

  // Member `key` of an object, or nullptr (also when this is not an object).
  const JsonValue* find(std::string_view key) const;
};

// Parses the whole text of `lines` (joined with '\n'); errors name lines.file(). The values of object members
// named in `skip` are checked against the grammar but not kept (their value reads as null): large subtrees a
// reader does not use (nccl-tests' per-iteration times) cost no memory.
JsonValue parse_json(const TextLines& lines, const std::set<std::string, std::less<>>& skip = {});

}  // namespace aidc::calib
