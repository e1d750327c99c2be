#pragma once
// Site loader: reads the five physical sections of a scenario (`compute`, `network`, `storage`, `power`,
// `cooling`) into aidc::topo::SiteSpec. Every key, unit and default is documented in scenarios/docs/site.md.
//
// Contract:
//  - reads ONLY those five keys of the scenario root (through child/optional_child) and never calls
//    root.done(): the scenario loader owns the other top-level keys and the unknown-key check at the root;
//  - calls done() on every map inside the five sections, so an unknown or duplicate key is a ConfigError
//    with file:line:col and the dotted field path;
//  - validates every value (counts >= 1, fractions in [0, 1], impossible redundancy such as N+3 with 2
//    units, a switch radix too small for the requested fabric) and throws ConfigError naming the field;
//  - `compute`, `network`, `power` and `cooling` are required; `storage` is optional.
#include "tools/schema/yaml_node.hpp"
#include "topology/site_spec.hpp"
#include "topology/topology_error.hpp"

namespace aidc::tools {

topo::SiteSpec load_site_spec(const YamlNode& scenario_root);

// Re-throws a TopologyError from topo::Site::build or topo::validate_site as a ConfigError at the YAML
// position of its field path (the deepest key of the path present in the file), so that build-time errors
// (a layer that cannot carry its load, a radix too small) also read "file:line:col: field.path: message".
[[noreturn]] void rethrow_at(const YamlNode& scenario_root, const topo::TopologyError& e);

}  // namespace aidc::tools
