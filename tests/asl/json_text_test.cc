#include "asl/load/json_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "asl/load/definition_loader.h"
#include "tests/asl/load_test_util.h"

namespace asl {
namespace {

using ::testing::ElementsAre;

// Loads `text` as the file "sm.json" and returns the formatted diagnostics ({} on success).
std::vector<std::string> JsonErrors(std::string_view text) {
  auto loaded = LoadDefinitionText(text, "sm.json", {});
  if (loaded.ok()) return {};
  return load_test::Formatted(loaded.error());
}

TEST(JsonText, ParsesValuesAndKeepsKeyOrder) {
  auto parsed = ParseJson(R"({"b": [1, -2, 1.5, true, false, null], "a": {"z": "s", "y": {}}})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Dump(parsed->value), R"({"b":[1,-2,1.5,true,false,null],"a":{"z":"s","y":{}}})");
}

TEST(JsonText, RecordsTheLineOfEveryValue) {
  auto parsed = ParseJson(
      "{\n"
      "  \"StartAt\": \"A\",\n"
      "  \"States\": {\n"
      "    \"A\": {\"Type\": \"Pass\",\n"
      "          \"Result\": [1,\n"
      "                     2], \"End\": true}\n"
      "  }\n"
      "}\n");
  ASSERT_TRUE(parsed.ok());
  const auto& lines = parsed->lines;
  EXPECT_EQ(lines.at(""), 1);
  EXPECT_EQ(lines.at("/StartAt"), 2);
  EXPECT_EQ(lines.at("/States"), 3);
  EXPECT_EQ(lines.at("/States/A"), 4);
  EXPECT_EQ(lines.at("/States/A/Type"), 4);
  EXPECT_EQ(lines.at("/States/A/Result"), 5);
  EXPECT_EQ(lines.at("/States/A/Result/0"), 5);
  EXPECT_EQ(lines.at("/States/A/Result/1"), 6);
  EXPECT_EQ(lines.at("/States/A/End"), 6);
  EXPECT_EQ(lines.size(), 9u);
}

TEST(JsonText, EscapedKeysGetEscapedPointers) {
  auto parsed = ParseJson("{\"a/b\": {\n\"c~d\": 1}}");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->lines.at("/a~1b/c~0d"), 2);
}

TEST(JsonText, NumbersHaveNlohmannsRepresentation) {
  const char* text =
      R"({"i": 12, "n": -3, "u": 18446744073709551615, "big": 123456789012345678901234,
          "f": 1.5, "e": 1e2, "E": -2.5E-3, "z": -0, "zf": 0.0})";
  auto parsed = ParseJson(text);
  ASSERT_TRUE(parsed.ok());
  Json expected = Json::parse(text);
  EXPECT_EQ(parsed->value, expected);
  for (const auto& [key, value] : expected.items()) {
    EXPECT_EQ(parsed->value[key].type(), value.type()) << key;
    EXPECT_EQ(Dump(parsed->value[key]), Dump(value)) << key;
  }
}

