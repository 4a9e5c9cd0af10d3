#pragma once
// The JSON document an expression target evaluates against: the fuzzer's text when it is JSON
// the run-time limits accept (as an execution input would be), else a fixed document with the
// usual shapes (objects, arrays, numbers, strings, nulls), so every input still exercises
// evaluation.

#include <string_view>

#include "asl/base/json.h"
#include "asl/base/json_limits.h"

namespace sfnsim_fuzz {

inline asl::Json DocumentFrom(std::string_view text) {
  if (auto parsed = asl::ParseJsonWithinLimits(text)) return std::move(*parsed);
  return asl::Json::parse(R"({"a": {"b": [1, 2.5, "x", null, {"c": true}], "n": -3},
    "items": [{"id": 1, "v": "p"}, {"id": 2, "v": "q"}], "s": "text", "e": [], "o": {}})");
}

// A Context object of the shape the engine builds ("$$").
inline asl::Json ContextDocument() {
  return asl::Json::parse(R"({"Execution": {
    "Id": "arn:aws:states:us-east-1:123456789012:execution:sm:x", "Input": {"k": 1},
    "Name": "x", "StartTime": "2024-01-01T00:00:00Z"},
    "State": {"Name": "S", "EnteredTime": "2024-01-01T00:00:00Z", "RetryCount": 0},
    "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:sm", "Name": "sm"},
    "Map": {"Item": {"Index": 0, "Value": {"k": 1}}}})");
}

}  // namespace sfnsim_fuzz
