// Pass, Wait, Choice, Succeed and Fail states.
// https://states-language.net/spec.html#state-types

#include <fmt/format.h>

#include "asl/base/timestamp.h"
#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {
constexpr int64_t kMaxWaitSeconds = 99999999;  // AWS: Seconds is an integer up to 99,999,999
}

void MachineParser::ParsePass(FieldReader& reader, State& state) {
  ParseInputOutput(reader, state, /*parameters=*/true, /*result_path=*/true,
                   /*result_selector=*/false);
  if (jsonata()) return ParseTransition(reader, state);  // Output replaces Result there
  if (const Json* result = reader.Get("Result")) state.result = *result;
  if (state.result && reader.Has("Parameters")) {
    diagnostics_.Add(DiagnosticCode::kMutuallyExclusive, reader.PointerTo("Parameters"),
                     "Parameters has no effect when Result is present: the Pass state's result "
                     "is Result",
                     Severity::kWarning);
  }
  ParseTransition(reader, state);
}

void MachineParser::ParseWait(FieldReader& reader, State& state) {
  ParseInputOutput(reader, state, false, false, false);
  reader.Exclusive({"Seconds", "Timestamp", "SecondsPath", "TimestampPath"});
  int count = 0;
  if (jsonata()) {
    // Seconds and Timestamp take a literal or an expression; the *Path fields do not exist.
    for (const char* key : {"Seconds", "Timestamp"}) {
      const Json* value = reader.Get(key);
      if (!value || !JsonataTemplate::IsExpression(*value)) continue;
      ++count;
      state.wait_kind = key[0] == 'S' ? WaitKind::kSeconds : WaitKind::kTimestamp;
      state.wait_expression = CompileJsonata(*value, reader.PointerTo(key), key);
    }
    if (count > 0) return ParseTransition(reader, state);
  }
  if (reader.Has("Seconds")) {
    ++count;
    state.wait_kind = WaitKind::kSeconds;
    if (auto s = reader.Integer("Seconds", 0, kMaxWaitSeconds)) state.wait_seconds = *s;
  }
  if (reader.Has("Timestamp")) {
    ++count;
    state.wait_kind = WaitKind::kTimestamp;
    if (auto t = reader.String("Timestamp")) {
      if (!ParseRfc3339(*t)) {
        diagnostics_.Add(DiagnosticCode::kInvalidTimestamp, reader.PointerTo("Timestamp"),
                         fmt::format("\"{}\" is not an RFC 3339 timestamp (e.g. "
                                     "\"2016-03-14T01:59:00Z\")", *t));
      }
      state.wait_timestamp = *t;
    }
  }
  if (!jsonata() && reader.Has("SecondsPath")) {
    ++count;
    state.wait_kind = WaitKind::kSecondsPath;
    state.wait_path = ParsePath(reader, "SecondsPath", /*reference_path=*/true, true);
  }
  if (!jsonata() && reader.Has("TimestampPath")) {
    ++count;
    state.wait_kind = WaitKind::kTimestampPath;
    state.wait_path = ParsePath(reader, "TimestampPath", /*reference_path=*/true, true);
  }
  if (count == 0) {
    diagnostics_.Add(DiagnosticCode::kMissingField, state.pointer,
                     jsonata() ? "a JSONata Wait state needs \"Seconds\" or \"Timestamp\""
                               : "a Wait state needs one of \"Seconds\", \"Timestamp\", "
                                 "\"SecondsPath\" or \"TimestampPath\"");
  }
  ParseTransition(reader, state);
}

void MachineParser::ParseChoice(FieldReader& reader, State& state) {
  ParseInputOutput(reader, state, false, false, false);
  if (reader.Has("Next") || reader.Has("End")) {
    for (const char* key : {"Next", "End"}) {
      if (!reader.Has(key)) continue;
      reader.Accept(key);
      diagnostics_.Add(DiagnosticCode::kUnknownField, reader.PointerTo(key),
                       fmt::format("a Choice state cannot have \"{}\": its transitions are in "
                                   "Choices and Default", key));
    }
  }
  if (auto d = reader.String("Default")) state.default_name = *d;
  const Json* choices = reader.Array("Choices", /*required=*/true);
  if (!choices) return;
  if (choices->empty()) {
    diagnostics_.Add(DiagnosticCode::kChoiceRuleShape, reader.PointerTo("Choices"),
                     "Choices must contain at least one rule");
    return;
  }
  std::string choices_pointer = reader.PointerTo("Choices");
  for (size_t i = 0; i < choices->size(); ++i) {
    const Json& rule = (*choices)[i];
    std::string rule_pointer = PointerJoin(choices_pointer, i);
    state.choices.push_back(jsonata() ? ParseJsonataChoiceRule(rule, rule_pointer, i)
                                      : ParseJsonPathChoiceRule(rule, rule_pointer));
  }
}

ChoiceBranch MachineParser::ParseJsonPathChoiceRule(const Json& rule,
                                                    const std::string& pointer) {
  ChoiceBranch branch;
  // Compile() reports a missing or non-string Next; the state names are resolved later.
  branch.rule = ChoiceRule::Compile(rule, pointer, /*top_level=*/true, diagnostics_);
  if (rule.is_object()) {
    if (auto next = rule.find("Next"); next != rule.end() && next->is_string()) {
      branch.next_name = next->get<std::string>();
    }
    if (rule.contains("Assign")) {
      FieldReader r(rule, pointer, diagnostics_);
      branch.assign = ParseAssign(r);
    }
  }
  return branch;
}

void MachineParser::ParseSucceed(FieldReader& reader, State& state) {
  ParseInputOutput(reader, state, false, false, false);
}

void MachineParser::ParseStringOrPath(FieldReader& reader, std::string_view key,
                                      std::string_view path_key, StringOrPath& out) {
  if (jsonata()) {
    // Error and Cause take a literal or an expression; ErrorPath and CausePath do not exist.
    const Json* value = reader.Get(key);
    if (value && JsonataTemplate::IsExpression(*value)) {
      out.expression = CompileJsonata(*value, reader.PointerTo(key), std::string(key));
    } else {
      out.literal = reader.String(key);
    }
    return;
  }
  reader.Exclusive({key, path_key});
  out.literal = reader.String(key);
  const Json* path = reader.Get(path_key);
  if (!path) return;
  std::string pointer = reader.PointerTo(path_key);
  if (path->is_string() && IntrinsicCall::LooksLikeCall(path->get_ref<const std::string&>())) {
    auto call = IntrinsicCall::Parse(path->get_ref<const std::string&>());
    if (!call.ok()) {
      diagnostics_.Add(DiagnosticCode::kInvalidIntrinsic, pointer,
                       fmt::format("invalid intrinsic function call \"{}\": {}",
                                   path->get_ref<const std::string&>(), call.error()));
    } else {
      out.intrinsic = std::move(call.value());
    }
    return;
  }
  out.path = ParsePathValue(*path, pointer, /*reference_path=*/true, /*allow_context=*/true);
}

void MachineParser::ParseFail(FieldReader& reader, State& state) {
  ParseStringOrPath(reader, "Error", "ErrorPath", state.error);
  ParseStringOrPath(reader, "Cause", "CausePath", state.cause);
}

}  // namespace asl::parser
