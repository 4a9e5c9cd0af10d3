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
// naming the substitution and where it is used. As AWS's resource handler does, `${Name}` is
// replaced in the definition's text, repeatedly and without escaping: in a Definition object's
// keys and strings, in a DefinitionString or DefinitionUri file before it is parsed (so there a
// placeholder may stand for a number). A `${Name}` that DefinitionSubstitutions does not declare
// stays as written (a warning). Intrinsic functions inside a Definition are resolved as
// CloudFormation (or the SAM translator) resolves them: each becomes its value. Key order is the
// author's (see the NONSTANDARD note in cloudformation.cc: AWS sorts a Definition object's keys).

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"

namespace asl {

// The largest definition AWS accepts: CreateStateMachine's `definition` is "Minimum length of
// 1. Maximum length of 1048576" (API reference), the quota "Maximum size of state machine
// definition: 1 MB" is a hard one (Step Functions service quotas).
inline constexpr size_t kMaxDefinitionCharacters = 1048576;

struct LoadOptions {
  // Which state machine of a template (its logical id). Empty: the template's only one.
  std::string logical_id;
  // Values by name, overriding the template: DefinitionSubstitutions ("FunctionArn"), and what
  // a template's functions name: parameters and resources ("MyQueue", for Ref MyQueue and
  // ${MyQueue}), Fn::GetAtt ("MyFunction.Arn"), Fn::ImportValue (the export name), pseudo
  // parameters. AWS::Region, AWS::AccountId, AWS::Partition and AWS::URLSuffix default to
  // us-east-1 / 123456789012 / aws / amazonaws.com unless given here. A plain (non-template)
  // definition gets these values for its ${Name} placeholders.
  std::map<std::string, std::string> substitutions;
  // When set, asked before a file the document names is read (a SAM DefinitionUri): "" lets it
  // be read, anything else is why not (the caller's confinement of paths; the simulator's
  // LoadPolicy). Unset: every path may be read.
  std::function<std::string(const std::string& path)> check_path;
};

enum class DefinitionFormat { kJson, kYaml, kCloudFormation, kSam };

struct LoadedDefinition {
  Json definition;   // the ASL document, substitutions applied
  SourceMap source;  // where its pointers come from (file, template prefix, YAML lines)
  DefinitionFormat format = DefinitionFormat::kJson;
  std::string logical_id;          // template only
  // The template's Type / StateMachineType and Name / StateMachineName when they resolve locally
  // (a literal, a Parameter's Default, Fn::Sub of those); "" otherwise.
  std::string state_machine_type;
  std::string state_machine_name;
  std::string resolved_text;       // the definition as the deploy sees it (for content hashes)
  // Characters of the definition text AWS receives: the JSON text as written (substitutions
  // applied) for a JSON file or DefinitionString, else resolved_text. AWS refuses more than
  // kMaxDefinitionCharacters.
  size_t definition_characters = 0;
  // The `${Name}` values this load used: a template's DefinitionSubstitutions entries that have a
  // value (the user's, a literal, a parameter's Default, ...), or for a plain definition the user
  // values its placeholders named. Recorded with verified definitions (docs/deploy.md).
  std::map<std::string, std::string> substitutions_used;
  // Self-located warnings, e.g. a ${Name} that stays as written because nothing declares it.
  DiagnosticList warnings;
};

// Reads and loads `path`. Every problem found is returned (not just the first), each
// self-located (Diagnostic::file, line, column; see asl/base/diagnostic.h) so FormatDiagnostic
// prints it with any SourceMap: "sm.json:3:5: expected ':' after the key \"A\", found '}'",
// "template.yaml:14: /Resources/Sm/Properties/Definition/States/A/Resource: ...". Warnings come
// with the errors on failure, in LoadedDefinition::warnings on success.
Result<LoadedDefinition, DiagnosticList> LoadDefinitionFile(const std::string& path,
                                                            const LoadOptions& options);

// Same, from text already in memory; `file_name` is used in messages and to resolve relative
// DefinitionUri paths.
Result<LoadedDefinition, DiagnosticList> LoadDefinitionText(std::string_view text,
                                                            const std::string& file_name,
                                                            const LoadOptions& options);

// Reads a substitutions file: a JSON or YAML object of name -> scalar value (a number or boolean
// as its JSON text), or CloudFormation's parameter file form [{"ParameterKey": name,
// "ParameterValue": value}, ...].
Result<std::map<std::string, std::string>, DiagnosticList> LoadSubstitutionsFile(
    const std::string& path);

// Logical ids of the state machines a template declares, in document order (empty when `doc`
// is not a template).
std::vector<std::string> ListStateMachines(const Json& doc);

}  // namespace asl
