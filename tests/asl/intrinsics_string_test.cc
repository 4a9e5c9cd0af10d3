// States.Format, States.StringSplit, and the Java rendering of values they rely on.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-generic
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-string-operation

#include <gtest/gtest.h>

#include "asl/intrinsics/java_text.h"
#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using intrinsics::JavaDoubleText;
using intrinsics::JavaText;
using testing::EvalError;
using testing::EvalText;
using testing::Input;
using testing::InvalidArguments;
using testing::PathNotFound;

TEST(JavaTextTest, Doubles) {
  EXPECT_EQ(JavaDoubleText(1.0), "1.0");
  EXPECT_EQ(JavaDoubleText(1.1), "1.1");
  EXPECT_EQ(JavaDoubleText(-3.5), "-3.5");
  EXPECT_EQ(JavaDoubleText(100.0), "100.0");
  EXPECT_EQ(JavaDoubleText(0.001), "0.001");
  EXPECT_EQ(JavaDoubleText(0.0123), "0.0123");
  EXPECT_EQ(JavaDoubleText(1234567.0), "1234567.0");
  EXPECT_EQ(JavaDoubleText(9999999.5), "9999999.5");
  EXPECT_EQ(JavaDoubleText(1e7), "1.0E7");
  EXPECT_EQ(JavaDoubleText(123456789.125), "1.23456789125E8");
  EXPECT_EQ(JavaDoubleText(1e21), "1.0E21");
  EXPECT_EQ(JavaDoubleText(1e-4), "1.0E-4");
  EXPECT_EQ(JavaDoubleText(-1.2345e-5), "-1.2345E-5");
  EXPECT_EQ(JavaDoubleText(0.0), "0.0");
  EXPECT_EQ(JavaDoubleText(-0.0), "-0.0");
}

TEST(JavaTextTest, Values) {
  EXPECT_EQ(JavaText(Json("text")), "text");
  EXPECT_EQ(JavaText(Json(nullptr)), "null");
  EXPECT_EQ(JavaText(Json(true)), "true");
  EXPECT_EQ(JavaText(Json(-7)), "-7");
  EXPECT_EQ(JavaText(Json(18446744073709551615ull)), "18446744073709551615");
  EXPECT_EQ(JavaText(Json::parse(R"({"a":[1,"x",null,{"b":true}],"c":{},"d":[]})")),
            "{a=[1, x, null, {b=true}], c={}, d=[]}");
}

TEST(StatesFormatTest, RecordedOnAws) {
  // intrinsic_format.json
  EXPECT_EQ(EvalText("States.Format('Formatting argument {}.', $.FunctionInput)",
                     Input(R"({"FunctionInput":null})")),
            R"("Formatting argument null.")");
  // fail_state_intrinsic_paths.json (ErrorPath and CausePath)
  const Json fail_input = Input(R"({"Error":"error string","Cause":"cause string"})");
  EXPECT_EQ(EvalText("States.Format('{}', $.Error)", fail_input), R"("error string")");
  EXPECT_EQ(EvalText("States.Format('This is a custom error message for {}, caused by {}.', "
                     "$.Error, $.Cause)",
                     fail_input),
            R"("This is a custom error message for error string, caused by cause string.")");
  // LocalStack test_format_2: the same value in both places.
  const char* format_2 =
      "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, "
      "$.FunctionInput.snd)";
  auto format_twice = [&](const char* value) {
    Json input = Json::object();
    input["FunctionInput"]["fst"] = Json::parse(value);
    input["FunctionInput"]["snd"] = Json::parse(value);
    return EvalText(format_2, input);
  };
  EXPECT_EQ(format_twice(R"("")"), R"("Formatting arguments fst= and snd=.")");
  EXPECT_EQ(format_twice(R"(" ")"), R"("Formatting arguments fst=  and snd= .")");
  EXPECT_EQ(format_twice(R"("HelloWorld")"),
            R"("Formatting arguments fst=HelloWorld and snd=HelloWorld.")");
  EXPECT_EQ(format_twice("null"), R"("Formatting arguments fst=null and snd=null.")");
  EXPECT_EQ(format_twice("1"), R"("Formatting arguments fst=1 and snd=1.")");
  EXPECT_EQ(format_twice("1.1"), R"("Formatting arguments fst=1.1 and snd=1.1.")");
  EXPECT_EQ(
      format_twice(R"("{\"Arg1\": 1, \"Arg2\": []}")"),
      R"("Formatting arguments fst={\"Arg1\": 1, \"Arg2\": []} )"
      R"(and snd={\"Arg1\": 1, \"Arg2\": []}.")");
  EXPECT_EQ(format_twice(R"({"Arg1": 1, "Arg2": []})"),
            R"("Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.")");
}

// LocalStack test_context_json_path (format_context_path.json5), recorded on AWS.
TEST(StatesFormatTest, ContextObject) {
  const Json context = Input(
      R"({"Execution":{"Name":"exec-1"},
          "StateMachine":{"Id":"arn:aws:states:us-east-1:111111111111:stateMachine:sm",
                          "Name":"sm"}})");
  EXPECT_EQ(
      EvalText("States.Format('Formatting arguments fst={} and snd={}.', "
               "$$.Execution.Name, $$.StateMachine)",
               Input(R"({"FunctionInput":null})"), {.context = &context}),
      R"("Formatting arguments fst=exec-1 and )"
      R"(snd={Id=arn:aws:states:us-east-1:111111111111:stateMachine:sm, Name=sm}.")");
}