TEST(JsonText, DecodesEscapes) {
  auto parsed = ParseJson(R"(["\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00"])");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->value[0].get<std::string>(),
            "\"\\/\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(JsonText, SkipsAUtf8ByteOrderMark) {
  auto parsed = ParseJson("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->value, Json::parse(R"({"a":1})"));
}

TEST(JsonText, SyntaxErrorsAreLocatedByLineAndColumn) {
  EXPECT_THAT(JsonErrors(R"({"StartAt" "A"})"),
              ElementsAre("sm.json:1:12: expected ':' after the key \"StartAt\", found '\"'"));
  EXPECT_THAT(JsonErrors(R"({"a": 1,})"),
              ElementsAre("sm.json:1:9: expected a key after ',', found '}' (JSON allows no "
                          "trailing comma)"));
  EXPECT_THAT(JsonErrors(R"({"a": [1,]})"),
              ElementsAre("sm.json:1:10: expected a value after ',', found ']' (JSON allows no "
                          "trailing comma)"));
  EXPECT_THAT(JsonErrors("{'a': 1}"),
              ElementsAre("sm.json:1:2: expected a string key in double quotes, found a single "
                          "quote (JSON strings use double quotes)"));
  EXPECT_THAT(JsonErrors("{\"a\": 1 // note\n}"),
              ElementsAre("sm.json:1:9: expected ',' or '}' after an object member, found '/' "
                          "(JSON has no comments)"));
  EXPECT_THAT(JsonErrors(R"({"a": [1, 2})"),
              ElementsAre("sm.json:1:12: expected ',' or ']' after an array element, found '}'"));
  EXPECT_THAT(JsonErrors(R"({"a": "x)"), ElementsAre("sm.json:1:7: unterminated string"));
  EXPECT_THAT(JsonErrors("{\"a\": \"x\ny\"}"),
              ElementsAre("sm.json:1:9: control character U+000A inside a string; escape it as "
                          "\\n"));
  EXPECT_THAT(JsonErrors("{\"a\": \"x\ty\"}"),
              ElementsAre("sm.json:1:9: control character U+0009 inside a string; escape it"));
  EXPECT_THAT(JsonErrors(R"({"a": "\q"})"),
              ElementsAre("sm.json:1:8: invalid escape '\\q' in a string"));
  EXPECT_THAT(JsonErrors(R"({"a": "\u12"})"),
              ElementsAre("sm.json:1:8: invalid \\u escape: it needs four hexadecimal digits"));
  EXPECT_THAT(JsonErrors(R"({"a": "\ud800"})"),
              ElementsAre("sm.json:1:8: invalid \\u escape: \\uD800 is a high surrogate without "
                          "a low one"));
  EXPECT_THAT(JsonErrors(R"({"a": "\udc00"})"),
              ElementsAre("sm.json:1:8: invalid \\u escape: \\uDC00 is a low surrogate without "
                          "a high one"));
  EXPECT_THAT(JsonErrors(R"({"a": 01})"),
              ElementsAre("sm.json:1:7: invalid number: leading zeros are not allowed"));
  EXPECT_THAT(JsonErrors(R"({"a": -x})"),
              ElementsAre("sm.json:1:7: invalid number: a digit must follow '-'"));
  EXPECT_THAT(JsonErrors(R"({"a": 1.})"),
              ElementsAre("sm.json:1:7: invalid number: a digit must follow the decimal point"));
  EXPECT_THAT(JsonErrors(R"({"a": 1e+})"),
              ElementsAre("sm.json:1:7: invalid number: a digit must follow the exponent"));
  EXPECT_THAT(JsonErrors(R"({"a": 1e999})"),
              ElementsAre("sm.json:1:7: invalid number: out of range"));
  EXPECT_THAT(JsonErrors(R"({"a": tru})"),
              ElementsAre("sm.json:1:7: expected a JSON value, found 'tru'"));
  EXPECT_THAT(JsonErrors(R"({"a": })"),
              ElementsAre("sm.json:1:7: expected a JSON value, found '}'"));
  EXPECT_THAT(JsonErrors(R"({"a": )"),
              ElementsAre("sm.json:1:7: expected a JSON value, found end of file"));
  EXPECT_THAT(JsonErrors(R"({"a": 1} x)"),
              ElementsAre("sm.json:1:10: unexpected 'x' after the end of the JSON document"));
  EXPECT_THAT(JsonErrors("{\"a\": \xC2\xA0}"),
              ElementsAre("sm.json:1:7: expected a JSON value, found U+00A0"));
}

TEST(JsonText, ErrorLinesAndColumnsCountLinesAndCharacters) {
  EXPECT_THAT(JsonErrors("{\n"
                         "  \"StartAt\": \"A\",\n"
                         "  \"States\": {\n"
                         "    \"A\": {\"Type\": \"Pass\" \"End\": true}\n"
                         "  }\n"
                         "}\n"),
              ElementsAre("sm.json:4:26: expected ',' or '}' after an object member, found '\"'"));
  // Columns count characters, not bytes: "é" is one column.
  EXPECT_THAT(JsonErrors("{\"\xC3\xA9\": x}"),
              ElementsAre("sm.json:1:7: expected a JSON value, found 'x'"));
}

TEST(JsonText, EveryDuplicateKeyIsReported) {
  EXPECT_THAT(JsonErrors("{\n"
                         "  \"StartAt\": \"A\",\n"
                         "  \"StartAt\": \"B\",\n"
                         "  \"States\": {\"A\": {}, \"A\": {}}\n"
                         "}\n"),
              ElementsAre("sm.json:3:3: /StartAt: duplicate key \"StartAt\" (first at line 2)",
                          "sm.json:4:23: /States/A: duplicate key \"A\" (first at line 4)"));
}

TEST(JsonText, RefusesNestingDeeperThanTheLimit) {
  std::string deep = "{\"a\": " + std::string(600, '[') + std::string(600, ']') + "}";
  EXPECT_THAT(JsonErrors(deep), ElementsAre("sm.json:1:519: nested more than 512 levels deep"));
}

TEST(JsonText, RefusesTextThatIsNotUtf8) {
  EXPECT_THAT(JsonErrors(""), ElementsAre("sm.json: the document is empty"));
  EXPECT_THAT(JsonErrors(" \n\t\r\n"), ElementsAre("sm.json: the document is empty"));
  EXPECT_THAT(JsonErrors("\xEF\xBB\xBF\n"), ElementsAre("sm.json: the document is empty"));
  EXPECT_THAT(JsonErrors("{\n  \"a\": \"\xFF\"}"),
              ElementsAre("sm.json:2:9: invalid UTF-8 (byte 0xFF); definitions must be UTF-8 "
                          "text"));
  // An overlong encoding of '/' and an encoded surrogate are not UTF-8 either.
  EXPECT_THAT(JsonErrors("{\"\xC0\xAF\": 1}"),
              ElementsAre("sm.json:1:3: invalid UTF-8 (byte 0xC0); definitions must be UTF-8 "
                          "text"));
  EXPECT_THAT(JsonErrors("{\"\xED\xA0\x80\": 1}"),
              ElementsAre("sm.json:1:3: invalid UTF-8 (byte 0xED); definitions must be UTF-8 "
                          "text"));
  EXPECT_THAT(JsonErrors(std::string("{\"a\"\0}", 6)),
              ElementsAre("sm.json:1:5: binary data (a NUL byte), not JSON or YAML text"));
  EXPECT_THAT(JsonErrors("\xFF\xFE{\0}\0"),
              ElementsAre("sm.json:1:1: UTF-16 text (byte-order mark FF FE); definitions must "
                          "be UTF-8"));
}

TEST(JsonText, EscapesAsJacksonDoes) {
  EXPECT_EQ(EscapeJsonString("a\"b\\c/\n\t\x01\xC3\xA9"), "a\\\"b\\\\c/\\n\\t\\u0001\xC3\xA9");
  auto round_trip = UnescapeJsonString(EscapeJsonString("x\"\\\b\f\n\r\t\x1F y"));
  ASSERT_TRUE(round_trip.ok());
  EXPECT_EQ(round_trip.value(), "x\"\\\b\f\n\r\t\x1F y");
  EXPECT_EQ(UnescapeJsonString("a\"b").error(), "an unescaped '\"'");
  EXPECT_EQ(UnescapeJsonString("a\\db").error(), "invalid escape '\\d' in a string");
  EXPECT_EQ(UnescapeJsonString("a\nb").error(), "control character U+000A");
}

// Every recorded AWS execution file parses to exactly what nlohmann makes of it.
TEST(JsonText, ParsesEveryRecordedFileAsNlohmannDoes) {
  std::filesystem::path dir = std::filesystem::path(SFNSIM_SHARED_DIR) / "conformance/aws-recorded";
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = ParseJson(text.str());
    ASSERT_TRUE(parsed.ok()) << entry.path() << ": " << parsed.error()[0].message;
    EXPECT_EQ(Dump(parsed->value), Dump(Json::parse(text.str()))) << entry.path();
    ++count;
  }
  EXPECT_EQ(count, 80u);
}

}  // namespace
}  // namespace asl
