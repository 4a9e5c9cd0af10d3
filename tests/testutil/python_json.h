#pragma once
// Python's json.dumps() formatting (", " and ": " separators, non-ASCII escaped as \uXXXX): the
// conformance corpus's executions were started with inputs serialised that way, and AWS echoes
// the input text verbatim.

#include <string>

#include "asl/base/json.h"

namespace sfnsim_test {

std::string PythonDumps(const asl::Json& value);

}  // namespace sfnsim_test
