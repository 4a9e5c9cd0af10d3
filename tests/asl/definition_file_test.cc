// ReadDefinitionFile end to end: what a user of a file with placeholders, or a file too big for
// AWS, reads (issue 16, items 11 and 21).

#include "asl/load/definition_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Item 21: a third of public definitions are written with ${Name} placeholders. The loader's
// warning is shown (it used to be dropped), once per place, and the validation problem the
// placeholder causes says so and how to give it a value.
TEST(DefinitionFileTest, PlaceholdersAreExplainedWhereTheyBreakValidation) {
  load_test::ScratchDir dir;
  std::string path = dir.Write("flow.asl.json", R"json({
  "StartAt": "Call",
  "States": {
    "Call": {"Type": "Task", "Resource": "${FunctionArn}", "Next": "Say"},
    "Say": {"Type": "Pass", "Parameters": {"m.$": "States.Format('${Greeting} {}', $.n)"},
            "End": true}
  }
})json");
  DefinitionFile file = ReadDefinitionFile(path, LoadOptions{});
  EXPECT_FALSE(file.valid());
  std::vector<std::string> messages;
  for (std::string message : file.messages) {
    message.erase(0, dir.path().size() + 1);
    messages.push_back(message);
  }
  auto find = [&](std::string_view part) -> std::string {
    for (const std::string& message : messages) {
      if (message.find(part) != std::string::npos) return message;
    }
    ADD_FAILURE() << "no message has " << part << " in " << ::testing::PrintToString(messages);
    return "";
  };
  EXPECT_EQ(messages[0],
            "flow.asl.json:4: /States/Call/Resource: ${FunctionArn} looks like a "
            "DefinitionSubstitutions placeholder but has no value, so it stays as written and "
            "the definition is checked with it; supply it with -s FunctionArn=VALUE or "
            "--substitutions FILE (in a world file, the state machine's \"substitutions\") "
            "(warning)");
  EXPECT_THAT(find("${Greeting} looks like"),
              HasSubstr("flow.asl.json:5: /States/Say/Parameters/m.$: ${Greeting} looks like a "
                        "DefinitionSubstitutions placeholder"));
  std::string arn = find("is not a valid resource ARN");
  EXPECT_THAT(arn, HasSubstr("flow.asl.json:4: /States/Call/Resource: \"${FunctionArn}\""));
  EXPECT_THAT(arn, HasSubstr("(the value holds ${FunctionArn}, a DefinitionSubstitutions "
                             "placeholder with no value: supply it with -s FunctionArn=VALUE or "
                             "--substitutions FILE"));
  // Each problem once: one warning per placeholder, one note per validation problem.
  size_t warnings = 0;
  for (const std::string& message : messages) {
    warnings += message.find("(warning)") != std::string::npos;
  }
  EXPECT_EQ(warnings, 2u);
  // With values, nothing is left to say.
  LoadOptions options;
  options.substitutions = {{"FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:f"},
                           {"Greeting", "Hello"}};
  DefinitionFile substituted = ReadDefinitionFile(path, options);
  EXPECT_TRUE(substituted.valid());
  EXPECT_TRUE(substituted.messages.empty()) << ::testing::PrintToString(substituted.messages);
}

