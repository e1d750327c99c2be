#pragma once
// An HTML table comparing one or two sites: a header row with the site names, then one row per quantity with a
// cell per site. With two or more sites, the cells of a row whose values differ get class "diff" (highlighted
// by the report's style sheet), so the changes of a before/after pair stand out. Labels and cells are plain
// text and are HTML-escaped here; the caller never passes markup.
#include <string>
#include <vector>

namespace aidc::report {

class ComparisonTable {
 public:
  explicit ComparisonTable(const std::vector<std::string>& sites);
  // `cells` has one entry per site (missing entries are shown empty).
  void row(const std::string& label, const std::vector<std::string>& cells);
  // A row whose cells are highlighted when `changed`, whatever their text (e.g. numbers equal once rounded).
  void row(const std::string& label, const std::vector<std::string>& cells, bool changed);
  std::string html() const;

 private:
  std::size_t sites_;
  std::string head_;
  std::string body_;
};

}  // namespace aidc::report
