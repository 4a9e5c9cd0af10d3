#pragma once
// Limits on JSON that enters a run from outside the definition: execution input, task results
// (mocked, from a Lambda command, from a replayed history), States.StringToJson's argument.
//
// nlohmann parses iteratively, but copying, comparing, dumping and sfnsim's own walks over a
// value recurse once per level, so a value nested 100,000 deep overflows the stack long after it
// was accepted. Every text that becomes a run-time value goes through ParseJsonWithinLimits,
// which measures the nesting before parsing (one linear scan, no recursion).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "asl/base/json.h"

namespace asl {

// The deepest nesting of arrays and objects sfnsim accepts in a run-time value. The definition
// loaders use the same bound (json_text.cc). AWS's own parser (Jackson) refuses documents nested
// deeper than 1,000 levels (StreamReadConstraints' default since Jackson 2.15), so no payload AWS
// accepts from a service is refused here before its depth reaches that figure's half.
inline constexpr int kMaxJsonDepth = 512;

// The deepest nesting of `[` and `{` in `text`, outside string literals. Counts characters only:
// meaningful for text that is JSON, harmless for text that is not (the parser then refuses it).
int JsonTextDepth(std::string_view text);

// Why a text did not become a value.
enum class JsonTextProblem { kTooDeep, kMalformed };

// Parses `text` as one JSON document unless it nests deeper than `max_depth`. On failure returns
// nullopt and, when `problem` is given, says why.
std::optional<Json> ParseJsonWithinLimits(std::string_view text, int max_depth = kMaxJsonDepth,
                                          JsonTextProblem* problem = nullptr);

// The nesting depth of a value (a scalar is 0, `[]` is 1), walked with an explicit stack.
int JsonValueDepth(const Json& value);

// Whether `value` nests deeper than `max_depth`: JsonValueDepth(value) > max_depth, but it stops
// at the first container beyond the bound and keeps one frame per level (not one entry per
// node), so asl checks a value this way before copying or comparing it with nlohmann's
// recursive operations.
bool JsonDepthExceeds(const Json& value, int max_depth);

}  // namespace asl
