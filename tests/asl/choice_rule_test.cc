#include "asl/choice/choice_rule.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "asl/path/json_path.h"

namespace asl {
namespace {

constexpr const char* kPointer = "/States/C/Choices/0";

// Diagnostics as "CODE POINTER: MESSAGE", warnings suffixed " (warning)".
std::vector<std::string> Render(const DiagnosticList& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.items()) {
    std::string line = std::string(CodeString(d.code)) + " " + d.pointer + ": " + d.message;
    if (d.severity == Severity::kWarning) line += " (warning)";
    out.push_back(line);
  }
  return out;
}

// The diagnostics of compiling `rule` (a nested rule unless `top_level`).
std::vector<std::string> Problems(std::string_view rule, bool top_level = false) {
  DiagnosticList diagnostics;
  ChoiceRule compiled = ChoiceRule::Compile(Json::parse(rule), kPointer, top_level, diagnostics);
  EXPECT_EQ(compiled.valid(), !diagnostics.HasErrors()) << rule;
  return Render(diagnostics);
}

ChoiceRule CompileOk(std::string_view rule, bool top_level = false) {
  DiagnosticList diagnostics;
  ChoiceRule compiled = ChoiceRule::Compile(Json::parse(rule), kPointer, top_level, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << rule << "\n" << ::testing::PrintToString(Render(diagnostics));
  EXPECT_TRUE(compiled.valid()) << rule;
  return compiled;
}

Result<bool> Run(std::string_view rule, std::string_view input) {
  ChoiceRule compiled = CompileOk(rule);
  Json doc = Json::parse(input);
  return compiled.Evaluate(EvalContext{doc});
}

// Evaluates `rule` on `input`, which must not fail.
bool Eval(std::string_view rule, std::string_view input) {
  Result<bool> result = Run(rule, input);
  EXPECT_TRUE(result.ok()) << rule << " on " << input << ": "
                           << (result.ok() ? "" : result.error().cause);
  return result.ok() && result.value();
}

// Evaluates `rule` on `input`, which must fail; returns the error.
Error EvalError(std::string_view rule, std::string_view input) {
  Result<bool> result = Run(rule, input);
  EXPECT_FALSE(result.ok()) << rule << " on " << input;
  return result.ok() ? Error() : result.error();
}

// {"Variable": "$.v", op: literal} on {"v": value}.
bool Compare(std::string_view op, std::string_view value, std::string_view literal) {
  return Eval(R"({"Variable":"$.v",")" + std::string(op) + "\":" + std::string(literal) + "}",
              R"({"v":)" + std::string(value) + "}");
}

// {"Variable": "$.v", opPath: "$.w"} on {"v": value, "w": other}.
bool ComparePath(std::string_view op, std::string_view value, std::string_view other) {
  return Eval(R"({"Variable":"$.v",")" + std::string(op) + R"(Path":"$.w"})",
              R"({"v":)" + std::string(value) + R"(,"w":)" + std::string(other) + "}");
}

// Both forms must agree.
bool Both(std::string_view op, std::string_view value, std::string_view other) {
  bool literal = Compare(op, value, other);
  EXPECT_EQ(literal, ComparePath(op, value, other)) << op << " " << value << " " << other;
  return literal;
}

// ---- String operators ------------------------------------------------------------------------

TEST(ChoiceRuleStringTest, StringEquals) {
  EXPECT_TRUE(Both("StringEquals", R"("Hello")", R"("Hello")"));
  EXPECT_FALSE(Both("StringEquals", R"("hello")", R"("Hello")"));
  EXPECT_FALSE(Both("StringEquals", R"(" ")", R"("     ")"));
  EXPECT_FALSE(Both("StringEquals", R"("\t\n")", R"("\t\r\n")"));
  EXPECT_TRUE(Both("StringEquals", R"("")", R"("")"));
}

TEST(ChoiceRuleStringTest, StringLessThan) {
  EXPECT_FALSE(Both("StringLessThan", R"("")", R"("")"));
  EXPECT_TRUE(Both("StringLessThan", R"("A")", R"("AB")"));
  EXPECT_FALSE(Both("StringLessThan", R"("AB")", R"("A")"));
  EXPECT_TRUE(Both("StringLessThan", R"("B")", R"("a")"));
}

TEST(ChoiceRuleStringTest, StringGreaterThan) {
  EXPECT_FALSE(Both("StringGreaterThan", R"("")", R"("")"));
  EXPECT_FALSE(Both("StringGreaterThan", R"("A")", R"("A ")"));
  EXPECT_FALSE(Both("StringGreaterThan", R"("A")", R"("A\t\n\r")"));
  EXPECT_FALSE(Both("StringGreaterThan", R"("AB")", R"("ABC")"));
  EXPECT_TRUE(Both("StringGreaterThan", R"("ABC")", R"("AB")"));
}

TEST(ChoiceRuleStringTest, StringLessThanEquals) {
  EXPECT_TRUE(Both("StringLessThanEquals", R"("")", R"("")"));
  EXPECT_TRUE(Both("StringLessThanEquals", R"("A")", R"("AB")"));
  EXPECT_FALSE(Both("StringLessThanEquals", R"("AB")", R"("A")"));
}

TEST(ChoiceRuleStringTest, StringGreaterThanEquals) {
  EXPECT_TRUE(Both("StringGreaterThanEquals", R"("")", R"("")"));
  EXPECT_FALSE(Both("StringGreaterThanEquals", R"("A")", R"("AB")"));
  EXPECT_TRUE(Both("StringGreaterThanEquals", R"("AB")", R"("A")"));
}

TEST(ChoiceRuleStringTest, NonStringsAreFalse) {
  for (const char* value : {"null", "0", "0.0", "1", "1.1", "[]", "[\"\"]", "{}", "{\"A\":0}",
                            "false", "true"}) {
    for (const char* op : {"StringEquals", "StringLessThan", "StringGreaterThan",
                           "StringLessThanEquals", "StringGreaterThanEquals"}) {
      EXPECT_FALSE(Compare(op, value, R"("HelloWorld")")) << op << " " << value;
      EXPECT_FALSE(ComparePath(op, value, R"("HelloWorld")")) << op << " " << value;
      // The …Path operand must be a string too.
      EXPECT_FALSE(ComparePath(op, R"("HelloWorld")", value)) << op << " " << value;
    }
  }
}

TEST(ChoiceRuleStringTest, StringMatches) {
  EXPECT_TRUE(Compare("StringMatches", R"("log-2024.txt")", R"("log-*.txt")"));
  EXPECT_FALSE(Compare("StringMatches", R"("log-2024.csv")", R"("log-*.txt")"));
  EXPECT_TRUE(Compare("StringMatches", R"("foobar.zebra")", R"("foo*.*")"));
  EXPECT_TRUE(Compare("StringMatches", R"("anything")", R"("*")"));
  EXPECT_FALSE(Compare("StringMatches", R"("Foo")", R"("foo")"));
  EXPECT_FALSE(Compare("StringMatches", "12", R"("*")"));
  EXPECT_FALSE(Compare("StringMatches", "null", R"("*")"));
}

TEST(ChoiceRuleStringTest, StringMatchesEscapes) {
  // JSON "a\\*b" is the pattern a\*b: a literal star.
  EXPECT_TRUE(Compare("StringMatches", R"("a*b")", R"("a\\*b")"));
  EXPECT_FALSE(Compare("StringMatches", R"("axb")", R"("a\\*b")"));
  // JSON "a\\\\*" is the pattern a\\* : a literal backslash, then a wildcard.
  EXPECT_TRUE(Compare("StringMatches", R"("a\\tail")", R"("a\\\\*")"));
  EXPECT_FALSE(Compare("StringMatches", R"("atail")", R"("a\\\\*")"));
}

TEST(ChoiceRuleStringTest, StringMatchesOpenEscapeFailsAtRunTime) {
  const char* rule = R"({"Variable":"$.v","StringMatches":"a\\b*"})";
  EXPECT_EQ(Problems(rule),
            std::vector<std::string>{
                "SFN0114 /States/C/Choices/0/StringMatches: field \"StringMatches\" has a \"\\\" "
                "that escapes neither \"*\" nor \"\\\"; evaluating it fails with States.Runtime "
                "(warning)"});
  DiagnosticList diagnostics;
  ChoiceRule compiled = ChoiceRule::Compile(Json::parse(rule), kPointer, false, diagnostics);
  ASSERT_TRUE(compiled.valid());
  Json input = Json::parse(R"({"v":"ab"})");
  Result<bool> result = compiled.Evaluate(EvalContext{input});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name, "States.Runtime");
  EXPECT_EQ(result.error().cause, "The StringMatches pattern contains an open escape backslash.");
  // No string to match: no match attempted, no error.
  Json number = Json::parse(R"({"v":1})");
  Result<bool> not_string = compiled.Evaluate(EvalContext{number});
  ASSERT_TRUE(not_string.ok());
  EXPECT_FALSE(not_string.value());
}

