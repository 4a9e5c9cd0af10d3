#pragma once
// Diagnostics of one input file on stderr, one per line, located as `file:line: /pointer: …`.

#include <string>

#include "asl/base/diagnostic.h"

namespace sfnsim_cli {

void PrintFileDiagnostics(const asl::DiagnosticList& list, const std::string& file);

}  // namespace sfnsim_cli
