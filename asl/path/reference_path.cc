#include "asl/path/reference_path.h"

#include <fmt/format.h>

#include "asl/base/error_names.h"

namespace asl {
namespace {

// Names the first step that a reference path does not allow.
std::string DisallowedStep(const JsonPath& path) {
  for (const JsonPathStep& step : path.steps()) {
    if (step.descendant) return "recursive descent ('..')";
    switch (step.kind) {
      case JsonPathStepKind::kName: break;
      case JsonPathStepKind::kIndex:
        if (step.index < 0) return fmt::format("a negative index ([{}])", step.index);
        break;
      case JsonPathStepKind::kNames:
      case JsonPathStepKind::kIndexes: return "a union ([a,b])";
      case JsonPathStepKind::kSlice: return "a slice ([a:b])";
      case JsonPathStepKind::kWildcard: return "a wildcard ('*')";
      case JsonPathStepKind::kFilter: return "a filter ([?(...)])";
    }
  }
  return "";
}

}  // namespace

// https://states-language.net/spec.html#ref-paths
Result<ReferencePath, std::string> ReferencePath::Parse(std::string_view text,
                                                        bool allow_context) {
  auto path = TRY(JsonPath::Parse(text));
  if (path.is_context() && !allow_context) {
    return Fail(std::string("a Context object path ($$) is not allowed here"));
  }
  if (!path.is_reference()) {
    return Fail(fmt::format(
        "not a reference path: {} is not allowed (only names and non-negative indexes are)",
        DisallowedStep(path)));
  }
  return ReferencePath(std::move(path));
}

// https://states-language.net/spec.html#filters ("ResultPath"): "If the raw input has a field at
// the location addressed by the ResultPath value then in the output that field is discarded and
// overwritten by the state's result. Otherwise, a new field is created in the state output,
// with intervening fields constructed as necessary."
Result<Json> ReferencePath::Apply(Json input, Json value) const {
  TRY_STATUS(ApplyInPlace(input, std::move(value)));
  return input;
}

Status<> ReferencePath::ApplyInPlace(Json& input, Json value) const {
  const auto& steps = path_.steps();
  if (steps.empty()) {
    input = std::move(value);
    return {};
  }

  // 1. Check, without touching the input, that every step can be applied, so the error can
  //    quote the input as it was. Once a member is missing, everything below it is created,
  //    which only works for names.
  const Json* node = &input;
  bool creating = false;
  for (const JsonPathStep& step : steps) {
    bool ok = false;
    if (step.kind == JsonPathStepKind::kName) {
      if (creating) {
        ok = true;
      } else if (node->is_object()) {
        ok = true;
        auto it = node->find(step.name);
        if (it == node->end()) {
          creating = true;
        } else {
          node = &*it;
        }
      }
    } else if (!creating && node->is_array() &&
               static_cast<size_t>(step.index) < node->size()) {
      ok = true;
      node = &(*node)[static_cast<size_t>(step.index)];
    }
    if (!ok) {
      return Fail(Error(std::string(errors::kReferencePathConflict),
                        fmt::format("Unable to apply ReferencePath {} to input {}", text(),
                                    Dump(input))));
    }
  }

  // 2. Write.
  Json* target = &input;
  for (const JsonPathStep& step : steps) {
    if (step.kind == JsonPathStepKind::kName) {
      auto it = target->find(step.name);
      if (it == target->end()) {
        ReserveOneMoreByMoving(*target);  // the members already there are not copied
        target = &((*target)[step.name] = Json::object());
      } else {
        target = &*it;
      }
    } else {
      target = &(*target)[static_cast<size_t>(step.index)];
    }
  }
  *target = std::move(value);
  return {};
}

}  // namespace asl
