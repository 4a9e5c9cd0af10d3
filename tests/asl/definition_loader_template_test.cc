// The loader on CloudFormation and SAM templates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "asl/load/definition_loader.h"
#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;

using DefinitionLoaderTemplate = load_test::LoaderTest;

constexpr std::string_view kOrdersTemplate =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"            // 1
    "Parameters:\n"                                         // 2
    "  TableName:\n"                                        // 3
    "    Type: String\n"                                    // 4
    "    Default: orders\n"                                 // 5
    "Resources:\n"                                          // 6
    "  HelloFunction:\n"                                    // 7
    "    Type: AWS::Lambda::Function\n"                     // 8
    "  Orders:\n"                                           // 9
    "    Type: AWS::StepFunctions::StateMachine\n"          // 10
    "    Properties:\n"                                     // 11
    "      StateMachineName: orders-flow\n"                 // 12
    "      StateMachineType: EXPRESS\n"                     // 13
    "      DefinitionSubstitutions:\n"                      // 14
    "        Table: !Ref TableName\n"                       // 15
    "        Region: !Ref AWS::Region\n"                    // 16
    "        Wait: 30\n"                                    // 17
    "        FunctionArn: !GetAtt HelloFunction.Arn\n"      // 18
    "      Definition:\n"                                   // 19
    "        StartAt: Put\n"                                // 20
    "        States:\n"                                     // 21
    "          Put:\n"                                      // 22
    "            Type: Task\n"                              // 23
    "            Resource: arn:aws:states:::dynamodb:putItem\n"  // 24
    "            Parameters:\n"                             // 25
    "              TableName: ${Table}\n"                   // 26
    "              Comment: \"in ${Region}, ${Wait}s\"\n"   // 27
    "            Next: Invoke\n"                            // 28
    "          Invoke:\n"                                   // 29
    "            Type: Task\n"                              // 30
    "            Resource: ${FunctionArn}\n"                // 31
    "            End: true\n";                              // 32

TEST_F(DefinitionLoaderTemplate, AMissingSubstitutionIsReportedWhereItIsUsed) {
  EXPECT_THAT(Errors("template.yaml", kOrdersTemplate),
              ElementsAre("template.yaml:31: /Resources/Orders/Properties/Definition/States/"
                          "Invoke/Resource: ${FunctionArn} has no value: DefinitionSubstitutions "
                          "gives Fn::GetAtt HelloFunction.Arn, which is known only after deploy; "
                          "supply \"FunctionArn\" as a substitution "
                          "(-s FunctionArn=VALUE or --substitutions FILE)"));
  auto loaded = LoadDefinitionFile(dir_.Path("template.yaml"), {});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().items()[0].code, DiagnosticCode::kTemplateMissingSubstitution);
}

TEST_F(DefinitionLoaderTemplate, LoadsADefinitionObjectWithSubstitutions) {
  LoadedDefinition loaded = Load("template.yaml", kOrdersTemplate,
                                 With({{"FunctionArn", "arn:aws:lambda:us-east-1:1:function:hi"}}));
  EXPECT_EQ(loaded.resolved_text,
            R"({"StartAt":"Put","States":{"Put":{"Type":"Task",)"
            R"("Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"orders",)"
            R"("Comment":"in us-east-1, 30s"},"Next":"Invoke"},"Invoke":{"Type":"Task",)"
            R"("Resource":"arn:aws:lambda:us-east-1:1:function:hi","End":true}}})");
  EXPECT_EQ(loaded.format, DefinitionFormat::kCloudFormation);
  EXPECT_EQ(loaded.logical_id, "Orders");
  EXPECT_EQ(loaded.state_machine_type, "EXPRESS");
  EXPECT_EQ(loaded.state_machine_name, "orders-flow");
  EXPECT_EQ(loaded.source.file, dir_.Path("template.yaml"));
  EXPECT_EQ(loaded.source.pointer_prefix, "/Resources/Orders/Properties/Definition");
  EXPECT_FALSE(loaded.source.embedded_string);
  EXPECT_TRUE(loaded.warnings.empty());
  Diagnostic later{DiagnosticCode::kUnknownNextState, Severity::kError, "/States/Invoke/Next",
                   "state \"X\" does not exist"};
  EXPECT_EQ(FormatDiagnostic(later, loaded.source),
            dir_.Path("template.yaml") +
                ":29: /Resources/Orders/Properties/Definition/States/Invoke/Next: state \"X\" "
                "does not exist");
}

