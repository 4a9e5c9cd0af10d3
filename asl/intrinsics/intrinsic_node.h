#pragma once
// The compiled form of an intrinsic call: a tree of calls whose leaves are literals and paths.
// Internal to asl/intrinsics (the parser builds it, the evaluator and the functions read it).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/intrinsics/function.h"
#include "asl/path/json_path.h"

namespace asl {

namespace intrinsics {

// A States.Format template split at its placeholders: pieces.size() == placeholders + 1.
struct FormatTemplate {
  std::vector<std::string> pieces;
  size_t placeholders() const { return pieces.size() - 1; }
};

}  // namespace intrinsics

struct IntrinsicCallNode;

struct IntrinsicArgument {
  enum class Kind : uint8_t { kLiteral, kPath, kCall };

  Kind kind = Kind::kLiteral;
  size_t offset = 0;                        // where the argument starts in the call's text
  Json literal;                             // kLiteral: the value (string escapes already applied)
  JsonPath path;                            // kPath
  std::unique_ptr<IntrinsicCallNode> call;  // kCall
};

struct IntrinsicCallNode {
  intrinsics::FunctionId id = intrinsics::FunctionId::kArray;
  size_t offset = 0;  // where the function name starts in the call's text
  std::vector<IntrinsicArgument> args;
  // States.Format whose template is a string literal: compiled at load time.
  std::unique_ptr<intrinsics::FormatTemplate> format;
};

namespace intrinsics {

// Parses `text` (a whole field value) into a call tree; the error is a message with an offset.
Result<std::unique_ptr<IntrinsicCallNode>, std::string> ParseCallTree(std::string_view text);

// Splits a States.Format template at its "{}" placeholders. The escapes \{ \} \\ \' stand for
// the character after the backslash (a literal template is split from its source text, so an
// escaped brace is text, not a placeholder); any other backslash is kept as it is. A '{' or '}'
// that is neither escaped nor part of "{}" makes the template invalid (nullopt).
std::optional<FormatTemplate> SplitFormatTemplate(std::string_view text);

}  // namespace intrinsics
}  // namespace asl