// ---- Numeric operators -----------------------------------------------------------------------

TEST(ChoiceRuleNumericTest, NumericEquals) {
  EXPECT_TRUE(Both("NumericEquals", "0", "0"));
  EXPECT_TRUE(Both("NumericEquals", "-0", "0"));
  EXPECT_TRUE(Both("NumericEquals", "0.0", "0"));
  EXPECT_TRUE(Both("NumericEquals", "1", "1.0"));
  EXPECT_TRUE(Both("NumericEquals", "2.22", "2.22"));
  EXPECT_FALSE(Both("NumericEquals", "1.1", "1"));
  EXPECT_FALSE(Both("NumericEquals", "9007199254740993", "9007199254740992"));
}

TEST(ChoiceRuleNumericTest, NumericLessThan) {
  EXPECT_FALSE(Both("NumericLessThan", "-0", "0"));
  EXPECT_FALSE(Both("NumericLessThan", "0.0", "0"));
  EXPECT_TRUE(Both("NumericLessThan", "0", "1"));
  EXPECT_FALSE(Both("NumericLessThan", "1", "1"));
  EXPECT_FALSE(Both("NumericLessThan", "1", "0"));
  EXPECT_TRUE(Both("NumericLessThan", "29.999", "30"));
  EXPECT_TRUE(Both("NumericLessThan", "-1e3", "-999"));
}

TEST(ChoiceRuleNumericTest, NumericGreaterThan) {
  EXPECT_FALSE(Both("NumericGreaterThan", "-0", "0"));
  EXPECT_FALSE(Both("NumericGreaterThan", "0", "1"));
  EXPECT_FALSE(Both("NumericGreaterThan", "1", "1"));
  EXPECT_TRUE(Both("NumericGreaterThan", "1", "0"));
  EXPECT_TRUE(Both("NumericGreaterThan", "1.5", "1"));
}