TEST_F(DefinitionLoaderTemplate, UserValuesOverrideSubstitutionsAndParameters) {
  LoadedDefinition loaded =
      Load("template.yaml", kOrdersTemplate,
           With({{"FunctionArn", "f"}, {"Wait", "5"}, {"TableName", "from-parameter"}}));
  EXPECT_EQ(loaded.definition["States"]["Put"]["Parameters"],
            Json::parse(R"({"TableName":"from-parameter","Comment":"in us-east-1, 5s"})"));
  loaded = Load("template.yaml", kOrdersTemplate,
                With({{"FunctionArn", "f"}, {"Table", "direct"}, {"TableName", "unused"},
                      {"AWS::Region", "eu-west-1"}}));
  EXPECT_EQ(loaded.definition["States"]["Put"]["Parameters"],
            Json::parse(R"({"TableName":"direct","Comment":"in eu-west-1, 30s"})"));
}

constexpr std::string_view kDefinitionStringTemplate = R"({
  "Resources": {
    "Sm": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionString": "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":${Wait},\"End\":true}}}",
        "DefinitionSubstitutions": {"Wait": 5}
      }
    }
  }
})";

// DefinitionString is substituted as text before it is parsed, so a placeholder may stand for
// a number.
TEST_F(DefinitionLoaderTemplate, LoadsADefinitionString) {
  LoadedDefinition loaded = Load("template.json", kDefinitionStringTemplate);
  EXPECT_EQ(loaded.resolved_text,
            R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}})");
  EXPECT_TRUE(loaded.definition["States"]["W"]["Seconds"].is_number_integer());
  EXPECT_EQ(loaded.logical_id, "Sm");
  EXPECT_EQ(loaded.source.pointer_prefix, "/Resources/Sm/Properties/DefinitionString");
  EXPECT_TRUE(loaded.source.embedded_string);
  Diagnostic later{DiagnosticCode::kOutOfRange, Severity::kError, "/States/W/Seconds", "too long"};
  EXPECT_EQ(FormatDiagnostic(later, loaded.source),
            dir_.Path("template.json") +
                ":6: /Resources/Sm/Properties/DefinitionString (/States/W/Seconds): too long");
}

TEST_F(DefinitionLoaderTemplate, ErrorsInsideADefinitionStringAreLocatedInTheString) {
  EXPECT_THAT(Errors("template.json", R"({
  "Resources": {
    "Sm": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionString": "{\"StartAt\": \"W\" \"States\": {}}"
      }
    }
  }
})"),
              ElementsAre("template.json:6: /Resources/Sm/Properties/DefinitionString: expected "
                          "',' or '}' after an object member, found '\"' (line 1, column 17 of "
                          "the DefinitionString)"));
  EXPECT_THAT(Errors("template.json", R"({
  "Resources": {
    "Sm": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionString": "{\"StartAt\": \"W\",\n \"StartAt\": \"X\", \"States\": {}}"
      }
    }
  }
})"),
              ElementsAre("template.json:6: /Resources/Sm/Properties/DefinitionString "
                          "(/StartAt): duplicate key \"StartAt\" (first at line 1) (line 2, "
                          "column 2 of the DefinitionString)"));
}

