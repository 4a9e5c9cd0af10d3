#pragma once
// `${Name}` placeholders of DefinitionSubstitutions, replaced as AWS replaces them.
//
// The CloudFormation handler of AWS::StepFunctions::StateMachine (aws-cloudformation/
// aws-cloudformation-resource-providers-stepfunctions, DefinitionProcessor.java) works on the
// definition's text: a Definition object is first serialised to JSON, DefinitionString and an S3
// definition are used as written; then StringUtils.replaceEachRepeatedly replaces every
// "${Key}" of DefinitionSubstitutions by its value, without any escaping, again and again while
// replacements produce new placeholders. A placeholder naming no key is left as written.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"

namespace asl {

using SubstitutionValues = std::map<std::string, std::string>;

struct PlaceholderUse {
  size_t offset = 0;  // of the '$'
  size_t length = 0;  // of the whole "${Name}"
  std::string name;
};

// Every `${Name}` of `text` (Name non-empty, up to the first '}'), in order.
std::vector<PlaceholderUse> FindPlaceholders(std::string_view text);

// Replaces every `${Name}` whose Name has a value, repeatedly (see above). Fails, with a message,
// when replacements keep producing placeholders (values that refer to each other in a loop).
Result<std::string, std::string> ReplacePlaceholders(std::string_view text,
                                                     const SubstitutionValues& values);

// The same for one string of a Definition object: AWS replaces inside the serialised JSON, so
// the value lands in the string's escaped form and must leave a valid JSON string (a value with
// '"' or a stray '\' breaks the definition on AWS too). Fails with a message saying why.
Result<std::string, std::string> ReplacePlaceholdersInJsonString(const std::string& text,
                                                                 const SubstitutionValues& values);

// How a user gives `${name}` a value, for messages: "-s NAME=VALUE or --substitutions FILE
// (a world file: the state machine's substitutions)".
std::string HowToSupply(std::string_view name);

// The text CloudFormation passes for a scalar template value (a DefinitionSubstitutions value, a
// parameter Default): a string as is, a number as written in JSON, a boolean as true/false;
// nullopt for null, objects and arrays.
std::optional<std::string> ScalarText(const Json& value);

}  // namespace asl
