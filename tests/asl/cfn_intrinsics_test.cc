#include "asl/load/cfn_intrinsics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

namespace asl {
namespace {

using ::testing::ElementsAre;

const Json kStackTemplate = Json::parse(R"({
  "Parameters": {
    "Env": {"Type": "String", "Default": "prod"},
    "Count": {"Type": "Number", "Default": 3},
    "NoDefault": {"Type": "String"},
    "Subnets": {"Type": "CommaDelimitedList", "Default": "a,b,c"}
  },
  "Mappings": {"Regions": {"us-east-1": {"Ami": "ami-1", "Sizes": [1, 2]}}},
  "Resources": {
    "Fn": {"Type": "AWS::Lambda::Function"},
    "Sm": {"Type": "AWS::StepFunctions::StateMachine"}
  }
})");

class CfnIntrinsics : public ::testing::Test {
 protected:
  // The text of `value`, or the messages of why it has none ("CODE pointer: message").
  std::string Text(const std::string& value) {
    IntrinsicResolver resolver(kStackTemplate, user_);
    auto text = resolver.ResolveText(Json::parse(value), "/P");
    if (text.ok()) return text.value();
    std::string problems;
    for (const Unresolved& problem : text.error()) {
      if (!problems.empty()) problems += " | ";
      problems += fmt::format("{} {}: {}", CodeString(problem.code), problem.pointer,
                              problem.Message());
    }
    return problems;
  }

  SubstitutionValues user_;
};

TEST_F(CfnIntrinsics, RecognisesFunctionCalls) {
  EXPECT_TRUE(IntrinsicResolver::IsIntrinsic(Json::parse(R"({"Ref": "x"})")));
  EXPECT_TRUE(IntrinsicResolver::IsIntrinsic(Json::parse(R"({"Fn::Whatever": 1})")));
  EXPECT_TRUE(IntrinsicResolver::IsIntrinsic(Json::parse(R"({"Condition": "c"})")));
  EXPECT_FALSE(IntrinsicResolver::IsIntrinsic(Json::parse(R"({"Ref": "x", "a": 1})")));
  EXPECT_FALSE(IntrinsicResolver::IsIntrinsic(Json::parse(R"({"Type": "Pass"})")));
  EXPECT_FALSE(IntrinsicResolver::IsIntrinsic(Json::parse(R"("Ref")")));
}

TEST_F(CfnIntrinsics, LiteralsAreTheirText) {
  EXPECT_EQ(Text(R"("literal")"), "literal");
  EXPECT_EQ(Text("5"), "5");
  EXPECT_EQ(Text("true"), "true");
  EXPECT_EQ(Text("[1]"), "SFN0017 /P: the value gives an array where text is needed");
}

TEST_F(CfnIntrinsics, RefGivesParameterDefaultsAndUserValues) {
  EXPECT_EQ(Text(R"({"Ref": "Env"})"), "prod");
  EXPECT_EQ(Text(R"({"Ref": "Count"})"), "3");
  EXPECT_EQ(Text(R"({"Ref": "NoDefault"})"),
            "SFN0015 /P: Ref NoDefault names a parameter without a Default; supply "
            "\"NoDefault\" as a substitution (-s NoDefault=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Ref": "Subnets"})"),
            "SFN0017 /P: Ref Subnets gives an array where text is needed");
  user_ = {{"Env", "dev"}, {"NoDefault", "given"}};
  EXPECT_EQ(Text(R"({"Ref": "Env"})"), "dev");
  EXPECT_EQ(Text(R"({"Ref": "NoDefault"})"), "given");
}

TEST_F(CfnIntrinsics, RefToAResourceNeedsAUserValue) {
  EXPECT_EQ(Text(R"({"Ref": "Fn"})"),
            "SFN0015 /P: Ref Fn names a resource (AWS::Lambda::Function), known only after "
            "deploy; supply \"Fn\" as a substitution (-s Fn=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Ref": "Nope"})"),
            "SFN0017 /P: Ref Nope names no parameter, pseudo parameter or resource of the "
            "template; supply \"Nope\" as a substitution (-s Nope=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Ref": 5})"), "SFN0017 /P: Ref needs a logical name");
  user_ = {{"Fn", "my-function"}};
  EXPECT_EQ(Text(R"({"Ref": "Fn"})"), "my-function");
}

