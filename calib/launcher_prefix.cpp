#include "calib/launcher_prefix.hpp"

#include <cctype>

namespace aidc::calib {

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::string strip_prefix(std::string_view& text, PrefixKind kind) {
  std::size_t i = 0;
  switch (kind) {
    case PrefixKind::srun: {
      while (i < text.size() && text[i] == ' ') ++i;
      std::size_t j = i;
      while (j < text.size() && is_digit(text[j])) ++j;
      if (j == i || j >= text.size() || text[j] != ':') return {};
      std::string prefix(text.substr(i, j - i));
      text.remove_prefix(j + 1);
      return prefix;
    }
    case PrefixKind::open_mpi: {
      // "[job,rank]" then an optional "<stdout>" / "<stderr>" / "<stddiag>", then ':'.
      if (text.empty() || text[0] != '[') return {};
      std::size_t j = 1;
      while (j < text.size() && is_digit(text[j])) ++j;
      if (j == 1 || j >= text.size() || text[j] != ',') return {};
      std::size_t k = j + 1;
      while (k < text.size() && is_digit(text[k])) ++k;
      if (k == j + 1 || k >= text.size() || text[k] != ']') return {};
      std::size_t end = k + 1;
      if (end < text.size() && text[end] == '<') {
        const auto close = text.find('>', end);
        if (close == std::string_view::npos) return {};
        end = close + 1;
      }
      if (end >= text.size() || text[end] != ':') return {};
      std::string prefix(text.substr(0, k + 1));
      text.remove_prefix(end + 1);
      return prefix;
    }
    case PrefixKind::bracket: {
      // "[x]" with no blank or ':' inside (Open MPI's own "[host:pid] message" lines are not rank output).
      if (text.empty() || text[0] != '[') return {};
      std::size_t j = 1;
      while (j < text.size() && text[j] != ']' && text[j] != ':' &&
             !std::isspace(static_cast<unsigned char>(text[j]))) {
        ++j;
      }
      if (j == 1 || j >= text.size() || text[j] != ']') return {};
      std::string prefix(text.substr(0, j + 1));
      std::size_t end = j + 1;
      if (end < text.size() && text[end] == ':') ++end;
      text.remove_prefix(end);
      return prefix;
    }
    case PrefixKind::host: {
      // A host name followed by ": " (the blank tells it from NCCL's own "host:pid:tid [0] NCCL INFO").
      std::size_t j = 0;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '.' ||
                                 text[j] == '-' || text[j] == '_')) {
        ++j;
      }
      if (j == 0 || j + 1 >= text.size() || text[j] != ':' || text[j + 1] != ' ') return {};
      std::string prefix(text.substr(0, j));
      text.remove_prefix(j + 1);
      return prefix;
    }
  }
  return {};
}

}  // namespace aidc::calib
