#pragma once
// Parsing and validating a definition: the Amazon States Language document (already loaded as
// JSON) becomes a compiled StateMachine, and every problem found is reported as a located
// diagnostic — at least as strict as AWS's ValidateStateMachineDefinition and statelint.
// https://states-language.net/spec.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html

#include <memory>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/model/state_machine.h"

namespace asl {

struct ParseOptions {
  // EXPRESS state machines refuse .sync, .waitForTaskToken and activities.
  bool express = false;
};

struct ParsedDefinition {
  std::unique_ptr<StateMachine> machine;  // null when there are errors
  DiagnosticList diagnostics;             // errors and warnings, in document order
};

ParsedDefinition ParseDefinition(const Json& definition, const ParseOptions& options = {});

}  // namespace asl
