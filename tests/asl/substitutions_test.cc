#include "asl/load/substitutions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "asl/load/definition_loader.h"
#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Names(std::string_view text) {
  std::vector<std::string> names;
  for (const PlaceholderUse& use : FindPlaceholders(text)) {
    names.push_back(fmt::format("{}@{}+{}", use.name, use.offset, use.length));
  }
  return names;
}

TEST(Substitutions, FindsPlaceholders) {
  EXPECT_THAT(Names("a ${X} ${} ${Y.Z} $ {B} ${${A}} ${AWS::Region}"),
              ElementsAre("X@2+4", "Y.Z@11+6", "A@26+4", "AWS::Region@32+14"));
  EXPECT_THAT(Names("${unclosed"), ElementsAre());
}

TEST(Substitutions, ReplacesOnlyNamesWithValues) {
  SubstitutionValues values = {{"Arn", "arn:aws:lambda:us-east-1:1:function:f"}, {"N", "30"}};
  EXPECT_EQ(ReplacePlaceholders("${Arn} waits ${N}s; ${Other} ${N}", values).value(),
            "arn:aws:lambda:us-east-1:1:function:f waits 30s; ${Other} 30");
  EXPECT_EQ(ReplacePlaceholders("no placeholders", values).value(), "no placeholders");
  EXPECT_EQ(ReplacePlaceholders("${${N}}", values).value(), "${30}");
}

// StringUtils.replaceEachRepeatedly: a value may contain placeholders of other values.
TEST(Substitutions, ReplacesRepeatedlyUntilNothingChanges) {
  SubstitutionValues values = {{"A", "${B}-a"}, {"B", "${C}-b"}, {"C", "c"}};
  EXPECT_EQ(ReplacePlaceholders("${A}", values).value(), "c-b-a");
}

TEST(Substitutions, AValueLoopIsAnError) {
  EXPECT_EQ(ReplacePlaceholders("x ${A}", {{"A", "${B}"}, {"B", "${A}"}}).error(),
            "substitution never ends: ${B}, ${A} refer to each other in a loop");
  EXPECT_EQ(ReplacePlaceholders("x ${A}", {{"A", "[${A}]"}}).error(),
            "substitution never ends: the value of ${A} contains it again");
}

// AWS substitutes in the serialised JSON, without escaping the value.
TEST(Substitutions, InAJsonStringValuesLandInTheEscapedText) {
  EXPECT_EQ(ReplacePlaceholdersInJsonString("say \"${X}\"", {{"X", "hi"}}).value(), "say \"hi\"");
  EXPECT_EQ(ReplacePlaceholdersInJsonString("${X}", {{"X", "a\\nb"}}).value(), "a\nb");
  EXPECT_EQ(ReplacePlaceholdersInJsonString("${X}", {{"X", "a\"b"}}).error(),
            "after substitution the JSON text of this string is invalid (an unescaped '\"'): AWS "
            "inserts values without escaping them");
  EXPECT_EQ(ReplacePlaceholdersInJsonString("${X}", {{"X", "C:\\dir"}}).error(),
            "after substitution the JSON text of this string is invalid (invalid escape '\\d' in "
            "a string): AWS inserts values without escaping them");
}

TEST(Substitutions, ScalarTextIsWhatCloudFormationPasses) {
  EXPECT_EQ(ScalarText(Json("s")), "s");
  EXPECT_EQ(ScalarText(Json(30)), "30");
  EXPECT_EQ(ScalarText(Json(-2)), "-2");
  EXPECT_EQ(ScalarText(Json(1.5)), "1.5");
  EXPECT_EQ(ScalarText(Json(true)), "true");
  EXPECT_EQ(ScalarText(Json(false)), "false");
  EXPECT_EQ(ScalarText(Json(nullptr)), std::nullopt);
  EXPECT_EQ(ScalarText(Json::array()), std::nullopt);
  EXPECT_EQ(ScalarText(Json::object()), std::nullopt);
}

class SubstitutionsFile : public ::testing::Test {
 protected:
  std::vector<std::string> Errors(const std::string& name, std::string_view text) {
    auto values = LoadSubstitutionsFile(dir_.Write(name, text));
    if (values.ok()) return {};
    return load_test::Formatted(values.error(), dir_.path());
  }
  load_test::ScratchDir dir_;
};

TEST_F(SubstitutionsFile, ReadsAJsonObject) {
  auto values = LoadSubstitutionsFile(dir_.Write(
      "subs.json", R"({"FunctionArn": "arn:aws:lambda:us-east-1:1:function:f", "Wait": 30,
                      "Ratio": 0.5, "Enabled": true})"));
  ASSERT_TRUE(values.ok());
  EXPECT_EQ(values.value(), (std::map<std::string, std::string>{
                                {"FunctionArn", "arn:aws:lambda:us-east-1:1:function:f"},
                                {"Wait", "30"},
                                {"Ratio", "0.5"},
                                {"Enabled", "true"}}));
}

TEST_F(SubstitutionsFile, ReadsAYamlObject) {
  auto values = LoadSubstitutionsFile(
      dir_.Write("subs.yaml", "TableName: orders\nWait: 30\nQuoted: \"007\"\nFlag: false\n"));
  ASSERT_TRUE(values.ok());
  EXPECT_EQ(values.value(), (std::map<std::string, std::string>{
                                {"TableName", "orders"}, {"Wait", "30"}, {"Quoted", "007"},
                                {"Flag", "false"}}));
}

TEST_F(SubstitutionsFile, ReadsCloudFormationParameterFiles) {
  auto values = LoadSubstitutionsFile(dir_.Write(
      "params.json", R"([{"ParameterKey": "Env", "ParameterValue": "prod"},
                         {"ParameterKey": "Count", "ParameterValue": 3}])"));
  ASSERT_TRUE(values.ok());
  EXPECT_EQ(values.value(),
            (std::map<std::string, std::string>{{"Env", "prod"}, {"Count", "3"}}));
}

TEST_F(SubstitutionsFile, EveryBadValueIsReported) {
  EXPECT_THAT(Errors("subs.json", "{\n  \"A\": null,\n  \"B\": [1],\n  \"C\": \"ok\"\n}"),
              ElementsAre("subs.json:2: /A: the value of \"A\" must be a string, number or "
                          "boolean, not null",
                          "subs.json:3: /B: the value of \"B\" must be a string, number or "
                          "boolean, not an array"));
  EXPECT_THAT(Errors("params.json", R"([{"ParameterKey": "A"}, "x"])"),
              ElementsAre("params.json:1: /0: expected {\"ParameterKey\": name, "
                          "\"ParameterValue\": value}",
                          "params.json:1: /1: expected {\"ParameterKey\": name, "
                          "\"ParameterValue\": value}"));
  EXPECT_THAT(Errors("subs.yaml", "just a string\n"),
              ElementsAre("subs.yaml:1: a substitutions file is an object of name: value, not a "
                          "string"));
  EXPECT_THAT(Errors("subs.json", "{\"A\": 1,}"),
              ElementsAre("subs.json:1:9: expected a key after ',', found '}' (JSON allows no "
                          "trailing comma)"));
}

TEST_F(SubstitutionsFile, AMissingFileIsReported) {
  auto values = LoadSubstitutionsFile(dir_.Path("nope.json"));
  ASSERT_FALSE(values.ok());
  EXPECT_THAT(load_test::Formatted(values.error(), dir_.path()),
              ElementsAre("nope.json: cannot read: No such file or directory"));
}

}  // namespace
}  // namespace asl
