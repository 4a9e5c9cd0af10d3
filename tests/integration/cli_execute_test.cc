// sfnsim execute: the describe-execution document, exit codes, scripted responses, the history
// file and the errors for bad input.

#include <gtest/gtest.h>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"

namespace {

using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

constexpr const char* kCallAndCheck = R"({
  "StartAt": "Call",
  "States": {
    "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Parameters": {"FunctionName": "f", "Payload.$": "$"},
             "ResultSelector": {"value.$": "$.Payload.value"}, "ResultPath": "$.result",
             "Next": "Check"},
    "Check": {"Type": "Choice",
              "Choices": [{"Variable": "$.result.value", "NumericGreaterThan": 10, "Next": "Big"}],
              "Default": "Small"},
    "Big": {"Type": "Succeed"},
    "Small": {"Type": "Fail", "Error": "TooSmall", "Cause": "value is at most 10"}
  }})";

constexpr const char* kMocks = R"({
  "StateMachines": {"checker": {"TestCases": {
    "Big": {"Call": "BigValue"},
    "Small": {"Call": "SmallValue"},
    "Flaky": {"Call": "Throws"}}}},
  "MockedResponses": {
    "BigValue": {"0": {"Return": {"StatusCode": 200, "Payload": {"value": 42}}}},
    "SmallValue": {"0": {"Return": {"StatusCode": 200, "Payload": {"value": 3}}}},
    "Throws": {"0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "boom"}}}}})";

struct Fixture {
  ScratchDir dir;
  std::string definition = dir.Write("checker.asl.json", kCallAndCheck);
  std::string mocks = dir.Write("mocks.json", kMocks);
  std::string input = dir.Write("input.json", R"({"n": 1})");
};

TEST(CliExecuteTest, SucceededExecutionPrintsDescribeExecutionAndExitsZero) {
  Fixture f;
  auto r = RunSfnsim("execute " + f.definition + " --input " + f.input + " --mock-config " +
                         f.mocks + " --test-case Big --name run-1",
                     f.dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  asl::Json d = asl::Json::parse(r.out);
  EXPECT_EQ(d["status"], "SUCCEEDED");
  EXPECT_EQ(d["name"], "run-1");
  EXPECT_EQ(d["executionArn"], "arn:aws:states:us-east-1:123456789012:execution:checker:run-1");
  EXPECT_EQ(d["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:checker");
  EXPECT_EQ(d["input"], R"({"n": 1})");  // echoed verbatim, as AWS does
  EXPECT_EQ(asl::Json::parse(d["output"].get<std::string>()),
            asl::Json::parse(R"({"n": 1, "result": {"value": 42}})"));
  EXPECT_EQ(d["startDate"], "2024-01-01T00:00:00+00:00");
  EXPECT_FALSE(d.contains("error"));
}

TEST(CliExecuteTest, FailedExecutionExitsOneWithErrorAndCause) {
  Fixture f;
  auto r = RunSfnsim("execute " + f.definition + " --mock-config " + f.mocks + " --test-case Small",
                     f.dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  asl::Json d = asl::Json::parse(r.out);
  EXPECT_EQ(d["status"], "FAILED");
  EXPECT_EQ(d["error"], "TooSmall");
  EXPECT_EQ(d["cause"], "value is at most 10");
  EXPECT_FALSE(d.contains("output"));

  r = RunSfnsim("execute " + f.definition + " --mock-config " + f.mocks + " --test-case Flaky",
                f.dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  d = asl::Json::parse(r.out);
  EXPECT_EQ(d["error"], "Lambda.ServiceException");
  EXPECT_EQ(d["cause"], "boom");
}

TEST(CliExecuteTest, HistoryFileIsGetExecutionHistoryOutputAndDeterministic) {
  Fixture f;
  const std::string common = "execute " + f.definition + " --input " + f.input +
                             " --mock-config " + f.mocks + " --test-case Big --seed 7";
  auto r1 = RunSfnsim(common + " --history " + f.dir.Path("h1.json"), f.dir);
  auto r2 = RunSfnsim(common + " --history " + f.dir.Path("h2.json"), f.dir);
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  const std::string h1 = ScratchDir::Read(f.dir.Path("h1.json"));
  EXPECT_EQ(h1, ScratchDir::Read(f.dir.Path("h2.json")));
  EXPECT_EQ(r1.out, r2.out);  // the seeded execution name and ARN too
  asl::Json history = asl::Json::parse(h1);
  const asl::Json& events = history["events"];
  std::vector<std::string> types;
  for (const asl::Json& e : events) types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{
                       "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                       "TaskSucceeded", "TaskStateExited", "ChoiceStateEntered",
                       "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited",
                       "ExecutionSucceeded"}));
  EXPECT_EQ(events[0]["id"], 1);
  EXPECT_EQ(events[0]["previousEventId"], 0);
  EXPECT_EQ(events[0]["executionStartedEventDetails"]["input"], R"({"n": 1})");

  auto other_seed = RunSfnsim("execute " + f.definition + " --mock-config " + f.mocks +
                                  " --test-case Big --seed 8",
                              f.dir);
  EXPECT_NE(asl::Json::parse(other_seed.out)["name"], asl::Json::parse(r1.out)["name"]);
}

// --timing adds one JSON line on stderr (real time, history events, StateEntered events) and
// leaves the describe-execution document on stdout as it is.
TEST(CliExecuteTest, TimingIsOneJsonLineOnStderr) {
  Fixture f;
  const std::string common = "execute " + f.definition + " --input " + f.input +
                             " --mock-config " + f.mocks + " --test-case Big --name run-1";
  auto plain = RunSfnsim(common, f.dir);
  auto timed = RunSfnsim(common + " --timing", f.dir);
  ASSERT_EQ(timed.exit_code, 0) << timed.err;
  EXPECT_EQ(timed.out, plain.out);
  ASSERT_EQ(timed.err.find('\n'), timed.err.size() - 1) << timed.err;
  asl::Json line = asl::Json::parse(timed.err);
  EXPECT_EQ(line["history_events"], 11);
  EXPECT_EQ(line["state_transitions"], 3);  // Task, Choice, Succeed
  EXPECT_GE(line["exec_s"].get<double>(), 0.0);
  EXPECT_GE(line["exec_cpu_s"].get<double>(), 0.0);
  EXPECT_TRUE(line.contains("events_per_s"));
}

TEST(CliExecuteTest, TaskWithoutMockOrServiceFailsNamingTheStateAndResource) {
  Fixture f;
  auto r = RunSfnsim("execute " + f.definition, f.dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  asl::Json d = asl::Json::parse(r.out);
  EXPECT_EQ(d["error"], "States.Runtime");
  EXPECT_NE(d["cause"].get<std::string>().find("Call"), std::string::npos) << d["cause"];
  EXPECT_NE(d["cause"].get<std::string>().find("arn:aws:states:::lambda:invoke"),
            std::string::npos)
      << d["cause"];
}

TEST(CliExecuteTest, InputFromStdin) {
  Fixture f;
  auto r = RunSfnsim("execute " + f.definition + " --input - --mock-config " + f.mocks +
                         " --test-case Big < " + f.input,
                     f.dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(asl::Json::parse(r.out)["input"], R"({"n": 1})");
}

TEST(CliExecuteTest, BadInputIsExitTwoWithALocatedMessage) {
  Fixture f;
  std::string bad_input = f.dir.Write("bad.json", "{\n  \"n\": 1,\n}\n");
  auto r = RunSfnsim("execute " + f.definition + " --input " + bad_input, f.dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(bad_input + ":3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("must be JSON"), std::string::npos) << r.err;

  // A definition that parses but is invalid is a negative verdict on the input: 1.
  std::string bad_definition = f.dir.Write("bad.asl.json", R"({"StartAt": "A", "States": {}})");
  r = RunSfnsim("execute " + bad_definition, f.dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(bad_definition), std::string::npos) << r.err;

  r = RunSfnsim("execute " + f.definition + " --mock-config " + f.mocks + " --test-case Nope",
                f.dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Nope"), std::string::npos) << r.err;

  r = RunSfnsim("execute " + f.definition + " --test-case Big", f.dir);
  EXPECT_EQ(r.exit_code, 2);
  r = RunSfnsim("execute " + f.dir.Path("missing.json"), f.dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
  r = RunSfnsim("execute " + f.definition + " --start-time yesterday", f.dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("RFC 3339"), std::string::npos) << r.err;
}

TEST(CliExecuteTest, WaitAdvancesTheVirtualClockOnly) {
  ScratchDir dir;
  std::string definition = dir.Write("wait.asl.json", R"({"StartAt": "W", "States": {
      "W": {"Type": "Wait", "Seconds": 86400, "End": true}}})");
  auto r = RunSfnsim("execute " + definition + " --start-time 2025-03-01T12:00:00Z", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  asl::Json d = asl::Json::parse(r.out);
  EXPECT_EQ(d["startDate"], "2025-03-01T12:00:00+00:00");
  // The day, and the engine's transition into W (20-40 ms, docs/world.md; seed 0 draws 22).
  EXPECT_EQ(d["stopDate"], "2025-03-02T12:00:00.022000+00:00");
  // Without engine latency, the day exactly.
  std::string world = dir.Write("no_engine.yaml", "engine_latency: 0\n");
  r = RunSfnsim("execute " + definition + " --world " + world +
                    " --start-time 2025-03-01T12:00:00Z",
                dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(asl::Json::parse(r.out)["stopDate"], "2025-03-02T12:00:00+00:00");
}

}  // namespace

namespace {

TEST(CliExecuteTest, ALoopThatNeverAdvancesTimeIsStoppedByTheGuard) {
  ScratchDir dir;
  std::string definition = dir.Write("loop.asl.json", R"({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "B"},
      "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "E"}],
            "Default": "A"},
      "E": {"Type": "Succeed"}}})");
  auto r = RunSfnsim("execute " + definition + " --type EXPRESS --max-steps 1000", dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(asl::Json::parse(r.out)["status"], "RUNNING");
  EXPECT_NE(r.err.find("stopped after 1001 states entered"), std::string::npos) << r.err;
  // STANDARD: the same loop meets the history limit long before the guard.
  r = RunSfnsim("execute " + definition + " --max-steps 1000000", dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(asl::Json::parse(r.out)["error"], "States.Runtime");
}

}  // namespace
