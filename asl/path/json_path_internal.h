#pragma once
// Internals shared by json_path.cc, json_path_parser.cc and json_path_eval.cc. Not part of the
// public API: include asl/path/json_path.h instead.

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/path/json_path.h"

namespace asl {

// One side of a filter comparison: a literal, or a path from "@" (the node being tested) or
// from "$" (the document root).
struct JsonPathFilterOperand {
  enum class Kind { kLiteral, kCurrent, kRoot };
  Kind kind = Kind::kLiteral;
  Json literal;
  std::vector<JsonPathStep> steps;
  bool single = true;  // the path yields one node (Jayway-definite), not a list
};

// A filter expression tree: [?(@.a > 1 && !(@.b == 'x') || @.c)].
struct JsonPathFilter {
  enum class Op { kOr, kAnd, kNot, kExists, kEq, kNe, kLt, kLe, kGt, kGe };
  Op op = Op::kExists;
  std::unique_ptr<JsonPathFilter> lhs, rhs;  // kOr and kAnd: both; kNot: lhs
  JsonPathFilterOperand left, right;         // comparisons: both; kExists: left
};

namespace json_path_internal {

// The parsed form of a whole path ("$…" or "$$…").
struct ParsedPath {
  bool context = false;
  std::string variable;  // "$name…": the workflow variable the path starts from
  std::vector<JsonPathStep> steps;
};

// Whether `c` may stand in a variable name: ASCII letters, digits and '_', and any byte of a
// multi-byte UTF-8 character (AWS allows Unicode identifiers; asl/validate checks names).
inline bool IsVariableNameByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Parses `text` into steps; the error is "<what> at offset N".
Result<ParsedPath, std::string> ParsePath(std::string_view text);

// True when Jayway treats the steps as definite: the result is one value, not a list (names,
// single indexes, and a final ['a','b'] merge).
bool IsSingleResult(const std::vector<JsonPathStep>& steps);

// Jayway's text for the steps after the root, e.g. "['a'][0]..['b'][*]".
std::string NormalizedSteps(const std::vector<JsonPathStep>& steps);

// Why a selection was refused: its value is nested beyond kMaxJsonDepth (sfnsim's bound on
// run-time JSON, asl/base/json_limits.h).
std::string TooDeepDetail();

// Evaluates steps as Jayway does, starting at `start`, with `root` as "$" for filters.
class Evaluator {
 public:
  // `detail`, when not null, receives Jayway's exception message on failure; tracking it costs
  // a string per step, so Evaluate() passes null.
  Evaluator(const std::vector<JsonPathStep>& steps, const Json& root, std::string* detail);

  // Collects the matches. False when Jayway would throw (AWS: "not found").
  bool Run(const Json& start);

  const std::vector<const Json*>& matches() const { return matches_; }
  // The run failed because a value it had to copy nests beyond kMaxJsonDepth.
  bool too_deep() const { return too_deep_; }
  // The run failed with what Jayway throws as InvalidPathException (a name union before the
  // last step, a filter on a primitive), not PathNotFoundException.
  bool invalid_path() const { return invalid_path_; }

 private:
  void Eval(size_t i, const Json& node, bool upstream_definite);
  void Apply(size_t i, const Json& node, bool upstream_definite);
  void Walk(size_t i, const Json& node);
  void HandleIndex(size_t i, const Json& array, int64_t index, bool next_definite);
  bool CheckArray(const JsonPathStep& step, const Json& node, bool upstream_definite);
  bool Accept(const JsonPathFilter& filter, const Json& current);
  void Fail(std::string message, bool invalid_path = false);
  void TooDeep();
  void Push(std::string_view fragment);
  void PushIndex(int64_t index);
  void Pop(size_t length);

  const std::vector<JsonPathStep>& steps_;
  const Json& root_;
  std::string* detail_;
  std::string path_;  // Jayway's current path, kept only when detail_ is set
  bool failed_ = false;
  bool too_deep_ = false;
  bool invalid_path_ = false;
  std::vector<const Json*> matches_;
  std::deque<Json> built_;  // objects made by a final ['a','b']; deque keeps them in place
};

}  // namespace json_path_internal
}  // namespace asl