TEST(ChoiceRuleNumericTest, NumericLessThanEquals) {
  EXPECT_TRUE(Both("NumericLessThanEquals", "-0", "0"));
  EXPECT_TRUE(Both("NumericLessThanEquals", "0", "1"));
  EXPECT_TRUE(Both("NumericLessThanEquals", "1", "1.0"));
  EXPECT_FALSE(Both("NumericLessThanEquals", "1", "0"));
}

TEST(ChoiceRuleNumericTest, NumericGreaterThanEquals) {
  EXPECT_TRUE(Both("NumericGreaterThanEquals", "0.0", "0"));
  EXPECT_FALSE(Both("NumericGreaterThanEquals", "0", "1"));
  EXPECT_TRUE(Both("NumericGreaterThanEquals", "1", "1"));
  EXPECT_TRUE(Both("NumericGreaterThanEquals", "1", "0"));
  EXPECT_FALSE(Both("NumericGreaterThanEquals", "0.999", "1"));
}

TEST(ChoiceRuleNumericTest, NonNumbersAreFalse) {
  for (const char* value : {"null", "\"\"", "\" \"", "\"1\"", "[]", "[\"\"]", "{}", "{\"A\":0}",
                            "false", "true"}) {
    for (const char* op : {"NumericEquals", "NumericLessThan", "NumericGreaterThan",
                           "NumericLessThanEquals", "NumericGreaterThanEquals"}) {
      EXPECT_FALSE(Compare(op, value, "1")) << op << " " << value;
      EXPECT_FALSE(ComparePath(op, value, "1")) << op << " " << value;
      EXPECT_FALSE(ComparePath(op, "1", value)) << op << " " << value;
    }
  }
}

// ---- Boolean operators -----------------------------------------------------------------------

TEST(ChoiceRuleBooleanTest, BooleanEquals) {
  EXPECT_TRUE(Both("BooleanEquals", "true", "true"));
  EXPECT_TRUE(Both("BooleanEquals", "false", "false"));
  EXPECT_FALSE(Both("BooleanEquals", "true", "false"));
  EXPECT_FALSE(Both("BooleanEquals", "false", "true"));
}

TEST(ChoiceRuleBooleanTest, NonBooleansAreFalse) {
  for (const char* value : {"null", "0", "1", "\"true\"", "[]", "{}"}) {
    EXPECT_FALSE(Compare("BooleanEquals", value, "true")) << value;
    EXPECT_FALSE(Compare("BooleanEquals", value, "false")) << value;
    EXPECT_FALSE(ComparePath("BooleanEquals", value, "true")) << value;
    EXPECT_FALSE(ComparePath("BooleanEquals", "true", value)) << value;
  }
}

// ---- Timestamp operators ---------------------------------------------------------------------

constexpr const char* kT0 = R"("2012-10-09T19:00:55Z")";
constexpr const char* kT1 = R"("2012-10-09T19:00:56Z")";

TEST(ChoiceRuleTimestampTest, TimestampEquals) {
  EXPECT_TRUE(Both("TimestampEquals", kT0, kT0));
  EXPECT_FALSE(Both("TimestampEquals", kT0, kT1));
  EXPECT_FALSE(Both("TimestampEquals", kT1, kT0));
  // The same instant written with another offset.
  EXPECT_TRUE(Both("TimestampEquals", R"("2012-10-09T21:00:55+02:00")", kT0));
  EXPECT_TRUE(Both("TimestampEquals", R"("2012-10-09T19:00:55.000Z")", kT0));
  EXPECT_FALSE(Both("TimestampEquals", R"("2012-10-09T19:00:55.001Z")", kT0));
}

TEST(ChoiceRuleTimestampTest, TimestampLessThan) {
  EXPECT_FALSE(Both("TimestampLessThan", kT0, kT0));
  EXPECT_TRUE(Both("TimestampLessThan", kT0, kT1));
  EXPECT_FALSE(Both("TimestampLessThan", kT1, kT0));
  EXPECT_TRUE(Both("TimestampLessThan", R"("2012-10-09T20:00:55.5+01:00")", kT1));
}

TEST(ChoiceRuleTimestampTest, TimestampGreaterThan) {
  EXPECT_FALSE(Both("TimestampGreaterThan", kT0, kT0));
  EXPECT_FALSE(Both("TimestampGreaterThan", kT0, kT1));
  EXPECT_TRUE(Both("TimestampGreaterThan", kT1, kT0));
}

TEST(ChoiceRuleTimestampTest, TimestampLessThanEquals) {
  EXPECT_TRUE(Both("TimestampLessThanEquals", kT0, kT0));
  EXPECT_TRUE(Both("TimestampLessThanEquals", kT0, kT1));
  EXPECT_FALSE(Both("TimestampLessThanEquals", kT1, kT0));
}

TEST(ChoiceRuleTimestampTest, TimestampGreaterThanEquals) {
  EXPECT_TRUE(Both("TimestampGreaterThanEquals", kT0, kT0));
  EXPECT_FALSE(Both("TimestampGreaterThanEquals", kT0, kT1));
  EXPECT_TRUE(Both("TimestampGreaterThanEquals", kT1, kT0));
}

// The values AWS recorded as not matching TimestampEquals "2012-10-09T19:00:55Z".
TEST(ChoiceRuleTimestampTest, NonTimestampsAreFalse) {
  for (const char* value : {"null", "0", "0.0", "1", "1.1", "\"\"", "\" \"",
                            "\"2023-02-24 12:15:56.832957\"", "\"2012-10-09T19:00:55\"", "[]",
                            "[\"\"]", "{}", "{\"A\":0}", "false", "true"}) {
    for (const char* op : {"TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
                           "TimestampLessThanEquals", "TimestampGreaterThanEquals"}) {
      EXPECT_FALSE(Compare(op, value, kT0)) << op << " " << value;
      EXPECT_FALSE(ComparePath(op, value, kT0)) << op << " " << value;
      EXPECT_FALSE(ComparePath(op, kT0, value)) << op << " " << value;
    }
  }
}