// With the value missing, an unquoted placeholder leaves text that does not parse: the
// placeholder is reported by its place in the text.
TEST_F(DefinitionLoaderTemplate, AMissingUnquotedPlaceholderIsLocatedInTheText) {
  EXPECT_THAT(Errors("template.json", R"({
  "Parameters": {"Delay": {"Type": "Number"}},
  "Resources": {
    "Sm": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionString": "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":${Wait},\"End\":true}}}",
        "DefinitionSubstitutions": {"Wait": {"Ref": "Delay"}}
      }
    }
  }
})"),
              ElementsAre("template.json:7: /Resources/Sm/Properties/DefinitionString: ${Wait} "
                          "has no value: DefinitionSubstitutions gives Ref Delay, which names a "
                          "parameter without a Default; supply \"Wait\" as a substitution "
                          "(-s Wait=VALUE or --substitutions FILE) (line "
                          "1, column 55 of the DefinitionString)"));
}

constexpr std::string_view kSubTemplate =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"                    // 1
    "Parameters:\n"                                                 // 2
    "  Env:\n"                                                      // 3
    "    Type: String\n"                                            // 4
    "    Default: prod\n"                                           // 5
    "Resources:\n"                                                  // 6
    "  Queue:\n"                                                    // 7
    "    Type: AWS::SQS::Queue\n"                                   // 8
    "  Flow:\n"                                                     // 9
    "    Type: AWS::StepFunctions::StateMachine\n"                  // 10
    "    Properties:\n"                                             // 11
    "      DefinitionString: !Sub |\n"                              // 12
    "        {\n"                                                   // 1 of the string
    "          \"StartAt\": \"Send\",\n"                            // 2
    "          \"States\": {\n"                                     // 3
    "            \"Send\": {\n"                                     // 4
    "              \"Type\": \"Task\",\n"                           // 5
    "              \"Resource\": \"arn:${AWS::Partition}:states:::sqs:sendMessage\",\n"  // 6
    "              \"Parameters\": {\"QueueUrl\": \"${Queue}\", \"Env\": \"${Env}\",\n"  // 7
    "                             \"Literal\": \"${!NotSubbed}\"},\n"                  // 8
    "              \"End\": true\n"
    "            }\n"
    "          }\n"
    "        }\n";

TEST_F(DefinitionLoaderTemplate, FnSubVariablesWithoutAValueAreErrors) {
  EXPECT_THAT(Errors("template.yaml", kSubTemplate),
              ElementsAre("template.yaml:12: /Resources/Flow/Properties/DefinitionString: "
                          "${Queue} (line 7 of the Fn::Sub string) names a resource "
                          "(AWS::SQS::Queue), known only after deploy; supply \"Queue\" as a "
                          "substitution (-s Queue=VALUE or --substitutions FILE)"));
}

TEST_F(DefinitionLoaderTemplate, LoadsAFnSubDefinitionString) {
  LoadedDefinition loaded =
      Load("template.yaml", kSubTemplate, With({{"Queue", "https://sqs.example/q"}}));
  EXPECT_EQ(loaded.definition["States"]["Send"]["Resource"], "arn:aws:states:::sqs:sendMessage");
  EXPECT_EQ(loaded.definition["States"]["Send"]["Parameters"],
            Json::parse(R"({"QueueUrl":"https://sqs.example/q","Env":"prod",)"
                        R"("Literal":"${NotSubbed}"})"));
  // ${!NotSubbed} became "${NotSubbed}", which no DefinitionSubstitutions entry declares.
  EXPECT_THAT(Warnings(loaded),
              ElementsAre("template.yaml:12: /Resources/Flow/Properties/DefinitionString "
                          "(/States/Send/Parameters/Literal): ${NotSubbed} is not declared in "
                          "DefinitionSubstitutions; it stays as written, as on AWS (warning)"));
}

