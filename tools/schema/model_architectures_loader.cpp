#include "tools/schema/model_architectures_loader.hpp"

#include <filesystem>

#include "tools/schema/file_exists.hpp"
#include "tools/schema/yaml_node.hpp"

namespace aidc::tools {

namespace {

constexpr int64_t kMaxDimension = 1'000'000'000;

int dimension(const YamlNode& n, std::string_view key) {
  const auto v = n.get_count(key);
  if (v > kMaxDimension) n.fail_at(key, "too large");
  return static_cast<int>(v);
}

NamedArchitecture read_entry(const YamlNode& n) {
  using aidc::models::ModelArch;
  NamedArchitecture a;
  a.name = n.get<std::string>("name");
  if (a.name.empty()) n.fail_at("name", "must not be empty");
  a.source = n.get<std::string>("source");
  if (a.source.empty()) n.fail_at("source", "must say where the numbers come from");
  auto& m = a.spec;
  const std::string arch = n.get_enum("arch", {"gpt", "llama", "moe"});
  m.arch = arch == "llama" ? ModelArch::llama : arch == "moe" ? ModelArch::moe : ModelArch::gpt;
  m.layers = dimension(n, "layers");
  m.hidden = dimension(n, "hidden");
  m.ffn_hidden = dimension(n, "ffn_hidden");
  m.heads = dimension(n, "heads");
  m.kv_heads = static_cast<int>(n.get_count_or("kv_heads", m.heads));
  m.vocab = dimension(n, "vocab");
  m.seq_len = static_cast<int>(n.get_count_or("seq_len", 1));
  m.gated_mlp = n.get_or<bool>("gated_mlp", m.arch != ModelArch::gpt);
  m.tied_embeddings = n.get_or<bool>("tied_embeddings", m.arch == ModelArch::gpt);
  if (m.hidden % m.heads != 0) n.fail_at("heads", "must divide hidden");
  if (m.heads % m.kv_heads != 0) n.fail_at("kv_heads", "must divide heads");
  if (auto moe = n.optional_child("moe")) {
    a.has_moe = true;
    m.moe.experts = dimension(*moe, "experts");
    m.moe.active_experts = dimension(*moe, "active_experts");
    if (m.moe.active_experts > m.moe.experts) moe->fail_at("active_experts", "must not exceed experts");
    m.moe.expert_ffn_hidden = dimension(*moe, "expert_ffn_hidden");
    m.moe.shared_experts = static_cast<int>(moe->get_count0_or("shared_experts", 0));
    moe->done();
  } else if (m.arch == ModelArch::moe) {
    n.fail("arch moe needs a moe block");
  }
  n.done();
  return a;
}

}  // namespace

std::map<std::string, NamedArchitecture> load_model_architectures(const std::string& path) {
  return parse_model_architectures(YamlNode::load_file(path));
}

std::map<std::string, NamedArchitecture> parse_model_architectures(const YamlNode& root) {
  const auto schema = root.get<std::string>("schema");
  if (schema != "aidc-model-architectures/1") {
    root.fail_at("schema", "expected aidc-model-architectures/1, got " + schema);
  }
  std::map<std::string, NamedArchitecture> out;
  for (const auto& item : root.child("architectures").items()) {
    if (!item.is_map()) item.fail("each architecture must be a map");
    auto a = read_entry(item);
    const std::string name = a.name;
    if (!out.emplace(name, std::move(a)).second) item.fail_at("name", "duplicate name '" + name + "'");
  }
  root.done();
  return out;
}

std::string find_model_architectures(const std::string& cases_path) {
  std::error_code ec;
  const auto dir = std::filesystem::absolute(cases_path, ec).parent_path();
  const auto beside = dir / "architectures.yaml";
  if (referenced_file_exists(beside.string())) return beside.string();
  return find_upward(dir, {"models/validation/architectures.yaml"});
}

}  // namespace aidc::tools
