// Workflow variables end to end: what Assign stores in each state type and language, when the
// new values become visible, the scopes of Map iterations and Parallel branches, the history
// details AWS writes (assignedVariables), and the failures.
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html

#include <gtest/gtest.h>

#include <string>

#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::FakeBackend;
using sfnsim_test::ParseMachine;
using sfnsim_test::RunMachine;
using sfnsim_test::Shape;

// The stateExitedEventDetails of the first event of `type` named `name`.
asl::Json Exited(const asl::Json& events, const std::string& type, const std::string& name) {
  for (const asl::Json& event : events) {
    if (event["type"] == type && event["stateExitedEventDetails"]["name"] == name) {
      return event["stateExitedEventDetails"];
    }
  }
  ADD_FAILURE() << "no " << type << " for " << name;
  return asl::Json();
}

TEST(EngineVariablesTest, JsonPathAssignStoresLiteralsSelectionsAndCalls) {
  auto machine = ParseMachine(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","Next":"B","Assign":{
        "zeta":"$.not.a.path","n":0,"list":[1,{"k":null}],
        "picked.$":"$.user","name.$":"$$.State.Name","greeting.$":"States.Format('hi {}', $.user.name)"}},
      "B":{"Type":"Pass","Parameters":{"who.$":"$picked.name","first.$":"$list[0]",
                                        "text.$":"States.Format('{} from {}', $greeting, $name)"},
           "End":true}}})j");
  auto r = RunMachine(machine, R"({"user":{"name":"ana"}})");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  // (".$" members come out in java.util.HashMap order, as AWS writes them.)
  EXPECT_EQ(asl::Dump(r.output), R"({"text":"hi ana from A","first":1,"who":"ana"})");
  asl::Json details = Exited(r.events, "PassStateExited", "A");
  // Names in order, each value as compact JSON text; then the truncation flag.
  EXPECT_EQ(asl::Dump(details["assignedVariables"]),
            R"({"greeting":"\"hi ana\"","list":"[1,{\"k\":null}]","n":"0","name":"\"A\"",)"
            R"("picked":"{\"name\":\"ana\"}","zeta":"\"$.not.a.path\""})");
  EXPECT_EQ(asl::Dump(details["assignedVariablesDetails"]), R"({"truncated":false})");
  // A state without Assign writes neither field.
  EXPECT_FALSE(Exited(r.events, "PassStateExited", "B").contains("assignedVariables"));
}

TEST(EngineVariablesTest, EveryExpressionOfAStateSeesTheValuesFromBeforeIt) {
  auto machine = ParseMachine(R"j({"QueryLanguage":"JSONata","StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
      "B":{"Type":"Pass","Assign":{"x":"{% $x + 10 %}","y":"{% $x %}"},
           "Output":{"seen":"{% $x %}"},"Next":"C"},
      "C":{"Type":"Pass","Output":"{% [$x, $y, $states.input.seen] %}","End":true}}})j");
  auto r = RunMachine(machine, "{}");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), "[11,1,1]");
}

TEST(EngineVariablesTest, TaskAssignReadsTheResultAfterResultSelector) {
  auto machine = ParseMachine(R"j({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"M":"x"},
           "ResultSelector":{"id.$":"$.MessageId"},"ResultPath":"$.r",
           "Assign":{"id.$":"$.id"},"Next":"U"},
      "U":{"Type":"Pass","Parameters":{"id.$":"$id","input.$":"$"},"End":true}}})j");
  FakeBackend backend;
  backend.On("T", {FakeBackend::Ok(asl::Json::parse(R"({"MessageId":"m-1"})"))});
  auto r = RunMachine(machine, R"({"a":1})", &backend);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"({"input":{"a":1,"r":{"id":"m-1"}},"id":"m-1"})");
}

TEST(EngineVariablesTest, JsonataAssignReadsStatesResult) {
  auto machine = ParseMachine(R"j({"QueryLanguage":"JSONata","StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Arguments":{"M":"x"},
           "Assign":{"id":"{% $states.result.MessageId %}","was":"{% $states.input.a %}"},
           "Output":"{% $states.input %}","Next":"U"},
      "U":{"Type":"Pass","Output":"{% $id & '/' & $string($was) %}","End":true}}})j");
  FakeBackend backend;
  backend.On("T", {FakeBackend::Ok(asl::Json::parse(R"({"MessageId":"m-2"})"))});
  auto r = RunMachine(machine, R"({"a":7})", &backend);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"("m-2/7")");
}

TEST(EngineVariablesTest, IterationsReadOuterVariablesAndKeepTheirOwnApart) {
  auto machine = ParseMachine(R"j({"QueryLanguage":"JSONata","StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"base":100},"Next":"M"},
      "M":{"Type":"Map","Items":[1,2,3],"MaxConcurrency":1,"ItemProcessor":{"StartAt":"I","States":{
        "I":{"Type":"Pass","Assign":{"mine":"{% $base + $states.input %}"},"Next":"J"},
        "J":{"Type":"Pass","Output":"{% $mine %}","End":true}}},
       "Assign":{"sum":"{% $sum($states.result) %}"},"Next":"After"},
      "After":{"Type":"Pass","Output":{"sum":"{% $sum %}","leaked":"{% $exists($mine) %}"},
               "End":true}}})j");
  auto r = RunMachine(machine, "{}");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"({"sum":306,"leaked":false})");
}

