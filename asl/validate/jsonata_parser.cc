// The fields of JSONata states: Arguments, Output, Items, ItemSelector, Choice rules' Condition,
// and the fields JSONPath has but JSONata does not.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html

#include <fmt/format.h>

#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {

// "S0202 at position 5 (token \"]\"): Expected ..." -- the reference's code, where the engine
// stopped, and what it says.
std::string DescribeJsonataError(const jsonata::Error& error) {
  std::string out = error.code;
  if (error.position) out += fmt::format(" at position {}", *error.position);
  if (error.token) out += fmt::format(" (token \"{}\")", *error.token);
  if (!error.message.empty()) out += ": " + error.message;
  return out;
}

// The fields only JSONPath states have. In a JSONata state AWS's editor offers Arguments and
// Output instead, and the settings take their expression directly ("Seconds": "{% … %}").
constexpr const char* kJsonPathOnlyFields[] = {
    "InputPath",          "OutputPath",
    "Parameters",         "ResultSelector",
    "ResultPath",         "Result",
    "ItemsPath",          "SecondsPath",
    "TimestampPath",      "TimeoutSecondsPath",
    "HeartbeatSecondsPath", "ErrorPath",
    "CausePath",          "MaxConcurrencyPath",
    "ToleratedFailureCountPath", "ToleratedFailurePercentagePath"};

}  // namespace

std::optional<JsonataTemplate> MachineParser::CompileJsonata(const Json& value,
                                                             const std::string& pointer,
                                                             std::string field_name) {
  std::vector<JsonataTemplate::CompileIssue> issues;
  std::optional<JsonataTemplate> compiled =
      JsonataTemplate::Compile(value, std::move(field_name), issues);
  for (const JsonataTemplate::CompileIssue& issue : issues) {
    diagnostics_.Add(DiagnosticCode::kInvalidJsonata, pointer + issue.pointer,
                     fmt::format("invalid JSONata expression \"{}\": {}", issue.source,
                                 DescribeJsonataError(issue.error)));
  }
  return compiled;
}

std::optional<JsonataTemplate> MachineParser::ParseJsonata(FieldReader& reader,
                                                           std::string_view key) {
  const Json* value = reader.Get(key);
  if (!value) return std::nullopt;
  return CompileJsonata(*value, reader.PointerTo(key), std::string(key));
}

void MachineParser::ParseJsonataFields(FieldReader& reader, State& state) {
  // Output: every state but Fail, whose output is its error.
  if (state.type != StateType::kFail) state.output = ParseJsonata(reader, "Output");
  if (state.type == StateType::kTask || state.type == StateType::kParallel) {
    state.arguments = ParseJsonata(reader, "Arguments");
  }
  if (state.type == StateType::kMap) {
    // Items: a JSON array, or an expression that yields one (checked when it runs).
    if (const Json* items = reader.Get("Items")) {
      if (!items->is_array() && !JsonataTemplate::IsExpression(*items)) {
        reader.WrongType("Items", "an array or a JSONata expression \"{% … %}\"", *items);
      } else {
        state.items = CompileJsonata(*items, reader.PointerTo("Items"), "Items");
      }
    }
    state.arguments = ParseJsonata(reader, "ItemSelector");
  }
}

void MachineParser::ReportJsonPathOnlyFields(FieldReader& reader) {
  for (const char* key : kJsonPathOnlyFields) {
    if (!reader.Has(key)) continue;
    reader.Accept(key);
    diagnostics_.Add(DiagnosticCode::kUnknownField, reader.PointerTo(key),
                     fmt::format("field \"{}\" is only valid with QueryLanguage \"JSONPath\": a "
                                 "JSONata state uses Arguments, Output and \"{{% … %}}\" "
                                 "expressions instead",
                                 key));
  }
}

// A JSONata Choice rule is {"Condition": "{% … %}", "Next": …} (with an optional Comment,
// Assign and Output): the JSONPath comparison operators and And/Or/Not do not exist there.
ChoiceBranch MachineParser::ParseJsonataChoiceRule(const Json& rule, const std::string& pointer,
                                                   size_t index) {
  ChoiceBranch branch;
  if (!rule.is_object()) {
    diagnostics_.Add(DiagnosticCode::kWrongType, pointer,
                     fmt::format("expected a Choice rule object, got {}", DescribeValue(rule)));
    return branch;
  }
  FieldReader r(rule, pointer, diagnostics_);
  r.String("Comment");
  if (auto next = r.String("Next", /*required=*/true)) branch.next_name = *next;
  if (const Json* condition = r.Get("Condition")) {
    if (!JsonataTemplate::IsExpression(*condition) && !condition->is_boolean()) {
      r.WrongType("Condition", "a JSONata expression \"{% … %}\" or a boolean", *condition);
    } else {
      branch.condition = CompileJsonata(*condition, r.PointerTo("Condition"),
                                        fmt::format("Choices[{}]/Condition", index));
    }
  } else {
    r.Missing("Condition");
  }
  branch.assign = ParseAssign(r);
  if (const Json* output = r.Get("Output")) {
    branch.output = CompileJsonata(*output, r.PointerTo("Output"), "Output");
  }
  r.ReportUnknown("a JSONata Choice rule");
  return branch;
}

}  // namespace asl::parser
