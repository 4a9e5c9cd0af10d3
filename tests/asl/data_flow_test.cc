// The data-flow seam (asl/runtime/data_flow.h) on states loaded from definitions: the steps in
// AWS's order, the Context object built only when an expression reads it, and the raw input a
// Catch needs left as it was when ResultPath or OutputPath fails.

#include "asl/runtime/data_flow.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "asl/validate/definition_parser.h"

namespace asl {
namespace {

// Counts how often the Context object is asked for.
class CountingEnv final : public FlowEnv {
 public:
  CountingEnv() : FlowEnv(&random_) {}
  const Json* ContextObject() override {
    ++asked;
    return &context;
  }
  int asked = 0;
  Json context = Json::parse(R"({"State":{"Name":"S","RetryCount":2}})");

 private:
  Random random_{7};
};

// The first state of a one-state machine written as `state` (JSON).
class DataFlowTest : public ::testing::Test {
 protected:
  const State& Load(const std::string& state) {
    parsed_ = ParseDefinition(Json::parse(R"({"StartAt":"S","States":{"S":)" + state + "}}"));
    EXPECT_TRUE(parsed_.machine) << state;
    return parsed_.machine->states.at(0);
  }
  ParsedDefinition parsed_;
};

TEST_F(DataFlowTest, TaskStepsInOrder) {
  const State& s = Load(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "InputPath":"$.in","Parameters":{"m.$":"$.v"},"ResultSelector":{"id.$":"$.MessageId"},
      "ResultPath":"$.out","OutputPath":"$.out","End":true})");
  EXPECT_EQ(s.query_language, QueryLanguage::kJsonPath);
  CountingEnv env;
  Json raw = Json::parse(R"({"in":{"v":1}})");
  Json storage;
  auto effective = EffectiveInput(s, raw, env, storage);
  ASSERT_TRUE(effective.ok());
  EXPECT_FALSE(EffectiveInputIsRaw(s));
  ASSERT_TRUE(HasArguments(s));
  auto arguments = Arguments(s, **effective, env);
  ASSERT_TRUE(arguments.ok());
  EXPECT_EQ(Dump(*arguments), R"({"m":1})");
  auto result = SelectResult(s, Json::parse(R"({"MessageId":"x","Other":0})"), env);
  ASSERT_TRUE(result.ok());
  Json scratch;
  auto output = StateOutput(s, raw, std::move(*result), RawInput::kKeep, env, scratch);
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(Dump(*output), R"({"id":"x"})");
  EXPECT_EQ(env.asked, 0);  // nothing read "$$"
}

TEST_F(DataFlowTest, ContextObjectOnlyWhenAnExpressionReadsIt) {
  const State& s = Load(R"({"Type":"Pass","Parameters":{"n.$":"$$.State.Name","r.$":"$.r"},
      "End":true})");
  CountingEnv env;
  auto arguments = Arguments(s, Json::parse(R"({"r":5})"), env);
  ASSERT_TRUE(arguments.ok());
  EXPECT_EQ(Dump(*arguments), R"({"r":5,"n":"S"})");
  EXPECT_EQ(env.asked, 1);
}

// A Catch reads the raw input as it was: a failing OutputPath must not have consumed it.
TEST_F(DataFlowTest, KeptRawInputSurvivesAFailingOutputPath) {
  const State& s = Load(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "ResultPath":"$.r","OutputPath":"$.missing","End":true})");
  CountingEnv env;
  Json raw = Json::parse(R"({"a":1})");
  Json scratch;
  auto output = StateOutput(s, raw, Json(2), RawInput::kKeep, env, scratch);
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.error().name, "States.Runtime");
  EXPECT_EQ(Dump(raw), R"({"a":1})");
}

// Without an OutputPath the result is written into the raw input where it stands.
TEST_F(DataFlowTest, ResultPathWritesInPlaceWithoutOutputPath) {
  const State& s = Load(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "ResultPath":"$.r","End":true})");
  CountingEnv env;
  Json raw = Json::parse(R"({"a":1})");
  Json scratch;
  auto output = StateOutput(s, raw, Json(2), RawInput::kKeep, env, scratch);
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(Dump(*output), R"({"a":1,"r":2})");
}

TEST_F(DataFlowTest, CatchOutputPlacesTheErrorOutput) {
  const State& s = Load(R"({"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"S"}],"End":true})");
  Error error("E", "c");
  CountingEnv env;
  auto output = CatchOutput(s, s.catchers.at(0), Json::parse(R"({"a":1})"), error, env);
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(Dump(*output), R"({"a":1,"err":{"Error":"E","Cause":"c"}})");
}

TEST_F(DataFlowTest, MapItemsFromTheContextObjectAreCopied) {
  const State& s = Load(R"({"Type":"Map","ItemsPath":"$$.State.List","ItemProcessor":{
      "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true})");
  CountingEnv env;
  env.context["State"]["List"] = Json::parse("[1,2]");
  Json owned;
  Json effective = Json::object();
  auto items = SelectMapItems(s, effective, env, owned);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(*items, &owned);
  EXPECT_EQ(Dump(owned), "[1,2]");
}

TEST_F(DataFlowTest, FailFieldFromAPathThatSelectsNothingIsARuntimeError) {
  const State& s = Load(R"({"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"})");
  CountingEnv env;
  auto error = FailField(s, s.error, "ErrorPath", Json::parse(R"({"e":"Boom"})"), env);
  ASSERT_TRUE(error.ok());
  EXPECT_TRUE(error->present);
  EXPECT_EQ(error->text, "Boom");
  auto cause = FailField(s, s.cause, "CausePath", Json::parse(R"({"e":"Boom"})"), env);
  ASSERT_FALSE(cause.ok());
  EXPECT_NE(cause.error().cause.find("CausePath"), std::string::npos);
}

}  // namespace
}  // namespace asl
