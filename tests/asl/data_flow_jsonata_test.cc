// The JSONata side of the data-flow seam (asl/runtime/data_flow_jsonata.cc): $states.input,
// .result, .errorOutput and .context; the defaults when Output is absent; Items, Condition and
// Fail fields; and AWS's States.QueryEvaluationError causes with their locations.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html

#include <gtest/gtest.h>

#include <string>

#include "asl/base/error_names.h"
#include "asl/runtime/data_flow.h"
#include "asl/validate/definition_parser.h"

namespace asl {
namespace {

class TestEnv final : public FlowEnv {
 public:
  TestEnv() : FlowEnv(&random_) {}
  const Json* ContextObject() override {
    ++asked;
    return &context;
  }
  int64_t NowMillis() override { return 1700000000000; }
  int asked = 0;
  Json context = Json::parse(R"({"State":{"Name":"S"},"Map":{"Item":{"Index":1,"Value":"v"}}})");

 private:
  Random random_{7};
};

class DataFlowJsonataTest : public ::testing::Test {
 protected:
  // The first state of a one-state JSONata machine written as `state` (JSON).
  const State& Load(const std::string& state, const std::string& more = "") {
    parsed_ = ParseDefinition(Json::parse(R"({"QueryLanguage":"JSONata","StartAt":"S",)"
                                          R"("States":{"S":)" + state + more + "}}"));
    EXPECT_TRUE(parsed_.machine) << state;
    static const State kEmpty;
    return parsed_.machine ? parsed_.machine->states.at(0) : kEmpty;
  }
  ParsedDefinition parsed_;
  TestEnv env_;
};

TEST_F(DataFlowJsonataTest, TaskArgumentsAndOutputReadStates) {
  const State& s = Load(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "Arguments":{"Message":"{% $states.input.m %}","Fixed":[1,"{% 1 + 1 %}"]},
      "Output":{"in":"{% $states.input.m %}","id":"{% $states.result.MessageId %}"},
      "End":true})");
  ASSERT_EQ(s.query_language, QueryLanguage::kJsonata);
  Json raw = Json::parse(R"({"m":"hi"})");
  Json storage;
  auto effective = EffectiveInput(s, raw, env_, storage);
  ASSERT_TRUE(effective.ok());
  EXPECT_EQ(*effective, &raw);
  EXPECT_TRUE(EffectiveInputIsRaw(s));
  ASSERT_TRUE(HasArguments(s));
  auto arguments = Arguments(s, raw, env_);
  ASSERT_TRUE(arguments.ok()) << arguments.error().cause;
  EXPECT_EQ(Dump(*arguments), R"({"Message":"hi","Fixed":[1,2]})");
  auto result = SelectResult(s, Json::parse(R"({"MessageId":"x"})"), env_);
  ASSERT_TRUE(result.ok());
  Json scratch;
  auto output = StateOutput(s, raw, std::move(*result), RawInput::kKeep, env_, scratch);
  ASSERT_TRUE(output.ok()) << output.error().cause;
  EXPECT_EQ(Dump(*output), R"({"in":"hi","id":"x"})");
  EXPECT_EQ(env_.asked, 0);  // nothing read $states.context
}

TEST_F(DataFlowJsonataTest, WithoutOutputATaskPassesItsResultOn) {
  const State& s = Load(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "End":true})");
  EXPECT_FALSE(HasArguments(s));
  Json raw = Json::parse(R"({"a":1})");
  Json scratch;
  auto output = StateOutput(s, raw, Json(7), RawInput::kKeep, env_, scratch);
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(Dump(*output), "7");
  EXPECT_EQ(Dump(raw), R"({"a":1})");  // a Catch may still read it
}

TEST_F(DataFlowJsonataTest, ContextIsBuiltOnlyWhenRead) {
  const State& s = Load(R"({"Type":"Pass","Output":"{% $states.context.State.Name %}",
      "End":true})");
  Json raw = Json::object();
  Json storage;
  auto output = SelectOutput(s, raw, env_, storage);
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(Dump(**output), R"("S")");
  EXPECT_EQ(env_.asked, 1);
}

TEST_F(DataFlowJsonataTest, ClockAndRandomComeFromTheEnvironment) {
  const State& s = Load(R"({"Type":"Pass","Output":{"now":"{% $millis() %}",
      "r":"{% $random() < 1 %}"},"End":true})");
  Json raw = Json::object();
  Json storage;
  auto output = SelectOutput(s, raw, env_, storage);
  ASSERT_TRUE(output.ok()) << output.error().cause;
  EXPECT_EQ(Dump(**output), R"({"now":1700000000000,"r":true})");
}

TEST_F(DataFlowJsonataTest, AFailingExpressionIsAQueryEvaluationErrorWithItsLocation) {
  // Recorded: jsonata_evaluation_failed_pass.json.
  const State& s = Load(R"({"Type":"Pass","Output":{"FunctionResult":
      "{% $randomSeeded($states.input.FunctionInput.fst) %}"},"End":true})");
  Json raw = Json::parse(R"({"FunctionInput":"fst"})");
  Json storage;
  auto output = SelectOutput(s, raw, env_, storage);
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().name, errors::kQueryEvaluationError);
  EXPECT_EQ(output.error().location, "Output/FunctionResult");
  EXPECT_EQ(output.error().cause,
            "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified "
            "for the field 'Output/FunctionResult' threw an error during evaluation. T1006: "
            "Attempted to invoke a non-function");
}