// ---- Type tests ------------------------------------------------------------------------------

struct TypeCase {
  const char* value;
  bool is_null, is_numeric, is_string, is_boolean, is_timestamp;
};

// The value list AWS was recorded with (localstack choice_operators TYPE_COMPARISONS).
constexpr TypeCase kTypeCases[] = {
    {"null", true, false, false, false, false},
    {"0", false, true, false, false, false},
    {"0.0", false, true, false, false, false},
    {"1", false, true, false, false, false},
    {"1.1", false, true, false, false, false},
    {"\"\"", false, false, true, false, false},
    {"\" \"", false, false, true, false, false},
    {"\"HelloWorld\"", false, false, true, false, false},
    {"\"2012-10-09T19:00:55\"", false, false, true, false, false},
    {"\"2012-10-09T19:00:55Z\"", false, false, true, false, true},
    {"\"2012-10-09T19:00:55+01:00\"", false, false, true, false, true},
    {"\"2023-02-24\"", false, false, true, false, false},
    {"[]", false, false, false, false, false},
    {"[\"\"]", false, false, false, false, false},
    {"{}", false, false, false, false, false},
    {"{\"A\":0}", false, false, false, false, false},
    {"true", false, false, false, true, false},
    {"false", false, false, false, true, false},
};

TEST(ChoiceRuleTypeTest, IsOperatorsWithTrueAndFalse) {
  for (const TypeCase& c : kTypeCases) {
    const std::pair<const char*, bool> tests[] = {{"IsNull", c.is_null},
                                                  {"IsNumeric", c.is_numeric},
                                                  {"IsString", c.is_string},
                                                  {"IsBoolean", c.is_boolean},
                                                  {"IsTimestamp", c.is_timestamp},
                                                  {"IsPresent", true}};
    for (const auto& [op, expected] : tests) {
      EXPECT_EQ(Compare(op, c.value, "true"), expected) << op << " " << c.value;
      EXPECT_EQ(Compare(op, c.value, "false"), !expected) << op << " " << c.value;
    }
  }
}

TEST(ChoiceRuleTypeTest, IsPresentOnMissingField) {
  EXPECT_FALSE(Eval(R"({"Variable":"$.missing","IsPresent":true})", R"({"v":1})"));
  EXPECT_TRUE(Eval(R"({"Variable":"$.missing","IsPresent":false})", R"({"v":1})"));
  EXPECT_FALSE(Eval(R"({"Variable":"$.v.deeper","IsPresent":true})", R"({"v":1})"));
  EXPECT_FALSE(Eval(R"({"Variable":"$.list[3]","IsPresent":true})", R"({"list":[1,2]})"));
  EXPECT_TRUE(Eval(R"({"Variable":"$.list[1]","IsPresent":true})", R"({"list":[1,2]})"));
}

// Any definite path may be read: bracket names, negative indexes (a single node, though not
// one ResultPath could write to).
TEST(ChoiceRuleTypeTest, DefinitePathForms) {
  EXPECT_TRUE(Eval(R"({"Variable":"$['a b'].c","StringEquals":"x"})", R"({"a b":{"c":"x"}})"));
  EXPECT_TRUE(Eval(R"({"Variable":"$.list[-1]","NumericEquals":3})", R"({"list":[1,2,3]})"));
  EXPECT_TRUE(Eval(R"({"Variable":"$.list[0]","NumericLessThanPath":"$.list[-1]"})",
                   R"({"list":[1,2,3]})"));
}

TEST(ChoiceRuleTypeTest, RootVariable) {
  EXPECT_TRUE(Eval(R"({"Variable":"$","IsString":true})", R"("text")"));
  EXPECT_TRUE(Eval(R"({"Variable":"$","NumericGreaterThan":2})", "3"));
}

// ---- Missing values --------------------------------------------------------------------------

TEST(ChoiceRuleErrorTest, VariableSelectingNothingIsRuntimeError) {
  for (const char* rule : {
           R"({"Variable":"$.missing","StringEquals":"x"})",
           R"({"Variable":"$.missing","StringMatches":"*"})",
           R"({"Variable":"$.missing","NumericEquals":1})",
           R"({"Variable":"$.missing","BooleanEquals":true})",
           R"({"Variable":"$.missing","TimestampEquals":"2012-10-09T19:00:55Z"})",
           R"({"Variable":"$.missing","NumericLessThanPath":"$.v"})",
           R"({"Variable":"$.missing","IsNull":true})",
           R"({"Variable":"$.missing","IsNumeric":false})",
           R"({"Variable":"$.missing","IsString":false})",
           R"({"Variable":"$.missing","IsBoolean":false})",
           R"({"Variable":"$.missing","IsTimestamp":false})",
       }) {
    Error error = EvalError(rule, R"({"v":1})");
    EXPECT_EQ(error.name, "States.Runtime") << rule;
    EXPECT_EQ(error.cause,
              "Invalid path '$.missing': The choice state's condition path references an "
              "invalid value.")
        << rule;
  }
}

