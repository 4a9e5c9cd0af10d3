#include "simulator/api/definition_check.h"

#include <fmt/format.h>

#include "asl/base/diagnostic.h"
#include "asl/load/source_text.h"
#include "asl/validate/definition_parser.h"

namespace sim::api {

namespace {

// AWS's error code for one of sfnsim's. Codes AWS documents but splits differently (every field
// rule is SCHEMA_VALIDATION_FAILED there) map to the broad one; docs/known-differences.md says
// the wording of messages is sfnsim's.
std::string AwsCode(asl::DiagnosticCode code, bool error) {
  using C = asl::DiagnosticCode;
  switch (code) {
    case C::kSyntaxError:
    case C::kNotAnObject:
      return "INVALID_JSON_DESCRIPTION";
    case C::kNoTerminalState:
      return "MISSING_END_STATE";
    case C::kDuplicateStateName:
      return "DUPLICATE_STATE_NAME";
    case C::kInvalidName:
      return "INVALID_STATE_NAME";
    case C::kInvalidResource:
      return "INVALID_RESOURCE";
    case C::kUnknownNextState:
    case C::kUnknownStartAt:
      return "MISSING_TRANSITION_TARGET";
    default:
      return error ? "SCHEMA_VALIDATION_FAILED" : std::string(asl::CodeString(code));
  }
}

}  // namespace

CheckedDefinition CheckDefinition(const std::string& text, bool express) {
  CheckedDefinition checked;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    checked.diagnostics.push_back(
        {true, "MISSING_DESCRIPTION", "The definition is empty", ""});
    return checked;
  }
  auto parsed = asl::ParseText(text, asl::TextSyntax::kJson);
  if (!parsed.ok()) {
    for (const asl::TextError& e : parsed.error()) {
      checked.diagnostics.push_back(
          {true, "INVALID_JSON_DESCRIPTION",
           fmt::format("{} (line {}, column {})", e.message, e.line, e.column), e.pointer});
    }
    return checked;
  }
  asl::ParsedDefinition definition =
      asl::ParseDefinition(parsed->value, asl::ParseOptions{.express = express});
  for (const asl::Diagnostic& d : definition.diagnostics.items()) {
    const bool error = d.severity == asl::Severity::kError;
    checked.diagnostics.push_back({error, AwsCode(d.code, error), d.message, d.pointer});
  }
  checked.machine = std::move(definition.machine);
  return checked;
}

std::string InvalidDefinitionMessage(const CheckedDefinition& checked) {
  std::string joined;
  for (const DefinitionDiagnostic& d : checked.diagnostics) {
    if (!d.error) continue;
    if (!joined.empty()) joined += ", ";
    joined += fmt::format("{}: {}", d.code, d.message);
    if (!d.location.empty()) joined += " at " + d.location;
  }
  return fmt::format("Invalid State Machine Definition: '{}'", joined);
}

asl::Json ValidationResponse(const CheckedDefinition& checked, int64_t max_results) {
  asl::Json diagnostics = asl::Json::array();
  bool failed = false;
  for (const DefinitionDiagnostic& d : checked.diagnostics) {
    failed = failed || d.error;
    if (static_cast<int64_t>(diagnostics.size()) >= max_results) continue;
    asl::Json item = asl::Json::object();
    item["severity"] = d.error ? "ERROR" : "WARNING";
    item["code"] = d.code;
    item["message"] = d.message;
    if (!d.location.empty()) item["location"] = d.location;
    diagnostics.push_back(std::move(item));
  }
  asl::Json response = asl::Json::object();
  response["result"] = failed || !checked.machine ? "FAIL" : "OK";
  response["diagnostics"] = std::move(diagnostics);
  response["truncated"] =
      static_cast<int64_t>(checked.diagnostics.size()) > max_results;
  return response;
}

}  // namespace sim::api