TEST_F(DataFlowJsonataTest, AnUndefinedResultFailsNamingTheField) {
  const State& s = Load(R"({"Type":"Pass","Output":{"a":[0,{"b":"{% $states.input.missing %}"}]},
      "End":true})");
  Json raw = Json::object();
  Json storage;
  auto output = SelectOutput(s, raw, env_, storage);
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().location, "Output/a[1]/b");
  EXPECT_EQ(output.error().cause,
            "The JSONata expression '$states.input.missing' specified for the field "
            "'Output/a[1]/b' returned nothing (undefined).");
}

TEST_F(DataFlowJsonataTest, MapItemsMustBeAnArray) {
  // Recorded: map_items_evaluation_failed.json.
  const State& s = Load(R"({"Type":"Map","Items":"{% 1 %}","End":true,
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}})");
  Json raw = Json::object();
  Json owned;
  auto items = SelectMapItems(s, raw, env_, owned);
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.error().location, "Items");
  EXPECT_EQ(items.error().cause,
            "The JSONata expression '1' specified for the field 'Items' returned an unexpected "
            "result type. Expected 'array', but was 'number' for value: 1");
  const State& literal = Load(R"({"Type":"Map","Items":[1,"{% $states.input.x %}"],"End":true,
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}})");
  Json input = Json::parse(R"({"x":2})");
  auto selected = SelectMapItems(literal, input, env_, owned);
  ASSERT_TRUE(selected.ok());
  EXPECT_EQ(Dump(**selected), "[1,2]");
}

TEST_F(DataFlowJsonataTest, ItemSelectorReadsTheItemFromTheContext) {
  const State& s = Load(R"({"Type":"Map","End":true,
      "ItemSelector":{"item":"{% $states.context.Map.Item.Value %}","all":"{% $states.input %}"},
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}})");
  Json input = Json::array({1});
  auto selected = Arguments(s, input, env_);
  ASSERT_TRUE(selected.ok()) << selected.error().cause;
  EXPECT_EQ(Dump(*selected), R"({"item":"v","all":[1]})");
}

TEST_F(DataFlowJsonataTest, ChoiceConditionsMustBeBoolean) {
  const State& s = Load(R"({"Type":"Choice","Default":"T","Choices":[
      {"Condition":"{% $states.input.n > 1 %}","Next":"T"},
      {"Condition":"{% $states.input.n %}","Next":"T"}]})",
                        R"(,"T":{"Type":"Succeed"})");
  Json input = Json::parse(R"({"n":2})");
  auto first = ChoiceMatches(s, s.choices.at(0), input, env_);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  auto second = ChoiceMatches(s, s.choices.at(1), input, env_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().location, "Choices[1]/Condition");
  EXPECT_EQ(second.error().cause,
            "The JSONata expression '$states.input.n' specified for the field "
            "'Choices[1]/Condition' returned an unexpected result type. Expected 'boolean', but "
            "was 'number' for value: 2");
}

TEST_F(DataFlowJsonataTest, CatchOutputReadsTheErrorOutput) {
  // Recorded: jsonata_task_retry_then_catch.json.
  const State& s = Load(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "Catch":[{"ErrorEquals":["X"],"Next":"F",
                "Output":{"in":"{% $states.input %}","err":"{% $states.errorOutput %}"}},
               {"ErrorEquals":["States.ALL"],"Next":"F"}],"End":true})",
                        R"(,"F":{"Type":"Succeed"})");
  Error error("E", "c");
  Json raw = Json::parse(R"({"a":1})");
  auto output = CatchOutput(s, s.catchers.at(0), raw, error, env_);
  ASSERT_TRUE(output.ok()) << output.error().cause;
  EXPECT_EQ(Dump(*output), R"({"in":{"a":1},"err":{"Error":"E","Cause":"c"}})");
  auto plain = CatchOutput(s, s.catchers.at(1), raw, error, env_);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(Dump(*plain), R"({"Error":"E","Cause":"c"})");
}

TEST_F(DataFlowJsonataTest, FailFieldsAndSettings) {
  const State& s = Load(R"({"Type":"Fail","Error":"{% 'E.' & $states.input.k %}",
      "Cause":"{% $states.input.n %}"})");
  Json input = Json::parse(R"({"k":"x","n":3})");
  auto error = FailField(s, s.error, "ErrorPath", input, env_);
  ASSERT_TRUE(error.ok());
  EXPECT_EQ(error->text, "E.x");
  auto cause = FailField(s, s.cause, "CausePath", input, env_);
  ASSERT_FALSE(cause.ok());
  EXPECT_EQ(cause.error().location, "Cause");
  const State& wait = Load(R"({"Type":"Wait","Seconds":"{% $states.input.n * 2 %}","End":true})");
  Json storage;
  auto seconds = EvaluateSetting(*wait.wait_expression, input, env_, storage);
  ASSERT_TRUE(seconds.ok());
  EXPECT_EQ(Dump(*seconds->value), "6");
  EXPECT_EQ(seconds->text, "$states.input.n * 2");
}

}  // namespace
}  // namespace asl
