#pragma once
// CloudFormation intrinsic functions, evaluated where a local tool can: Ref to a parameter (its
// Default) or a pseudo parameter (AWS::NoValue removes the member), Fn::Sub, Fn::Join,
// Fn::Split, Fn::Select, Fn::FindInMap, and Fn::If with the template's Conditions (a user value
// "true"/"false" named like the condition decides it).
// Values only a deploy knows (Ref to a resource, Fn::GetAtt, Fn::ImportValue, parameters without
// a Default) come from the user's substitutions, keyed by the name the template uses: "MyQueue"
// for Ref MyQueue and ${MyQueue}, "MyFunction.Arn" for Fn::GetAtt, the export name for
// Fn::ImportValue; a user value for a parameter overrides its Default.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html

#include <optional>
#include <string>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/load/substitutions.h"

namespace asl {

// Why a template value has no local value.
struct Unresolved {
  // kTemplateMissingSubstitution: known only after deploy (the user can supply it);
  // kTemplateUnsupportedFunction: a function sfnsim does not evaluate;
  // kTemplateBadDefinition: the function is malformed or names nothing.
  DiagnosticCode code = DiagnosticCode::kTemplateMissingSubstitution;
  std::string pointer;  // template pointer of the function
  std::string what;     // "Fn::GetAtt MyFunction.Arn", "Ref MyQueue", "${MyQueue}"
  std::string why;      // "is known only after deploy"
  std::string supply;   // the substitution name that would give it a value; "" if none

  // "Fn::GetAtt MyFunction.Arn is known only after deploy; supply "MyFunction.Arn" as a
  // substitution"
  std::string Message() const;
};
using UnresolvedList = std::vector<Unresolved>;

// Pseudo parameters sfnsim gives a default to (a user value wins): AWS::Region us-east-1,
// AWS::AccountId 123456789012, AWS::Partition and AWS::URLSuffix derived from the region
// (aws / amazonaws.com; aws-cn / amazonaws.com.cn; aws-us-gov / amazonaws.com).
inline constexpr const char* kDefaultRegion = "us-east-1";
inline constexpr const char* kDefaultAccountId = "123456789012";

class IntrinsicResolver {
 public:
  // Both must outlive the resolver.
  IntrinsicResolver(const Json& template_doc, const SubstitutionValues& user_values);

  // {"Ref": ...}, {"Condition": ...} or {"Fn::...": ...}: a one-key object CloudFormation (and
  // the SAM translator) treats as a function call.
  static bool IsIntrinsic(const Json& value);

  // The value of a literal or a function call at template pointer `pointer`.
  Result<Json, UnresolvedList> Resolve(const Json& value, const std::string& pointer) const;

  // The same, as the text CloudFormation would pass for a String property.
  Result<std::string, UnresolvedList> ResolveText(const Json& value,
                                                  const std::string& pointer) const;

  // `value` with every function call inside it replaced by its value, as CloudFormation resolves
  // a Json-typed property; what cannot be resolved is appended to `problems` (and left as is).
  Json ResolveTree(const Json& value, const std::string& pointer, UnresolvedList* problems) const;

 private:
  Result<Json, UnresolvedList> Ref(const std::string& name, const std::string& what,
                                   const std::string& pointer) const;
  Result<Json, UnresolvedList> GetAtt(const std::string& resource, const std::string& attribute,
                                      const std::string& what, const std::string& pointer) const;
  Result<Json, UnresolvedList> Sub(const Json& argument, const std::string& pointer) const;
  Result<Json, UnresolvedList> Join(const Json& argument, const std::string& pointer) const;
  Result<Json, UnresolvedList> Split(const Json& argument, const std::string& pointer) const;
  Result<Json, UnresolvedList> Select(const Json& argument, const std::string& pointer) const;
  Result<Json, UnresolvedList> FindInMap(const Json& argument, const std::string& pointer) const;
  Result<Json, UnresolvedList> ImportValue(const Json& argument, const std::string& pointer) const;
  Result<Json, UnresolvedList> If(const Json& argument, const std::string& pointer) const;
  // The value of the template condition `name` for a function `what` at `pointer`.
  Result<bool, UnresolvedList> Condition(const std::string& name, const std::string& what,
                                         const std::string& pointer, int depth) const;
  // A condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition); nullopt with the
  // reason in `why` when it cannot be evaluated locally.
  std::optional<bool> EvaluateCondition(const Json& condition, int depth, std::string* why) const;
  const std::string* UserValue(const std::string& name) const;
  std::string Region() const;

  const Json& template_;
  const SubstitutionValues& user_values_;
};

}  // namespace asl
