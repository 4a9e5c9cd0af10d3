#pragma once
// YAML definitions and templates as JSON.
//
// Scalars follow the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#103-core-schema): a
// quoted or block scalar is always a string; a plain one is null (null, Null, NULL, ~, empty),
// a boolean (true/True/TRUE, false/False/FALSE), an integer (decimal, 0o octal, 0x hex), a float,
// or else a string. YAML 1.1 words such as yes/no/on/off stay strings.
//
// CloudFormation's short-form tags become the long form: `!Ref X` -> {"Ref":"X"},
// `!Sub s` -> {"Fn::Sub":"s"}, `!GetAtt A.B` -> {"Fn::GetAtt":["A","B"]}, `!Condition C` ->
// {"Condition":"C"}, ... (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/
// intrinsic-function-reference.html). Key order is kept. Duplicate keys are errors: yaml-cpp keeps
// both silently and CloudFormation itself keeps the last, but `aws cloudformation deploy`
// refuses them ("found duplicate key"), and a silently dropped state is never what the author
// meant.

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "asl/load/source_text.h"

namespace asl {

// Parses a text holding one YAML document. The text must already have passed CheckText.
Result<ParsedDocument, TextErrors> ParseYaml(std::string_view text);

// Converts one yaml-cpp node whose JSON pointer is `pointer`, recording the line of every value
// below it in `lines` (the node's own line is the caller's to record) and every problem in
// `errors`.
Json YamlToJson(const YAML::Node& node, const std::string& pointer,
                std::unordered_map<std::string, int>* lines, TextErrors* errors);

}  // namespace asl
