#include "tools/schema/rubric_loader.hpp"

#include <set>

#include "models/score/score_input.hpp"

namespace aidc::tools {
namespace {

constexpr double kMaxPoints = 100.0;

std::string known_inputs() {
  std::string s;
  for (const models::InputKey& k : models::kScoreInputKeys) {
    if (!s.empty()) s += ", ";
    s += k.name;
  }
  return s;
}

std::string input_key(const YamlNode& n, const char* key) {
  const std::string name = n.get<std::string>(key);
  if (!models::find_input_key(name)) n.fail_at(key, "unknown input '" + name + "'; known inputs: " + known_inputs());
  return name;
}

// A list of [x, y] pairs.
std::vector<models::CurvePoint> load_pairs(const YamlNode& list) {
  std::vector<models::CurvePoint> pts;
  for (const YamlNode& item : list.items()) {
    const std::vector<YamlNode> xy = item.items();
    if (xy.size() != 2) item.fail("expected a pair [value, points]");
    pts.push_back({xy[0].as<double>(), xy[1].as<double>()});
  }
  return pts;
}

models::ScoringCurve load_curve(const YamlNode& ind, models::Direction dir) {
  models::ScoringCurve c;
  c.log_x = ind.get_or<bool>("log", false);
  const YamlNode list = ind.child("curve");
  c.points = load_pairs(list);
  const std::vector<YamlNode> items = list.items();
  if (c.points.size() < 2) list.fail("a scoring curve needs at least two points");
  for (size_t i = 0; i < c.points.size(); ++i) {
    const models::CurvePoint& p = c.points[i];
    if (p.score < 0.0 || p.score > kMaxPoints) items[i].fail("points must be within 0..100");
    if (c.log_x && p.x <= 0.0) items[i].fail("a log curve needs values > 0");
    if (i == 0) continue;
    const models::CurvePoint& q = c.points[i - 1];
    if (p.x <= q.x) items[i].fail("values must be strictly increasing along the curve");
    if (dir == models::Direction::higher_is_better && p.score < q.score) {
      items[i].fail("points must not decrease along the curve when higher values are better (non-monotone curve)");
    }
    if (dir == models::Direction::lower_is_better && p.score > q.score) {
      items[i].fail("points must not increase along the curve when lower values are better (non-monotone curve)");
    }
  }
  if (const std::string err = models::check_curve(c, dir); !err.empty()) list.fail(err);
  return c;
}

models::Indicator load_indicator(const YamlNode& n, const std::string& id, const std::string& dimension) {
  models::Indicator ind;
  ind.id = id;
  ind.dimension = dimension;
  ind.name = n.get<std::string>("name");
  ind.input = input_key(n, "input");
  ind.unit = n.get_or<std::string>("unit", models::find_input_key(ind.input)->unit);
  const std::string dir = n.get_enum("direction", {"higher_is_better", "lower_is_better"});
  ind.direction = dir == "higher_is_better" ? models::Direction::higher_is_better : models::Direction::lower_is_better;
  ind.curve = load_curve(n, ind.direction);
  ind.weight = n.get_positive("weight");
  ind.basis = n.get<std::string>("basis");
  if (auto rel = n.optional_child("relative_to")) {
    models::RelativeTo r;
    r.input = input_key(*rel, "input");
    const YamlNode ref = rel->child("reference");
    r.reference.points = load_pairs(ref);
    if (const std::string err = models::check_reference(r.reference); !err.empty()) ref.fail(err);
    rel->done();
    ind.relative_to = r;
  }
  n.done();
  return ind;
}

}  // namespace

models::Rubric load_rubric(const YamlNode& root) {
  if (!root.is_map()) root.fail("a rubric must be a YAML mapping");
  models::Rubric r;
  r.path = root.file();
  const std::string schema = root.get<std::string>("schema");
  if (schema != kRubricSchema) {
    root.fail_at("schema", "unsupported schema '" + schema + "' (this aidc reads '" + kRubricSchema + "')");
  }
  r.name = root.get<std::string>("name");
  const std::string missing = root.get_enum_or("missing", {"exclude", "zero"}, "exclude");
  r.missing = missing == "exclude" ? models::MissingRule::exclude : models::MissingRule::zero;

  const YamlNode grades = root.child("grades");
  const std::vector<YamlNode> grade_items = grades.items();
  if (grade_items.empty()) grades.fail("at least one grade is needed");
  for (const YamlNode& g : grade_items) {
    models::Grade grade{g.get<std::string>("grade"), g.get_in_range("min_score", 0.0, kMaxPoints)};
    g.done();
    if (!r.grades.empty() && grade.min_score >= r.grades.back().min_score) {
      g.fail_at("min_score", "grades must be listed best first with strictly decreasing min_score");
    }
    if (r.grade_rank(grade.name) >= 0) g.fail_at("grade", "duplicate grade '" + grade.name + "'");
    r.grades.push_back(grade);
  }
  r.ungraded = root.get_or<std::string>("ungraded", r.ungraded);
  if (r.grade_rank(r.ungraded) >= 0 && r.grade_rank(r.ungraded) < static_cast<int>(r.grades.size())) {
    root.fail_at("ungraded", "the label below the lowest grade must differ from the grades");
  }

  const YamlNode dims = root.child("dimensions");
  std::set<std::string> ids;
  for (const std::string& dim_id : dims.keys()) {
    const YamlNode d = dims.child(dim_id);
    models::Dimension dim{dim_id, d.get<std::string>("name"), d.get_positive("weight")};
    const YamlNode inds = d.child("indicators");
    const std::vector<std::string> ind_ids = inds.keys();
    if (ind_ids.empty()) inds.fail("a dimension needs at least one indicator");
    for (const std::string& ind_id : ind_ids) {
      if (!ids.insert(ind_id).second) inds.fail_at(ind_id, "duplicate indicator id '" + ind_id + "'");
      r.indicators.push_back(load_indicator(inds.child(ind_id), ind_id, dim_id));
    }
    inds.done();
    d.done();
    r.dimensions.push_back(dim);
  }
  dims.done();
  if (r.dimensions.empty()) dims.fail("at least one dimension is needed");

  if (auto caps = root.optional_child("caps")) {
    for (const YamlNode& c : caps->items()) {
      models::GradeCap cap;
      cap.input = input_key(c, "input");
      cap.above = c.get_optional<double>("above");
      cap.below = c.get_optional<double>("below");
      if (cap.above.has_value() == cap.below.has_value()) c.fail("a cap needs exactly one of `above` or `below`");
      cap.max_grade = c.get<std::string>("max_grade");
      if (r.grade_rank(cap.max_grade) < 0) c.fail_at("max_grade", "unknown grade '" + cap.max_grade + "'");
      cap.reason = c.get<std::string>("reason");
      c.done();
      r.caps.push_back(cap);
    }
  }
  root.done();
  return r;
}

models::Rubric load_rubric(const std::string& path) {
  return load_rubric(YamlNode::load_file(path));
}

}  // namespace aidc::tools
