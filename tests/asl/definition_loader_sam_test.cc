// The loader on AWS::Serverless::StateMachine: Definition and DefinitionUri.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "asl/load/definition_loader.h"
#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;

using DefinitionLoaderSam = load_test::LoaderTest;

constexpr std::string_view kSamInline =
    "Transform: AWS::Serverless-2016-10-31\n"               // 1
    "Resources:\n"                                          // 2
    "  Fn:\n"                                               // 3
    "    Type: AWS::Serverless::Function\n"                 // 4
    "  Machine:\n"                                          // 5
    "    Type: AWS::Serverless::StateMachine\n"             // 6
    "    Properties:\n"                                     // 7
    "      Type: STANDARD\n"                                // 8
    "      Name: !Sub \"${AWS::StackName}-machine\"\n"      // 9
    "      Definition:\n"                                   // 10
    "        StartAt: Call\n"                               // 11
    "        States:\n"                                     // 12
    "          Call:\n"                                     // 13
    "            Type: Task\n"                              // 14
    "            Resource: !GetAtt Fn.Arn\n"                // 15
    "            Retry: [{ErrorEquals: [States.ALL]}]\n"    // 16
    "            End: true\n";                              // 17

TEST_F(DefinitionLoaderSam, FunctionCallsInsideASamDefinitionAreResolved) {
  EXPECT_THAT(Errors("template.yaml", kSamInline),
              ElementsAre("template.yaml:15: /Resources/Machine/Properties/Definition/States/"
                          "Call/Resource: Fn::GetAtt Fn.Arn is known only after deploy; supply "
                          "\"Fn.Arn\" as a substitution "
                          "(-s Fn.Arn=VALUE or --substitutions FILE)"));
  LoadedDefinition loaded =
      Load("template.yaml", kSamInline, With({{"Fn.Arn", "arn:aws:lambda:us-east-1:1:function:f"}}));
  EXPECT_EQ(loaded.resolved_text,
            R"({"StartAt":"Call","States":{"Call":{"Type":"Task",)"
            R"("Resource":"arn:aws:lambda:us-east-1:1:function:f",)"
            R"("Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}}})");
  EXPECT_EQ(loaded.format, DefinitionFormat::kSam);
  EXPECT_EQ(loaded.state_machine_type, "STANDARD");
  EXPECT_EQ(loaded.state_machine_name, "");  // AWS::StackName has no local default
  loaded = Load("template.yaml", kSamInline, With({{"Fn.Arn", "f"}, {"AWS::StackName", "app"}}));
  EXPECT_EQ(loaded.state_machine_name, "app-machine");
}

constexpr std::string_view kSamUri =
    "Transform: AWS::Serverless-2016-10-31\n"               // 1
    "Parameters:\n"                                         // 2
    "  Delay: {Type: Number}\n"                             // 3
    "Resources:\n"                                          // 4
    "  Fn:\n"                                               // 5
    "    Type: AWS::Serverless::Function\n"                 // 6
    "  Machine:\n"                                          // 7
    "    Type: AWS::Serverless::StateMachine\n"             // 8
    "    Properties:\n"                                     // 9
    "      DefinitionUri: statemachine/flow.asl.json\n"     // 10
    "      DefinitionSubstitutions:\n"                      // 11
    "        FnArn: !GetAtt Fn.Arn\n"                       // 12
    "        Seconds: 10\n";                                // 13

constexpr std::string_view kFlow =
    "{\n"
    "  \"StartAt\": \"Wait\",\n"
    "  \"States\": {\n"
    "    \"Wait\": {\"Type\": \"Wait\", \"Seconds\": ${Seconds}, \"Next\": \"Call\"},\n"
    "    \"Call\": {\"Type\": \"Task\", \"Resource\": \"${FnArn}\", \"End\": true}\n"
    "  }\n"
    "}\n";

TEST_F(DefinitionLoaderSam, LoadsASamDefinitionUriRelativeToTheTemplate) {
  dir_.Write("app/statemachine/flow.asl.json", kFlow);
  EXPECT_THAT(Errors("app/template.yaml", kSamUri),
              ElementsAre("app/statemachine/flow.asl.json:5: /States/Call/Resource: ${FnArn} has "
                          "no value: DefinitionSubstitutions gives Fn::GetAtt Fn.Arn, which is "
                          "known only after deploy; supply \"FnArn\" as a substitution "
                          "(-s FnArn=VALUE or --substitutions FILE)"));
  LoadedDefinition loaded = Load("app/template.yaml", kSamUri, With({{"FnArn", "arn:f"}}));
  EXPECT_EQ(loaded.resolved_text,
            R"({"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":10,"Next":"Call"},)"
            R"("Call":{"Type":"Task","Resource":"arn:f","End":true}}})");
  EXPECT_EQ(loaded.format, DefinitionFormat::kSam);
  EXPECT_EQ(loaded.logical_id, "Machine");
  EXPECT_EQ(loaded.source.file, dir_.Path("app/statemachine/flow.asl.json"));
  EXPECT_EQ(loaded.source.pointer_prefix, "");
  EXPECT_EQ(loaded.source.LineOf("/States/Call/End"), 5);
}

