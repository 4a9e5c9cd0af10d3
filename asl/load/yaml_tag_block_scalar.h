#pragma once
// A workaround for a yaml-cpp 0.7 bug: a node whose properties (a tag or an anchor) stand on a
// line of their own before a block scalar,
//
//   Result:
//     !!str |
//     {"a": 1}
//
// is valid YAML (the block scalar's content only has to be indented more than the mapping that
// holds it; YAML 1.2.2 §8.1.1.1) and CloudFormation reads it, but yaml-cpp measures the
// content against the properties' line and fails with "end of map not found". Public AWS
// samples are written that way (issue 16, item 15).

#include <string>

namespace asl {

// When the line before `error_line` (0-based, where yaml-cpp failed) holds only node properties
// and a block scalar header ("!!str |", "!Sub >-", "&a !!str |2"), and the line before that
// holds only the key it belongs to ("Result:"), moves the key onto the
// properties' line ("Result: !!str |", which yaml-cpp reads right) and leaves the key's line
// empty, so every other line keeps its number. Returns whether `text` was changed.
bool MoveKeyOntoTaggedBlockScalar(std::string& text, int error_line);

}  // namespace asl
