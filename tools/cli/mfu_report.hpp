#pragma once
// Printing of training-throughput predictions (aidc predict, aidc validate mfu): a text table with the
// step-time breakdown and assumptions, JSON, and the error statistics the validation targets use.
#include <ostream>
#include <string>
#include <vector>

#include "tools/schema/mfu_cases_loader.hpp"

namespace aidc::cli {

struct MfuErrorStats {
  int predicted = 0;
  double mean_abs = 0.0;
  double median_abs = 0.0;
  double worst_abs = 0.0;
};

// Statistics of |rel_error| over predicted rows whose id starts with `prefix` (empty = all).
MfuErrorStats mfu_error_stats(const std::vector<aidc::tools::MfuPrediction>& rows, const std::string& prefix);

void print_mfu_table(std::ostream& out, const std::vector<aidc::tools::MfuPrediction>& rows, bool with_assumptions);
void print_mfu_json(std::ostream& out, const std::vector<aidc::tools::MfuPrediction>& rows);

}  // namespace aidc::cli
