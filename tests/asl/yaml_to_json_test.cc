#include "asl/load/yaml_to_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "asl/load/definition_loader.h"
#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;

Json Yaml(std::string_view text) {
  auto parsed = ParseYaml(text);
  if (!parsed.ok()) {
    ADD_FAILURE() << parsed.error()[0].message;
    return nullptr;
  }
  return parsed->value;
}

std::vector<std::string> YamlErrors(std::string_view text) {
  auto loaded = LoadDefinitionText(text, "sm.yaml", {});
  if (loaded.ok()) return {};
  return load_test::Formatted(loaded.error());
}

TEST(YamlToJson, PlainScalarsFollowTheCoreSchema) {
  Json value = Yaml(
      "s1: \"true\"\n"
      "s2: 'null'\n"
      "s3: \"42\"\n"
      "b1: true\n"
      "b2: False\n"
      "b3: TRUE\n"
      "n1: ~\n"
      "n2: null\n"
      "n3:\n"
      "i1: 42\n"
      "i2: -7\n"
      "i3: +5\n"
      "i4: 007\n"
      "i5: 0x1F\n"
      "i6: 0o17\n"
      "i7: 9223372036854775808\n"
      "f1: 1.5\n"
      "f2: 1.0\n"
      "f3: .5\n"
      "f4: 1e3\n"
      "f5: -2.5E-1\n"
      "f6: 3.\n"
      "w1: yes\n"
      "w2: on\n"
      "w3: 1_000\n"
      "w4: 0b101\n"
      "w5: 12:30\n"
      "w6: 0x\n"
      "w7: 1.2.3\n"
      "lit: |\n"
      "  a\n"
      "  b\n"
      "fold: >\n"
      "  a\n"
      "  b\n"
      "str_tag: !!str 42\n"
      "int_tag: !!int \"42\"\n"
      "float_tag: !!float 1\n"
      "bool_tag: !!bool true\n"
      "null_tag: !!null ~\n"
      "nonspecific: ! 12\n");
  EXPECT_EQ(Dump(value),
            R"({"s1":"true","s2":"null","s3":"42","b1":true,"b2":false,"b3":true,)"
            R"("n1":null,"n2":null,"n3":null,"i1":42,"i2":-7,"i3":5,"i4":7,"i5":31,"i6":15,)"
            R"("i7":9223372036854775808,"f1":1.5,"f2":1.0,"f3":0.5,"f4":1000.0,"f5":-0.25,)"
            R"("f6":3.0,"w1":"yes","w2":"on","w3":"1_000","w4":"0b101","w5":"12:30","w6":"0x",)"
            R"("w7":"1.2.3","lit":"a\nb\n","fold":"a b\n","str_tag":"42","int_tag":42,)"
            R"("float_tag":1.0,"bool_tag":true,"null_tag":null,"nonspecific":"12"})");
  EXPECT_TRUE(value["i1"].is_number_integer());
  EXPECT_TRUE(value["i7"].is_number_unsigned());
  EXPECT_TRUE(value["f2"].is_number_float());
  EXPECT_TRUE(value["f4"].is_number_float());
}

TEST(YamlToJson, KeepsKeyOrderAndTakesKeysAsWritten) {
  Json value = Yaml("z: 1\n\"a\": 2\n10: 3\ntrue: 4\nnull: 5\n");
  EXPECT_EQ(Dump(value), R"({"z":1,"a":2,"10":3,"true":4,"null":5})");
}

