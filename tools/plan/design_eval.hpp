#pragma once
// One design, evaluated: the pipeline's results (tools/cli/pipeline.hpp), the bill of materials of its built
// site, its TCO and the design values of design_values.hpp. Shared by `aidc plan` (every design of the
// factorial) and `aidc expand` (before and after).
//
// Energy for the TCO: the energy stage's hourly IT power summed over its year and its annual PUE; without an
// energy section (or a climate) the design is costed at full IT load all year with PUE = 1 + the power
// section's facility_load_fraction, and a note says so. Water: the energy stage's hourly water use (0 with a
// note when not modelled). A design whose reference job does not fit in GPU memory is marked infeasible (its
// MFU and everything built on it would be missing), with the performance stage's reason.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "models/tco/tco_model.hpp"
#include "tools/cli/pipeline.hpp"
#include "tools/plan/design_values.hpp"
#include "tools/results/json.hpp"
#include "tools/schema/scenario.hpp"

namespace aidc::tools {

struct DesignEvaluation {
  ResultsFile results;
  models::BillOfMaterials bom;
  std::optional<models::TcoResult> tco;            // empty when no cost table was given or it cannot price the design
  std::array<double, kDesignValueCount> values{};  // NaN: not available
  std::optional<std::string> grade;
  std::vector<std::string> notes;
  std::string infeasible;  // non-empty: why the design cannot be used
};

// Evaluates `sc` (throws ConfigError when its site does not build). `costs` may be null (no TCO values).
// `keep_timeseries` false drops the hourly series from `results` once they are summed (plans keep one
// design's series at most).
DesignEvaluation evaluate_design(const Scenario& sc, const cli::RunOverrides& o, const models::CostTable* costs,
                                 std::optional<double> train_tokens, bool keep_timeseries);

double design_value(const DesignEvaluation& d, std::string_view name);

// JSON views used by `aidc plan` and `aidc expand`.
Json bom_json(const models::BillOfMaterials& b);
Json tco_json(const models::TcoResult& t, const models::CostTable& prices);
Json values_json(const std::array<double, kDesignValueCount>& values);

}  // namespace aidc::tools
