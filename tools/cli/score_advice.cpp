#include "tools/cli/score_advice.hpp"

#include <algorithm>
#include <cmath>

#include "models/score/score_engine.hpp"
#include "tools/cli/score_inputs.hpp"
#include "tools/schema/config_error.hpp"
#include "topology/topology_error.hpp"

namespace aidc::cli {
namespace {

// A gain below this is rounding noise of the weighted sums, not an improvement.
constexpr double kMinGain = 1e-9;

struct Candidate {
  std::string change;
  std::string indicator;
  bool site_change = false;
  std::function<void(tools::Scenario&, tools::ScoringSpec&)> apply;
};

// Smallest value at which an indicator's curve reaches its best score.
double best_value(const models::Indicator& ind) {
  const auto& pts = ind.curve.points;
  if (ind.direction == models::Direction::lower_is_better) return pts.front().x;
  double best = pts.front().score;
  for (const auto& p : pts) best = std::max(best, p.score);
  for (const auto& p : pts) {
    if (p.score >= best) return p.x;
  }
  return pts.back().x;
}

const models::Indicator* indicator_on(const models::Rubric& r, const std::string& input) {
  for (const auto& ind : r.indicators) {
    if (ind.input == input) return &ind;
  }
  return nullptr;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void add_redundancy_candidates(const tools::Scenario& sc, std::vector<Candidate>& out) {
  struct Target {
    topo::LayerId id;
    const char* indicator;
  };
  const Target targets[] = {{topo::LayerId::utility_feeds, "utility_redundancy"},
                            {topo::LayerId::transformers, "transformer_redundancy"},
                            {topo::LayerId::ups, "ups_redundancy"},
                            {topo::LayerId::pdus, "pdu_redundancy"},
                            {topo::LayerId::cdus, "cdu_redundancy"},
                            {topo::LayerId::crahs, "cooling_plant_redundancy"},
                            {topo::LayerId::chillers, "cooling_plant_redundancy"},
                            {topo::LayerId::cooling_towers, "cooling_plant_redundancy"},
                            {topo::LayerId::dry_coolers, "cooling_plant_redundancy"}};
  for (const Target& t : targets) {
    tools::Scenario copy = sc;
    const topo::UnitLayer* l = topo::layer_of(copy.site_spec, t.id);
    if (!l) continue;
    const topo::Redundancy cur = l->redundancy;
    std::vector<topo::Redundancy> ups;
    if (cur.kind == topo::RedundancyKind::n) ups.push_back({topo::RedundancyKind::n_plus_x, 1, 0, 0});
    if (cur.kind == topo::RedundancyKind::n_plus_x && cur.x == 1) {
      ups.push_back({topo::RedundancyKind::n_plus_x, 2, 0, 0});
    }
    if (cur.kind != topo::RedundancyKind::two_n && cur.kind != topo::RedundancyKind::two_n_plus_x) {
      ups.push_back({topo::RedundancyKind::two_n, 0, 0, 0});
    }
    for (const topo::Redundancy& r : ups) {
      const topo::LayerId id = t.id;
      out.push_back({topo::layer_path(id) + " redundancy " + topo::to_string(cur) + " -> " + topo::to_string(r),
                     t.indicator, true, [id, r](tools::Scenario& s, tools::ScoringSpec&) {
                       topo::UnitLayer* layer = topo::layer_of(s.site_spec, id);
                       layer->redundancy = r;
                       layer->units = 0;  // re-size for the new redundancy
                     }});
    }
  }
}

void add_site_candidates(const tools::Scenario& sc, std::vector<Candidate>& out) {
  const topo::FabricSpec& f = sc.site_spec.network.fabric;
  if (!f.dual_tor) {
    out.push_back({"network.fabric.dual_tor false -> true", "dual_tor", true,
                   [](tools::Scenario& s, tools::ScoringSpec&) { s.site_spec.network.fabric.dual_tor = true; }});
  }
  if (f.leaf_oversubscription > 1.0) {
    out.push_back({"network.fabric.oversubscription.leaf " + fmt(f.leaf_oversubscription) + " -> 1",
                   "leaf_oversubscription", true, [](tools::Scenario& s, tools::ScoringSpec&) {
                     s.site_spec.network.fabric.leaf_oversubscription = 1.0;
                   }});
  }
  if (sc.site_spec.storage && sc.site_spec.storage->nodes > 0) {
    const topo::StorageSpec& st = *sc.site_spec.storage;
    const bool rep = st.protection == topo::ProtectionKind::replication;
    const std::string change =
        rep ? "storage copies " + std::to_string(st.copies) + " -> " + std::to_string(st.copies + 1)
            : "storage erasure " + std::to_string(st.ec_k) + "+" + std::to_string(st.ec_m) + " -> " +
                  std::to_string(st.ec_k) + "+" + std::to_string(st.ec_m + 1);
    out.push_back({change, "storage_failures_tolerated", true, [rep](tools::Scenario& s, tools::ScoringSpec&) {
                     if (rep) {
                       ++s.site_spec.storage->copies;
                     } else {
                       ++s.site_spec.storage->ec_m;
                     }
                   }});
  }
}

void add_declared_candidates(const models::Rubric& rubric, const tools::ScoringSpec& spec,
                             std::vector<Candidate>& out) {
  using Flag = bool tools::ScoringSpec::*;
  struct FlagTarget {
    const char* input;
    Flag member;
  };
  const FlagTarget flags[] = {{"monitoring_24x7", &tools::ScoringSpec::monitoring_24x7},
                              {"fire_alarm", &tools::ScoringSpec::fire_alarm},
                              {"certified_staff", &tools::ScoringSpec::certified_staff},
                              {"security_zoning", &tools::ScoringSpec::security_zoning},
                              {"ipmi_redfish_monitoring", &tools::ScoringSpec::ipmi_redfish_monitoring},
                              {"automated_ops", &tools::ScoringSpec::automated_ops},
                              {"maintenance_planning", &tools::ScoringSpec::maintenance_planning},
                              {"capacity_management", &tools::ScoringSpec::capacity_management},
                              {"ai_energy_saving", &tools::ScoringSpec::ai_energy_saving},
                              {"energy_aware_scheduling", &tools::ScoringSpec::energy_aware_scheduling}};
  for (const FlagTarget& t : flags) {
    if (spec.*t.member) continue;
    const Flag m = t.member;
    out.push_back({std::string("scoring.") + t.input + " false -> true", t.input, false,
                   [m](tools::Scenario&, tools::ScoringSpec& s) { s.*m = true; }});
  }
  if (const auto* ind = indicator_on(rubric, "diverse_fibre_routes")) {
    const auto target = static_cast<int64_t>(std::ceil(best_value(*ind)));
    if (spec.diverse_fibre_routes < target) {
      out.push_back({"scoring.diverse_fibre_routes " + std::to_string(spec.diverse_fibre_routes) + " -> " +
                         std::to_string(target),
                     ind->id, false,
                     [target](tools::Scenario&, tools::ScoringSpec& s) { s.diverse_fibre_routes = target; }});
    }
  }
  if (spec.monitoring_power != tools::MonitoringPower::ups_and_utility) {
    out.push_back(
        {std::string("scoring.monitoring_power ") + tools::to_string(spec.monitoring_power) + " -> ups_and_utility",
         "monitoring_power", false, [](tools::Scenario&, tools::ScoringSpec& s) {
           s.monitoring_power = tools::MonitoringPower::ups_and_utility;
         }});
  }
  if (const auto* ind = indicator_on(rubric, "ops_equipment_ratio"); ind && spec.ops_headcount) {
    const auto target =
        static_cast<int64_t>(std::ceil(best_value(*ind) * static_cast<double>(*spec.ops_headcount) - kMinGain));
    if (spec.ops_equipment < target) {
      out.push_back({"scoring.ops_equipment " + std::to_string(spec.ops_equipment) + " -> " + std::to_string(target),
                     ind->id, false, [target](tools::Scenario&, tools::ScoringSpec& s) { s.ops_equipment = target; }});
    }
  }
  if (const auto* ind = indicator_on(rubric, "renewable_share")) {
    const double target = std::min(1.0, best_value(*ind));
    if (spec.renewable_share < target) {
      out.push_back({"scoring.renewable_share " + fmt(spec.renewable_share) + " -> " + fmt(target), ind->id, false,
                     [target](tools::Scenario&, tools::ScoringSpec& s) { s.renewable_share = target; }});
    }
  }
  const std::vector<std::string> all_services = {"infrastructure", "compute_leasing", "model_services"};
  if (spec.services.size() < all_services.size()) {
    out.push_back({"scoring.services: offer infrastructure, compute leasing and model services", "service_offerings",
                   false, [all_services](tools::Scenario&, tools::ScoringSpec& s) { s.services = all_services; }});
  }
}

}  // namespace

std::vector<Advice> next_grade_advice(const tools::Scenario& sc, const tools::ScoringSpec& spec,
                                      const models::Rubric& rubric, const models::Metrics& metrics,
                                      const ResimulateFn& resimulate) {
  const topo::Site base_site = tools::build_site(sc);
  const models::ScoreResult base = models::score(rubric, collect_score_inputs(sc, base_site, metrics, spec));
  const double base_total = base.total.value_or(0.0);

  std::vector<Candidate> cands;
  add_redundancy_candidates(sc, cands);
  add_site_candidates(sc, cands);
  add_declared_candidates(rubric, spec, cands);

  std::vector<Advice> out;
  for (const Candidate& c : cands) {
    Advice a;
    a.change = c.change;
    a.indicator = c.indicator;
    a.scenario = sc;
    a.spec = spec;
    c.apply(a.scenario, a.spec);
    std::optional<topo::Site> site;
    models::Metrics m = metrics;
    if (c.site_change) {
      try {
        site.emplace(tools::build_site(a.scenario));
      } catch (const tools::ConfigError&) {
        continue;  // the changed site does not build (e.g. a radix too small for dual-ToR): not advice
      } catch (const topo::TopologyError&) {
        continue;
      }
      if (resimulate) {
        m = resimulate(a.scenario, *site);
        a.resimulated = true;
      }
    }
    const models::ScoreResult r =
        models::score(rubric, collect_score_inputs(a.scenario, site ? *site : base_site, m, a.spec));
    if (!r.total) continue;
    a.gain = *r.total - base_total;
    if (a.gain <= kMinGain) continue;
    a.new_total = *r.total;
    a.new_grade = r.grade;
    a.reaches_next_grade = rubric.grade_rank(r.grade) < rubric.grade_rank(base.grade);
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const Advice& x, const Advice& y) { return x.gain > y.gain; });
  return out;
}

}  // namespace aidc::cli
