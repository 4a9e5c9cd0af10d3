// States.Base64Encode and States.Base64Decode.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode

#include <gtest/gtest.h>

#include "asl/intrinsics/utf8.h"
#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using testing::EvalError;
using testing::EvalText;
using testing::InvalidArguments;
using testing::PathNotFound;

Json WithS(std::string s) {
  Json input = Json::object();
  input["s"] = std::move(s);
  return input;
}

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(StatesBase64EncodeTest, Encodes) {
  // Recorded (intrinsic_base64_encode.json): "" -> "".
  EXPECT_EQ(
      EvalText("States.Base64Encode($.FunctionInput)", Json::parse(R"({"FunctionInput":""})")),
      R"("")");
  // AWS documentation example.
  EXPECT_EQ(EvalText("States.Base64Encode($.s)", WithS("Data to encode")),
            R"("RGF0YSB0byBlbmNvZGU=")");
  // RFC 4648 section 10.
  EXPECT_EQ(EvalText("States.Array(States.Base64Encode('f'), States.Base64Encode('fo'), "
                     "States.Base64Encode('foo'), States.Base64Encode('foob'), "
                     "States.Base64Encode('fooba'), States.Base64Encode('foobar'))"),
            R"(["Zg==","Zm8=","Zm9v","Zm9vYg==","Zm9vYmE=","Zm9vYmFy"])");
  // Conformance cases run against AWS: UTF-8 bytes are encoded.
  EXPECT_EQ(EvalText("States.Base64Encode('hello')"), R"("aGVsbG8=")");
  EXPECT_EQ(EvalText("States.Base64Encode($.s)", WithS("✓")), R"("4pyT")");
  EXPECT_EQ(EvalText("States.Base64Encode($.s)", WithS("こんにちは")),
            R"("44GT44KT44Gr44Gh44Gv")");
  EXPECT_EQ(EvalText("States.Base64Encode($.s)", WithS("line1\nline2")), R"("bGluZTEKbGluZTI=")");
  EXPECT_EQ(EvalText("States.Base64Encode($.s)", WithS(std::string("abc\0def", 7))),
            R"("YWJjAGRlZg==")");
  EXPECT_EQ(EvalText("States.Base64Encode(' ')"), R"("IA==")");
  EXPECT_EQ(EvalText("States.Base64Encode('🚀')"), R"("8J+agA==")");
  EXPECT_EQ(EvalText("States.Base64Encode(States.Format('{}-{}', 'x', 'y'))"), R"("eC15")");
}

// "The input string can't exceed 10,000 characters", counted as Java counts them.
TEST(StatesBase64EncodeTest, InputLimit) {
  const char* text = "States.Base64Encode($.s)";
  Result<Json> ok = testing::Eval(text, WithS(std::string(10000, 'a')));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->get<std::string>().size(), 13336u);
  EXPECT_EQ(EvalError(text, WithS(std::string(10001, 'a'))),
            InvalidArguments(text, "States.Base64Encode"));
  // A character outside the BMP counts twice.
  EXPECT_TRUE(testing::Eval(text, WithS(Repeat("🚀", 5000))).ok());
  EXPECT_EQ(EvalError(text, WithS(std::string(9999, 'a') + "🚀")),
            InvalidArguments(text, "States.Base64Encode"));
}

TEST(StatesBase64EncodeTest, RefusedArguments) {
  const Json input = Json::parse(R"({"n":123,"obj":{},"arr":["x"]})");
  for (const char* text :
       {"States.Base64Encode($.n)", "States.Base64Encode($.obj)", "States.Base64Encode($.arr)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.Base64Encode"));
  }
  EXPECT_EQ(EvalError("States.Base64Encode($.missing)", Json::object()),
            PathNotFound("States.Base64Encode($.missing)", "$.missing", "{}"));
}

