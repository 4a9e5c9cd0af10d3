#pragma once
// The size of a YAML document once its aliases are expanded, measured before it is converted.
//
// yaml-cpp resolves an alias to the very node its anchor names, so a document of a few lines
// (nine anchors, each a list of ten aliases to the previous one: the "billion laughs") is a
// small graph that expands into billions of values. Converting it value by value took 12 to 23
// s and 1.1 GB before a count caught it (issue 16, item 7). Here every distinct node's expanded
// size is computed once (one visit per node, not per use), so such a document is refused in
// time proportional to its text.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>

#include "asl/load/source_text.h"

namespace asl {

struct YamlExpansionLimits {
  // Values (scalars, sequences, mappings) and scalar bytes (keys included) of the expanded
  // document. A document without aliases is never refused for its size here (its own counts
  // raise the bounds): the file's size is bounded where it is read.
  uint64_t max_values = 1'000'000;
  uint64_t max_bytes = 16u << 20;
  // Deeper nesting is refused too: the converter recurses once per level.
  int max_depth = 256;
};

// nullopt when `root` expands within the limits; otherwise the problem, located at the alias
// (its line, and the JSON pointer where it is used) whose expansion crosses them, or at the
// alias that refers to a node containing itself.
std::optional<TextError> CheckYamlExpansion(const YAML::Node& root,
                                            const YamlExpansionLimits& limits = {});

}  // namespace asl
