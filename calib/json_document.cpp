#include "calib/json_document.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "calib/calib_error.hpp"
#include "calib/text_lines.hpp"

namespace aidc::calib {

namespace {

// Nesting deeper than any log writes: the reader recurses once per level, and a fuzzed "[[[[..." must end
// in an error, not a stack overflow.
constexpr int kMaxDepth = 64;

class Reader {
 public:
  Reader(const TextLines& lines, const std::set<std::string, std::less<>>& skip) : file_(lines.file()), skip_(skip) {
    // Joined with '\n' between lines only, so that a document cut inside a string or number ends there
    // ("truncated"), whether or not the file had a final line end.
    for (const auto& l : lines.lines()) {
      if (&l != &lines.lines().front()) text_ += '\n';
      text_ += l.text;
    }
  }

  JsonValue document() {
    skip_space();
    JsonValue v;
    value(v, 0, true);
    skip_space();
    if (pos_ < text_.size()) fail("text after the JSON document");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    throw CalibError(file_, line, "column " + std::to_string(pos_ - line_start + 1) + ": " + message);
  }

  [[noreturn]] void fail_at_end_or(const std::string& message) const {
    if (pos_ >= text_.size()) fail("the JSON document ends early: truncated file");
    fail(message);
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // Line and column of pos_, counted forward from the previous call (values are stamped front to back).
  void stamp(JsonValue& v) {
    for (; cursor_ < pos_; ++cursor_) {
      if (text_[cursor_] == '\n') {
        ++cursor_line_;
        cursor_line_start_ = cursor_ + 1;
      }
    }
    v.line = cursor_line_;
    v.column = static_cast<int>(pos_ - cursor_line_start_ + 1);
  }

  // Reads one value into `v` (its position stamped); with keep false the value is checked, not stored.
  void value(JsonValue& v, int depth, bool keep) {
    if (depth >= kMaxDepth) fail("JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
    if (pos_ >= text_.size()) fail_at_end_or("");
    stamp(v);
    const char c = text_[pos_];
    if (c == '{') {
      object(v, depth, keep);
    } else if (c == '[') {
      array(v, depth, keep);
    } else if (c == '"') {
      std::string s = string();
      if (keep) {
        v.kind = JsonValue::Kind::string;
        v.text = std::move(s);
      }
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t start = pos_;
      const double number = read_number();
      if (keep) {
        v.kind = JsonValue::Kind::number;
        v.number = number;
        v.token = text_.substr(start, pos_ - start);
      }
    } else if (literal("true")) {
      if (keep) {
        v.kind = JsonValue::Kind::boolean;
        v.boolean = true;
      }
    } else if (literal("false")) {
      if (keep) v.kind = JsonValue::Kind::boolean;
    } else if (literal("null")) {
      v.kind = JsonValue::Kind::null;
    } else if (c == 'n' || c == 'N' || c == 'i' || c == 'I') {
      fail("a non-finite number (NaN or infinity) is not JSON: the writer printed one");
    } else {
      fail_at_end_or(std::string("unexpected character '") + c + "' where a JSON value belongs");
    }
  }

  // The literal at pos_, consumed; a document that ends inside one ("tr") is truncated.
  bool literal(std::string_view word) {
    const std::string_view rest = std::string_view(text_).substr(pos_);
    if (rest.substr(0, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    if (rest.size() < word.size() && word.substr(0, rest.size()) == rest) {
      pos_ = text_.size();
      fail_at_end_or("");
    }
    return false;
  }

  void object(JsonValue& v, int depth, bool keep) {
    if (keep) v.kind = JsonValue::Kind::object;
    std::set<std::string> seen;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') fail_at_end_or("expected an object key (a string)");
      std::string key = string();
      if (!seen.insert(key).second) fail("key \"" + key.substr(0, 64) + "\" repeated in one object");
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') fail_at_end_or("expected ':' after an object key");
      ++pos_;
      skip_space();
      const bool keep_member = keep && skip_.find(key) == skip_.end();
      JsonValue member;
      value(member, depth + 1, keep_member);
      if (keep) {
        v.keys.push_back(std::move(key));
        v.values.push_back(std::move(member));
      }
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return;
      }
      fail_at_end_or("expected ',' or '}' in an object");
    }
  }

  void array(JsonValue& v, int depth, bool keep) {
    if (keep) v.kind = JsonValue::Kind::array;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return;
    }
    JsonValue scratch;  // items that are not kept are read into one reused value
    for (;;) {
      skip_space();
      if (keep) {
        v.items.emplace_back();
        value(v.items.back(), depth + 1, true);
      } else {
        value(scratch, depth + 1, false);
      }
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return;
      }
      fail_at_end_or("expected ',' or ']' in an array");
    }
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  unsigned hex4() {
    unsigned u = 0;
    for (int k = 0; k < 4; ++k) {
      if (pos_ >= text_.size()) fail_at_end_or("");
      const int d = hex_digit(text_[pos_]);
      if (d < 0) fail("\\u escape needs four hex digits");
      u = u * 16 + static_cast<unsigned>(d);
      ++pos_;
    }
    return u;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail_at_end_or("");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character inside a string (a raw line end?)");
      if (static_cast<unsigned char>(c) >= 0x80) {
        const std::size_t n = utf8_sequence_length();
        out.append(text_, pos_, n);
        pos_ += n;
        continue;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) fail_at_end_or("");
      const char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.compare(pos_, 2, "\\u") != 0) fail("high surrogate without its low surrogate");
            pos_ += 2;
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("high surrogate without its low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("low surrogate without a high surrogate");
          }
          if (cp == 0) fail("\\u0000 (a NUL character) inside a string");
          append_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          fail(std::string("unknown escape '\\") + e + "'");
      }
    }
  }

