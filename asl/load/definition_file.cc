#include "asl/load/definition_file.h"

namespace asl {

DefinitionFile ReadDefinitionFile(const std::string& path, const LoadOptions& options,
                                  const std::string& type_override) {
  DefinitionFile file;
  file.path = path;
  auto loaded = LoadDefinitionFile(path, options);
  if (!loaded.ok()) {
    SourceMap source;
    source.file = path;
    for (const Diagnostic& d : loaded.error().items()) {
      if (d.code == DiagnosticCode::kUnreadableFile) file.readable = false;
      file.diagnostics.push_back(d);
      file.messages.push_back(FormatDiagnostic(d, source));
    }
    return file;
  }
  file.loaded = std::move(loaded.value());
  std::string type = type_override.empty() ? file.loaded.state_machine_type : type_override;
  file.express = type == "EXPRESS";
  ParseOptions parse_options;
  parse_options.express = file.express;
  file.parsed = ParseDefinition(file.loaded.definition, parse_options);
  for (const Diagnostic& d : file.parsed.diagnostics.items()) {
    file.diagnostics.push_back(d);
    file.messages.push_back(FormatDiagnostic(d, file.loaded.source));
  }
  return file;
}

}  // namespace asl