TEST_F(CfnIntrinsics, PseudoParametersHaveDefaults) {
  EXPECT_EQ(Text(R"({"Ref": "AWS::Region"})"), "us-east-1");
  EXPECT_EQ(Text(R"({"Ref": "AWS::AccountId"})"), "123456789012");
  EXPECT_EQ(Text(R"({"Ref": "AWS::Partition"})"), "aws");
  EXPECT_EQ(Text(R"({"Ref": "AWS::URLSuffix"})"), "amazonaws.com");
  EXPECT_EQ(Text(R"({"Ref": "AWS::StackName"})"),
            "SFN0015 /P: Ref AWS::StackName has no local default; supply \"AWS::StackName\" as "
            "a substitution (-s AWS::StackName=VALUE or --substitutions FILE)");
  user_ = {{"AWS::Region", "cn-north-1"}, {"AWS::AccountId", "999"}};
  EXPECT_EQ(Text(R"({"Ref": "AWS::Region"})"), "cn-north-1");
  EXPECT_EQ(Text(R"({"Ref": "AWS::AccountId"})"), "999");
  EXPECT_EQ(Text(R"({"Ref": "AWS::Partition"})"), "aws-cn");
  EXPECT_EQ(Text(R"({"Ref": "AWS::URLSuffix"})"), "amazonaws.com.cn");
  user_ = {{"AWS::Region", "us-gov-west-1"}};
  EXPECT_EQ(Text(R"({"Ref": "AWS::Partition"})"), "aws-us-gov");
}

TEST_F(CfnIntrinsics, GetAttNeedsAUserValue) {
  EXPECT_EQ(Text(R"({"Fn::GetAtt": ["Fn", "Arn"]})"),
            "SFN0015 /P: Fn::GetAtt Fn.Arn is known only after deploy; supply \"Fn.Arn\" as a "
            "substitution (-s Fn.Arn=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Fn::GetAtt": "Fn.Arn"})"),
            "SFN0015 /P: Fn::GetAtt Fn.Arn is known only after deploy; supply \"Fn.Arn\" as a "
            "substitution (-s Fn.Arn=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Fn::GetAtt": ["Nope", "Arn"]})"),
            "SFN0017 /P: Fn::GetAtt Nope.Arn names no resource of the template; supply "
            "\"Nope.Arn\" as a substitution (-s Nope.Arn=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Fn::GetAtt": "FnArn"})"),
            "SFN0017 /P: Fn::GetAtt needs [resource, attribute] or \"resource.attribute\"");
  user_ = {{"Fn.Arn", "arn:aws:lambda:us-east-1:1:function:f"}};
  EXPECT_EQ(Text(R"({"Fn::GetAtt": ["Fn", "Arn"]})"), "arn:aws:lambda:us-east-1:1:function:f");
}

TEST_F(CfnIntrinsics, SubReplacesVariables) {
  EXPECT_EQ(Text(R"({"Fn::Sub": "${Env}-${AWS::Region}-${!Literal}-${Count}-${unclosed"})"),
            "prod-us-east-1-${Literal}-3-${unclosed");
  EXPECT_EQ(Text(R"({"Fn::Sub": ["${A}/${Env}", {"A": {"Ref": "Env"}}]})"), "prod/prod");
  // The variable map wins over parameters, a user value over both.
  EXPECT_EQ(Text(R"({"Fn::Sub": ["${Env}", {"Env": "from-map"}]})"), "from-map");
  user_ = {{"Env", "dev"}};
  EXPECT_EQ(Text(R"({"Fn::Sub": ["${Env}", {"Env": "from-map"}]})"), "dev");
}

TEST_F(CfnIntrinsics, SubReportsEveryVariableWithoutAValue) {
  EXPECT_EQ(Text(R"({"Fn::Sub": "${Fn.Arn} ${Fn} ${Env}"})"),
            "SFN0015 /P: ${Fn.Arn} is known only after deploy; supply \"Fn.Arn\" as a "
            "substitution (-s Fn.Arn=VALUE or --substitutions FILE) | SFN0015 /P: ${Fn} names a "
            "resource (AWS::Lambda::Function), known "
            "only after deploy; supply \"Fn\" as a substitution "
            "(-s Fn=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Fn::Sub": "{\n  \"a\": \"${Nope}\"\n}"})"),
            "SFN0017 /P: ${Nope} (line 2 of the Fn::Sub string) names no parameter, pseudo "
            "parameter or resource of the template; supply \"Nope\" as a substitution "
            "(-s Nope=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Fn::Sub": ["${A}", {"A": {"Fn::GetAtt": ["Fn", "Arn"]}}]})"),
            "SFN0015 /P/Fn::Sub/1/A: Fn::GetAtt Fn.Arn is known only after deploy; supply "
            "\"Fn.Arn\" as a substitution (-s Fn.Arn=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Fn::Sub": ["${A}", {"A": [1]}]})"),
            "SFN0017 /P: ${A} gives an array where text is needed");
  EXPECT_EQ(Text(R"({"Fn::Sub": 5})"),
            "SFN0017 /P: Fn::Sub needs a string or [string, {variables}]");
}