  // Length of the UTF-8 sequence at pos_ (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
  std::size_t utf8_sequence_length() const {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text_[pos_ + k]); };
    const unsigned char b0 = byte(0);
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;  // range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      n = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      n = 3;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      n = 4;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      fail("invalid UTF-8 byte inside a string");
    }
    if (pos_ + n > text_.size()) fail_at_end_or("");
    if (byte(1) < lo || byte(1) > hi) fail("invalid UTF-8 sequence inside a string");
    for (std::size_t k = 2; k < n; ++k) {
      if (byte(k) < 0x80 || byte(k) > 0xBF) fail("invalid UTF-8 sequence inside a string");
    }
    return n;
  }

  double read_number() {
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size()) fail_at_end_or("");
    if (text_[pos_] == 'i' || text_[pos_] == 'I' || text_[pos_] == 'n' || text_[pos_] == 'N') {
      fail("a non-finite number (NaN or infinity) is not JSON: the writer printed one");
    }
    if (text_[pos_] == '0') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') fail("number with a leading zero");
    } else if (digits() == 0) {
      fail("'-' without digits");
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) fail_at_end_or("'.' without digits after it");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) fail_at_end_or("exponent without digits");
    }
    // std::from_chars: the C locale's digits whatever the process locale (strtod follows setlocale).
    double v = 0.0;
    const char* first = text_.data() + start;
    const auto [end, ec] = std::from_chars(first, text_.data() + pos_, v);
    if (ec != std::errc() || end != text_.data() + pos_ || !std::isfinite(v)) {
      const std::string token = text_.substr(start, std::min<std::size_t>(pos_ - start, 32));
      pos_ = start;
      fail("number " + token + " is out of range");
    }
    return v;
  }

  std::string file_;
  const std::set<std::string, std::less<>>& skip_;
  std::string text_;
  std::size_t pos_ = 0;
  std::size_t cursor_ = 0;  // stamp(): position up to which lines are counted
  int cursor_line_ = 1;
  std::size_t cursor_line_start_ = 0;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &values[i];
  }
  return nullptr;
}

JsonValue parse_json(const TextLines& lines, const std::set<std::string, std::less<>>& skip) {
  return Reader(lines, skip).document();
}

}  // namespace aidc::calib
