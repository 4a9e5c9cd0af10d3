#pragma once
// Reading a definition file end to end: load (JSON, YAML, template), parse and validate, and
// format every diagnostic with its location. The CLI and the simulator both start here.

#include <string>
#include <vector>

#include "asl/load/definition_loader.h"
#include "asl/validate/definition_parser.h"

namespace asl {

struct DefinitionFile {
  std::string path;
  bool readable = true;   // false when the file could not be read at all (exit code 2)
  LoadedDefinition loaded;
  ParsedDefinition parsed;
  std::vector<Diagnostic> diagnostics;  // loader's and parser's, in order
  std::vector<std::string> messages;    // each diagnostic formatted with file, line, pointer

  bool valid() const { return parsed.machine != nullptr; }
  // Whether the definition is EXPRESS (from the template, or the caller's choice).
  bool express = false;
};

// `type_override`: "STANDARD", "EXPRESS" or "" (the template's Type, else STANDARD).
DefinitionFile ReadDefinitionFile(const std::string& path, const LoadOptions& options,
                                  const std::string& type_override = "");

}  // namespace asl
