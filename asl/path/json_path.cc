#include "asl/path/json_path.h"

#include <cassert>

#include "asl/path/json_path_internal.h"

namespace asl {

using json_path_internal::Evaluator;

// https://states-language.net/spec.html#path
Result<JsonPath, std::string> JsonPath::Parse(std::string_view text) {
  auto parsed = TRY(json_path_internal::ParsePath(text));
  JsonPath path;
  path.text_ = std::string(text);
  path.context_ = parsed.context;
  path.steps_ = std::move(parsed.steps);
  path.definite_ = true;
  path.reference_ = true;
  for (const JsonPathStep& step : path.steps_) {
    bool single = !step.descendant && (step.kind == JsonPathStepKind::kName ||
                                       step.kind == JsonPathStepKind::kIndex);
    if (!single) path.definite_ = false;
    if (!single || (step.kind == JsonPathStepKind::kIndex && step.index < 0)) {
      path.reference_ = false;
    }
  }
  path.single_result_ = json_path_internal::IsSingleResult(path.steps_);
  return path;
}

JsonPath::JsonPath() = default;
JsonPath::JsonPath(const JsonPath&) = default;
JsonPath::JsonPath(JsonPath&&) noexcept = default;
JsonPath& JsonPath::operator=(const JsonPath&) = default;
JsonPath& JsonPath::operator=(JsonPath&&) noexcept = default;
JsonPath::~JsonPath() = default;

// OPTIMIZATION: the hot path of every state (InputPath, OutputPath, Parameters fields, Choice
// variables): a plain loop over names and indexes, no allocation, no copy.
const Json* JsonPath::Find(const Json& root) const {
  assert(definite_ && "Find() needs a definite path");
  const Json* node = &root;
  for (const JsonPathStep& step : steps_) {
    if (step.kind == JsonPathStepKind::kName) {
      if (!node->is_object()) return nullptr;
      auto it = node->find(step.name);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else {
      if (!node->is_array()) return nullptr;
      int64_t size = static_cast<int64_t>(node->size());
      int64_t index = step.index < 0 ? size + step.index : step.index;
      if (index < 0 || index >= size) return nullptr;
      node = &(*node)[static_cast<size_t>(index)];
    }
  }
  return node;
}

std::optional<Json> JsonPath::Evaluate(const Json& root) const {
  if (definite_) {
    const Json* node = Find(root);
    if (node == nullptr) return std::nullopt;
    return *node;
  }
  Evaluator evaluator(steps_, root, nullptr);
  if (!evaluator.Run(root)) return std::nullopt;
  if (single_result_) {
    // A definite prefix ending in ['a','b']: Jayway returns the merged object itself.
    if (evaluator.matches().empty()) return std::nullopt;
    return *evaluator.matches().front();
  }
  Json out = Json::array();
  for (const Json* match : evaluator.matches()) out.push_back(*match);
  return out;
}

std::optional<Json> JsonPath::Evaluate(const EvalContext& context) const {
  if (!context_) return Evaluate(context.input);
  if (context.context == nullptr) {
    assert(false && "a $$ path was evaluated without a Context object");
    return std::nullopt;
  }
  return Evaluate(*context.context);
}

// NOTE: for "$$" paths AWS's text is unknown; the Context object is a document of its own, so
// this prints it from "$".
std::string JsonPath::NormalizedText() const {
  std::string text(1, '$');
  text += json_path_internal::NormalizedSteps(steps_);
  return text;
}

std::string JsonPath::NotFoundDetail(const Json& root) const {
  std::string detail;
  Evaluator evaluator(steps_, root, &detail);
  if (!evaluator.Run(root)) return detail;
  if (single_result_ && evaluator.matches().empty()) {
    return "No results for path: " + NormalizedText();
  }
  return "";
}

}  // namespace asl