TEST(StatesFormatTest, Templates) {
  const Json person = Input(R"({"name":"Arnav","template":"Hello, my name is {}."})");
  EXPECT_EQ(EvalText("States.Format('Hello, my name is {}.', $.name)", person),
            R"("Hello, my name is Arnav.")");
  EXPECT_EQ(EvalText("States.Format($.template, $.name)", person), R"("Hello, my name is Arnav.")");
  EXPECT_EQ(
      EvalText("States.Format('{} {} {}', $.a, $.b, $.c)", Input(R"({"a":"x","b":2,"c":true})")),
      R"("x 2 true")");
  EXPECT_EQ(EvalText(R"(States.Format('Name: \'{}\', Surname: "{}"', $.name, $.surname))",
                     Input(R"({"name":"Gabriel","surname":"Moreira"})")),
            R"("Name: 'Gabriel', Surname: \"Moreira\"")");
  EXPECT_EQ(EvalText("States.Format('no placeholders')"), R"("no placeholders")");
  EXPECT_EQ(EvalText("States.Format('  {}  ', 'x')"), R"("  x  ")");
  EXPECT_EQ(EvalText("States.Format('arn:{}:{}', $.svc, States.JsonToString($.obj))",
                     Input(R"({"svc":"lambda","obj":{"k":1}})")),
            R"("arn:lambda:{\"k\":1}")");
  EXPECT_EQ(EvalText("States.Format('{}|{}|{}|{}|{}', $.nil, $.bool, $.negative, $.fractional, "
                     "$.huge)",
                     Input(R"({"nil":null,"bool":false,"negative":-1,"fractional":3.5,
                               "huge":9007199254740991})")),
            R"("null|false|-1|3.5|9007199254740991")");
  EXPECT_EQ(EvalText("States.Format('{}', $.a)", Input(R"({"a":[1,"two",[3.0]]})")),
            R"("[1, two, [3.0]]")");
}

TEST(StatesFormatTest, EscapedBraces) {
  EXPECT_EQ(EvalText(R"(States.Format('\{{}\}', 'x'))"), R"("{x}")");
  EXPECT_EQ(EvalText(R"(States.Format('a\\{}', 'x'))"), R"("a\\x")");
  // A template read from the input follows the same rules.
  EXPECT_EQ(EvalText("States.Format($.t, 'x')", Input(R"({"t":"\\{{}\\}"})")), R"("{x}")");
  // Other backslashes stay as they are.
  EXPECT_EQ(EvalText("States.Format($.t, 'x')", Input(R"({"t":"C:\\dir {}"})")), R"("C:\\dir x")");
}

TEST(StatesFormatTest, RefusedArguments) {
  const Json input =
      Input(R"({"a":"x","b":"y","n":123,"open":"Hello {","close":"}","two":"{} {}"})");
  for (const char* text :
       {"States.Format($.n, $.a)", "States.Format($.open, $.a)", "States.Format($.close)",
        "States.Format($.two, $.a)", "States.Format($.a, $.b)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.Format"));
  }
}

