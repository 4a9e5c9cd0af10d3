// states:startExecution against the simulated Step Functions: real child executions, the
// execution-name rules, errors as the optimized and AWS SDK integrations name them, the
// StartExecution quota, and the .sync descriptions.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "asl/intrinsics/java_text.h"
#include "simulator/services/states/sfn_service.h"
#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;
using testing::MatchesRegex;

constexpr const char* kChildWait = R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}})";
constexpr const char* kChildPass = R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})";
constexpr const char* kUuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

std::string ParentAndChildWorld(const std::string& child, const std::string& extra = "") {
  return R"({"state_machines":[{"name":"Child","definition":)" + child + "}]" + extra + "}";
}

// A parent that starts Child with the given names and inputs, one after the other.
std::shared_ptr<const asl::StateMachine> Starter(const std::string& resource,
                                                 const std::vector<std::pair<std::string, std::string>>& starts) {
  asl::Json states = asl::Json::object();
  for (size_t i = 0; i < starts.size(); ++i) {
    asl::Json state = {{"Type", "Task"},
                       {"Resource", resource},
                       {"Parameters",
                        {{"StateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:Child"},
                         {"Name", starts[i].first},
                         {"Input", asl::Json::parse(starts[i].second)}}},
                       {"ResultPath", "$.s" + std::to_string(i)}};
    if (i + 1 == starts.size()) state["End"] = true;
    else state["Next"] = "S" + std::to_string(i + 1);
    states["S" + std::to_string(i)] = state;
  }
  return Machine({{"StartAt", "S0"}, {"States", states}});
}