TEST_F(DefinitionLoaderTemplate, LoadsAFnJoinDefinitionString) {
  // The shape of AWS's own documentation example.
  LoadedDefinition loaded = Load("template.json", R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "MyStateMachine": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "StateMachineName": "HelloWorld-StateMachine",
        "DefinitionString": {"Fn::Join": ["\n", [
          "{",
          "  \"StartAt\": \"HelloWorld\",",
          "  \"States\": {\"HelloWorld\": {\"Type\": \"Task\", \"Resource\": ",
          {"Fn::Sub": "\"arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:Hello\","},
          "  \"End\": true}}",
          "}"]]}
      }
    }
  }
})");
  EXPECT_EQ(loaded.resolved_text,
            R"({"StartAt":"HelloWorld","States":{"HelloWorld":{"Type":"Task",)"
            R"("Resource":"arn:aws:lambda:us-east-1:123456789012:function:Hello","End":true}}})");
  EXPECT_EQ(loaded.state_machine_name, "HelloWorld-StateMachine");
  EXPECT_EQ(loaded.state_machine_type, "");
}

TEST_F(DefinitionLoaderTemplate, S3DefinitionsAreRefused) {
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionS3Location:\n"
                     "        Bucket: my-bucket\n"
                     "        Key: flows/sm.json\n"),
              ElementsAre("template.yaml:5: /Resources/Sm/Properties/DefinitionS3Location: "
                          "DefinitionS3Location is in S3 (s3://my-bucket/flows/sm.json), which "
                          "sfnsim cannot read; download it and load that file instead"));
  EXPECT_THAT(Errors("template.yaml",
                     "Transform: AWS::Serverless-2016-10-31\n"
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::Serverless::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionUri: s3://my-bucket/flows/sm.json\n"),
              ElementsAre("template.yaml:6: /Resources/Sm/Properties/DefinitionUri: "
                          "DefinitionUri is in S3 (s3://my-bucket/flows/sm.json), which sfnsim "
                          "cannot read; download it and load that file instead"));
  EXPECT_THAT(Errors("template.yaml",
                     "Transform: AWS::Serverless-2016-10-31\n"
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::Serverless::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionUri: {Bucket: b, Key: k, Version: \"3\"}\n"),
              ElementsAre("template.yaml:6: /Resources/Sm/Properties/DefinitionUri: "
                          "DefinitionUri is in S3 (s3://b/k), which sfnsim cannot read; download "
                          "it and load that file instead"));
  auto loaded = LoadDefinitionFile(dir_.Path("template.yaml"), {});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().items()[0].code, DiagnosticCode::kTemplateS3Location);
}

// The SAM translator turns every function call inside Definition into a substitution, so each
// becomes its value.
TEST_F(DefinitionLoaderTemplate, AnEmptyDefinitionStringIsAnError) {
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionString: \"  \"\n"),
              ElementsAre("template.yaml:5: /Resources/Sm/Properties/DefinitionString: the "
                          "document is empty"));
}

TEST_F(DefinitionLoaderTemplate, AStateMachineWithoutPropertiesHasNoDefinition) {
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"),
              ElementsAre("template.yaml:2: /Resources/Sm/Properties: the state machine has "
                          "none of Definition, DefinitionString and DefinitionS3Location; AWS "
                          "needs exactly one"));
}

constexpr std::string_view kTwoMachines =
    "Resources:\n"                                                            // 1
    "  First:\n"                                                              // 2
    "    Type: AWS::StepFunctions::StateMachine\n"                            // 3
    "    Properties: {Definition: {StartAt: A, States: {A: {Type: Succeed}}}}\n"  // 4
    "  Lambda:\n"                                                             // 5
    "    Type: AWS::Lambda::Function\n"                                       // 6
    "  Second:\n"                                                             // 7
    "    Type: AWS::Serverless::StateMachine\n"                               // 8
    "    Properties: {Definition: {StartAt: B, States: {B: {Type: Succeed}}}}\n";  // 9