// floci StepFunctionsIntrinsicMissingArgumentIntegrationTest, causes measured on AWS.
TEST(StatesFormatTest, ArgumentsSelectingNothing) {
  EXPECT_EQ(
      EvalError("States.Format('{}', $.nope)", Input(R"({"other":1})")),
      R"(States.Runtime: The function 'States.Format('{}', $.nope)' had the following error: )"
      R"(The JsonPath argument for the field '$.nope' could not be found in the input )"
      R"('{"other":1}')");
  // The cause names the whole expression, not the inner call.
  EXPECT_EQ(
      EvalError("States.Format('{}', States.Format('{}', $.nope))", Input(R"({"other":1})")),
      PathNotFound("States.Format('{}', States.Format('{}', $.nope))", "$.nope", R"({"other":1})"));
  // An index past the end selects nothing.
  EXPECT_EQ(EvalError("States.Format('{}', $.items[5])", Input(R"({"items":[1,2]})")),
            PathNotFound("States.Format('{}', $.items[5])", "$.items[5]", R"({"items":[1,2]})"));
  // The expression is echoed as written.
  EXPECT_EQ(EvalError("States.Format('{}',$.nope)", Input(R"({"other":1})")),
            PathNotFound("States.Format('{}',$.nope)", "$.nope", R"({"other":1})"));
  // Present but null is a value.
  EXPECT_EQ(EvalText("States.Format('{}', $.nul)", Input(R"({"nul":null})")), R"("null")");
}

TEST(StatesFormatTest, ContextPathSelectingNothingNamesTheContextObject) {
  const Json context = Input(R"({"Execution":{"Name":"e"}})");
  EXPECT_EQ(
      EvalError("States.Format('{}', $$.Execution.Nope)", Json::object(), {.context = &context}),
      PathNotFound("States.Format('{}', $$.Execution.Nope)", "$$.Execution.Nope",
                   R"({"Execution":{"Name":"e"}})"));
}

TEST(StatesStringSplitTest, RecordedOnAws) {
  // LocalStack test_string_split, recorded against AWS.
  auto split = [](const char* text, const char* delimiters) {
    Json input = Json::object();
    input["FunctionInput"] = {{"fst", text}, {"snd", delimiters}};
    return EvalText("States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)", input);
  };
  EXPECT_EQ(split(" ", ","), R"([" "])");
  EXPECT_EQ(split(" , ", ","), R"([" "," "])");
  EXPECT_EQ(split(", , ,", ","), R"([" "," "])");
  EXPECT_EQ(split(",,,,", ","), "[]");
  EXPECT_EQ(split("1,2,3,4,5", ","), R"(["1","2","3","4","5"])");
  EXPECT_EQ(split("This.is+a,test=string", ".+,="), R"(["This","is","a","test","string"])");
}

// LocalStack test_string_split_context_object, recorded against AWS.
TEST(StatesStringSplitTest, ContextObject) {
  Json context = Json::object();
  context["Execution"]["Input"]["FunctionInput"] =
      "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n";
  EXPECT_EQ(
      EvalText("States.StringSplit($$.Execution.Input.FunctionInput, ',')", Json::object(),
               {.context = &context}),
      R"(["Value1","Value2","Value3\nValue4","Value5","Value6\n","\ntrue","1",)"
      R"("'HelloWorld'\nNull","None","\n   \n"])");
}

TEST(StatesStringSplitTest, Splits) {
  // LocalStack escape_sequence.json5: a newline in the definition's JSON string.
  EXPECT_EQ(EvalText("States.StringSplit('Hello\nWorld', '\n')"), R"(["Hello","World"])");
  EXPECT_EQ(EvalText("States.StringSplit('', ',')"), "[]");
  EXPECT_EQ(EvalText("States.StringSplit('a,b', '')"), R"(["a,b"])");
  EXPECT_EQ(EvalText("States.StringSplit('a✓b✓✓c', '✓')"), R"(["a","b","c"])");
  EXPECT_EQ(EvalText("States.StringSplit('2020-05-27T08:00:00.000Z', 'T')"),
            R"(["2020-05-27","08:00:00.000Z"])");
}

TEST(StatesStringSplitTest, RefusedArguments) {
  const Json input = Input(R"({"n":12,"s":"a,b","o":{}})");
  for (const char* text : {"States.StringSplit($.n, ',')", "States.StringSplit($.s, $.n)",
                           "States.StringSplit($.o, ',')"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.StringSplit"));
  }
}

}  // namespace
}  // namespace asl
