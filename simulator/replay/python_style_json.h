#pragma once
// Python's json.dumps() formatting (", " and ": " separators, non-ASCII escaped as \uXXXX).
// Recorded histories carry texts written that way — execution inputs sent by Python clients,
// errors of Python Lambda functions — and where a recording kept only the parsed value, this
// rebuilds the text AWS saw.

#include <string>

#include "asl/base/json.h"

namespace sim {

std::string PythonDumps(const asl::Json& value);

}  // namespace sim
