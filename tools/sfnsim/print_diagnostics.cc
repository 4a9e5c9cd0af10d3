#include "tools/sfnsim/print_diagnostics.h"

#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

void PrintFileDiagnostics(const asl::DiagnosticList& list, const std::string& file) {
  asl::SourceMap source;
  source.file = file;
  for (const asl::Diagnostic& d : list.items()) Err("{}\n", asl::FormatDiagnostic(d, source));
}

}  // namespace sfnsim_cli
