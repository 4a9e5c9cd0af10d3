// The intrinsic call parser: syntax, the load-time checks, and the messages with offsets.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "asl/intrinsics/intrinsic_call.h"
#include "asl/intrinsics/registry.h"
#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using testing::EvalText;
using testing::ParseError;

TEST(IntrinsicParseTest, LooksLikeCall) {
  EXPECT_TRUE(IntrinsicCall::LooksLikeCall("States.Array()"));
  EXPECT_TRUE(IntrinsicCall::LooksLikeCall("  \tStates.Format('x')"));
  EXPECT_TRUE(IntrinsicCall::LooksLikeCall("States.Nope("));
  EXPECT_FALSE(IntrinsicCall::LooksLikeCall("$.States"));
  EXPECT_FALSE(IntrinsicCall::LooksLikeCall("states.Array()"));
  EXPECT_FALSE(IntrinsicCall::LooksLikeCall(""));
  EXPECT_FALSE(IntrinsicCall::LooksLikeCall("   "));
}

TEST(IntrinsicParseTest, KeepsTheTextAsWritten) {
  auto call = IntrinsicCall::Parse("  States.Array( 1 )  ");
  ASSERT_TRUE(call.ok()) << call.error();
  EXPECT_EQ(call->text(), "  States.Array( 1 )  ");
}

TEST(IntrinsicParseTest, UsesContextWhenAnyPathAtAnyDepthReadsTheContextObject) {
  auto plain = IntrinsicCall::Parse("States.Array($.a, States.Array('x'))");
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_FALSE(plain->uses_context());
  auto nested = IntrinsicCall::Parse("States.Array(1, States.Format('{}', $$.Execution.Id))");
  ASSERT_TRUE(nested.ok()) << nested.error();
  EXPECT_TRUE(nested->uses_context());
}

TEST(IntrinsicParseTest, LiteralsOfEveryKind) {
  EXPECT_EQ(EvalText("States.Array('a', 1, -2.5, 0, true, false, null, '')"),
            R"(["a",1,-2.5,0,true,false,null,""])");
  EXPECT_EQ(EvalText("States.Array(1e2, -0, 2E-1, 12345678901234)"),
            "[100.0,0,0.2,12345678901234]");
  EXPECT_EQ(EvalText("States.Array()"), "[]");
}

TEST(IntrinsicParseTest, WhitespaceAroundEveryToken) {
  EXPECT_EQ(EvalText("  States.Array ( 1 ,'a' ,\ttrue,\nnull )  "), R"([1,"a",true,null])");
}

