#pragma once
// JSONPath as the Amazon States Language uses it.
// https://states-language.net/spec.html#path
// https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
//
// A path starts with "$" (the effective input) or "$$" (the Context object) and is compiled
// once, at load time, into a vector of steps: names (.a, ['a']), indexes ([0], [-1]), slices
// ([1:3], [:2], [-2:]), wildcards (.*, [*]), recursive descent (..a, ..*), unions ([0,1],
// ['a','b']) and filters ([?(@.x > 1)], [?(@.tag)]).
//
// Step Functions evaluates JSONPath with Jayway JsonPath (its error texts are Jayway's, e.g.
// "Invalid path '$.no.such' : Missing property in path $['no']"), so sfnsim follows Jayway's
// semantics wherever they differ from other JSONPath dialects:
//  - a dot name runs up to the next '.', '[' or the end: "$.my-key" and "$.a$b" are names;
//  - "['a','b']" as the last step builds one object with those members (Jayway's "merge");
//  - a slice's third number (step) is ignored, as Jayway ignores it;
//  - a missing member or a non-array in the definite prefix of an indefinite path is an error,
//    not an empty result; deeper misses are skipped silently.
//
// A path is *definite* when it can only ever select one existing node (names and single
// indexes); Find() reads those without copying. A *reference path* (ASL's term) is a definite
// path whose indexes are non-negative; ResultPath writes through those.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/base/eval_context.h"

namespace asl {

struct JsonPathFilter;  // a compiled filter expression, defined in json_path.cc

enum class JsonPathStepKind {
  kName,          // .a  ['a']
  kIndex,         // [0]  [-1]
  kNames,         // ['a','b']
  kIndexes,       // [0,2]
  kSlice,         // [1:3]  [:2]  [-2:]
  kWildcard,      // .*  [*]
  kFilter,        // [?(...)]
};

struct JsonPathStep {
  JsonPathStepKind kind = JsonPathStepKind::kName;
  bool descendant = false;  // written after "..": applies at every depth
  char quote = '\'';        // the quote the name was written with (for Jayway's path text)
  std::string name;                 // kName
  int64_t index = 0;                // kIndex
  std::vector<std::string> names;   // kNames
  std::vector<int64_t> indexes;     // kIndexes
  std::optional<int64_t> slice_start, slice_end;  // kSlice
  std::shared_ptr<const JsonPathFilter> filter;   // kFilter
};

class JsonPath {
 public:
  // Compiles `text`. On failure the error is a message for a diagnostic, e.g.
  // "expected a name after '.' at offset 4".
  static Result<JsonPath, std::string> Parse(std::string_view text);

  JsonPath();
  JsonPath(const JsonPath&);
  JsonPath(JsonPath&&) noexcept;
  JsonPath& operator=(const JsonPath&);
  JsonPath& operator=(JsonPath&&) noexcept;
  ~JsonPath();

  const std::string& text() const { return text_; }
  bool is_context() const { return context_; }  // starts with "$$"
  bool is_definite() const { return definite_; }
  bool is_reference() const { return reference_; }  // definite, every index >= 0
  bool is_root() const { return steps_.empty() && variable_.empty(); }  // "$" or "$$"
  // "$name…": a path into the workflow variable `name` (empty for "$" and "$$" paths).
  bool is_variable() const { return !variable_.empty(); }
  const std::string& variable() const { return variable_; }

  // The document the path starts from in `context`: the input ("$"), the Context object ("$$")
  // or the variable ("$name"); nullptr when the variable is not set or no Context object was
  // given.
  const Json* Root(const EvalContext& context) const;
  // What AWS-style messages say when Root() found no variable: "the variable 'x' is not set".
  // NONSTANDARD: AWS's text for a JSONPath naming an unset variable is not recorded.
  std::string UnsetVariableDetail() const;

  // Definite paths: the selected node, or nullptr when it does not exist. Never copies or
  // allocates. Must not be called on an indefinite path.
  const Json* Find(const Json& root) const;

  // Any path, evaluated as AWS does. Definite: the node (copied). Indefinite: an array of every
  // match in document order, possibly empty: where Jayway would throw (a missing member or a
  // non-array in the definite prefix), AWS selects [] (recorded: "$.items[*].itemValue" on {}
  // gives []). A path ending in ['a','b'] after a definite prefix yields one object. nullopt
  // when AWS reports the path as not found, or when the selection nests deeper than
  // kMaxJsonDepth (asl/base/json_limits.h): copying it would recurse once per level.
  std::optional<Json> Evaluate(const Json& root) const;

  // Picks "$" or "$$" from the context and evaluates.
  std::optional<Json> Evaluate(const EvalContext& context) const;

  // Jayway's normalized text of the path, e.g. "$['a'][0][*]"; AWS quotes it in
  // "No results for path: $['a'][0]".
  std::string NormalizedText() const;

  // Why Evaluate() gives nullopt on `root`, in Jayway's words, as AWS quotes it after
  // "Invalid path '$.x' : ": "No results for path: $['x']", "Missing property in path
  // $['a']", … Empty when the path does select something.
  std::string NotFoundDetail(const Json& root) const;
  // Whether Evaluate() gives nullopt on `root` because the selection nests deeper than
  // kMaxJsonDepth (not because nothing was found).
  bool SelectsTooDeep(const Json& root) const;

  // The compiled steps, in order. ReferencePath walks them to write into a document.
  const std::vector<JsonPathStep>& steps() const { return steps_; }

 private:
  enum class Outcome { kSelected, kNotFound, kTooDeep };
  // Evaluate() and NotFoundDetail() in one: the selection goes to *value, the reason for
  // nothing to *detail (either may be null).
  Outcome Select(const Json& root, std::optional<Json>* value, std::string* detail) const;

  std::string text_;
  bool context_ = false;
  std::string variable_;
  bool definite_ = true;
  bool reference_ = true;
  bool single_result_ = true;  // Jayway-definite: one value, not a list (adds a final ['a','b'])
  bool descendant_ = false;    // a ".." step: matches may nest inside each other
  std::vector<JsonPathStep> steps_;
};

}  // namespace asl
