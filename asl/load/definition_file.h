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
  // Whether the file was read as a document but is no valid definition: the parser refused it,
  // or the loader did for what the document says (not an object, a key given twice, longer than
  // AWS accepts) rather than for text it could not read or parse. AWS answers both with
  // InvalidDefinition; the CLI exits 1 for them and 2 for the rest (README, "Exit codes").
  bool InvalidDefinition() const;
  // Whether the definition is EXPRESS (from the template, or the caller's choice).
  bool express = false;
};

// `type_override`: "STANDARD", "EXPRESS" or "" (the template's Type, else STANDARD).
DefinitionFile ReadDefinitionFile(const std::string& path, const LoadOptions& options,
                                  const std::string& type_override = "");

}  // namespace asl