TEST_F(DefinitionLoaderTemplate, SeveralStateMachinesNeedALogicalId) {
  EXPECT_THAT(Errors("template.yaml", kTwoMachines),
              ElementsAre("template.yaml:1: /Resources: the template declares 2 state machines "
                          "(First, Second); pick one by its logical id"));
  EXPECT_EQ(Load("template.yaml", kTwoMachines, With({}, "Second")).resolved_text,
            R"({"StartAt":"B","States":{"B":{"Type":"Succeed"}}})");
  EXPECT_EQ(Load("template.yaml", kTwoMachines, With({}, "First")).format,
            DefinitionFormat::kCloudFormation);
  EXPECT_THAT(Errors("template.yaml", kTwoMachines, With({}, "Secnod")),
              ElementsAre("template.yaml:1: /Resources: no state machine \"Secnod\" (did you "
                          "mean \"Second\"?); state machines in the template: First, Second"));
  EXPECT_THAT(Errors("template.yaml", kTwoMachines, With({}, "Unrelated")),
              ElementsAre("template.yaml:1: /Resources: no state machine \"Unrelated\"; state "
                          "machines in the template: First, Second"));
  EXPECT_THAT(Errors("template.yaml", kTwoMachines, With({}, "Lambda")),
              ElementsAre("template.yaml:5: /Resources/Lambda: resource \"Lambda\" "
                          "(AWS::Lambda::Function) is not a state machine; state machines in the "
                          "template: First, Second"));
  auto ambiguous = LoadDefinitionFile(dir_.Path("template.yaml"), {});
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().items()[0].code, DiagnosticCode::kTemplateAmbiguous);
  auto unknown = LoadDefinitionFile(dir_.Path("template.yaml"), With({}, "Nope"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().items()[0].code, DiagnosticCode::kTemplateUnknownLogicalId);
}

TEST_F(DefinitionLoaderTemplate, ListsStateMachinesInDocumentOrder) {
  Json doc = Json::parse(R"({"Resources": {"Z": {"Type": "AWS::Serverless::StateMachine"},
      "Q": {"Type": "AWS::SQS::Queue"}, "A": {"Type": "AWS::StepFunctions::StateMachine"}}})");
  EXPECT_THAT(ListStateMachines(doc), ElementsAre("Z", "A"));
  EXPECT_THAT(ListStateMachines(Json::parse(R"({"StartAt": "A", "States": {}})")), ElementsAre());
  EXPECT_THAT(ListStateMachines(Json::parse("[1]")), ElementsAre());
}

TEST_F(DefinitionLoaderTemplate, ATemplateWithoutStateMachinesIsAnError) {
  EXPECT_THAT(Errors("template.yaml",
                     "AWSTemplateFormatVersion: \"2010-09-09\"\n"
                     "Resources:\n"
                     "  Q:\n"
                     "    Type: AWS::SQS::Queue\n"),
              ElementsAre("template.yaml:2: /Resources: the template declares no "
                          "AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine "
                          "resource"));
  EXPECT_THAT(Errors("template.json", R"({"Transform": "AWS::Serverless-2016-10-31"})"),
              ElementsAre("template.json:1: the template declares no "
                          "AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine "
                          "resource"));
}

TEST_F(DefinitionLoaderTemplate, ExactlyOneDefinitionPropertyIsNeeded) {
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      Definition: {StartAt: A, States: {A: {Type: Succeed}}}\n"
                     "      DefinitionString: \"{}\"\n"),
              ElementsAre("template.yaml:4: /Resources/Sm/Properties: the state machine has "
                          "Definition and DefinitionString; AWS accepts only one of Definition, "
                          "DefinitionString and DefinitionS3Location"));
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      RoleArn: arn:aws:iam::1:role/r\n"),
              ElementsAre("template.yaml:4: /Resources/Sm/Properties: the state machine has "
                          "none of Definition, DefinitionString and DefinitionS3Location; AWS "
                          "needs exactly one"));
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::Serverless::StateMachine\n"),
              ElementsAre("template.yaml:2: /Resources/Sm/Properties: Either 'Definition' or "
                          "'DefinitionUri' property must be specified."));
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::Serverless::StateMachine\n"
                     "    Properties:\n"
                     "      Definition: {StartAt: A, States: {A: {Type: Succeed}}}\n"
                     "      DefinitionUri: sm.json\n"),
              ElementsAre("template.yaml:4: /Resources/Sm/Properties: Specify either "
                          "'Definition' or 'DefinitionUri' property and not both."));
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties: [1]\n"),
              ElementsAre("template.yaml:4: /Resources/Sm/Properties: Properties must be an "
                          "object, not an array"));
}

