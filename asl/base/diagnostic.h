#pragma once
// Diagnostics: located problems found while loading or validating a definition.
//
// Every diagnostic has a stable code from diagnostic_codes.def, a JSON pointer into the document
// the user wrote, and a message. Formatting adds the file name and, when the source map knows
// it, the line: `FILE:LINE: /States/Pub/Next: state "Pubb" does not exist`.
//
// A diagnostic found while reading a file or a template (before any SourceMap exists, e.g. a
// syntax error) carries its own location instead: `FILE:LINE:COL: expected ':' after the key`.

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace asl {

enum class Severity { kError, kWarning };

enum class DiagnosticCode {
#define ASL_DIAGNOSTIC(id, code, title) id,
#include "asl/base/diagnostic_codes.def"
#undef ASL_DIAGNOSTIC
};

// "SFN0102" for a code; stable across releases.
std::string_view CodeString(DiagnosticCode code);
// One-line description of what the code means.
std::string_view CodeTitle(DiagnosticCode code);
// Every code, in catalogue order (for `sfnsim validate --list-codes`).
std::vector<DiagnosticCode> AllDiagnosticCodes();

struct Diagnostic {
  // Constructors rather than an aggregate, so `{code, severity, pointer, message}` stays valid
  // (and free of missing-initializer warnings) beside the self-located form.
  Diagnostic() = default;
  Diagnostic(DiagnosticCode code_in, Severity severity_in, std::string pointer_in,
             std::string message_in, std::string file_in = "", int line_in = 0,
             int column_in = 0)
      : code(code_in),
        severity(severity_in),
        pointer(std::move(pointer_in)),
        message(std::move(message_in)),
        file(std::move(file_in)),
        line(line_in),
        column(column_in) {}

  DiagnosticCode code{};
  Severity severity = Severity::kError;
  std::string pointer;  // JSON pointer into the definition ("" = the document itself)
  std::string message;
  // Set for a self-located diagnostic (see above): `pointer` is then printed as is (if any) and
  // the SourceMap is not consulted. line and column are 1-based; 0 when unknown.
  std::string file;
  int line = 0;
  int column = 0;
};

// Maps the definition's JSON pointers back to where the user wrote them: the file, the pointer
// prefix of the definition inside it (a CloudFormation template), and source lines when known.
struct SourceMap {
  std::string file;
  std::string pointer_prefix;
  // Set when the definition was a JSON string inside the file (DefinitionString): pointers
  // inside the definition are then shown after the string's own pointer.
  bool embedded_string = false;
  std::unordered_map<std::string, int> lines;  // full pointer (prefix included) -> 1-based line

  std::string FullPointer(std::string_view pointer) const;
  // Line of the pointer, or of its nearest ancestor that has one; 0 when unknown.
  int LineOf(std::string_view pointer) const;
};

// "FILE[:LINE]: POINTER: MESSAGE"; a self-located one "FILE[:LINE[:COL]]: [POINTER: ]MESSAGE".
std::string FormatDiagnostic(const Diagnostic& diagnostic, const SourceMap& source);

class DiagnosticList {
 public:
  void Add(DiagnosticCode code, std::string pointer, std::string message,
           Severity severity = Severity::kError) {
    items_.emplace_back(code, severity, std::move(pointer), std::move(message));
  }
  void Add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void Append(const DiagnosticList& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  bool HasErrors() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

// Appends a JSON-pointer token, escaping '~' and '/' as RFC 6901 requires.
std::string PointerJoin(std::string_view base, std::string_view token);
std::string PointerJoin(std::string_view base, size_t index);

// "did you mean …" by edit distance, as ninja's SpellcheckNode; "" when nothing is close.
std::string SpellCheck(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace asl