TEST_F(DefinitionLoaderSam, ADefinitionUriFileMayBeYaml) {
  dir_.Write("flow.asl.yaml",
             "StartAt: Wait\n"
             "States:\n"
             "  Wait:\n"
             "    Type: Wait\n"
             "    Seconds: ${Seconds}\n"
             "    End: true\n");
  std::string sam(kSamUri);
  sam.replace(sam.find("statemachine/flow.asl.json"), 26, "flow.asl.yaml");
  sam.replace(sam.find("Seconds: 10"), 11, "Seconds: !Ref Delay");
  EXPECT_THAT(Errors("template.yaml", sam),
              ElementsAre("flow.asl.yaml:5: /States/Wait/Seconds: ${Seconds} has no value: "
                          "DefinitionSubstitutions gives Ref Delay, which names a parameter "
                          "without a Default; supply \"Seconds\" as a substitution "
                          "(-s Seconds=VALUE or --substitutions FILE)"));
  // Substituted before parsing: the plain scalar becomes a YAML integer.
  LoadedDefinition loaded = Load("template.yaml", sam, With({{"Delay", "15"}}));
  EXPECT_EQ(loaded.definition["States"]["Wait"]["Seconds"], 15);
  EXPECT_TRUE(loaded.definition["States"]["Wait"]["Seconds"].is_number_integer());
}

TEST_F(DefinitionLoaderSam, AMissingUnquotedPlaceholderInAFileIsLocatedByLineAndColumn) {
  dir_.Write("statemachine/flow.asl.json", kFlow);
  std::string sam(kSamUri);
  sam.replace(sam.find("Seconds: 10"), 11, "Seconds: !Ref Delay");
  EXPECT_THAT(Errors("template.yaml", sam, With({{"FnArn", "arn:f"}})),
              ElementsAre("statemachine/flow.asl.json:4:41: ${Seconds} has no value: "
                          "DefinitionSubstitutions gives Ref Delay, which names a parameter "
                          "without a Default; supply \"Seconds\" as a substitution "
                          "(-s Seconds=VALUE or --substitutions FILE)"));
}

TEST_F(DefinitionLoaderSam, AnUnreadableDefinitionUriIsReported) {
  std::string sam(kSamUri);
  sam.replace(sam.find("statemachine/flow.asl.json"), 26, "statemachine/missing.json");
  EXPECT_THAT(Errors("template.yaml", sam),
              ElementsAre("template.yaml:10: /Resources/Machine/Properties/DefinitionUri: "
                          "DefinitionUri \"statemachine/missing.json\" names no readable file: "
                          "statemachine/missing.json: cannot read: No such file or directory"));
  auto loaded = LoadDefinitionFile(dir_.Path("template.yaml"), {});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().items()[0].code, DiagnosticCode::kTemplateDefinitionUri);
}

TEST_F(DefinitionLoaderSam, ADefinitionUriMayBeComputed) {
  dir_.Write("flows/prod.asl.json", R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}})");
  constexpr std::string_view kTemplate =
      "Transform: AWS::Serverless-2016-10-31\n"
      "Parameters:\n"
      "  Env: {Type: String, Default: prod}\n"
      "Resources:\n"
      "  Machine:\n"
      "    Type: AWS::Serverless::StateMachine\n"
      "    Properties:\n"
      "      DefinitionUri: !Sub flows/${Env}.asl.json\n";
  LoadedDefinition loaded = Load("template.yaml", kTemplate);
  EXPECT_EQ(loaded.source.file, dir_.Path("flows/prod.asl.json"));
  EXPECT_EQ(loaded.resolved_text, R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})");
  EXPECT_THAT(Errors("template.yaml", kTemplate, With({{"Env", "dev"}})),
              ElementsAre("template.yaml:8: /Resources/Machine/Properties/DefinitionUri: "
                          "DefinitionUri \"flows/dev.asl.json\" names no readable file: "
                          "flows/dev.asl.json: cannot read: No such file or directory"));
}

}  // namespace
}  // namespace asl