TEST_F(DefinitionLoaderTemplate, DefinitionPropertiesMustHaveTheirType) {
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      Definition: '{\"StartAt\": \"A\"}'\n"),
              ElementsAre("template.yaml:5: /Resources/Sm/Properties/Definition: Definition must "
                          "be an object (the ASL document), not a string; JSON text goes in "
                          "DefinitionString"));
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionString: {StartAt: A}\n"),
              ElementsAre("template.yaml:5: /Resources/Sm/Properties/DefinitionString: "
                          "DefinitionString must be a string, not an object; an object goes in "
                          "Definition"));
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionString: '[1, 2]'\n"),
              ElementsAre("template.yaml:5: /Resources/Sm/Properties/DefinitionString: the "
                          "definition is an array; it must be a JSON object"));
}

TEST_F(DefinitionLoaderTemplate, BadSubstitutionsAreReported) {
  constexpr std::string_view kTemplate =
      "Resources:\n"                                               // 1
      "  Sm:\n"                                                    // 2
      "    Type: AWS::StepFunctions::StateMachine\n"               // 3
      "    Properties:\n"                                          // 4
      "      DefinitionSubstitutions:\n"                           // 5
      "        Quote: 'say \"hi\"'\n"                              // 6
      "        List: [1, 2]\n"                                     // 7
      "        A: ${B}\n"                                          // 8
      "        B: ${A}\n"                                          // 9
      "      Definition:\n"                                        // 10
      "        StartAt: P\n"                                       // 11
      "        States:\n"                                          // 12
      "          P:\n"                                             // 13
      "            Type: Pass\n"                                   // 14
      "            Result: {q: \"${Quote}\", l: \"${List}\", a: \"${A}\"}\n"  // 15
      "            End: true\n";                                   // 16
  EXPECT_THAT(
      Errors("template.yaml", kTemplate),
      ElementsAre("template.yaml:7: /Resources/Sm/Properties/DefinitionSubstitutions/List: a "
                  "DefinitionSubstitutions value must be a string, number or boolean, not an "
                  "array",
                  "template.yaml:15: /Resources/Sm/Properties/Definition/States/P/Result/q: "
                  "after substitution the JSON text of this string is invalid (an unescaped "
                  "'\"'): AWS inserts values without escaping them",
                  "template.yaml:15: /Resources/Sm/Properties/Definition/States/P/Result/l: "
                  "${List} has no value: its DefinitionSubstitutions value is malformed; supply "
                  "\"List\" as a substitution (-s List=VALUE or --substitutions FILE)",
                  "template.yaml:15: /Resources/Sm/Properties/Definition/States/P/Result/a: "
                  "substitution never ends: ${A}, ${B} refer to each other in a loop"));
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionSubstitutions: [A]\n"
                     "      Definition: {StartAt: A, States: {A: {Type: Succeed}}}\n"),
              ElementsAre("template.yaml:5: /Resources/Sm/Properties/DefinitionSubstitutions: "
                          "DefinitionSubstitutions must be an object of name: value, not an "
                          "array"));
}