TEST(ChoiceRuleErrorTest, PathOperandSelectingNothingIsRuntimeError) {
  Error error = EvalError(R"({"Variable":"$.v","NumericEqualsPath":"$.other.x"})", R"({"v":1})");
  EXPECT_EQ(error.name, "States.Runtime");
  EXPECT_EQ(error.cause,
            "Invalid path '$.other.x': The choice state's condition path references an invalid "
            "value.");
  // Even when the Variable has the wrong type for the operator.
  error = EvalError(R"({"Variable":"$.v","StringEqualsPath":"$.nope"})", R"({"v":1})");
  EXPECT_EQ(error.cause,
            "Invalid path '$.nope': The choice state's condition path references an invalid "
            "value.");
}

TEST(ChoiceRuleErrorTest, NullIsAValue) {
  EXPECT_FALSE(Eval(R"({"Variable":"$.v","StringEquals":"x"})", R"({"v":null})"));
  EXPECT_FALSE(Eval(R"({"Variable":"$.v","NumericEqualsPath":"$.w"})", R"({"v":1,"w":null})"));
}

// ---- And, Or, Not ----------------------------------------------------------------------------

TEST(ChoiceRuleBooleanExpressionTest, AndOrNot) {
  const char* in_range = R"({"And":[{"Variable":"$.value","NumericGreaterThanEquals":20},
                                    {"Variable":"$.value","NumericLessThan":30}]})";
  EXPECT_TRUE(Eval(in_range, R"({"value":22})"));
  EXPECT_FALSE(Eval(in_range, R"({"value":30})"));
  EXPECT_FALSE(Eval(in_range, R"({"value":19})"));
  const char* either = R"({"Or":[{"Variable":"$.t","StringEquals":"a"},
                                 {"Variable":"$.t","StringEquals":"b"}]})";
  EXPECT_TRUE(Eval(either, R"({"t":"a"})"));
  EXPECT_TRUE(Eval(either, R"({"t":"b"})"));
  EXPECT_FALSE(Eval(either, R"({"t":"c"})"));
  const char* not_private = R"({"Not":{"Variable":"$.type","StringEquals":"Private"}})";
  EXPECT_FALSE(Eval(not_private, R"({"type":"Private"})"));
  EXPECT_TRUE(Eval(not_private, R"({"type":"Public"})"));
  EXPECT_TRUE(Eval(R"({"And":[{"Variable":"$.x","IsPresent":true}]})", R"({"x":0})"));
  EXPECT_FALSE(Eval(R"({"Or":[{"Variable":"$.x","IsPresent":false}]})", R"({"x":0})"));
}

TEST(ChoiceRuleBooleanExpressionTest, DeepNesting) {
  const char* rule = R"({"Or":[
      {"Not":{"Or":[{"Variable":"$.a","BooleanEquals":true},
                    {"And":[{"Variable":"$.b","IsString":true},
                            {"Not":{"Variable":"$.b","StringMatches":"x*"}}]}]}},
      {"Variable":"$.c","NumericEqualsPath":"$.d"}]})";
  // a true: the Not is false; c == d decides.
  EXPECT_TRUE(Eval(rule, R"({"a":true,"b":"y","c":1,"d":1})"));
  EXPECT_FALSE(Eval(rule, R"({"a":true,"b":"y","c":1,"d":2})"));
  // a false, b a string not starting with x: inner And true, Not false; c == d decides.
  EXPECT_FALSE(Eval(rule, R"({"a":false,"b":"y","c":1,"d":2})"));
  // a false, b starts with x: inner Or false, Not true.
  EXPECT_TRUE(Eval(rule, R"({"a":false,"b":"xy","c":1,"d":2})"));
}

TEST(ChoiceRuleBooleanExpressionTest, ShortCircuitSkipsLaterErrors) {
  // The AWS documentation's example: IsPresent guards a comparison on the same field.
  const char* guarded = R"({"And":[{"Variable":"$.keyThatMightNotExist","IsPresent":true},
                                   {"Variable":"$.keyThatMightNotExist","StringEquals":"foo"}]})";
  EXPECT_FALSE(Eval(guarded, "{}"));
  EXPECT_TRUE(Eval(guarded, R"({"keyThatMightNotExist":"foo"})"));
  EXPECT_TRUE(Eval(R"({"Or":[{"Variable":"$.a","IsNull":true},
                             {"Variable":"$.missing","IsNull":true}]})",
                   R"({"a":null})"));
  // Without the guard the error surfaces, through Not and nested operators too.
  Error error = EvalError(R"({"Not":{"And":[{"Variable":"$.a","IsNull":true},
                                            {"Variable":"$.missing","IsNull":true}]}})",
                          R"({"a":null})");
  EXPECT_EQ(error.cause,
            "Invalid path '$.missing': The choice state's condition path references an invalid "
            "value.");
}

// The rules of the recorded execution conformance/aws-recorded/choice_and_not_numeric.json,
// input {"type":"Private","value":22}: AWS took the third rule (ValueInTwenties).
TEST(ChoiceRuleBooleanExpressionTest, RecordedExecution) {
  const char* input = R"({"type":"Private","value":22})";
  EXPECT_FALSE(Eval(R"({"Not":{"Variable":"$.type","StringEquals":"Private"}})", input));
  EXPECT_FALSE(Eval(R"({"Variable":"$.value","NumericEquals":0})", input));
  EXPECT_TRUE(Eval(R"({"And":[{"Variable":"$.value","NumericGreaterThanEquals":20},
                              {"Variable":"$.value","NumericLessThan":30}]})",
                   input));
}

// ---- Context object --------------------------------------------------------------------------