TEST(YamlToJson, ShortFormTagsBecomeTheLongForm) {
  auto parsed = ParseYaml(
      "r: !Ref Param\n"
      "n: !Ref 5\n"
      "g1: !GetAtt Fn.Arn\n"
      "g2: !GetAtt [Fn, Arn]\n"
      "g3: !GetAtt Res.Outputs.Value\n"
      "s1: !Sub \"arn:${AWS::Partition}:x\"\n"
      "s2: !Sub\n"
      "  - \"${A}-${B}\"\n"
      "  - A: 1\n"
      "    B: !Ref B\n"
      "j: !Join [\",\", [a, !Ref P]]\n"
      "i: !If [Cond, 1, !Ref AWS::NoValue]\n"
      "c: !Condition IsProd\n"
      "b: !Base64 text\n"
      "m: !FindInMap [M, K, V]\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Dump(parsed->value),
            R"({"r":{"Ref":"Param"},"n":{"Ref":"5"},"g1":{"Fn::GetAtt":["Fn","Arn"]},)"
            R"("g2":{"Fn::GetAtt":["Fn","Arn"]},"g3":{"Fn::GetAtt":["Res","Outputs.Value"]},)"
            R"("s1":{"Fn::Sub":"arn:${AWS::Partition}:x"},)"
            R"("s2":{"Fn::Sub":["${A}-${B}",{"A":1,"B":{"Ref":"B"}}]},)"
            R"("j":{"Fn::Join":[",",["a",{"Ref":"P"}]]},)"
            R"("i":{"Fn::If":["Cond",1,{"Ref":"AWS::NoValue"}]},"c":{"Condition":"IsProd"},)"
            R"("b":{"Fn::Base64":"text"},"m":{"Fn::FindInMap":["M","K","V"]}})");
  EXPECT_EQ(parsed->lines.at("/s2"), 7);
  EXPECT_EQ(parsed->lines.at("/s2/Fn::Sub"), 7);
  EXPECT_EQ(parsed->lines.at("/s2/Fn::Sub/1"), 9);
  EXPECT_EQ(parsed->lines.at("/s2/Fn::Sub/1/B"), 10);
  EXPECT_EQ(parsed->lines.at("/s2/Fn::Sub/1/B/Ref"), 10);
}

TEST(YamlToJson, RecordsTheLineOfEveryValue) {
  auto parsed = ParseYaml(
      "# a comment\n"
      "Comment: x\n"
      "StartAt: A\n"
      "States:\n"
      "  A:\n"
      "    Type: Pass\n"
      "    Result:\n"
      "      - 1\n"
      "      - k: v\n"
      "        flow: {x: [1, 2]}\n"
      "    End: true\n");
  ASSERT_TRUE(parsed.ok());
  const auto& lines = parsed->lines;
  EXPECT_EQ(lines.at(""), 2);
  EXPECT_EQ(lines.at("/Comment"), 2);
  EXPECT_EQ(lines.at("/StartAt"), 3);
  EXPECT_EQ(lines.at("/States"), 4);
  EXPECT_EQ(lines.at("/States/A"), 5);
  EXPECT_EQ(lines.at("/States/A/Type"), 6);
  EXPECT_EQ(lines.at("/States/A/Result"), 7);
  EXPECT_EQ(lines.at("/States/A/Result/0"), 8);
  EXPECT_EQ(lines.at("/States/A/Result/1"), 9);
  EXPECT_EQ(lines.at("/States/A/Result/1/k"), 9);
  EXPECT_EQ(lines.at("/States/A/Result/1/flow"), 10);
  EXPECT_EQ(lines.at("/States/A/Result/1/flow/x"), 10);
  EXPECT_EQ(lines.at("/States/A/Result/1/flow/x/1"), 10);
  EXPECT_EQ(lines.at("/States/A/End"), 11);
  EXPECT_EQ(lines.size(), 15u);
}

TEST(YamlToJson, DocumentMarkersAndDirectivesAroundOneDocument) {
  EXPECT_EQ(Dump(Yaml("%YAML 1.2\n---\nStartAt: A # comment\n...\n# trailing comment\n")),
            R"({"StartAt":"A"})");
  EXPECT_EQ(Dump(Yaml("--- {StartAt: A}\n")), R"({"StartAt":"A"})");
  EXPECT_EQ(Dump(Yaml("text: |\n  ---- not a marker\n")), R"({"text":"---- not a marker\n"})");
}

TEST(YamlToJson, AnchorsAndAliasesAreExpanded) {
  EXPECT_EQ(Dump(Yaml("base: &retry {ErrorEquals: [States.ALL], MaxAttempts: 2}\n"
                      "copy: *retry\n")),
            R"({"base":{"ErrorEquals":["States.ALL"],"MaxAttempts":2},)"
            R"("copy":{"ErrorEquals":["States.ALL"],"MaxAttempts":2}})");
}

TEST(YamlToJson, ValuesWithoutAJsonEquivalentAreErrors) {
  EXPECT_THAT(YamlErrors("a: .inf\nb: -.Inf\nc: .NaN\n"),
              ElementsAre("sm.yaml:1:4: /a: .inf has no JSON equivalent; quote it to keep it a "
                          "string",
                          "sm.yaml:2:4: /b: -.Inf has no JSON equivalent; quote it to keep it a "
                          "string",
                          "sm.yaml:3:4: /c: .NaN has no JSON equivalent; quote it to keep it a "
                          "string"));
  EXPECT_THAT(YamlErrors("a: 0x1FFFFFFFFFFFFFFFF\n"),
              ElementsAre("sm.yaml:1:4: /a: 0x1FFFFFFFFFFFFFFFF is out of range"));
  EXPECT_THAT(YamlErrors("a: 1e999\n"), ElementsAre("sm.yaml:1:4: /a: 1e999 is out of range"));
}