TEST_F(DefinitionLoaderTemplate, KeysAreSubstitutedToo) {
  LoadedDefinition loaded = Load("template.yaml",
                                 "Resources:\n"
                                 "  Sm:\n"
                                 "    Type: AWS::StepFunctions::StateMachine\n"
                                 "    Properties:\n"
                                 "      DefinitionSubstitutions: {Env: prod}\n"
                                 "      Definition:\n"
                                 "        StartAt: ${Env}-first\n"
                                 "        States:\n"
                                 "          ${Env}-first: {Type: Pass, Next: last}\n"
                                 "          last: {Type: Succeed}\n");
  EXPECT_EQ(loaded.resolved_text,
            R"({"StartAt":"prod-first","States":{"prod-first":{"Type":"Pass","Next":"last"},)"
            R"("last":{"Type":"Succeed"}}})");
  EXPECT_THAT(Errors("template.yaml",
                     "Resources:\n"
                     "  Sm:\n"
                     "    Type: AWS::StepFunctions::StateMachine\n"
                     "    Properties:\n"
                     "      DefinitionSubstitutions: {Env: prod}\n"
                     "      Definition:\n"
                     "        StartAt: prod\n"
                     "        States:\n"
                     "          prod: {Type: Succeed}\n"
                     "          ${Env}: {Type: Succeed}\n"),
              ElementsAre("template.yaml:10: /Resources/Sm/Properties/Definition/States/${Env}: "
                          "after substitution the key \"prod\" appears twice"));
}

TEST_F(DefinitionLoaderTemplate, EveryProblemIsReported) {
  EXPECT_THAT(
      Errors("template.yaml",
             "Conditions:\n"                                       // 1
             "  IsProd: !Equals [a, a]\n"                          // 2
             "Resources:\n"                                        // 3
             "  Fn: {Type: AWS::Lambda::Function}\n"               // 4
             "  Sm:\n"                                             // 5
             "    Type: AWS::StepFunctions::StateMachine\n"        // 6
             "    Properties:\n"                                   // 7
             "      DefinitionSubstitutions:\n"                    // 8
             "        Arn: !GetAtt Fn.Arn\n"                       // 9
             "        Unused: !GetAtt Fn.Arn\n"                    // 10
             "      Definition:\n"                                 // 11
             "        StartAt: A\n"                                // 12
             "        States:\n"                                   // 13
             "          A:\n"                                      // 14
             "            Type: Task\n"                            // 15
             "            Resource: ${Arn}\n"                      // 16
             "            Next: B\n"                               // 17
             "          B:\n"                                      // 18
             "            Type: Task\n"                            // 19
             "            Resource: !Ref Fn\n"                     // 20
             "            TimeoutSeconds: !If [IsProd, 10, 20]\n"  // 21: true: 10
             "            Comment: ${Arn} and ${Other}\n"          // 22
             "            End: true\n"),                           // 23
      ElementsAre("template.yaml:20: /Resources/Sm/Properties/Definition/States/B/Resource: Ref "
                  "Fn names a resource (AWS::Lambda::Function), known only after deploy; supply "
                  "\"Fn\" as a substitution (-s Fn=VALUE or --substitutions FILE)",
                  "template.yaml:16: /Resources/Sm/Properties/Definition/States/A/Resource: "
                  "${Arn} has no value: DefinitionSubstitutions gives Fn::GetAtt Fn.Arn, which is "
                  "known only after deploy; supply \"Arn\" as a substitution "
                  "(-s Arn=VALUE or --substitutions FILE)",
                  "template.yaml:22: /Resources/Sm/Properties/Definition/States/B/Comment: ${Arn} "
                  "has no value: DefinitionSubstitutions gives Fn::GetAtt Fn.Arn, which is known "
                  "only after deploy; supply \"Arn\" as a substitution "
                  "(-s Arn=VALUE or --substitutions FILE)",
                  "template.yaml:22: /Resources/Sm/Properties/Definition/States/B/Comment: "
                  "${Other} is not declared in DefinitionSubstitutions; it stays as written, as "
                  "on AWS (warning)"));
}

