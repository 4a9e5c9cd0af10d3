#pragma once
// YAML definitions and templates as JSON.
//
// Scalars follow the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#103-core-schema): a
// quoted or block scalar is always a string; a plain one is null (null, Null, NULL, ~, empty),
// a boolean (true/True/TRUE, false/False/FALSE), an integer (decimal, 0o octal, 0x hex), a float,
// or else a string. YAML 1.1 words such as yes/no/on/off stay strings.
//
// NONSTANDARD: CloudFormation documents "the YAML Version 1.1 specification with a few
// exceptions" (no binary/omap/pairs/set/timestamp tags, no aliases, no hash merges;
// awsdocs/aws-cloudformation-user-guide, template-formats.md), and the SAM CLI (PyYAML) and
// S3 YAML definitions (Jackson/SnakeYAML) are YAML 1.1 as well, where yes/no/on/off are
// booleans. The 1.2 core schema was chosen for sfnsim (as Workflow Studio's YAML); aliases are
// accepted and expanded.
//
// CloudFormation's short-form tags become the long form: `!Ref X` -> {"Ref":"X"},
// `!Sub s` -> {"Fn::Sub":"s"}, `!GetAtt A.B` -> {"Fn::GetAtt":["A","B"]}, `!Condition C` ->
// {"Condition":"C"}, ... (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/
// intrinsic-function-reference.html). Key order is kept. Duplicate keys are errors in a
// definition: yaml-cpp keeps both silently, and a silently dropped state is never what the
// author meant. In a template CloudFormation keeps the last one; there they are warnings
// (ParseYamlKeepingLastKey).

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "asl/load/source_text.h"

namespace asl {

// Parses a text holding one YAML document. The text must already have passed CheckText.
Result<ParsedDocument, TextErrors> ParseYaml(std::string_view text);

// The same, except that a key repeated in a mapping is not an error: its last value wins, as in
// a CloudFormation template, and each repetition is added to `duplicates` (the caller, who
// knows whether the document is a template, makes them warnings or errors). With `duplicates`
// null this is ParseYaml.
Result<ParsedDocument, TextErrors> ParseYamlKeepingLastKey(std::string_view text,
                                                           TextErrors* duplicates);

// Converts one yaml-cpp node whose JSON pointer is `pointer`, recording the line of every value
// below it in `lines` (the node's own line is the caller's to record) and every problem in
// `errors`.
Json YamlToJson(const YAML::Node& node, const std::string& pointer,
                std::unordered_map<std::string, int>* lines, TextErrors* errors);

}  // namespace asl
