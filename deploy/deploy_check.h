#pragma once
// What `sfnsim deploy` checks before and after a deploy (docs/deploy.md), as library code the CLI
// drives: each state machine of a template resolved as the deploy will see it and matched against
// the verification record; after the deploy, the definition read back from the endpoint compared
// with the verified one.
//
// Deploy-time values: a template's DefinitionSubstitutions entry whose value is known before the
// stack exists (a literal, a parameter, a pseudo parameter) is resolved as CloudFormation will
// resolve it. An entry bound to what only the stack knows (Ref to a resource, Fn::GetAtt) is
// resolved with the value the verifying scenario gave it (its stand-in, e.g. the simulated
// topic's ARN for the stack's topic): that definition must hash as the record says. After the
// deploy the read-back check takes the real values from the stack.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "deploy/verification_record.h"

namespace deploy {

using TemplateValues = std::map<std::string, std::string>;

struct DeployStateMachine {
  std::string logical_id;
  std::string type;  // AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine
  // DefinitionSubstitutions known before the stack exists, with the values the deploy gives.
  std::map<std::string, std::string> static_values;
  // Entries bound to the stack: name -> why (e.g. "Ref CustomerBackfillTopic names a resource
  // (AWS::SNS::Topic), known only after deploy").
  std::map<std::string, std::string> bound;
  // Bound entries that are a plain Ref: name -> the resource's logical id (its physical id is the
  // value after the deploy).
  std::map<std::string, std::string> bound_refs;
  const VerifiedDefinition* verified = nullptr;  // the matching record entry
  std::string problem;  // why it is not verified ("" when it is)
};

struct DeployPlan {
  std::vector<DeployStateMachine> machines;  // in template order
  std::vector<std::string> errors;           // the template cannot be resolved at all
  bool AllVerified() const;
};

// Resolves and checks every state machine of the template at `template_path` with `values`
// (parameters by name, AWS::StackName, AWS::Region, ...) against `record`, whose file is
// `record_path` (entries' paths are relative to its directory). Messages name the state machine,
// what differs and from what.
DeployPlan CheckTemplate(const std::string& template_path, const TemplateValues& values,
                         const VerificationRecord& record, const std::string& record_path);

// The definition the stack should hold, with every bound entry's value as a marker that
// CompareReadBack matches against any text (and captures).
asl::Result<asl::Json, std::string> ExpectedDeployedDefinition(const std::string& template_path,
                                                               const DeployStateMachine& machine,
                                                               const TemplateValues& values);

struct ReadBackCheck {
  bool matches = false;
  std::vector<std::string> differences;        // "/States/A/Next: expected \"B\", found \"C\""
  std::map<std::string, std::string> bound_values;  // what each bound entry was in the read-back
  // The endpoint returned the definition with `${Name}` of DefinitionSubstitutions not applied
  // (moto does); they were applied here before comparing, as AWS's resource handler does.
  std::vector<std::string> applied_here;
};

// Compares `read_back` (describe-state-machine's definition text) with `expected`. `values`:
// the static entries and the bound ones whose value the stack told (a Ref's physical id); a bound
// entry's value in the read-back must equal the stack's when it is known.
ReadBackCheck CompareReadBack(const asl::Json& expected, const std::string& read_back,
                              const DeployStateMachine& machine,
                              const std::map<std::string, std::string>& stack_values);

// The template as `sfnsim deploy` hands it to CloudFormation: JSON, with the `Definition` object
// of each AWS::StepFunctions::StateMachine that holds no intrinsic function written as a
// DefinitionString instead (its text in the author's key order; `${Name}` placeholders kept for
// CloudFormation to fill). AWS deploys the same definition either way; the text is then the one
// verified, and endpoints that read only DefinitionString (moto) see it. The logical ids rewritten
// go to `packaged`.
asl::Result<std::string, std::string> PackageTemplate(const std::string& template_path,
                                                      std::vector<std::string>* packaged);

}  // namespace deploy