TEST(YamlToJson, TagsThatDoNotFitAreErrors) {
  EXPECT_THAT(YamlErrors("a: !!int abc\nb: !!bool 1\nc: !!null x\nd: !!int 1.5\n"),
              ElementsAre("sm.yaml:1:4: /a: \"abc\" is not a valid !!int value",
                          "sm.yaml:2:4: /b: \"1\" is not a valid !!bool value",
                          "sm.yaml:3:4: /c: \"x\" is not a valid !!null value",
                          "sm.yaml:4:4: /d: \"1.5\" is not a valid !!int value"));
  EXPECT_THAT(YamlErrors("a: !Foo x\nb: !!binary aGk=\nc: !!map [1]\n"),
              ElementsAre("sm.yaml:1:4: /a: unknown tag !Foo (not a CloudFormation intrinsic "
                          "function)",
                          "sm.yaml:2:4: /b: unsupported YAML tag tag:yaml.org,2002:binary",
                          "sm.yaml:3:4: /c: unsupported YAML tag tag:yaml.org,2002:map"));
}

TEST(YamlToJson, EveryDuplicateKeyIsReported) {
  EXPECT_THAT(YamlErrors("StartAt: A\n"
                         "States:\n"
                         "  A: {Type: Pass, End: true}\n"
                         "  B:\n"
                         "    Type: Pass\n"
                         "    Type: Succeed\n"
                         "  A: {Type: Succeed}\n"
                         "StartAt: B\n"),
              ElementsAre("sm.yaml:6:5: /States/B/Type: duplicate key \"Type\" (first at line 5)",
                          "sm.yaml:7:3: /States/A: duplicate key \"A\" (first at line 3)",
                          "sm.yaml:8:1: /StartAt: duplicate key \"StartAt\" (first at line 1)"));
}

TEST(YamlToJson, BigMappingsKeepOrderAndFindDuplicates) {
  std::string text;
  for (int i = 40; i > 0; --i) text += fmt::format("k{}: {}\n", i, i);
  EXPECT_THAT(YamlErrors(text + "k7: 0\n"),
              ElementsAre("sm.yaml:41:1: /k7: duplicate key \"k7\" (first at line 34)"));
  Json value = Yaml(text);
  EXPECT_EQ(value.size(), 40u);
  EXPECT_EQ(value.begin().key(), "k40");
  EXPECT_EQ(value["k7"], 7);
}

TEST(YamlToJson, SyntaxErrorsAreLocated) {
  EXPECT_THAT(YamlErrors("a: 1\n b: 2\n"), ElementsAre("sm.yaml:2:3: illegal map value"));
  EXPECT_THAT(YamlErrors("a: [1, 2\n"),
              ElementsAre("sm.yaml:2:1: end of sequence flow not found"));
  EXPECT_THAT(YamlErrors("a: 1\n---\nb: 2\n"),
              ElementsAre("sm.yaml:2:1: a second YAML document; a definition file holds exactly "
                          "one"));
  EXPECT_THAT(YamlErrors("a: 1\n...\n# fine\nb: 2\n"),
              ElementsAre("sm.yaml:4:1: a second YAML document; a definition file holds exactly "
                          "one"));
  // yaml-cpp 0.7 reads nothing (and LoadAll would loop forever) on a stray flow indicator.
  EXPECT_THAT(YamlErrors("# c\n  ,a: 1\nb: 2\n"),
              ElementsAre("sm.yaml:2:3: expected a YAML mapping, found \",a: 1\""));
  EXPECT_THAT(YamlErrors("~\n"), ElementsAre("sm.yaml:1:1: expected a YAML mapping, found \"~\""));
  EXPECT_THAT(YamlErrors("# only a comment\n"), ElementsAre("sm.yaml: the document is empty"));
  EXPECT_THAT(YamlErrors("? [a]\n: 1\n"),
              ElementsAre("sm.yaml:1:3: a mapping key must be a scalar (JSON keys are strings)"));
}

