#include "tools/schema/cost_loader.hpp"

#include <stdexcept>

namespace aidc::tools {
namespace {

// Price years a table may cite: the first GPU-cluster prices (2012) to a generous planning horizon.
constexpr int64_t kFirstYear = 1990;
constexpr int64_t kLastYear = 2100;

enum class Kind { usd, value };

// Reads one cited entry {usd|value, year, tag, source} and returns its number (>= 0).
double cited(const YamlNode& parent, std::string_view key, Kind kind) {
  const YamlNode n = parent.child(key);
  if (!n.is_map())
    n.fail("expected a cited entry {" + std::string(kind == Kind::usd ? "usd" : "value") + ", year, tag, source}");
  const char* number_key = kind == Kind::usd ? "usd" : "value";
  const double v = n.get_nonnegative(number_key);
  const int64_t year = n.get<int64_t>("year");
  if (year < kFirstYear || year > kLastYear) {
    n.fail_at("year", "must be a year in [" + std::to_string(kFirstYear) + ", " + std::to_string(kLastYear) + "]");
  }
  (void)n.get_enum("tag", {"V", "S", "D", "U"});
  if (n.get<std::string>("source").empty()) n.fail_at("source", "must cite where the number comes from");
  n.done();
  return v;
}

}  // namespace

models::CostTable parse_cost_table(const YamlNode& root) {
  if (!root.is_map()) root.fail("a cost table must be a YAML mapping");
  const std::string schema = root.get<std::string>("schema");
  if (schema != kCostSchema) {
    root.fail_at("schema", "unsupported schema '" + schema + "' (this aidc reads '" + kCostSchema + "')");
  }
  models::CostTable t;
  t.currency = root.get<std::string>("currency");
  if (t.currency != "USD") root.fail_at("currency", "only USD tables are supported, got '" + t.currency + "'");
  (void)root.get_optional<std::string>("description");

  const YamlNode servers = root.child("servers");
  if (!servers.is_map()) servers.fail("expected a mapping of hardware profile name to a cited price per node");
  for (const auto& name : servers.keys()) t.server_per_node[name] = cited(servers, name, Kind::usd);
  if (t.server_per_node.empty()) servers.fail("needs at least one server price");
  servers.done();

  const YamlNode net = root.child("network");
  t.switch_per_port = cited(net, "switch_port", Kind::usd);
  t.optic_per_gbps = cited(net, "optic_gbps", Kind::usd);
  t.cable_per_link = cited(net, "cable_link", Kind::usd);
  net.done();

  const YamlNode st = root.child("storage");
  t.storage_node = cited(st, "node", Kind::usd);
  t.storage_per_raw_tb = cited(st, "raw_tb", Kind::usd);
  st.done();

  const YamlNode racks = root.child("racks");
  t.rack = cited(racks, "rack", Kind::usd);
  racks.done();

  // Every layer the topology knows must have a price: a missing one would silently cost nothing.
  const YamlNode power = root.child("power");
  const YamlNode cooling = root.child("cooling");
  for (int l = 0; l < topo::kLayerCount; ++l) {
    const auto id = static_cast<topo::LayerId>(l);
    const YamlNode& section = topo::chain_of(id) == topo::Chain::power ? power : cooling;
    t.layer_per_kw[static_cast<size_t>(l)] = cited(section, topo::layer_name(id), Kind::usd);
  }
  power.done();
  cooling.done();

  const YamlNode fac = root.child("facility");
  t.building_per_kw_it = cited(fac, "building_per_kw_it", Kind::usd);
  t.balance_of_plant_per_kw_it = cited(fac, "balance_of_plant_per_kw_it", Kind::usd);
  fac.done();

  const YamlNode ops = root.child("operations");
  t.electricity_per_kwh = cited(ops, "electricity_kwh", Kind::usd);
  t.water_per_m3 = cited(ops, "water_m3", Kind::usd);
  t.it_maintenance_fraction = cited(ops, "it_maintenance_fraction", Kind::value);
  t.facility_maintenance_fraction = cited(ops, "facility_maintenance_fraction", Kind::value);
  t.staff_fte_per_mw_it = cited(ops, "staff_fte_per_mw_it", Kind::value);
  t.staff_cost_per_fte = cited(ops, "staff_cost_per_fte", Kind::usd);
  ops.done();

  const YamlNode fin = root.child("finance");
  t.lifetime_years = cited(fin, "lifetime_years", Kind::value);
  t.facility_life_years = cited(fin, "facility_life_years", Kind::value);
  t.discount_rate = cited(fin, "discount_rate", Kind::value);
  if (!(t.lifetime_years > 0.0)) fin.child("lifetime_years").fail_at("value", "must be > 0 years");
  if (!(t.facility_life_years > 0.0)) fin.child("facility_life_years").fail_at("value", "must be > 0 years");
  if (!(t.discount_rate < 1.0)) fin.child("discount_rate").fail_at("value", "must be in [0, 1)");
  fin.done();
  root.done();
  try {
    models::validate(t);
  } catch (const std::invalid_argument& e) {
    root.fail(e.what());
  }
  return t;
}

models::CostTable load_cost_table(const std::string& path) {
  return parse_cost_table(YamlNode::load_file(path));
}

}  // namespace aidc::tools