TEST(EngineVariablesTest, ParallelBranchesHaveScopesOfTheirOwn) {
  auto machine = ParseMachine(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"shared":"s"},"Next":"P"},
      "P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"B1","States":{"B1":{"Type":"Pass","Assign":{"v":1},"Next":"C1"},
          "C1":{"Type":"Pass","Parameters":{"v.$":"$v","s.$":"$shared"},"End":true}}},
        {"StartAt":"B2","States":{"B2":{"Type":"Pass","Assign":{"v":2},"Next":"C2"},
          "C2":{"Type":"Pass","Parameters":{"v.$":"$v","s.$":"$shared"},"End":true}}}]}}})j");
  auto r = RunMachine(machine, "{}");
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"([{"s":"s","v":1},{"s":"s","v":2}])");
}

TEST(EngineVariablesTest, ChoiceTakesTheMatchedRulesAssignOrTheStatesForDefault) {
  auto machine = ParseMachine(R"j({"StartAt":"C","States":{
      "C":{"Type":"Choice","Default":"D","Assign":{"path":"default"},
           "Choices":[{"Variable":"$.go","BooleanEquals":true,"Next":"D",
                       "Assign":{"path":"rule","seen.$":"$.go"}}]},
      "D":{"Type":"Pass","Parameters":{"path.$":"$path"},"End":true}}})j");
  EXPECT_EQ(asl::Dump(RunMachine(machine, R"({"go":true})").output), R"({"path":"rule"})");
  EXPECT_EQ(asl::Dump(RunMachine(machine, R"({"go":false})").output), R"({"path":"default"})");
}

TEST(EngineVariablesTest, CatcherAssignReadsTheErrorOutput) {
  auto machine = ParseMachine(R"j({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"M":"x"},
           "Assign":{"never":1},
           "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H","ResultPath":null,
                     "Assign":{"failure.$":"$.Error"}}],"End":true},
      "H":{"Type":"Pass","Parameters":{"failure.$":"$failure"},"End":true}}})j");
  FakeBackend backend;
  backend.On("T", {FakeBackend::Throw("SNS.NotFound", "gone")});
  auto r = RunMachine(machine, "{}", &backend);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kSucceeded) << r.error.cause;
  EXPECT_EQ(asl::Dump(r.output), R"({"failure":"SNS.NotFound"})");
  EXPECT_EQ(asl::Dump(Exited(r.events, "TaskStateExited", "T")["assignedVariables"]),
            R"({"failure":"\"SNS.NotFound\""})");
}

TEST(EngineVariablesTest, AnUnsetVariableInAPathIsARuntimeError) {
  auto machine = ParseMachine(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","Parameters":{"v.$":"$nobody.x"},"End":true}}})j");
  auto r = RunMachine(machine, "{}");
  EXPECT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.Runtime");
  EXPECT_NE(r.error.cause.find("The variable '$nobody' is not set"), std::string::npos)
      << r.error.cause;
}

TEST(EngineVariablesTest, AFailingJsonataAssignNamesTheMember) {
  auto machine = ParseMachine(R"j({"QueryLanguage":"JSONata","StartAt":"Bind","States":{
      "Bind":{"Type":"Pass","Assign":{"x":"{% $states.input.missing %}"},"End":true}}})j");
  auto r = RunMachine(machine, "{}");
  EXPECT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.QueryEvaluationError");
  // The cause as AWS words it for an Assign member that yields nothing.
  EXPECT_EQ(r.error.cause,
            "An error occurred while executing the state 'Bind' (entered at the event id #2). "
            "The JSONata expression '$states.input.missing' specified for the field 'Assign/x' "
            "returned nothing (undefined).");
  EXPECT_EQ(Shape(r.events),
            "1/0 ExecutionStarted, 2/0 PassStateEntered, 3/0 EvaluationFailed, "
            "4/3 ExecutionFailed");
}

TEST(EngineVariablesTest, ValuesOverTheSizeLimitsFailTheState) {
  auto machine = ParseMachine(R"j({"StartAt":"A","States":{
      "A":{"Type":"Pass","Assign":{"big.$":"$.text"},"End":true}}})j");
  std::string text(300 * 1024, 'x');
  auto r = RunMachine(machine, R"({"text":")" + text + R"("})");
  EXPECT_EQ(r.status, sim::ExecutionStatus::kFailed);
  EXPECT_EQ(r.error.name, "States.DataLimitExceeded");
  EXPECT_NE(r.error.cause.find("variable 'big'"), std::string::npos) << r.error.cause;
}

}  // namespace
