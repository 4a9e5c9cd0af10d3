#pragma once
// JSONPath as the Amazon States Language uses it.
// https://states-language.net/spec.html#path
// https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
//
// A path starts with "$" (the effective input) or "$$" (the Context object) and is compiled
// once, at load time, into a vector of steps: names (.a, ['a']), indexes ([0], [-1]), slices
// ([1:3], [::2]), wildcards (.*, [*]), recursive descent (..a), unions ([0,1], ['a','b']) and
// filters ([?(@.x > 1)], [?(@.tag)]).
//
// A path is *definite* when it can only ever select one node (names and non-negative indexes
// only); ASL calls definite paths "reference paths". Evaluating a definite path gives that node
// or nothing; evaluating an indefinite one gives the array of every match (possibly empty).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/path/eval_context.h"

namespace asl {

struct JsonPathStep;  // defined in json_path.cc

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
  bool is_root() const;                          // exactly "$" (or "$$")

  // Definite paths: the selected node, or nullptr when it does not exist. Never copies.
  // Must not be called on an indefinite path.
  const Json* Find(const Json& root) const;

  // Any path. Definite: the node (copied) or nullopt. Indefinite: an array of every match.
  std::optional<Json> Evaluate(const Json& root) const;

  // Picks "$" or "$$" from the context and evaluates.
  std::optional<Json> Evaluate(const EvalContext& context) const;

  // For reference paths only: names and indexes, in order (names as strings, indexes as
  // numbers), used by ReferencePath to write into a document.
  const std::vector<JsonPathStep>& steps() const { return *steps_; }

 private:
  std::string text_;
  bool context_ = false;
  bool definite_ = true;
  std::unique_ptr<std::vector<JsonPathStep>> steps_;
};

}  // namespace asl