TEST(ChoiceRuleContextTest, ContextPaths) {
  ChoiceRule rule = CompileOk(R"({"Variable":"$$.Execution.Name","StringMatches":"run-*"})");
  EXPECT_TRUE(rule.uses_context());
  Json input = Json::object();
  Json context = Json::parse(R"({"Execution":{"Name":"run-7"}})");
  Result<bool> result = rule.Evaluate(EvalContext{input, &context});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value());
  // Without a Context object the path selects nothing.
  Result<bool> without = rule.Evaluate(EvalContext{input});
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().cause,
            "Invalid path '$$.Execution.Name': The choice state's condition path references an "
            "invalid value.");
}

TEST(ChoiceRuleContextTest, ContextPathOperandAndNesting) {
  ChoiceRule rule = CompileOk(
      R"({"Not":{"Variable":"$.attempt","NumericGreaterThanPath":"$$.Map.Item.Index"}})");
  EXPECT_TRUE(rule.uses_context());
  Json input = Json::parse(R"({"attempt":3})");
  Json context = Json::parse(R"({"Map":{"Item":{"Index":5}}})");
  Result<bool> result = rule.Evaluate(EvalContext{input, &context});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value());
  EXPECT_FALSE(CompileOk(R"({"Variable":"$.a","NumericGreaterThanPath":"$.b"})").uses_context());
}

// ---- Validation ------------------------------------------------------------------------------

TEST(ChoiceRuleValidationTest, ValidRulesHaveNoDiagnostics) {
  CompileOk(R"({"Variable":"$.x","NumericEquals":1,"Next":"A","Comment":"c"})", true);
  CompileOk(R"({"And":[{"Variable":"$.x","IsPresent":true,"Comment":"nested"}],"Next":"A"})",
            true);
  CompileOk(R"({"Variable":"$.x[0].y","TimestampEquals":"2016-03-14T01:59:00+01:00"})");
}

TEST(ChoiceRuleValidationTest, RuleMustBeAnObject) {
  EXPECT_EQ(Problems("[]"), std::vector<std::string>{"SFN0102 /States/C/Choices/0: a choice rule "
                                                     "must be an object, got array"});
  EXPECT_EQ(Problems(R"("x")"), std::vector<std::string>{"SFN0102 /States/C/Choices/0: a choice "
                                                         "rule must be an object, got string"});
}

TEST(ChoiceRuleValidationTest, UnknownFields) {
  EXPECT_EQ(Problems(R"({"Variable":"$.x","NumericEquals":1,"Colour":"red"})"),
            std::vector<std::string>{
                "SFN0101 /States/C/Choices/0/Colour: unknown field \"Colour\" in a choice rule"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","NumericEqual":1})"),
            (std::vector<std::string>{
                "SFN0101 /States/C/Choices/0/NumericEqual: unknown field \"NumericEqual\" in a "
                "choice rule (did you mean \"NumericEquals\"?)",
                "SFN0400 /States/C/Choices/0: a comparison must have exactly one comparison "
                "operator, found none"}));
  // JSONata's Condition is not a JSONPath choice rule field.
  EXPECT_EQ(Problems(R"({"Condition":"{% $x = 1 %}","Next":"A"})", true),
            (std::vector<std::string>{
                "SFN0101 /States/C/Choices/0/Condition: unknown field \"Condition\" in a choice "
                "rule",
                "SFN0400 /States/C/Choices/0: a choice rule must have \"And\", \"Or\", \"Not\", "
                "or \"Variable\" with a comparison operator"}));
}

TEST(ChoiceRuleValidationTest, AssignOnlyInTopLevelRules) {
  // A top-level rule's Assign is read by the state parser (asl/validate/assign_parser.cc).
  EXPECT_EQ(Problems(R"({"Variable":"$.x","IsNull":true,"Next":"A","Assign":{"a":1}})", true),
            std::vector<std::string>{});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","IsNull":true,"Assign":{"a":1}})"),
            std::vector<std::string>{
                "SFN0101 /States/C/Choices/0/Assign: unknown field \"Assign\" in a choice rule"});
}

TEST(ChoiceRuleValidationTest, CommentMustBeAString) {
  EXPECT_EQ(Problems(R"({"Variable":"$.x","IsNull":true,"Comment":5})"),
            std::vector<std::string>{
                "SFN0102 /States/C/Choices/0/Comment: field \"Comment\" must be a string, got "
                "number"});
}

TEST(ChoiceRuleValidationTest, Next) {
  EXPECT_EQ(Problems(R"({"Variable":"$.x","IsNull":true})", true),
            std::vector<std::string>{"SFN0401 /States/C/Choices/0: a top-level choice rule must "
                                     "have a \"Next\" field"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","IsNull":true,"Next":7})", true),
            std::vector<std::string>{
                "SFN0102 /States/C/Choices/0/Next: field \"Next\" must be a string, got number"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","IsNull":true,"Next":"A"})"),
            std::vector<std::string>{"SFN0401 /States/C/Choices/0/Next: a nested choice rule "
                                     "must not have a \"Next\" field"});
  EXPECT_EQ(
      Problems(R"({"And":[{"Variable":"$.x","IsNull":true,"Next":"A"}],
                   "Or":null, "Next":"B"})",
               true),
      (std::vector<std::string>{
          "SFN0400 /States/C/Choices/0: a choice rule must have exactly one operator, found "
          "\"And\", \"Or\"",
          "SFN0401 /States/C/Choices/0/And/0/Next: a nested choice rule must not have a \"Next\" "
          "field",
          "SFN0102 /States/C/Choices/0/Or: field \"Or\" must be an array, got null"}));
  EXPECT_EQ(Problems(R"({"Not":{"Variable":"$.x","IsNull":true,"Next":"A"},"Next":"B"})", true),
            std::vector<std::string>{"SFN0401 /States/C/Choices/0/Not/Next: a nested choice rule "
                                     "must not have a \"Next\" field"});
}