TEST(StatesBase64DecodeTest, Decodes) {
  // AWS documentation example and conformance cases.
  EXPECT_EQ(EvalText("States.Base64Decode($.s)", WithS("RGF0YSB0byBlbmNvZGU=")),
            R"("Data to encode")");
  EXPECT_EQ(EvalText("States.Base64Decode('aGVsbG8=')"), R"("hello")");
  EXPECT_EQ(EvalText("States.Base64Decode('')"), R"("")");
  EXPECT_EQ(EvalText("States.Base64Decode('4pyT')"), R"("✓")");
  EXPECT_EQ(EvalText("States.Base64Decode('44GT44KT44Gr44Gh44Gv')"), R"("こんにちは")");
  EXPECT_EQ(EvalText("States.Base64Decode('YWJjZA==')"), R"("abcd")");
  EXPECT_EQ(EvalText("States.Base64Decode('IA==')"), R"(" ")");
  EXPECT_EQ(EvalText("States.Base64Decode($.s)", WithS("YWJjAGRlZg==")), R"("abc\u0000def")");
  EXPECT_EQ(EvalText("States.Base64Decode(States.Base64Encode($.s))", WithS("hello")),
            R"("hello")");
  EXPECT_EQ(EvalText("States.Base64Decode(States.Format('{}', $.b64))",
                     Json::parse(R"({"b64":"aGVsbG8="})")),
            R"("hello")");
  EXPECT_EQ(EvalText("States.Array(States.Base64Decode('Zg=='), States.Base64Decode('Zm8='), "
                     "States.Base64Decode('Zm9vYmE='), States.Base64Decode('Zm9vYmFy'))"),
            R"(["f","fo","fooba","foobar"])");
}

// AWS accepts malformed Base64 (conformance B64D-015/017/019/024): characters outside the
// alphabet are skipped, '=' ends the data, unpadded groups still decode, and bytes that are
// not UTF-8 become U+FFFD.
TEST(StatesBase64DecodeTest, LenientLikeAws) {
  EXPECT_EQ(EvalText("States.Base64Decode(' YWJjZA== ')"), R"("abcd")");
  EXPECT_EQ(EvalText("States.Base64Decode('aGVsbG8')"), R"("hello")");
  EXPECT_EQ(EvalText("States.Base64Decode('ab==cd')"), R"("i")");
  EXPECT_EQ(EvalText("States.Base64Decode('abc')"), R"("i�")");
  EXPECT_EQ(EvalText("States.Base64Decode('!!!invalid!!!')"), R"("�{ږ'")");
  EXPECT_EQ(EvalText("States.Base64Decode('a')"), R"("")");
}

TEST(StatesBase64DecodeTest, InputLimit) {
  const char* text = "States.Base64Decode($.s)";
  Result<Json> ok = testing::Eval(text, WithS(std::string(10000, 'A')));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->get<std::string>(), std::string(7500, '\0'));
  EXPECT_EQ(EvalError(text, WithS(std::string(10001, 'A'))),
            InvalidArguments(text, "States.Base64Decode"));
}

TEST(StatesBase64DecodeTest, RefusedArguments) {
  const Json input = Json::parse(R"({"n":123,"obj":{}})");
  for (const char* text : {"States.Base64Decode($.n)", "States.Base64Decode($.obj)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.Base64Decode"));
  }
  EXPECT_EQ(EvalError("States.Base64Decode($.missing)", Json::object()),
            PathNotFound("States.Base64Decode($.missing)", "$.missing", "{}"));
}

TEST(Utf8Test, Utf16Length) {
  using intrinsics::Utf16Length;
  EXPECT_EQ(Utf16Length(""), 0u);
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("é✓"), 2u);
  EXPECT_EQ(Utf16Length("🚀a"), 3u);
}

// One U+FFFD per maximal ill-formed subpart (Unicode 15, section 3.9).
TEST(Utf8Test, SanitizeReplacesIllFormedSequences) {
  using intrinsics::SanitizeUtf8;
  EXPECT_EQ(SanitizeUtf8("plain ✓ 🚀"), "plain ✓ 🚀");
  EXPECT_EQ(SanitizeUtf8("\xC3\x28"), "\uFFFD(");
  EXPECT_EQ(SanitizeUtf8("a\xE2\x82"), "a\uFFFD");
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF"), "\uFFFD\uFFFD");
  EXPECT_EQ(SanitizeUtf8("\xFF\xF0\x9F\x9A"), "\uFFFD\uFFFD");
  EXPECT_EQ(SanitizeUtf8("\xF4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD");
}

}  // namespace
}  // namespace asl
