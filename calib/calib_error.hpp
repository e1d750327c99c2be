#pragma once
// CalibError: the one exception the calibration parsers and fits throw for bad input (a truncated,
// interleaved or garbled benchmark log, a log the fit cannot use). Its message always reads
//     file:line: message
// so that a user can open the log at the offending line. line is 1-based; 0 means "the whole file"
// (missing file, unrecognised format). The CLI maps it to exit code 2 and writes nothing.
#include <stdexcept>
#include <string>

namespace aidc::calib {

class CalibError : public std::runtime_error {
 public:
  CalibError(std::string file, int line, std::string message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + message),
        file_(std::move(file)),
        line_(line),
        message_(std::move(message)) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  std::string message_;
};

}  // namespace aidc::calib
