// Damaged input: whatever the bytes, the loader returns a definition or located diagnostics, and
// never throws or crashes (run under the sanitizers too).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "asl/load/definition_loader.h"

namespace asl {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kJsonMachine = R"({
  "Comment": "é ${X}",
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Result": {"n": [1, -2.5e3, true, null, "\u00e9\ud83d\ude00"]},
          "Next": "B"},
    "B": {"Type": "Wait", "Seconds": 5, "End": true}
  }
})";

constexpr std::string_view kYamlTemplate =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Parameters:\n"
    "  Env: {Type: String, Default: prod}\n"
    "Resources:\n"
    "  Fn: {Type: AWS::Lambda::Function}\n"
    "  Sm:\n"
    "    Type: AWS::StepFunctions::StateMachine\n"
    "    Properties:\n"
    "      DefinitionSubstitutions:\n"
    "        Arn: !GetAtt Fn.Arn\n"
    "        Name: !Sub '${Env}-x'\n"
    "      Definition:\n"
    "        StartAt: A\n"
    "        States:\n"
    "          A: {Type: Task, Resource: '${Arn}', Comment: \"${Name}\", End: true}\n";

constexpr std::string_view kJsonTemplate = R"({
  "Resources": {
    "Sm": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionString": {"Fn::Sub": ["{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Wait\",\"Seconds\":${W},\"End\":true}}}", {"W": 3}]},
        "DefinitionSubstitutions": {"Unused": {"Fn::Join": ["-", ["a", {"Ref": "AWS::Region"}]]}}
      }
    }
  }
})";

std::string Mutate(std::string text, std::mt19937* random) {
  // With a NUL byte inside, hence the sv literal.
  static constexpr std::string_view kInteresting = "{}[]:,\"'\\$!&*|>-# \n\t\x00\xC3\xFF~?"sv;
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(*random); };
  int edits = 1 + static_cast<int>(pick(4));
  for (int e = 0; e < edits; ++e) {
    size_t at = text.empty() ? 0 : pick(text.size());
    switch (pick(4)) {
      case 0:
        if (!text.empty()) text.erase(at, 1 + pick(8));
        break;
      case 1:
        text.insert(at, 1, kInteresting[pick(kInteresting.size())]);
        break;
      case 2:
        if (!text.empty()) text[at] = kInteresting[pick(kInteresting.size())];
        break;
      default: {
        size_t from = text.empty() ? 0 : pick(text.size());
        text.insert(at, text.substr(from, 1 + pick(24)));
      }
    }
  }
  return text;
}

void ExpectWellBehaved(const std::string& text, const std::string& name) {
  LoadOptions options;
  options.substitutions = {{"X", "x"}, {"Fn.Arn", "arn"}};
  Result<LoadedDefinition, DiagnosticList> loaded = Fail(DiagnosticList());
  ASSERT_NO_THROW(loaded = LoadDefinitionText(text, name, options)) << text;
  if (loaded.ok()) {
    EXPECT_TRUE(loaded->definition.is_object()) << text;
    EXPECT_EQ(loaded->resolved_text, Dump(loaded->definition));
    return;
  }
  ASSERT_FALSE(loaded.error().empty()) << text;
  EXPECT_TRUE(loaded.error().HasErrors()) << text;
  for (const Diagnostic& diagnostic : loaded.error().items()) {
    EXPECT_FALSE(diagnostic.message.empty()) << text;
    EXPECT_FALSE(FormatDiagnostic(diagnostic, SourceMap{}).empty());
  }
}

TEST(DefinitionLoaderFuzz, DamagedInputNeverThrows) {
  std::mt19937 random(1000);
  struct Seed {
    std::string_view text;
    const char* name;
  };
  for (const Seed& seed : {Seed{kJsonMachine, "sm.json"}, Seed{kYamlTemplate, "t.yaml"},
                           Seed{kJsonTemplate, "t.json"}}) {
    ExpectWellBehaved(std::string(seed.text), seed.name);
    for (int i = 0; i < 2000; ++i) {
      ExpectWellBehaved(Mutate(std::string(seed.text), &random), seed.name);
      if (HasFatalFailure()) return;
    }
  }
}

}  // namespace
}  // namespace asl