TEST(StartExecutionTest, SameNameAndInputWhileRunningIsTheSameExecution) {
  WorldRun run(WorldFromText(ParentAndChildWorld(kChildWait)));
  run.Run(Starter("arn:aws:states:::states:startExecution", {{"c", R"({"a":1})"}, {"c", R"({"a":1})"}}),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const asl::Json& out = run.execution->output();
  EXPECT_EQ(out["s0"]["ExecutionArn"], "arn:aws:states:us-east-1:123456789012:execution:Child:c");
  EXPECT_EQ(out["s1"]["ExecutionArn"], out["s0"]["ExecutionArn"]);
  EXPECT_EQ(out["s1"]["StartDate"], out["s0"]["StartDate"]);
  EXPECT_EQ(run.simulation->executions().size(), 2u);  // the parent and one child
}

TEST(StartExecutionTest, DifferentInputIsExecutionAlreadyExists) {
  WorldRun run(WorldFromText(ParentAndChildWorld(kChildWait)));
  run.Run(Starter("arn:aws:states:::states:startExecution", {{"c", R"({"a":1})"}, {"c", R"({"a":2})"}}),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "StepFunctions.ExecutionAlreadyExistsException");
  EXPECT_THAT(run.execution->error().cause,
              MatchesRegex(std::string("Execution Already Exists: "
                                       "'arn:aws:states:us-east-1:123456789012:execution:Child:c' "
                                       "\\(Service: AWSStepFunctions; Status Code: 400; Error Code: "
                                       "ExecutionAlreadyExists; Request ID: ") +
                           kUuid + "; Proxy: null\\)"));
}

TEST(StartExecutionTest, ClosedExecutionNameCannotBeReused) {
  WorldRun run(WorldFromText(ParentAndChildWorld(kChildPass)));
  // The Pass child ends at once; the same name and input is then refused.
  run.Run(Starter("arn:aws:states:::aws-sdk:sfn:startExecution", {{"c", "{}"}, {"c", "{}"}}), "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "Sfn.ExecutionAlreadyExistsException");
  EXPECT_THAT(run.execution->error().cause,
              MatchesRegex(std::string("Execution Already Exists: "
                                       "'arn:aws:states:us-east-1:123456789012:execution:Child:c' "
                                       "\\(Service: Sfn, Status Code: 400, Request ID: ") +
                           kUuid + "\\)"));
}

TEST(StartExecutionTest, InvalidNameAndMissingStateMachine) {
  {
    WorldRun run(WorldFromText(ParentAndChildWorld(kChildPass)));
    run.Run(Starter("arn:aws:states:::states:startExecution", {{"a b", "{}"}}), "{}");
    EXPECT_EQ(run.execution->error().name, "StepFunctions.InvalidNameException");
    EXPECT_THAT(run.execution->error().cause,
                MatchesRegex(std::string("Invalid Name: 'a b' \\(Service: AWSStepFunctions; "
                                         "Status Code: 400; Error Code: InvalidName; Request ID: ") +
                             kUuid + "; Proxy: null\\)"));
  }
  {
    WorldRun run(WorldFromText("{}"));
    run.Run(Starter("arn:aws:states:::states:startExecution", {{"c", "{}"}}), "{}");
    EXPECT_EQ(run.execution->error().name, "StepFunctions.StateMachineDoesNotExistException");
    EXPECT_THAT(run.execution->error().cause,
                MatchesRegex(std::string("State Machine Does Not Exist: "
                                         "'arn:aws:states:us-east-1:123456789012:stateMachine:Child' "
                                         "\\(Service: AWSStepFunctions; Status Code: 400; Error "
                                         "Code: StateMachineDoesNotExist; Request ID: ") +
                             kUuid + "; Proxy: null\\)"));
  }
}

TEST(StartExecutionTest, NameRules) {
  EXPECT_TRUE(sim::ValidExecutionName("abc-DEF_1.2"));
  EXPECT_TRUE(sim::ValidExecutionName(std::string(80, 'a')));
  EXPECT_FALSE(sim::ValidExecutionName(std::string(81, 'a')));
  EXPECT_FALSE(sim::ValidExecutionName(""));
  for (const char* bad : {"a b", "a<b", "a}b", "a?b", "a*b", "a\"b", "a#b", "a%b", "a\\b", "a^b",
                          "a|b", "a~b", "a`b", "a$b", "a&b", "a,b", "a;b", "a:b", "a/b", "a\tb",
                          "a\x01" "b", "a\xC2\x85" "b"}) {
    EXPECT_FALSE(sim::ValidExecutionName(bad)) << bad;
  }
  EXPECT_TRUE(sim::ValidExecutionName("caf\xC3\xA9"));  // non-ASCII letters are fine
}

TEST(StartExecutionTest, InputRules) {
  WorldRun run(WorldFromText(ParentAndChildWorld(kChildPass)));
  // Input given as JSON text is passed verbatim; text that is not JSON is refused.
  auto machine = Machine(asl::Json::parse(R"({"StartAt":"A","States":{
      "A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
           "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child",
                         "Input":"{\"k\": [1, 2]}"},"ResultPath":"$.a","Next":"B"},
      "B":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
           "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child",
                         "Input":"not json"},"End":true}}})"));
  run.Run(machine, "{}");
  EXPECT_EQ(run.execution->output().is_null(), true);
  EXPECT_EQ(run.execution->error().name, "StepFunctions.InvalidExecutionInputException");
  EXPECT_THAT(run.execution->error().cause,
              testing::StartsWith("Invalid State Machine Execution Input: 'not json' (Service: "
                                  "AWSStepFunctions; Status Code: 400; Error Code: "
                                  "InvalidExecutionInput; Request ID: "));
  ASSERT_EQ(run.simulation->executions().size(), 2u);
  EXPECT_EQ(run.simulation->executions()[1]->spec().input_text, "{\"k\": [1, 2]}");
}

