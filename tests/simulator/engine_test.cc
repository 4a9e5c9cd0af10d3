// The execution engine end to end: history shapes, data flow, retries, limits, virtual time.

#include <gtest/gtest.h>

#include <chrono>

#include "tests/testutil/simulator/engine_harness.h"

namespace {

using sfnsim_test::FakeBackend;
using sfnsim_test::ParseMachine;
using sfnsim_test::RunMachine;
using sfnsim_test::Shape;

TEST(EngineTest, PassChainSucceeds) {
  auto machine = ParseMachine(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.a","Next":"B"},
      "B":{"Type":"Pass","End":true}}})");
  auto r = RunMachine(machine, R"({"in": true})");
  EXPECT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(r.output), R"({"in":true,"a":{"x":1}})");
  EXPECT_EQ(Shape(r.events),
            "1/0 ExecutionStarted, 2/0 PassStateEntered, 3/2 PassStateExited, "
            "4/3 PassStateEntered, 5/4 PassStateExited, 6/5 ExecutionSucceeded");
  // The input is echoed verbatim in ExecutionStarted and the first StateEntered.
  EXPECT_EQ(r.events[0]["executionStartedEventDetails"]["input"], R"({"in": true})");
  EXPECT_EQ(r.events[1]["stateEnteredEventDetails"]["input"], R"({"in": true})");
  EXPECT_EQ(r.events[3]["stateEnteredEventDetails"]["input"], R"({"in":true,"a":{"x":1}})");
}

TEST(EngineTest, TaskRetryThenCatch) {
  auto machine = ParseMachine(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"M.$":"$.m"},
           "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2,"IntervalSeconds":3}],
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"H"}],"End":true},
      "H":{"Type":"Pass","End":true}}})");
  FakeBackend backend;
  backend.On("T", {FakeBackend::Throw("SNS.InternalErrorException", "boom")});
  auto r = RunMachine(machine, R"({"m":"hi"})", &backend);
  EXPECT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(backend.calls("T"), 3);
  EXPECT_EQ(Shape(r.events),
            "1/0 ExecutionStarted, 2/0 TaskStateEntered, 3/2 TaskScheduled, 4/3 TaskStarted, "
            "5/4 TaskFailed, 6/5 TaskScheduled, 7/6 TaskStarted, 8/7 TaskFailed, "
            "9/8 TaskScheduled, 10/9 TaskStarted, 11/10 TaskFailed, 12/11 TaskStateExited, "
            "13/12 PassStateEntered, 14/13 PassStateExited, 15/14 ExecutionSucceeded");
  EXPECT_EQ(asl::Dump(r.output),
            R"({"m":"hi","err":{"Error":"SNS.InternalErrorException","Cause":"boom"}})");
  // Backoff 3 s then 6 s on the virtual clock.
  EXPECT_EQ(r.duration_ms, 9000);
}

// AWS bills every state entered and every retry as a state transition.
TEST(EngineTest, RetriesAreBilledAsTransitions) {
  auto machine = ParseMachine(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"M":"x"},
           "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"Next":"P"},
      "P":{"Type":"Pass","End":true}}})");
  FakeBackend backend;
  backend.On("T", {FakeBackend::Throw("SNS.InternalErrorException", "boom"),
                   FakeBackend::Throw("SNS.InternalErrorException", "boom"),
                   FakeBackend::Ok({{"MessageId", "m"}})});
  sim::Simulation simulation;
  simulation.AddBackend(&backend);
  sim::ExecutionSpec spec;
  spec.machine = machine;
  sim::Execution& execution = simulation.StartExecution(std::move(spec));
  simulation.Run();
  ASSERT_EQ(execution.status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(execution.state_transitions(), 2 + 2);  // T and P entered, T retried twice
}

// An sns:publish loop dies on exactly event 25,000 with AWS's error and cause.
constexpr const char* kPublishLoop = R"({"StartAt":"Publish","States":{
    "Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
               "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"m"},
               "ResultPath":null,"Next":"Again"},
    "Again":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],
             "Default":"Publish"},
    "Done":{"Type":"Succeed"}}})";

