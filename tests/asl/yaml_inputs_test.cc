// YAML that real users and hostile inputs have (issue 16): a tag before a block scalar on its
// own line, alias bombs, an alias inside its own anchor, keys repeated in a template.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "asl/load/definition_loader.h"
#include "asl/load/yaml_tag_block_scalar.h"
#include "asl/load/yaml_to_json.h"
#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> LoadErrors(std::string_view text, std::string_view name = "sm.yaml") {
  auto loaded = LoadDefinitionText(text, std::string(name), {});
  if (loaded.ok()) return {};
  return load_test::Formatted(loaded.error());
}

// Item 15: `Result:\n  !!str |\n  {"a": 1}` failed with "end of map not found".
TEST(YamlInputsTest, TagOnItsOwnLineBeforeABlockScalar) {
  auto parsed = ParseYaml("Result:\n  !!str |\n  {\"a\": 1}\nNext: B\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error()[0].message;
  EXPECT_EQ(Dump(parsed->value), R"({"Result":"{\"a\": 1}\n","Next":"B"})");
  EXPECT_EQ(parsed->lines.at("/Next"), 4);  // the lines after it keep their numbers

  // A CloudFormation tag, folded, with a chomping indicator, in a sequence, with an anchor.
  parsed = ParseYaml("A:\n  B:\n    !Sub >-\n    x ${Y}\n    z\n  C: 1\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error()[0].message;
  EXPECT_EQ(Dump(parsed->value), R"({"A":{"B":{"Fn::Sub":"x ${Y} z"},"C":1}})");
  parsed = ParseYaml("A:\n  &x !!str |\n  text\nB: *x\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error()[0].message;
  EXPECT_EQ(Dump(parsed->value), R"({"A":"text\n","B":"text\n"})");

  // The same lines inside a block scalar are text, left alone.
  parsed = ParseYaml("Doc: |\n  Result:\n    !!str |\n    x\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->value["Doc"], "Result:\n  !!str |\n  x\n");
  // Other syntax errors are still reported where they are.
  EXPECT_THAT(LoadErrors("A: [1, 2\n"), ElementsAre(HasSubstr("sm.yaml:")));
}

TEST(YamlInputsTest, MovingTheKeyOnlyWhereTheShapeMatches) {
  std::string text = "A:\n  !!str |\n  x\n";
  EXPECT_TRUE(MoveKeyOntoTaggedBlockScalar(text, 2));
  EXPECT_EQ(text, "\nA: !!str |\n  x\n");
  std::string no_key = "- a\n  !!str |\n  x\n";
  EXPECT_FALSE(MoveKeyOntoTaggedBlockScalar(no_key, 2));
  std::string no_header = "A:\n  !!str x\n  y\n";
  EXPECT_FALSE(MoveKeyOntoTaggedBlockScalar(no_header, 2));
  std::string out_of_range = "A:\n";
  EXPECT_FALSE(MoveKeyOntoTaggedBlockScalar(out_of_range, 7));
}

// Item 7: nine levels of ten aliases each expand to 10^9 values; refused at once, located.
TEST(YamlInputsTest, AliasBombIsRefusedBeforeExpansion) {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char previous = 'a';
  for (char level = 'b'; level <= 'i'; ++level) {
    bomb += fmt::format("{0}: &{0} [*{1},*{1},*{1},*{1},*{1},*{1},*{1},*{1},*{1}]\n", level,
                        previous);
    previous = level;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> errors = LoadErrors(bomb);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("sm.yaml:"));
  EXPECT_THAT(errors[0], HasSubstr("with aliases expanded the document exceeds 1,000,000 values"));
  EXPECT_THAT(errors[0], HasSubstr("the alias to the anchor at line"));

  // Bytes count too: a long string used a million times in a few lines.
  std::string wide = "s: &s \"" + std::string(4096, 'x') + "\"\n";
  wide += "l1: &l1 [*s,*s,*s,*s,*s,*s,*s,*s,*s,*s]\n";
  wide += "l2: &l2 [*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1]\n";
  wide += "l3: &l3 [*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2]\n";
  wide += "l4: [*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3]\n";
  errors = LoadErrors(wide);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("exceeds"));
  EXPECT_THAT(errors[0], HasSubstr("/l4/"));

  // Aliases within the bounds are expanded as before.
  auto parsed = ParseYaml("x: &x [1, 2]\ny: [*x, *x]\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Dump(parsed->value), R"({"x":[1,2],"y":[[1,2],[1,2]]})");
}

TEST(YamlInputsTest, AliasInsideItsOwnAnchorIsRefused) {
  std::vector<std::string> errors = LoadErrors("a: &a [1, *a]\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("sm.yaml:1"));
  EXPECT_THAT(errors[0], HasSubstr("an alias refers to a node that contains it"));
}

// Item 22: CloudFormation keeps the last of a repeated key; in a template that is a warning.
TEST(YamlInputsTest, DuplicateKeysInATemplateAreWarnings) {
  const char* kTemplate =
      "Resources:\n"                                           // 1
      "  Sm:\n"                                                // 2
      "    Type: AWS::StepFunctions::StateMachine\n"           // 3
      "    Properties:\n"                                      // 4
      "      Definition:\n"                                    // 5
      "        StartAt: A\n"                                   // 6
      "        States:\n"                                      // 7
      "          A: {Type: Pass, End: true}\n"                 // 8
      "          A: {Type: Succeed}\n";                        // 9
  auto loaded = LoadDefinitionText(kTemplate, "template.yaml", {});
  ASSERT_TRUE(loaded.ok()) << load_test::Formatted(loaded.error())[0];
  EXPECT_EQ(loaded->definition["States"]["A"]["Type"], "Succeed");
  ASSERT_EQ(loaded->warnings.items().size(), 1u);
  EXPECT_EQ(loaded->warnings.items()[0].code, DiagnosticCode::kDuplicateTemplateKey);
  EXPECT_THAT(load_test::Formatted(loaded->warnings),
              ElementsAre("template.yaml:9:11: "
                          "/Resources/Sm/Properties/Definition/States/A: duplicate key \"A\" "
                          "(first at line 8): CloudFormation keeps this last value (warning)"));
  // In a definition it stays an error.
  EXPECT_THAT(LoadErrors("StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n"
                         "  A: {Type: Succeed}\n"),
              ElementsAre("sm.yaml:4:3: /States/A: duplicate key \"A\" (first at line 3)"));
}

}  // namespace
}  // namespace asl