// "The literal string \' represents '. \{ represents {. \} represents }. \\ represents \."
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
TEST(IntrinsicParseTest, StringEscapes) {
  EXPECT_EQ(EvalText(R"(States.Array('it\'s', '\{', '\}', 'a\\b', '{"k": "v"}'))"),
            R"(["it's","{","}","a\\b","{\"k\": \"v\"}"])");
  // A raw newline and non-ASCII text are plain characters.
  EXPECT_EQ(EvalText("States.Array('line1\nline2', 'こんにちは ✓')"),
            R"(["line1\nline2","こんにちは ✓"])");
}

TEST(IntrinsicParseTest, NestedCalls) {
  EXPECT_EQ(EvalText("States.Array(States.Array(1, States.Array()), 'x')"), R"([[1,[]],"x"])");
}

TEST(IntrinsicParseTest, UnknownFunctionSuggestsTheClosestName) {
  EXPECT_EQ(ParseError("States.Foramt('{}', 1)"),
            "unknown intrinsic function 'States.Foramt' at offset 0 (did you mean "
            "'States.Format'?)");
  EXPECT_EQ(ParseError("States.arraylength($.a)"),
            "unknown intrinsic function 'States.arraylength' at offset 0 (did you mean "
            "'States.ArrayLength'?)");
  EXPECT_EQ(ParseError("States.Array(1, States.MathAdds(1, 2))"),
            "unknown intrinsic function 'States.MathAdds' at offset 16 (did you mean "
            "'States.MathAdd'?)");
  EXPECT_EQ(ParseError("States.Nope()"), "unknown intrinsic function 'States.Nope' at offset 0");
}

TEST(IntrinsicParseTest, NotACall) {
  EXPECT_EQ(ParseError("Foo.Bar()"),
            "expected an intrinsic function call (States.…) at offset 0");
  EXPECT_EQ(ParseError("$.a"), "expected an intrinsic function call (States.…) at offset 0");
  EXPECT_EQ(ParseError(""), "expected an intrinsic function call (States.…) at offset 0");
  EXPECT_EQ(ParseError("States.Array"), "expected '(' after States.Array at offset 12");
}

TEST(IntrinsicParseTest, TrailingText) {
  EXPECT_EQ(ParseError("  States.MathAdd(1, 2) x"), "unexpected 'x' after the call at offset 23");
  EXPECT_EQ(ParseError("States.Array())"), "unexpected ')' after the call at offset 14");
  EXPECT_EQ(ParseError("States.Array(1), States.Array(2)"),
            "unexpected ',' after the call at offset 15");
}

TEST(IntrinsicParseTest, UnterminatedCall) {
  EXPECT_EQ(ParseError("States.Array("),
            "missing ')' at offset 13 to close the call of States.Array that starts at offset 0");
  EXPECT_EQ(ParseError("States.Array(1, States.Array(2"),
            "missing ')' at offset 30 to close the call of States.Array that starts at "
            "offset 16");
}

TEST(IntrinsicParseTest, UnterminatedString) {
  EXPECT_EQ(ParseError("States.Format('abc"), "unterminated string literal starting at offset 14");
  EXPECT_EQ(ParseError(R"(States.Format('abc\')"),
            "unterminated string literal starting at offset 14");
  EXPECT_EQ(ParseError(R"(States.Format('abc\)"),
            "unterminated string literal starting at offset 14");
}

// "If an open escape backslash \ is found in the intrinsic invocation string, the interpreter
// will throw a runtime error." AWS refuses "\n" when the definition is validated
// (conformance case B64D-025).
TEST(IntrinsicParseTest, InvalidEscape) {
  EXPECT_EQ(ParseError(R"(States.Format('a\nb'))"),
            R"(invalid escape '\n' in a string literal (only \', \{, \} and \\ are allowed) )"
            "at offset 16");
}

TEST(IntrinsicParseTest, MissingOrMalformedArguments) {
  EXPECT_EQ(ParseError("States.Array(1,)"), "expected an argument at offset 15");
  EXPECT_EQ(ParseError("States.Array(,1)"), "expected an argument at offset 13");
  EXPECT_EQ(ParseError("States.Array(1 2)"), "expected ',' or ')' but found '2' at offset 15");
  EXPECT_EQ(ParseError("States.Array(foo)"),
            "expected an argument (a 'string', a number, true, false, null, a $path or a "
            "States call) but found 'foo' at offset 13");
  EXPECT_EQ(ParseError("States.Array(True)"),
            "expected an argument (a 'string', a number, true, false, null, a $path or a "
            "States call) but found 'True' at offset 13");
  // The excerpt stops after about 20 bytes, never inside a UTF-8 character.
  EXPECT_EQ(ParseError("States.Array(aééééééééééééé)"),
            "expected an argument (a 'string', a number, true, false, null, a $path or a "
            "States call) but found 'aéééééééééé' at offset 13");
  EXPECT_EQ(ParseError("States.Array([1,2])"),
            "expected an argument (a 'string', a number, true, false, null, a $path or a "
            "States call) but found '[1' at offset 13");
}

TEST(IntrinsicParseTest, NumbersFollowTheJsonGrammar) {
  EXPECT_EQ(ParseError("States.Array(1.)"), "invalid number '1.' at offset 13");
  EXPECT_EQ(ParseError("States.Array(01)"), "invalid number '01' at offset 13");
  EXPECT_EQ(ParseError("States.Array(-)"), "invalid number '-' at offset 13");
  EXPECT_EQ(ParseError("States.Array(1e)"), "invalid number '1e' at offset 13");
  EXPECT_EQ(ParseError("States.Array(1a)"), "invalid number '1a' at offset 13");
  EXPECT_EQ(ParseError("States.Array(.5)"),
            "expected an argument (a 'string', a number, true, false, null, a $path or a "
            "States call) but found '.5' at offset 13");
}

// "You can nest up to 10 intrinsic functions within a field."
TEST(IntrinsicParseTest, NestingLimit) {
  std::string ten = "1";
  for (int i = 0; i < 10; ++i) ten = "States.Array(" + ten + ")";
  EXPECT_EQ(EvalText(ten), "[[[[[[[[[[1]]]]]]]]]]");
  EXPECT_EQ(ParseError("States.Array(" + ten + ")"),
            "intrinsic calls are nested more than 10 deep at offset 130");
}

TEST(IntrinsicParseTest, ArgumentCounts) {
  EXPECT_EQ(ParseError("States.MathAdd(1)"), "States.MathAdd takes 2 arguments, got 1 at offset 0");
  EXPECT_EQ(ParseError("States.MathRandom(1)"),
            "States.MathRandom takes 2 or 3 arguments, got 1 at offset 0");
  EXPECT_EQ(ParseError("States.MathRandom(1, 2, 3, 4)"),
            "States.MathRandom takes 2 or 3 arguments, got 4 at offset 0");
  EXPECT_EQ(ParseError("States.Format()"),
            "States.Format takes at least 1 argument, got 0 at offset 0");
  EXPECT_EQ(ParseError("States.UUID(1)"), "States.UUID takes no arguments, got 1 at offset 0");
  EXPECT_EQ(ParseError("States.ArrayLength($.a, 1)"),
            "States.ArrayLength takes 1 argument, got 2 at offset 0");
  EXPECT_EQ(ParseError("States.Array(1, States.MathAdd(1))"),
            "States.MathAdd takes 2 arguments, got 1 at offset 16");
}

// Every function, one argument too many and (where there is a minimum) one too few.
TEST(IntrinsicParseTest, EveryFunctionChecksItsArgumentCount) {
  using intrinsics::FunctionId;
  using intrinsics::FunctionInfo;
  for (int i = 0; i < static_cast<int>(FunctionId::kCount); ++i) {
    const FunctionInfo& info = intrinsics::Info(static_cast<FunctionId>(i));
    EXPECT_EQ(static_cast<int>(info.id), i) << info.name;
    auto call_with = [&](int count) {
      std::string text = std::string(info.name) + "(";
      for (int k = 0; k < count; ++k) text += k == 0 ? "$.a" : ", $.a";
      return text + ")";
    };
    if (info.max_args != intrinsics::kVariadic) {
      EXPECT_EQ(ParseError(call_with(info.max_args + 1)),
                fmt::format("{} {}, got {} at offset 0", info.name, intrinsics::ArityText(info),
                            info.max_args + 1));
    }
    if (info.min_args > 0) {
      EXPECT_EQ(ParseError(call_with(info.min_args - 1)),
                fmt::format("{} {}, got {} at offset 0", info.name, intrinsics::ArityText(info),
                            info.min_args - 1));
    }
    EXPECT_EQ(ParseError(call_with(info.min_args)), "<parsed>") << info.name;
  }
}

TEST(IntrinsicParseTest, LiteralsOfAWrongType) {
  EXPECT_EQ(ParseError("States.ArrayLength('abc')"),
            "argument 1 of States.ArrayLength must be an array, got a string at offset 19");
  EXPECT_EQ(ParseError("States.MathAdd($.a, 'b')"),
            "argument 2 of States.MathAdd must be a number, got a string at offset 20");
  EXPECT_EQ(ParseError("States.ArrayPartition($.a, null)"),
            "argument 2 of States.ArrayPartition must be a number, got null at offset 27");
  EXPECT_EQ(ParseError("States.JsonMerge($.a, 1, false)"),
            "argument 2 of States.JsonMerge must be a JSON object, got a number at offset 22");
  EXPECT_EQ(ParseError("States.JsonMerge($.a, $.b, 'false')"),
            "argument 3 of States.JsonMerge must be a boolean, got a string at offset 27");
  EXPECT_EQ(ParseError("States.Base64Encode(123)"),
            "argument 1 of States.Base64Encode must be a string, got a number at offset 20");
  EXPECT_EQ(ParseError("States.StringSplit('a,b', true)"),
            "argument 2 of States.StringSplit must be a string, got true at offset 26");
  EXPECT_EQ(ParseError("States.Format(123)"),
            "argument 1 of States.Format must be a string, got a number at offset 14");
  EXPECT_EQ(ParseError("States.MathRandom(1, 10, 'seed')"),
            "argument 3 of States.MathRandom must be a number, got a string at offset 25");
  // Positions that take any value accept every literal.
  EXPECT_EQ(ParseError("States.ArrayContains($.a, null)"), "<parsed>");
  EXPECT_EQ(ParseError("States.Hash(123, 'MD5')"), "<parsed>");
  EXPECT_EQ(ParseError("States.Format('{} {}', null, true)"), "<parsed>");
}

TEST(IntrinsicParseTest, HashAlgorithmLiteral) {
  EXPECT_EQ(ParseError("States.Hash('x', 'sha-256')"),
            "'sha-256' is not a hash algorithm of States.Hash (MD5, SHA-1, SHA-256, SHA-384 or "
            "SHA-512) at offset 17 (did you mean 'SHA-256'?)");
  EXPECT_EQ(ParseError("States.Hash('x', 'SHA256')"),
            "'SHA256' is not a hash algorithm of States.Hash (MD5, SHA-1, SHA-256, SHA-384 or "
            "SHA-512) at offset 17 (did you mean 'SHA-256'?)");
  EXPECT_EQ(ParseError("States.Hash('x', 'CRC32')"),
            "'CRC32' is not a hash algorithm of States.Hash (MD5, SHA-1, SHA-256, SHA-384 or "
            "SHA-512) at offset 17");
  for (const char* algorithm : {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
    EXPECT_EQ(ParseError(fmt::format("States.Hash('x', '{}')", algorithm)), "<parsed>");
  }
}

TEST(IntrinsicParseTest, JsonMergeDeepLiteral) {
  EXPECT_EQ(ParseError("States.JsonMerge($.a, $.b, true)"),
            "States.JsonMerge only merges shallowly: its third argument must be false at "
            "offset 27");
  EXPECT_EQ(ParseError("States.JsonMerge($.a, $.b, false)"), "<parsed>");
}

TEST(IntrinsicParseTest, FormatTemplateLiteral) {
  EXPECT_EQ(ParseError("States.Format('Hello {', $.a)"),
            "the States.Format template has a '{' or '}' that is not part of a {} placeholder "
            "(write \\{ or \\} for a brace) at offset 14");
  EXPECT_EQ(ParseError("States.Format('Hello {{}}', $.a)"),
            "the States.Format template has a '{' or '}' that is not part of a {} placeholder "
            "(write \\{ or \\} for a brace) at offset 14");
  EXPECT_EQ(ParseError("States.Format('}')"),
            "the States.Format template has a '{' or '}' that is not part of a {} placeholder "
            "(write \\{ or \\} for a brace) at offset 14");
  EXPECT_EQ(ParseError("States.Format('{} {}', $.a)"),
            "the States.Format template has 2 {} placeholders but 1 value follows at offset 14");
  EXPECT_EQ(ParseError("States.Format('{}')"),
            "the States.Format template has 1 {} placeholder but 0 values follow at offset 14");
  EXPECT_EQ(ParseError("States.Format('none', 1, 2)"),
            "the States.Format template has 0 {} placeholders but 2 values follow at offset 14");
  EXPECT_EQ(ParseError(R"(States.Format('\{{}\}', 1))"), "<parsed>");
}

}  // namespace
}  // namespace asl
