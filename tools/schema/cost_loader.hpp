#pragma once
// Loader of a cost table (schema `aidc-costs/1`, scenarios/costs/default.yaml; keys in scenarios/docs/plan.md)
// into models::CostTable. Every price or rate is a cited entry
//     key: {usd: 0.0806, year: 2023, tag: V, source: "EIA Electric Power Monthly Table 5.6.A via ..."}
// (`value:` instead of `usd:` for fractions, years and rates), so a table cannot carry a number without its
// source, its price year and its evidence tag (V primary, S secondary, D derived, U unverified). Strict: unknown
// or missing keys, negative prices, a currency other than USD, a tag outside V/S/D/U raise ConfigError
// "file:line:col: field.path: message".
#include <string>

#include "models/tco/tco_model.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

inline constexpr const char* kCostSchema = "aidc-costs/1";

models::CostTable load_cost_table(const std::string& path);
models::CostTable parse_cost_table(const YamlNode& root);

}  // namespace aidc::tools