TEST_F(CfnIntrinsics, JoinSplitSelectFindInMap) {
  EXPECT_EQ(Text(R"({"Fn::Join": [":", ["a", {"Ref": "Env"}, 3]]})"), "a:prod:3");
  EXPECT_EQ(Text(R"({"Fn::Join": ["-", {"Ref": "Subnets"}]})"), "a-b-c");
  EXPECT_EQ(Text(R"({"Fn::Join": ["", []]})"), "");
  EXPECT_EQ(Text(R"({"Fn::Join": [":", ["a", {"Fn::GetAtt": ["Fn", "Arn"]}, {"Ref": "Fn"}]]})"),
            "SFN0015 /P/Fn::Join/1/1: Fn::GetAtt Fn.Arn is known only after deploy; supply "
            "\"Fn.Arn\" as a substitution "
            "(-s Fn.Arn=VALUE or --substitutions FILE) | "
            "SFN0015 /P/Fn::Join/1/2: Ref Fn names a resource "
            "(AWS::Lambda::Function), known only after deploy; supply \"Fn\" as a substitution "
            "(-s Fn=VALUE or --substitutions FILE)");
  EXPECT_EQ(Text(R"({"Fn::Join": [":", [["x"]]]})"),
            "SFN0017 /P/Fn::Join/1/0: a Fn::Join value is an array, not text");
  EXPECT_EQ(Text(R"({"Fn::Join": ":"})"), "SFN0017 /P: Fn::Join needs [delimiter, [values...]]");
  EXPECT_EQ(Text(R"({"Fn::Select": [1, {"Fn::Split": [",", "x,y,z"]}]})"), "y");
  EXPECT_EQ(Text(R"({"Fn::Select": ["0", ["only"]]})"), "only");
  EXPECT_EQ(Text(R"({"Fn::Select": [5, ["a"]]})"),
            "SFN0017 /P: Fn::Select index 5 is out of range for 1 values");
  EXPECT_EQ(Text(R"({"Fn::Select": ["x", ["a"]]})"),
            "SFN0017 /P: Fn::Select needs [index, [values...]]");
  EXPECT_EQ(Text(R"({"Fn::FindInMap": ["Regions", {"Ref": "AWS::Region"}, "Ami"]})"), "ami-1");
  EXPECT_EQ(Text(R"({"Fn::FindInMap": ["Regions", "eu-west-1", "Ami"]})"),
            "SFN0017 /P: Fn::FindInMap finds nothing at Mappings/Regions/eu-west-1/Ami");
  EXPECT_EQ(Text(R"({"Fn::FindInMap": ["Regions", "us-east-1", "Sizes"]})"),
            "SFN0017 /P: Fn::FindInMap gives an array where text is needed");
}

TEST_F(CfnIntrinsics, ImportValueAndUnsupportedFunctions) {
  EXPECT_EQ(Text(R"({"Fn::ImportValue": {"Fn::Sub": "${Env}-QueueArn"}})"),
            "SFN0015 /P: Fn::ImportValue prod-QueueArn is another stack's export, known only "
            "after deploy; supply \"prod-QueueArn\" as a substitution "
            "(-s prod-QueueArn=VALUE or --substitutions FILE)");
  user_ = {{"prod-QueueArn", "arn:aws:sqs:us-east-1:1:q"}};
  EXPECT_EQ(Text(R"({"Fn::ImportValue": {"Fn::Sub": "${Env}-QueueArn"}})"),
            "arn:aws:sqs:us-east-1:1:q");
  // Fn::If is evaluated with the template's Conditions (definition_loader_template_test.cc);
  // this template declares none.
  EXPECT_EQ(Text(R"({"Fn::If": ["IsProd", "a", "b"]})"),
            "SFN0017 /P: Fn::If IsProd needs the condition \"IsProd\" (true or false), which the "
            "template's Conditions do not declare; supply \"IsProd\" as a substitution "
            "(-s IsProd=VALUE or --substitutions FILE)");
  user_ = {{"IsProd", "false"}};
  EXPECT_EQ(Text(R"({"Fn::If": ["IsProd", "a", "b"]})"), "b");
  EXPECT_EQ(Text(R"({"Condition": "IsProd"})"),
            "SFN0014 /P: Condition cannot be evaluated locally");
}

TEST_F(CfnIntrinsics, ResolveTreeReplacesEveryCallItCan) {
  IntrinsicResolver resolver(kStackTemplate, user_);
  UnresolvedList problems;
  Json resolved = resolver.ResolveTree(Json::parse(R"({
      "A": {"Ref": "Env"},
      "B": [{"Fn::GetAtt": ["Fn", "Arn"]}, {"Fn::Sub": "x-${Count}"}],
      "C": {"Ref": "Env", "Other": 1},
      "D": 7})"),
                                       "/Def", &problems);
  EXPECT_EQ(Dump(resolved),
            R"({"A":"prod","B":[{"Fn::GetAtt":["Fn","Arn"]},"x-3"],)"
            R"("C":{"Ref":"Env","Other":1},"D":7})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/Def/B/0");
  EXPECT_EQ(problems[0].Message(),
            "Fn::GetAtt Fn.Arn is known only after deploy; supply \"Fn.Arn\" as a substitution "
            "(-s Fn.Arn=VALUE or --substitutions FILE)");
}

}  // namespace
}  // namespace asl