TEST(EngineTest, HistoryLimitFailsOnEvent25000) {
  auto machine = ParseMachine(kPublishLoop);
  FakeBackend backend;
  backend.On("Publish", {FakeBackend::Ok({{"MessageId", "m"}})});
  auto r = RunMachine(machine, "{}", &backend);
  ASSERT_EQ(r.status, sim::ExecutionStatus::kFailed);
  ASSERT_EQ(r.event_count, 25000);
  const asl::Json& last = r.events.back();
  EXPECT_EQ(last["id"], 25000);
  EXPECT_EQ(last["previousEventId"], 24999);
  EXPECT_EQ(last["type"], "ExecutionFailed");
  EXPECT_EQ(asl::Dump(last["executionFailedEventDetails"]),
            R"({"error":"States.Runtime","cause":"The execution reached the maximum number of )"
            R"(history events (25000)."})");
  // 1 + 7 per iteration: event 24,999 is the TaskStateEntered of iteration 3,572, whose
  // TaskScheduled would have been event 25,000.
  EXPECT_EQ(r.events[24998]["type"], "TaskStateEntered");
  EXPECT_EQ(r.events[24998]["id"], 1 + 7 * 3571 + 1);
}

TEST(EngineTest, ExpressHasNoHistoryLimitButFiveMinutes) {
  auto machine = ParseMachine(kPublishLoop, /*express=*/true);
  FakeBackend backend;
  backend.On("Publish", {FakeBackend::Ok({{"MessageId", "m"}}, /*latency_ms=*/10)});
  auto r = RunMachine(machine, "{}", &backend, {}, /*express=*/true, /*keep_history=*/false);
  EXPECT_EQ(r.status, sim::ExecutionStatus::kTimedOut);
  EXPECT_GT(r.event_count, 25000);
  EXPECT_EQ(r.duration_ms, 300000);
}

TEST(EngineTest, WaitAdvancesVirtualTimeWithoutSleeping) {
  auto machine = ParseMachine(R"({"StartAt":"W","States":{
      "W":{"Type":"Wait","Seconds":86400,"Next":"W2"},
      "W2":{"Type":"Wait","SecondsPath":"$.s","End":true}}})");
  auto started = std::chrono::steady_clock::now();
  auto r = RunMachine(machine, R"({"s": 3600})");
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(r.duration_ms, (86400 + 3600) * 1000);
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(EngineTest, SameSeedSameHistory) {
  auto machine = ParseMachine(R"json({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"u.$":"States.UUID()"},
           "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3,"JitterStrategy":"FULL"}],
           "End":true}}})json");
  auto run = [&](uint64_t seed) {
    FakeBackend backend;
    backend.On("T", {FakeBackend::Throw("X", "y"), FakeBackend::Throw("X", "y"),
                     FakeBackend::Ok({{"ok", true}})});
    sim::SimulationConfig config;
    config.seed = seed;
    auto r = RunMachine(machine, "{}", &backend, config);
    return std::make_pair(r.events.dump(), r.duration_ms);
  };
  EXPECT_EQ(run(7), run(7));
  EXPECT_NE(run(7).first, run(8).first);
}

TEST(EngineTest, InlineMapSequentialPointers) {
  auto machine = ParseMachine(R"({"StartAt":"M","States":{
      "M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"P","States":{
           "P":{"Type":"Pass","End":true}}},"End":true}}})");
  auto r = RunMachine(machine, "[1,2]");
  EXPECT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(Shape(r.events),
            "1/0 ExecutionStarted, 2/0 MapStateEntered, 3/2 MapStateStarted, "
            "4/3 MapIterationStarted, 5/4 PassStateEntered, 6/5 PassStateExited, "
            "7/6 MapIterationSucceeded, 8/6 MapIterationStarted, 9/8 PassStateEntered, "
            "10/9 PassStateExited, 11/10 MapIterationSucceeded, 12/11 MapStateSucceeded, "
            "13/11 MapStateExited, 14/13 ExecutionSucceeded");
  EXPECT_EQ(asl::Dump(r.output), "[1,2]");
}

TEST(EngineTest, ParallelBranchFailureIsCaught) {
  auto machine = ParseMachine(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","Branches":[{"StartAt":"F","States":{
           "F":{"Type":"Fail","Error":"E","Cause":"C"}}}],
           "Catch":[{"ErrorEquals":["E"],"Next":"Done"}],"End":true},
      "Done":{"Type":"Pass","End":true}}})");
  auto r = RunMachine(machine, "{}");
  EXPECT_EQ(r.status, sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(Shape(r.events),
            "1/0 ExecutionStarted, 2/0 ParallelStateEntered, 3/2 ParallelStateStarted, "
            "4/3 FailStateEntered, 5/4 ParallelStateFailed, 6/5 ParallelStateExited, "
            "7/6 PassStateEntered, 8/7 PassStateExited, 9/8 ExecutionSucceeded");
}

}  // namespace