TEST(StartExecutionTest, ThrottledByTheStartExecutionQuota) {
  WorldRun run(WorldFromText(ParentAndChildWorld(
      kChildWait, R"(,"quotas":{"start_execution":{"capacity":2,"refill_per_second":0.001}})")));
  run.Run(Starter("arn:aws:states:::states:startExecution", {{"a", "{}"}, {"b", "{}"}, {"c", "{}"}}),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "StepFunctions.AWSStepFunctionsException");
  EXPECT_THAT(run.execution->error().cause,
              MatchesRegex(std::string("Rate exceeded \\(Service: AWSStepFunctions; Status Code: "
                                       "400; Error Code: ThrottlingException; Request ID: ") +
                           kUuid + "; Proxy: null\\)"));
  EXPECT_EQ(run.simulation->executions().size(), 3u);
  EXPECT_EQ(run.world->Summary()["throttled"]["start_execution"], 1);
}

TEST(StartExecutionTest, SyncReportsATimedOutChild) {
  WorldRun run(WorldFromText(ParentAndChildWorld(
      R"({"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}})")));
  run.Run(Starter("arn:aws:states:::states:startExecution.sync:2", {{"c", R"({"x":1})"}}), "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "States.TaskFailed");
  asl::Json cause = asl::Json::parse(run.execution->error().cause);
  EXPECT_EQ(sfnsim_test::Keys(cause),
            "Error,ExecutionArn,Input,InputDetails,Name,StartDate,StateMachineArn,Status,StopDate");
  EXPECT_EQ(cause["Error"], "States.Timeout");
  EXPECT_EQ(cause["Status"], "TIMED_OUT");
  EXPECT_EQ(asl::Dump(cause["Input"]), R"({"x":1})");  // .sync:2: a JSON value
  EXPECT_EQ(cause["StopDate"].get<int64_t>() - cause["StartDate"].get<int64_t>(), 5000);
}

TEST(StartExecutionTest, AnExecutionCanStartItself) {
  // As the backfill executor hands over: $$.StateMachine.Id names its own state machine.
  auto machine = Machine(asl::Json::parse(R"J({"StartAt":"Check","States":{
      "Check":{"Type":"Choice","Choices":[{"Variable":"$.link","NumericGreaterThanEquals":3,"Next":"Done"}],
               "Default":"Next"},
      "Next":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
              "Parameters":{"StateMachineArn.$":"$$.StateMachine.Id",
                            "Name.$":"States.Format('link-{}', States.MathAdd($.link, 1))",
                            "Input":{"link.$":"States.MathAdd($.link, 1)"}},
              "End":true},
      "Done":{"Type":"Succeed"}}})J"));
  WorldRun run(WorldFromText("{}"));
  run.Install();
  run.Start(machine, R"({"link":1})");
  run.simulation->Run();
  ASSERT_EQ(run.simulation->executions().size(), 3u);
  EXPECT_EQ(run.simulation->executions()[1]->name(), "link-2");
  EXPECT_EQ(run.simulation->executions()[2]->name(), "link-3");
  EXPECT_EQ(run.simulation->executions()[2]->spec().parent_execution,
            run.simulation->executions()[1]->id());
  for (const auto& e : run.simulation->executions()) {
    EXPECT_EQ(e->status(), sim::ExecutionStatus::kSucceeded) << e->name();
  }
}

TEST(StartExecutionTest, ResponseLength) {
  std::string arn = "arn:aws:states:us-east-1:111111111111:execution:M:TestStartTarget";
  // {"executionArn":"…","startDate":1.704067200123E9}: the epoch seconds as Java prints a double.
  EXPECT_EQ(sim::SfnService::StartExecutionResponseLength(arn, sim::SimTime{1704067200123}),
            std::string(R"({"executionArn":")" + arn + R"(","startDate":1.704067200123E9})").size());
  EXPECT_EQ(asl::intrinsics::JavaDoubleText(1704067200.0), "1.7040672E9");
  EXPECT_EQ(sim::SfnService::StartExecutionResponseLength(arn, sim::SimTime{1704067200000}),
            std::string(R"({"executionArn":")" + arn + R"(","startDate":1.7040672E9})").size());
}

}  // namespace