TEST(ChoiceRuleValidationTest, ExactlyOneOperator) {
  EXPECT_EQ(Problems("{}"),
            std::vector<std::string>{"SFN0400 /States/C/Choices/0: a choice rule must have "
                                     "\"And\", \"Or\", \"Not\", or \"Variable\" with a "
                                     "comparison operator"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x"})"),
            std::vector<std::string>{"SFN0400 /States/C/Choices/0: a comparison must have "
                                     "exactly one comparison operator, found none"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","NumericEquals":1,"StringEquals":"a"})"),
            std::vector<std::string>{"SFN0400 /States/C/Choices/0: a choice rule must have "
                                     "exactly one operator, found \"NumericEquals\", "
                                     "\"StringEquals\""});
  // Each operator's value is still checked.
  EXPECT_EQ(Problems(R"({"Variable":"$.x[","NumericEquals":"1","IsNull":true})"),
            (std::vector<std::string>{
                "SFN0200 /States/C/Choices/0/Variable: field \"Variable\" is not a valid "
                "JSONPath (\"$.x[\"): " + JsonPath::Parse("$.x[").error(),
                "SFN0400 /States/C/Choices/0: a choice rule must have exactly one operator, "
                "found \"NumericEquals\", \"IsNull\"",
                "SFN0102 /States/C/Choices/0/NumericEquals: field \"NumericEquals\" must be a "
                "number, got string"}));
  EXPECT_EQ(Problems(R"({"Not":{"Variable":"$.x","IsNull":true},"IsNull":true})"),
            std::vector<std::string>{"SFN0400 /States/C/Choices/0: a choice rule must have "
                                     "exactly one operator, found \"Not\", \"IsNull\""});
}

TEST(ChoiceRuleValidationTest, VariableOnBooleanExpression) {
  EXPECT_EQ(Problems(R"({"Variable":"$.x","Not":{"Variable":"$.x","IsNull":true}})"),
            std::vector<std::string>{"SFN0400 /States/C/Choices/0/Variable: field \"Variable\" "
                                     "cannot be used with \"Not\""});
}

TEST(ChoiceRuleValidationTest, ComparisonNeedsVariable) {
  EXPECT_EQ(Problems(R"({"NumericEquals":1})"),
            std::vector<std::string>{"SFN0100 /States/C/Choices/0: the comparison "
                                     "\"NumericEquals\" needs a \"Variable\" field"});
}

TEST(ChoiceRuleValidationTest, VariableMustBeAReferencePath) {
  EXPECT_EQ(Problems(R"({"Variable":5,"IsNull":true})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/Variable: field \"Variable\" "
                                     "must be a string, got number"});
  const std::string parse_error = JsonPath::Parse("$.a[").error();
  EXPECT_EQ(Problems(R"({"Variable":"$.a[","IsNull":true})"),
            std::vector<std::string>{"SFN0200 /States/C/Choices/0/Variable: field \"Variable\" "
                                     "is not a valid JSONPath (\"$.a[\"): " +
                                     parse_error});
  EXPECT_EQ(Problems(R"({"Variable":"$.items[*].id","StringEquals":"a"})"),
            std::vector<std::string>{"SFN0201 /States/C/Choices/0/Variable: field \"Variable\" "
                                     "must be a reference path (names and array indexes only), "
                                     "got \"$.items[*].id\""});
}

TEST(ChoiceRuleValidationTest, LiteralTypes) {
  EXPECT_EQ(Problems(R"({"Variable":"$.x","NumericEquals":"1"})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/NumericEquals: field "
                                     "\"NumericEquals\" must be a number, got string"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","NumericLessThan":true})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/NumericLessThan: field "
                                     "\"NumericLessThan\" must be a number, got boolean"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","StringEquals":1})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/StringEquals: field "
                                     "\"StringEquals\" must be a string, got number"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","StringMatches":null})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/StringMatches: field "
                                     "\"StringMatches\" must be a string, got null"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","BooleanEquals":"true"})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/BooleanEquals: field "
                                     "\"BooleanEquals\" must be a boolean, got string"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","TimestampEquals":1457920740})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/TimestampEquals: field "
                                     "\"TimestampEquals\" must be a string, got number"});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","TimestampLessThan":"2016-03-14"})"),
            std::vector<std::string>{"SFN0204 /States/C/Choices/0/TimestampLessThan: field "
                                     "\"TimestampLessThan\" must be an RFC 3339 timestamp such "
                                     "as \"2016-03-14T01:59:00Z\", got \"2016-03-14\""});
  for (const char* op : {"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean",
                         "IsTimestamp"}) {
    EXPECT_EQ(Problems(R"({"Variable":"$.x",")" + std::string(op) + R"(":"true"})"),
              std::vector<std::string>{"SFN0102 /States/C/Choices/0/" + std::string(op) +
                                       ": field \"" + op + "\" must be a boolean, got string"});
  }
}