// Item 11: AWS refuses a definition over 1,048,576 characters (CreateStateMachine); so does
// sfnsim, located at the file (or at the template's definition property).
TEST(DefinitionFileTest, DefinitionsOverOneMebibyteAreRefused) {
  load_test::ScratchDir dir;
  auto definition_of = [](size_t comment_length) {
    return R"({"Comment": ")" + std::string(comment_length, 'c') +
           R"(", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}})";
  };
  const size_t overhead = definition_of(0).size();
  std::string at_limit = dir.Write("at.json", definition_of(kMaxDefinitionCharacters - overhead));
  DefinitionFile ok = ReadDefinitionFile(at_limit, LoadOptions{});
  EXPECT_TRUE(ok.valid()) << ::testing::PrintToString(ok.messages);
  EXPECT_EQ(ok.loaded.definition_characters, kMaxDefinitionCharacters);

  std::string over = dir.Write("over.json", definition_of(kMaxDefinitionCharacters - overhead + 1));
  DefinitionFile refused = ReadDefinitionFile(over, LoadOptions{});
  EXPECT_FALSE(refused.valid());
  ASSERT_EQ(refused.diagnostics.size(), 1u);
  EXPECT_EQ(refused.diagnostics[0].code, DiagnosticCode::kDefinitionTooLarge);
  EXPECT_THAT(refused.messages[0],
              HasSubstr("over.json:1: the definition is 1,048,577 characters long; AWS accepts "
                        "at most 1,048,576"));

  // Characters, not bytes: 1,048,576 two-byte characters fit.
  std::string wide = R"({"Comment": ")";
  for (size_t i = 0; i < kMaxDefinitionCharacters - overhead; ++i) wide += "\xC3\xA9";
  wide += R"(", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}})";
  EXPECT_TRUE(ReadDefinitionFile(dir.Write("wide.json", wide), LoadOptions{}).valid());

  // In a template, the Definition object is measured as the JSON AWS receives.
  std::string big_template =
      "Resources:\n  Sm:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
      "      Definition:\n        Comment: " +
      std::string(kMaxDefinitionCharacters, 'c') +
      "\n        StartAt: A\n        States:\n          A: {Type: Succeed}\n";
  DefinitionFile from_template =
      ReadDefinitionFile(dir.Write("template.yaml", big_template), LoadOptions{});
  EXPECT_FALSE(from_template.valid());
  ASSERT_FALSE(from_template.messages.empty());
  EXPECT_THAT(from_template.messages[0],
              HasSubstr("template.yaml:5: /Resources/Sm/Properties/Definition: the definition is "
                        "1,048,638 characters long as the JSON AWS receives"));
  // Read, but refused for what it says: an invalid definition (InvalidDefinition on AWS).
  EXPECT_TRUE(refused.InvalidDefinition());
  EXPECT_TRUE(from_template.InvalidDefinition());
}

// A document that was read but is no definition is an invalid definition (the CLI's exit 1),
// like one the parser refuses; text that cannot be read or parsed is not (exit 2).
TEST(DefinitionFileTest, TellsAnInvalidDefinitionFromAnUnreadableFile) {
  load_test::ScratchDir dir;
  auto read = [&](const std::string& name, const std::string& text) {
    return ReadDefinitionFile(dir.Write(name, text), LoadOptions{});
  };
  DefinitionFile array = read("array.json", "[1, 2]\n");
  EXPECT_TRUE(array.InvalidDefinition()) << ::testing::PrintToString(array.messages);
  EXPECT_TRUE(read("words.yaml", "just some words\n").InvalidDefinition());

  for (const char* name : {"dup.json", "dup.yaml"}) {
    std::string text = std::string(name).ends_with(".json")
                           ? "{\"StartAt\": \"A\",\n \"StartAt\": \"B\",\n \"States\": {}}\n"
                           : "StartAt: A\nStartAt: B\nStates: {}\n";
    DefinitionFile duplicate = read(name, text);
    ASSERT_FALSE(duplicate.diagnostics.empty()) << name;
    EXPECT_THAT(duplicate.messages[0], HasSubstr(std::string(name) + ":2:"));
    EXPECT_THAT(duplicate.messages[0], HasSubstr("duplicate key \"StartAt\" (first at line 1)"));
    EXPECT_TRUE(duplicate.InvalidDefinition()) << name;
  }

  DefinitionFile parser_refused =
      read("next.json", R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}})");
  EXPECT_TRUE(parser_refused.InvalidDefinition());

  EXPECT_FALSE(read("cut.json", "{\"StartAt\": \"A\",\n").InvalidDefinition());
  EXPECT_FALSE(read("empty.json", "").InvalidDefinition());
  // A duplicate key next to a syntax error: the text cannot be read as a whole.
  EXPECT_FALSE(read("both.json", "{\"a\": 1, \"a\": 2, \"b\": }").InvalidDefinition());
  EXPECT_FALSE(ReadDefinitionFile(dir.Path("missing.json"), LoadOptions{}).InvalidDefinition());
  EXPECT_FALSE(read("ok.json", R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}})")
                   .InvalidDefinition());
}

}  // namespace
}  // namespace asl
