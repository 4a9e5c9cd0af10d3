#pragma once
// Loading a state machine definition the way users keep it: Amazon States Language as JSON or
// YAML (e.g. a Workflow Studio export), or inside a CloudFormation / SAM template.
//
// Templates: AWS::StepFunctions::StateMachine with Definition (an object), DefinitionString (a
// literal, or Fn::Sub / Fn::Join of literals), DefinitionS3Location (refused: cannot be read
// locally); AWS::Serverless::StateMachine with Definition or DefinitionUri (a local file path,
// relative to the template). DefinitionSubstitutions are resolved: a value passed by the user
// wins; otherwise a literal value in the template, or a !Ref to a template Parameter with a
// Default; anything else (Ref to a resource, Fn::GetAtt, …) without a user value is an error
// naming the substitution.

#include <map>
#include <string>
#include <string_view>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"

namespace asl {

struct LoadOptions {
  // Which state machine of a template (its logical id). Empty: the template's only one.
  std::string logical_id;
  // Values for DefinitionSubstitutions and Fn::Sub variables, by name (they override the
  // template). Pseudo parameters (AWS::Region, AWS::AccountId, AWS::Partition) default to
  // us-east-1 / 123456789012 / aws unless given here.
  std::map<std::string, std::string> substitutions;
};

enum class DefinitionFormat { kJson, kYaml, kCloudFormation, kSam };

struct LoadedDefinition {
  Json definition;           // the ASL document, substitutions applied
  SourceMap source;          // where its pointers come from (file, template prefix, YAML lines)
  DefinitionFormat format = DefinitionFormat::kJson;
  std::string logical_id;    // template only
  std::string state_machine_type;  // template's Type / StateMachineType when declared literally
  std::string state_machine_name;  // template's StateMachineName when declared literally
  std::string resolved_text;  // the definition as the deploy sees it (for content hashes)
};

// Reads and loads `path`. Every problem found is returned (not just the first), each located by
// file, JSON pointer and (YAML) line.
Result<LoadedDefinition, DiagnosticList> LoadDefinitionFile(const std::string& path,
                                                            const LoadOptions& options);

// Same, from text already in memory; `file_name` is used in messages and to resolve relative
// DefinitionUri paths.
Result<LoadedDefinition, DiagnosticList> LoadDefinitionText(std::string_view text,
                                                            const std::string& file_name,
                                                            const LoadOptions& options);

// Reads a substitutions file: a JSON or YAML object of name -> scalar value.
Result<std::map<std::string, std::string>, DiagnosticList> LoadSubstitutionsFile(
    const std::string& path);

// Logical ids of the state machines a template declares, in document order (empty when `doc`
// is not a template).
std::vector<std::string> ListStateMachines(const Json& doc);

}  // namespace asl