TEST(ChoiceRuleValidationTest, PathOperands) {
  EXPECT_EQ(Problems(R"({"Variable":"$.x","NumericEqualsPath":3})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/NumericEqualsPath: field "
                                     "\"NumericEqualsPath\" must be a string, got number"});
  const std::string parse_error = JsonPath::Parse("x.y").error();
  EXPECT_EQ(Problems(R"({"Variable":"$.x","StringEqualsPath":"x.y"})"),
            std::vector<std::string>{"SFN0200 /States/C/Choices/0/StringEqualsPath: field "
                                     "\"StringEqualsPath\" is not a valid JSONPath (\"x.y\"): " +
                                     parse_error});
  EXPECT_EQ(Problems(R"({"Variable":"$.x","TimestampLessThanPath":"$..t"})"),
            std::vector<std::string>{"SFN0201 /States/C/Choices/0/TimestampLessThanPath: field "
                                     "\"TimestampLessThanPath\" must be a reference path (names "
                                     "and array indexes only), got \"$..t\""});
}

TEST(ChoiceRuleValidationTest, BooleanExpressionShapes) {
  EXPECT_EQ(Problems(R"({"And":{"Variable":"$.x","IsNull":true}})"),
            std::vector<std::string>{
                "SFN0102 /States/C/Choices/0/And: field \"And\" must be an array, got object"});
  EXPECT_EQ(Problems(R"({"Or":[]})"),
            std::vector<std::string>{"SFN0400 /States/C/Choices/0/Or: field \"Or\" must be a "
                                     "non-empty array of choice rules"});
  EXPECT_EQ(Problems(R"({"Not":[{"Variable":"$.x","IsNull":true}]})"),
            std::vector<std::string>{
                "SFN0102 /States/C/Choices/0/Not: field \"Not\" must be an object, got array"});
  EXPECT_EQ(Problems(R"({"Or":[{"Variable":"$.x","IsNull":true}, 3]})"),
            std::vector<std::string>{"SFN0102 /States/C/Choices/0/Or/1: a choice rule must be an "
                                     "object, got number"});
}

TEST(ChoiceRuleValidationTest, ReportsEveryProblemWithDeepPointers) {
  const char* rule = R"({
      "And": [
        {"Variable": "$.a", "IsPresent": true},
        {"Variable": "$.b", "NumericEquals": "5"},
        {"Not": {"Variable": 7, "StringEquals": "x", "Next": "N"}},
        {"Or": [{"Variable": "$.c", "TimestampEquals": "yesterday"}, {"Varible": "$.d"}]}
      ],
      "Next": "Done"
    })";
  EXPECT_EQ(
      Problems(rule, true),
      (std::vector<std::string>{
          "SFN0102 /States/C/Choices/0/And/1/NumericEquals: field \"NumericEquals\" must be a "
          "number, got string",
          "SFN0401 /States/C/Choices/0/And/2/Not/Next: a nested choice rule must not have a "
          "\"Next\" field",
          "SFN0102 /States/C/Choices/0/And/2/Not/Variable: field \"Variable\" must be a string, "
          "got number",
          "SFN0204 /States/C/Choices/0/And/3/Or/0/TimestampEquals: field \"TimestampEquals\" "
          "must be an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\", got \"yesterday\"",
          "SFN0101 /States/C/Choices/0/And/3/Or/1/Varible: unknown field \"Varible\" in a choice "
          "rule (did you mean \"Variable\"?)",
          "SFN0400 /States/C/Choices/0/And/3/Or/1: a choice rule must have \"And\", \"Or\", "
          "\"Not\", or \"Variable\" with a comparison operator"}));
}

TEST(ChoiceRuleValidationTest, PointerEscaping) {
  DiagnosticList diagnostics;
  ChoiceRule::Compile(Json::parse(R"({"Variable":"$.x","IsNull":true,"a/b~c":1})"),
                      "/States/My~1State/Choices/2", false, diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].pointer, "/States/My~1State/Choices/2/a~1b~0c");
}

TEST(ChoiceRuleValidationTest, ExistingDiagnosticsDoNotInvalidateANewRule) {
  DiagnosticList diagnostics;
  diagnostics.Add(DiagnosticCode::kUnknownStartAt, "/StartAt", "earlier problem");
  ChoiceRule rule = ChoiceRule::Compile(Json::parse(R"({"Variable":"$.x","IsNull":true})"),
                                        kPointer, false, diagnostics);
  EXPECT_TRUE(rule.valid());
  EXPECT_EQ(diagnostics.size(), 1u);
}

TEST(ChoiceRuleValidationTest, InvalidRuleDoesNotEvaluate) {
  DiagnosticList diagnostics;
  ChoiceRule rule = ChoiceRule::Compile(Json::parse(R"({"Variable":"$.x"})"), kPointer, false,
                                        diagnostics);
  EXPECT_FALSE(rule.valid());
  Json input = Json::object();
  Result<bool> result = rule.Evaluate(EvalContext{input});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name, "States.Runtime");
  EXPECT_EQ(result.error().cause, "The choice rule was not compiled.");
}

TEST(ChoiceRuleTest, MovesKeepTheCompiledRule) {
  ChoiceRule a = CompileOk(R"({"Variable":"$$.x","IsPresent":true})");
  ChoiceRule b = std::move(a);
  EXPECT_TRUE(b.valid());
  EXPECT_TRUE(b.uses_context());
  ChoiceRule c;
  EXPECT_FALSE(c.valid());
  c = std::move(b);
  Json input = Json::object();
  Json context = Json::parse(R"({"x":1})");
  Result<bool> result = c.Evaluate(EvalContext{input, &context});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value());
}

}  // namespace
}  // namespace asl
