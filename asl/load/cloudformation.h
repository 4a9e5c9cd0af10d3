#pragma once
// The state machines of CloudFormation and SAM templates.
//
// AWS::StepFunctions::StateMachine:
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html
// AWS::Serverless::StateMachine:
//   https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html

#include <optional>
#include <string>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/load/definition_loader.h"
#include "asl/load/definition_text.h"
#include "asl/load/source_text.h"

namespace asl {

inline constexpr const char* kCfnStateMachineType = "AWS::StepFunctions::StateMachine";
inline constexpr const char* kSamStateMachineType = "AWS::Serverless::StateMachine";

// Whether a parsed document is a template rather than ASL: it declares a state machine resource,
// or AWSTemplateFormatVersion or Transform, or it has Resources and neither StartAt nor States.
bool IsTemplate(const Json& doc);

// Picks the state machine of `options.logical_id` (or the only one) in the template `parsed`
// read from `file_name`, and returns its definition with intrinsic functions and
// DefinitionSubstitutions resolved. Fills loaded->source, format, logical_id,
// state_machine_type and state_machine_name. Problems (and warnings) go to `diagnostics`;
// nullopt when there were errors.
std::optional<Json> LoadTemplateDefinition(const ParsedDocument& parsed,
                                           const std::string& file_name, const LoadOptions& options,
                                           LoadedDefinition* loaded, DiagnosticList* diagnostics);

// The DefinitionSubstitutions of the template's state machine options.logical_id (or its only
// one) as a deploy resolves them: each entry's value from the template alone (a literal, or its
// functions evaluated with options.substitutions as the values of parameters and pseudo
// parameters), or why it has none before the stack exists (a Ref to a resource, Fn::GetAtt, ...).
// Unlike LoadTemplateDefinition, a user value named like an entry does not override it. Errors (no
// such state machine, a malformed entry) go to `diagnostics`; nullopt then.
std::optional<SubstitutionTable> TemplateSubstitutions(const ParsedDocument& parsed,
                                                       const std::string& file_name,
                                                       const LoadOptions& options,
                                                       DiagnosticList* diagnostics);

}  // namespace asl
