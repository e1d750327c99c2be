#pragma once
// TopologyError: a site the builder cannot realise (a fabric the switch radix cannot reach, equipment that
// cannot carry its load, inconsistent counts). It carries the dotted scenario field path it is about
// (e.g. "network.fabric.switch_radix") so that the loader and the CLI can report it as
// "file:line:col: field.path: message" (exit code 2). topology/ does not know about files or YAML.
#include <stdexcept>
#include <string>

namespace aidc::topo {

class TopologyError : public std::runtime_error {
 public:
  TopologyError(std::string path, std::string message)
      : std::runtime_error(path + ": " + message), path_(std::move(path)), message_(std::move(message)) {}
  const std::string& path() const { return path_; }
  const std::string& message() const { return message_; }

 private:
  std::string path_;
  std::string message_;
};

}  // namespace aidc::topo
