#pragma once
// A definition as CreateStateMachine, UpdateStateMachine and ValidateStateMachineDefinition
// receive it: JSON text (the API takes no YAML), checked by sfnsim's validator, its diagnostics
// given AWS's codes (API_ValidateStateMachineDefinitionDiagnostic lists them: SCHEMA_VALIDATION_
// FAILED, INVALID_JSON_DESCRIPTION, MISSING_END_STATE, DUPLICATE_STATE_NAME, INVALID_STATE_NAME,
// INVALID_RESOURCE, …).

#include <memory>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/model/state_machine.h"

namespace sim::api {

struct DefinitionDiagnostic {
  bool error = true;     // ERROR or WARNING
  std::string code;      // AWS's code; sfnsim's own (SFNxxxx) for warnings AWS has no code for
  std::string message;
  std::string location;  // JSON pointer ("/States/A/Next"); "" for the document
};

struct CheckedDefinition {
  std::shared_ptr<const asl::StateMachine> machine;  // null when there are errors
  std::vector<DefinitionDiagnostic> diagnostics;
};

CheckedDefinition CheckDefinition(const std::string& text, bool express);

// CreateStateMachine's InvalidDefinition message: "Invalid State Machine Definition:
// 'CODE: message at /pointer', ..." (the form AWS answers with).
std::string InvalidDefinitionMessage(const CheckedDefinition& checked);

// ValidateStateMachineDefinition's response body.
asl::Json ValidationResponse(const CheckedDefinition& checked, int64_t max_results);

}  // namespace sim::api
