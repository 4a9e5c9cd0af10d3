#pragma once
// A definition with its `${Name}` substitutions applied, with every problem located where the
// user wrote it: in a file (a plain ASL file, a DefinitionUri file), in a template's Definition
// object, or inside a template's DefinitionString.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/load/source_text.h"
#include "asl/load/substitutions.h"

namespace asl {

// What a `${Name}` may be replaced by: a value, or the reason it has none (the end of the
// message "${Name} has no value: ...").
struct Substitution {
  std::optional<std::string> value;
  std::string why_missing;
};
using SubstitutionTable = std::map<std::string, Substitution>;

// What a `${Name}` with no entry in the table means.
enum class UndeclaredPlaceholders {
  kNotDeclared,  // a template: AWS leaves it as written, so do we (warning)
  kNoValue,      // a plain file: nothing says what it stands for (warning)
};

// A self-located diagnostic at pointer `pointer` of the definition described by `source`.
Diagnostic DiagnosticAt(const SourceMap& source, DiagnosticCode code, const std::string& pointer,
                        std::string message, Severity severity = Severity::kError);

// A self-located diagnostic at a line and column of the definition's text; for a DefinitionString
// the position inside the string is added to the message. `pointer` (inside the definition) may
// be empty.
Diagnostic DiagnosticAtText(const SourceMap& source, DiagnosticCode code, int line, int column,
                            const std::string& pointer, std::string message,
                            Severity severity = Severity::kError);

// Substitutes in a definition's text, then parses it as `syntax`, as AWS does with a
// DefinitionString or an S3 definition (so a placeholder may even stand for a number). When the
// source is a file (not embedded), the parsed lines are stored in source->lines. Returns the
// definition, or nullopt when errors were added to `diagnostics`.
// `resolved_text`, when given, receives the text after substitution (what AWS receives).
std::optional<Json> ResolveDefinitionText(std::string_view text, TextSyntax syntax,
                                          const SubstitutionTable& table,
                                          UndeclaredPlaceholders undeclared, SourceMap* source,
                                          DiagnosticList* diagnostics,
                                          std::string* resolved_text = nullptr);

// Substitutes in the keys and strings of a Definition object, as AWS does in its serialised
// JSON. Returns false when errors were added to `diagnostics`.
bool ResolveDefinitionObject(Json* definition, const SubstitutionTable& table,
                             UndeclaredPlaceholders undeclared, const SourceMap& source,
                             DiagnosticList* diagnostics);

}  // namespace asl