// yaml-cpp stops deep nesting itself (DeepRecursion, "bad file"); the message says why, and
// where, whether the nesting is block or flow.
TEST(YamlToJson, NestingTooDeepForTheParserIsNamed) {
  std::string block = "a:\n  " ;
  for (int i = 0; i < 5000; ++i) block += "- ";
  block += "x\n";
  std::string flow = "a: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  for (const std::string& text : {block, flow}) {
    std::vector<std::string> errors = YamlErrors(text);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_THAT(errors[0], ::testing::MatchesRegex("sm\\.yaml:[12]:[0-9]+: nested more than 256 "
                                                   "levels deep \\(the YAML parser stops at "
                                                   "[0-9]+\\)"));
  }
}

TEST(YamlToJson, AnAliasInsideItsOwnAnchorIsAnError) {
  EXPECT_THAT(YamlErrors("a: &x [*x]\n"),
              ElementsAre("sm.yaml:1: an alias refers to a node that contains it (the anchor at "
                          "line 1): its expansion never ends"));
}

TEST(YamlToJson, TheTopLevelMustBeAnObject) {
  EXPECT_THAT(YamlErrors("- a\n- b\n"),
              ElementsAre("sm.yaml:1: the definition is an array; it must be a JSON object"));
  EXPECT_THAT(YamlErrors("just text\n"),
              ElementsAre("sm.yaml:1: the definition is a string; it must be a JSON object"));
}

TEST(YamlToJson, LoadsAslWrittenInYaml) {
  auto loaded = LoadDefinitionText(
      "Comment: Workflow Studio export\n"
      "StartAt: Wait\n"
      "States:\n"
      "  Wait:\n"
      "    Type: Wait\n"
      "    Seconds: 5\n"
      "    Next: Done\n"
      "  Done:\n"
      "    Type: Succeed\n",
      "flow.asl.yaml", {});
  ASSERT_TRUE(loaded.ok()) << load_test::Formatted(loaded.error())[0];
  EXPECT_EQ(loaded->format, DefinitionFormat::kYaml);
  EXPECT_EQ(loaded->resolved_text,
            R"({"Comment":"Workflow Studio export","StartAt":"Wait","States":{"Wait":{"Type":)"
            R"("Wait","Seconds":5,"Next":"Done"},"Done":{"Type":"Succeed"}}})");
  EXPECT_EQ(loaded->source.file, "flow.asl.yaml");
  EXPECT_EQ(loaded->source.LineOf("/States/Done/Type"), 9);
  EXPECT_TRUE(loaded->warnings.empty());
}

// Emits `value` as block YAML: strings double-quoted, numbers as JSON writes them, keys plain
// where the emitter allows.
void EmitYaml(const Json& value, YAML::Emitter* out) {
  switch (value.type()) {
    case Json::value_t::object:
      *out << YAML::BeginMap;
      for (const auto& [key, member] : value.items()) {
        *out << YAML::Key << key << YAML::Value;
        EmitYaml(member, out);
      }
      *out << YAML::EndMap;
      break;
    case Json::value_t::array:
      *out << YAML::BeginSeq;
      for (const Json& element : value) EmitYaml(element, out);
      *out << YAML::EndSeq;
      break;
    case Json::value_t::string:
      *out << YAML::DoubleQuoted << value.get<std::string>();
      break;
    case Json::value_t::null:
      *out << YAML::Null;
      break;
    case Json::value_t::boolean:
      *out << value.get<bool>();
      break;
    default:
      *out << Dump(value);  // a number, as JSON writes it: a plain scalar
  }
}

// Every definition AWS ran in the recorded executions, written as YAML, loads back to the same
// JSON, key order included.
TEST(YamlToJson, EveryRecordedDefinitionRoundTripsThroughYaml) {
  std::filesystem::path dir = std::filesystem::path(SFNSIM_SHARED_DIR) / "conformance/aws-recorded";
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    Json definition = Json::parse(in)["definition"];
    YAML::Emitter emitter;
    EmitYaml(definition, &emitter);
    ASSERT_TRUE(emitter.good()) << entry.path() << ": " << emitter.GetLastError();
    auto loaded = LoadDefinitionText(emitter.c_str(), entry.path().stem().string() + ".yaml", {});
    ASSERT_TRUE(loaded.ok()) << entry.path() << ": " << load_test::Formatted(loaded.error())[0];
    EXPECT_EQ(loaded->definition, definition) << entry.path();
    EXPECT_EQ(loaded->resolved_text, Dump(definition)) << entry.path();
    ++count;
  }
  EXPECT_EQ(count, 80u);
}

}  // namespace
}  // namespace asl
