#include "asl/path/json_path.h"

#include <cassert>

#include "asl/base/json_limits.h"

#include "asl/path/json_path_internal.h"

namespace asl {

using json_path_internal::Evaluator;

// https://states-language.net/spec.html#path
Result<JsonPath, std::string> JsonPath::Parse(std::string_view text) {
  auto parsed = TRY(json_path_internal::ParsePath(text));
  JsonPath path;
  path.text_ = std::string(text);
  path.context_ = parsed.context;
  path.variable_ = std::move(parsed.variable);
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
  for (const JsonPathStep& step : path.steps_) path.descendant_ |= step.descendant;
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

JsonPath::Outcome JsonPath::Select(const Json& root, std::optional<Json>* value,
                                   std::string* detail) const {
  auto too_deep = [&] {
    if (detail != nullptr) *detail = json_path_internal::TooDeepDetail();
    return Outcome::kTooDeep;
  };
  auto no_results = [&] {
    if (detail != nullptr) *detail = "No results for path: " + NormalizedText();
    return Outcome::kNotFound;
  };
  if (definite_) {
    const Json* node = Find(root);
    if (node == nullptr) {
      if (detail == nullptr) return Outcome::kNotFound;
      // Jayway's reason: a missing member on the way, or no result at the end.
      Evaluator evaluator(steps_, root, detail);
      if (!evaluator.Run(root)) return Outcome::kNotFound;
      return no_results();
    }
    // Checked before the copy, which recurses once per level.
    if (JsonDepthExceeds(*node, kMaxJsonDepth)) return too_deep();
    if (value != nullptr) *value = *node;
    return Outcome::kSelected;
  }
  // Matches of a ".." may contain each other, so their depths are bounded through the root's
  // (one walk) rather than one by one.
  if (descendant_ && JsonDepthExceeds(root, kMaxJsonDepth - 1)) return too_deep();
  Evaluator evaluator(steps_, root, detail);
  bool ran = evaluator.Run(root);
  if (evaluator.too_deep()) return too_deep();
  if (single_result_) {
    // A definite prefix ending in ['a','b']: Jayway returns the merged object itself.
    if (!ran) return Outcome::kNotFound;
    if (evaluator.matches().empty()) return no_results();
    const Json& match = *evaluator.matches().front();
    if (!descendant_ && JsonDepthExceeds(match, kMaxJsonDepth)) return too_deep();
    if (value != nullptr) *value = match;
    return Outcome::kSelected;
  }
  // A list, possibly empty. Where Jayway throws PathNotFoundException for the definite prefix
  // ("Missing property in path $['items']", an index on a non-array), AWS selects nothing
  // rather than failing (recorded: "$.items[*].itemValue" on {} gives []). What Jayway throws
  // as InvalidPathException still fails (recorded: "Multi properties can only be used as path
  // leafs").
  if (!ran && evaluator.invalid_path()) return Outcome::kNotFound;
  Json out = Json::array();
  if (ran) {
    for (const Json* match : evaluator.matches()) {
      if (!descendant_ && JsonDepthExceeds(*match, kMaxJsonDepth - 1)) return too_deep();
      if (value != nullptr) out.push_back(*match);
    }
  }
  if (value != nullptr) *value = std::move(out);
  if (detail != nullptr) detail->clear();
  return Outcome::kSelected;
}

std::optional<Json> JsonPath::Evaluate(const Json& root) const {
  std::optional<Json> value;
  Select(root, &value, nullptr);
  return value;
}

const Json* JsonPath::Root(const EvalContext& context) const {
  if (context_) return context.context;
  if (!variable_.empty()) {
    return context.variables ? context.variables->FindVariable(variable_) : nullptr;
  }
  return &context.input;
}

std::string JsonPath::UnsetVariableDetail() const {
  return "The variable '$" + variable_ + "' is not set: no state before this one assigned it in "
         "a scope this state can read";
}

std::optional<Json> JsonPath::Evaluate(const EvalContext& context) const {
  const Json* root = Root(context);
  if (root == nullptr) {
    assert((!context_ || context.context != nullptr) &&
           "a $$ path was evaluated without a Context object");
    return std::nullopt;
  }
  return Evaluate(*root);
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
  if (Select(root, nullptr, &detail) == Outcome::kSelected) return "";
  return detail;
}

bool JsonPath::SelectsTooDeep(const Json& root) const {
  return Select(root, nullptr, nullptr) == Outcome::kTooDeep;
}

}  // namespace asl
