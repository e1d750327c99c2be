#include "tools/report/comparison_table.hpp"

#include "tools/report/html_escape.hpp"

namespace aidc::report {

ComparisonTable::ComparisonTable(const std::vector<std::string>& sites) : sites_(sites.size()) {
  head_ = "<tr><th></th>";
  for (const auto& s : sites) head_ += "<th>" + html_escape(s) + "</th>";
  head_ += "</tr>\n";
}

void ComparisonTable::row(const std::string& label, const std::vector<std::string>& cells) {
  bool differ = false;
  for (const auto& c : cells) differ = differ || c != cells.front();
  row(label, cells, differ);
}

void ComparisonTable::row(const std::string& label, const std::vector<std::string>& cells, bool changed) {
  const bool mark = changed && sites_ > 1;
  body_ += "<tr><th>" + html_escape(label) + "</th>";
  for (std::size_t i = 0; i < sites_; ++i) {
    body_ += std::string("<td") + (mark ? " class=\"diff\"" : "") + ">" +
             (i < cells.size() ? html_escape(cells[i]) : "") + "</td>";
  }
  body_ += "</tr>\n";
}

std::string ComparisonTable::html() const {
  return "<table>\n" + head_ + body_ + "</table>\n";
}

}  // namespace aidc::report
