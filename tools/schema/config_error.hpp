#pragma once
// ConfigError: the one exception type for bad input anywhere in aidcsim's input formats (scenarios,
// hardware profiles, case files, logs). Its message always has the form
//     file:line:column: field.path: message
// so that a user can jump straight to the offending spot. The CLI maps it to exit code 2 and writes
// nothing. line/column are 1-based; 0 means "not known" (e.g. a missing file).
#include <stdexcept>
#include <string>

namespace aidc::tools {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string file, int line, int column, std::string path, std::string message)
      : std::runtime_error(format(file, line, column, path, message)),
        file_(std::move(file)),
        line_(line),
        column_(column),
        path_(std::move(path)),
        message_(std::move(message)) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& path() const { return path_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& file, int line, int column, const std::string& path,
                            const std::string& message) {
    std::string s = file;
    s += ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    if (!path.empty()) s += path + ": ";
    return s + message;
  }
  std::string file_;
  int line_;
  int column_;
  std::string path_;
  std::string message_;
};

}  // namespace aidc::tools
