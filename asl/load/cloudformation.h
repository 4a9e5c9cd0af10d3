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

}  // namespace asl
