// The engine against the event table (asl/model/history_elements.def): every history it writes
// must read as the table's elements, the same table the history budget counts by, so the two
// cannot drift apart. Nested lanes run one at a time here (one Parallel branch, Map iterations
// with MaxConcurrency 1) so each history reads left to right.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/testutil/history_element_reader.h"
#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::FakeBackend;
using sfnsim_test::ParseMachine;
using sfnsim_test::ReadAsElements;
using sfnsim_test::RunMachine;

// The events between ExecutionStarted and the execution's terminal event.
std::vector<std::string> InnerEvents(const asl::Json& events) {
  std::vector<std::string> types;
  for (const asl::Json& event : events) types.push_back(event["type"]);
  EXPECT_GE(types.size(), 2u);
  if (types.size() < 2) return {};
  EXPECT_EQ(types.front(), "ExecutionStarted");
  types.erase(types.begin());
  if (types.back().starts_with("Execution")) types.pop_back();
  return types;
}

struct Case {
  const char* name;
  const char* definition;
  const char* input;
  const char* expected_status;  // the terminal event's type
};

// Failing scripted responses go to the states named "Flaky" (first two calls fail) and "Broken"
// (every call fails); the rest succeed.
const Case kCases[] = {
    {"PassChoiceWaitSucceed",
     R"({"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},
        "C":{"Type":"Choice","Choices":[{"Variable":"$.go","BooleanEquals":true,"Next":"W"}],
             "Default":"F"},
        "W":{"Type":"Wait","Seconds":5,"Next":"S"},"S":{"Type":"Succeed"},
        "F":{"Type":"Fail","Error":"E"}}})",
     R"({"go":true})", "ExecutionSucceeded"},
    {"FailState",
     R"({"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"c"}}})", "{}",
     "ExecutionFailed"},
    {"TaskRetriedThenSucceeds",
     R"({"StartAt":"Flaky","States":{"Flaky":{"Type":"Task",
        "Resource":"arn:aws:states:::sns:publish","Parameters":{"Message":"m"},
        "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}],"End":true}}})",
     "{}", "ExecutionSucceeded"},
    {"TaskCaught",
     R"({"StartAt":"Broken","States":{"Broken":{"Type":"Task",
        "Resource":"arn:aws:states:::sns:publish","Parameters":{"Message":"m"},
        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},
        "H":{"Type":"Pass","End":true}}})",
     "{}", "ExecutionSucceeded"},
    {"LambdaArnFails",
     R"({"StartAt":"Broken","States":{"Broken":{"Type":"Task",
        "Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}})",
     "{}", "ExecutionFailed"},
    {"InlineMapSucceeds",
     R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemsPath":"$.items",
        "Iterator":{"StartAt":"Flaky","States":{"Flaky":{"Type":"Task",
          "Resource":"arn:aws:states:::sns:publish","Parameters":{"Message.$":"$"},
          "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}],"Next":"Done"},
          "Done":{"Type":"Pass","End":true}}},"Next":"After"},
        "After":{"Type":"Pass","End":true}}})",
     R"({"items":["a","b","c"]})", "ExecutionSucceeded"},
    {"InlineMapFailsAndIsCaught",
     R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemsPath":"$.items",
        "Iterator":{"StartAt":"Broken","States":{"Broken":{"Type":"Task",
          "Resource":"arn:aws:states:::sns:publish","Parameters":{"Message.$":"$"},
          "End":true}}},
        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},
        "H":{"Type":"Pass","End":true}}})",
     R"({"items":["a","b"]})", "ExecutionSucceeded"},
    {"InlineMapFails",
     R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemsPath":"$.items",
        "Iterator":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}},"End":true}}})",
     R"({"items":[1]})", "ExecutionFailed"},
    {"ParallelOneBranch",
     R"({"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
        {"StartAt":"Flaky","States":{"Flaky":{"Type":"Task",
          "Resource":"arn:aws:states:::sns:publish","Parameters":{"Message":"m"},
          "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}],"Next":"W"},
          "W":{"Type":"Wait","Seconds":1,"End":true}}}],"Next":"After"},
        "After":{"Type":"Succeed"}}})",
     "{}", "ExecutionSucceeded"},
    {"ParallelFailsAndIsCaught",
     R"({"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}],
        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},
        "H":{"Type":"Pass","End":true}}})",
     "{}", "ExecutionSucceeded"},
    {"ParallelFails",
     R"({"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}],"End":true}}})",
     "{}", "ExecutionFailed"},
    {"MapInsideParallel",
     R"({"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
        {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
          "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
          "End":true}}}],"End":true}}})",
     "[1,2]", "ExecutionSucceeded"},
};

class EngineHistoryElementsTest : public testing::TestWithParam<Case> {};

TEST_P(EngineHistoryElementsTest, HistoryReadsAsTableElements) {
  const Case& c = GetParam();
  auto machine = ParseMachine(c.definition);
  ASSERT_NE(machine, nullptr);
  FakeBackend backend;
  backend.On("Flaky", {FakeBackend::Throw("SNS.InternalErrorException", "boom"),
                       FakeBackend::Throw("SNS.InternalErrorException", "boom"),
                       FakeBackend::Ok({{"MessageId", "m"}})});
  backend.On("Broken", {FakeBackend::Throw("SNS.InternalErrorException", "boom")});
  auto result = RunMachine(machine, c.input, &backend);
  ASSERT_GE(result.events.size(), 2u);
  EXPECT_EQ(result.events.back()["type"], c.expected_status);
  EXPECT_EQ(ReadAsElements(InnerEvents(result.events)), "") << asl::Dump(result.events);
}

INSTANTIATE_TEST_SUITE_P(Machines, EngineHistoryElementsTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& param_info) {
                           return std::string(param_info.param.name);
                         });

}  // namespace