// A JSON template gets lines from the JSON parser.
TEST_F(DefinitionLoaderTemplate, JsonTemplatesHaveLinesToo) {
  EXPECT_THAT(Errors("template.json", R"({
  "Resources": {
    "Sm": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "Definition": {
          "StartAt": "A",
          "States": {
            "A": {"Type": "Task", "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}, "End": true}
          }
        }
      }
    },
    "Fn": {"Type": "AWS::Lambda::Function"}
  }
})"),
              ElementsAre("template.json:9: /Resources/Sm/Properties/Definition/States/A/"
                          "Resource: Fn::GetAtt Fn.Arn is known only after deploy; supply "
                          "\"Fn.Arn\" as a substitution "
                          "(-s Fn.Arn=VALUE or --substitutions FILE)"));
}

// Issue 16 (22): Fn::If is evaluated with the template's Conditions; when a condition cannot
// be, the message names it and how to decide it.
TEST_F(DefinitionLoaderTemplate, FnIfUsesTheTemplatesConditions) {
  const std::string kTemplate =
      "Parameters:\n"                                                     // 1
      "  Env: {Type: String, Default: dev}\n"                             // 2
      "  Stage: {Type: String}\n"                                         // 3
      "Conditions:\n"                                                     // 4
      "  IsProd: !Equals [!Ref Env, prod]\n"                              // 5
      "  IsLive: !And [!Not [!Condition IsProd], !Equals [!Ref Stage, live]]\n"  // 6
      "Resources:\n"                                                      // 7
      "  Sm:\n"                                                           // 8
      "    Type: AWS::StepFunctions::StateMachine\n"                      // 9
      "    Properties:\n"                                                 // 10
      "      Definition:\n"                                               // 11
      "        StartAt: A\n"                                              // 12
      "        States:\n"                                                 // 13
      "          A:\n"                                                    // 14
      "            Type: Wait\n"                                          // 15
      "            Seconds: !If [IsProd, 10, 20]\n"                        // 16
      "            Comment: !If [IsProd, !Ref AWS::NoValue, dev]\n"        // 17
      "            Next: B\n"                                             // 18
      "          B:\n"                                                    // 19
      "            Type: Wait\n"                                          // 20
      "            Seconds: !If [IsLive, 1, 2]\n"                          // 21
      "            End: true\n";                                          // 22
  LoadedDefinition dev = Load("template.yaml", kTemplate, With({{"Stage", "live"}}));
  EXPECT_EQ(dev.definition["States"]["A"]["Seconds"], 20);
  EXPECT_EQ(dev.definition["States"]["A"]["Comment"], "dev");
  EXPECT_EQ(dev.definition["States"]["B"]["Seconds"], 1);
  LoadedDefinition prod =
      Load("template.yaml", kTemplate, With({{"Env", "prod"}, {"Stage", "live"}}));
  EXPECT_EQ(prod.definition["States"]["A"]["Seconds"], 10);
  EXPECT_FALSE(prod.definition["States"]["A"].contains("Comment"));  // AWS::NoValue
  EXPECT_EQ(prod.definition["States"]["B"]["Seconds"], 2);
  // A user value decides a condition.
  LoadedDefinition forced =
      Load("template.yaml", kTemplate, With({{"IsProd", "true"}, {"IsLive", "false"}}));
  EXPECT_EQ(forced.definition["States"]["A"]["Seconds"], 10);
  EXPECT_EQ(forced.definition["States"]["B"]["Seconds"], 2);
  // Stage has no Default and no value: IsLive cannot be evaluated; the message says how.
  EXPECT_THAT(Errors("template.yaml", kTemplate),
              ElementsAre("template.yaml:21: /Resources/Sm/Properties/Definition/States/B/"
                          "Seconds: Fn::If IsLive needs the condition \"IsLive\" (true or "
                          "false), which cannot be evaluated locally: Ref Stage names a parameter "
                          "without a Default; supply \"IsLive\" as a substitution "
                          "(-s IsLive=VALUE or --substitutions FILE)"));
}

}  // namespace
}  // namespace asl
