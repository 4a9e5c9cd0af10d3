// What enters a run from outside the definition: every file reader refuses what is not a regular
// file or is too large (FIFOs, /dev/zero), every JSON text is held to the depth limit
// (100,000-deep text gives a located error or AWS's error, never a stack overflow), and
// StartExecution's name and input rules hold wherever an execution starts.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "asl/base/json_limits.h"
#include "asl/base/random.h"
#include "asl/load/source_text.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/scenario/scenario.h"
#include "simulator/services/athena/csv_loader.h"
#include "simulator/services/lambda/lambda_model.h"
#include "simulator/services/mock_config.h"
#include "simulator/services/sns/sns_model.h"
#include "simulator/services/states/sfn_service.h"
#include "tests/simulator/world_test_util.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;
using testing::HasSubstr;

constexpr int kDeep = 100'000;

// `[[[…1…]]]`, kDeep levels.
std::string DeepArray() { return std::string(kDeep, '[') + "1" + std::string(kDeep, ']'); }

class RunInputLimitsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sfnsim_limits_" + std::to_string(getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fifo_ = (dir_ / "fifo").string();
    ASSERT_EQ(mkfifo(fifo_.c_str(), 0600), 0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  static std::string First(const asl::DiagnosticList& list) {
    return list.empty() ? "" : asl::FormatDiagnostic(list.items().front(), asl::SourceMap{});
  }

  fs::path dir_;
  std::string fifo_;
};

// Nothing here may block: a reader that opened the FIFO would wait for a writer forever.
TEST_F(RunInputLimitsTest, ReadTextFileRefusesWhatIsNotARegularFile) {
  auto start = std::chrono::steady_clock::now();
  auto fifo = asl::ReadTextFile(fifo_);
  ASSERT_FALSE(fifo.ok());
  EXPECT_EQ(First(fifo.error()), fifo_ + ": not a regular file (a FIFO)");
  auto zero = asl::ReadTextFile("/dev/zero");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(First(zero.error()), "/dev/zero: not a regular file (a character device)");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(RunInputLimitsTest, ReadTextFileRefusesAFileLargerThanItsBound) {
  std::string path = Write("big.json", std::string(2000, ' ') + "{}");
  auto big = asl::ReadTextFile(path, 1000);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(First(big.error()), path + ": larger than 1000 bytes");
  EXPECT_TRUE(asl::ReadTextFile(path, 2002).ok());
  EXPECT_EQ(asl::kMaxTextFileBytes, uint64_t{64} << 20);
}

TEST_F(RunInputLimitsTest, EveryReaderGoesThroughTheGuard) {
  // CSV tables, mock configs, histories, scenarios (and so worlds) and their input files.
  auto csv = sim::athena::ReadCsvFile(fifo_);
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error(), fifo_ + ": not a regular file (a FIFO)");
  auto mocks = sim::MockConfig::Load(fifo_);
  ASSERT_FALSE(mocks.ok());
  EXPECT_EQ(First(mocks.error()), fifo_ + ": not a regular file (a FIFO)");
  auto history = sim::LoadRecordedExecution({"/dev/zero"}, "");
  ASSERT_FALSE(history.ok());
  EXPECT_THAT(history.error(), HasSubstr("/dev/zero: not a regular file (a character device)"));
  auto scenario = sim::LoadScenario(fifo_);
  ASSERT_FALSE(scenario.ok());
  EXPECT_EQ(First(scenario.error()), fifo_ + ": not a regular file (a FIFO)");
  std::string path = Write(
      "s.yaml", "state_machines: [{name: M, definition: {StartAt: P, States: {P: {Type: Pass, "
                "End: true}}}}]\nstart: {state_machine: M, input_file: fifo}\n");
  auto input = sim::LoadScenario(path);
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(First(input.error()),
            path + ":2: /start/input_file: " + fifo_ + ": not a regular file (a FIFO)");
}

TEST_F(RunInputLimitsTest, DeepMockReturnIsALocatedError) {
  std::string path = Write(
      "mocks.json", R"({"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": )" +
                        DeepArray() + "}}}}");
  auto mocks = sim::MockConfig::Load(path);
  ASSERT_FALSE(mocks.ok());
  EXPECT_THAT(First(mocks.error()), HasSubstr(path + ":1:"));
  EXPECT_THAT(First(mocks.error()), HasSubstr("nested more than 512 levels deep"));
}

TEST_F(RunInputLimitsTest, DeepScenarioInputsAreLocatedErrors) {
  std::string machine =
      "state_machines: [{name: M, definition: {StartAt: P, States: {P: {Type: Pass, End: "
      "true}}}}]\n";
  Write("deep.json", DeepArray());
  std::string path = Write("s.yaml", machine + "start: {state_machine: M, input_file: deep.json}\n");
  auto from_file = sim::LoadScenario(path);
  ASSERT_FALSE(from_file.ok());
  EXPECT_THAT(First(from_file.error()), HasSubstr(path + ":2: /start/input_file: "));
  EXPECT_THAT(First(from_file.error()), HasSubstr("nested more than 512 levels deep"));
  // start.input written in the scenario itself: the document's own depth limit.
  std::string json = Write("s.json", R"({"state_machines": [{"name": "M", "definition":
      {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}],
      "start": {"state_machine": "M", "input": )" + DeepArray() + "}}");
  auto inline_input = sim::LoadScenario(json);
  ASSERT_FALSE(inline_input.ok());
  EXPECT_THAT(First(inline_input.error()), HasSubstr(json + ":3:"));
}

TEST_F(RunInputLimitsTest, DeepOutputInAReplayedHistoryIsALocatedError) {
  std::string deep = asl::Json(DeepArray()).dump();
  std::string path = Write("h.json", R"({"events": [
    {"timestamp": "2024-05-01T10:00:00+00:00", "type": "ExecutionStarted", "id": 1,
     "previousEventId": 0, "executionStartedEventDetails": {"input": "{}",
     "inputDetails": {"truncated": false}, "roleArn": "arn:aws:iam::123456789012:role/r"}},
    {"timestamp": "2024-05-01T10:00:01+00:00", "type": "ExecutionSucceeded", "id": 2,
     "previousEventId": 1, "executionSucceededEventDetails": {"output": )" + deep + R"(,
     "outputDetails": {"truncated": false}}}]})");
  auto recorded = sim::LoadRecordedExecution({path}, "");
  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.error(),
            path + ":6: /events/1/executionSucceededEventDetails/output: event 2: the recorded "
                   "\"output\" nests deeper than 512 levels (sfnsim's limit for JSON in a run)");
}

TEST_F(RunInputLimitsTest, ALambdaCommandPrintingDeepJsonIsAFunctionError) {
  sim::LambdaModel lambda("aws", "us-east-1", "123456789012");
  sim::LambdaFunctionSpec spec;
  spec.name = "deep";
  spec.handler = sim::LambdaHandler::kCommand;
  spec.command = "cat " + Write("deep.json", DeepArray());
  spec.timeout = sim::Duration{30'000};
  ASSERT_TRUE(lambda.AddFunction(spec).ok());
  spec.name = "scripted";
  spec.handler = sim::LambdaHandler::kScripted;
  spec.responses = {sim::LambdaScriptedResponse{}};
  spec.responses[0].payload = "{\"errorType\": " + DeepArray() + "}";
  ASSERT_TRUE(lambda.AddFunction(spec).ok());
  asl::Random random(1);
  auto deep = lambda.Invoke("deep", "{}", "", "rid", random);
  ASSERT_TRUE(deep.ok());
  EXPECT_TRUE(deep->function_error);
  EXPECT_EQ(deep->payload,
            R"J({"errorMessage":"sfnsim: the command of function deep printed JSON nested deeper )J"
            R"J(than 512 levels (sfnsim's limit)","errorType":"Runtime.InvalidOutput"})J");
  auto scripted = lambda.Invoke("scripted", "{}", "", "rid", random);
  ASSERT_TRUE(scripted.ok());
  EXPECT_FALSE(scripted->function_error);  // not an error object: a payload that is not JSON
}

TEST_F(RunInputLimitsTest, DeepLambdaPayloadThroughTheIntegrationIsText) {
  std::string world = R"({"lambda": {"functions": [{"name": "f", "responses": [{"payload_text": )" +
                      asl::Json(DeepArray()).dump() + "}]}]}}";
  WorldRun run(WorldFromText(world));
  run.Run(Machine(asl::Json::parse(R"({"StartAt": "A", "States": {
      "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
            "End": true}}})")),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "Lambda.Unknown");
  EXPECT_THAT(run.execution->error().cause, testing::StartsWith("The function returned text that "
                                                                "is not JSON: [[["));
}

TEST_F(RunInputLimitsTest, DeepSnsBodiesAreNotParsed) {
  auto publish = [](const std::string& extra) {
    return Machine(asl::Json::parse(R"({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
              "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t",
                             "Message.$": "$.m")" + extra + R"(}, "End": true}}})"));
  };
  const std::string world = R"({"sns": {"topics": [{"name": "t"}]}})";
  {
    // The correlation id is looked for in a JSON body: a deep one is not parsed.
    WorldRun run(WorldFromText(world));
    asl::Json input = {{"m", "{\"correlation_id\": " + DeepArray() + "}"}};
    run.Run(publish(""), input.dump());
    ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
    ASSERT_EQ(run.world->sns().messages().size(), 1u);
    EXPECT_EQ(run.world->sns().messages()[0].correlation_id, "");
  }
  {
    // MessageStructure json: a body that does not parse (here: too deep) is refused.
    WorldRun run(WorldFromText(world));
    asl::Json input = {{"m", "{\"default\": " + DeepArray() + "}"}};
    run.Run(publish(R"(, "MessageStructure": "json")"), input.dump());
    ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
    EXPECT_EQ(run.execution->error().name, "SNS.InvalidParameterException");
    EXPECT_TRUE(run.world->sns().messages().empty());
  }
}

TEST(StartExecutionRulesTest, NamesAndInputsAsStartExecutionChecksThem) {
  EXPECT_FALSE(sim::CheckStartExecution("", "{}"));  // no name: a random one
  EXPECT_FALSE(sim::CheckStartExecution(std::string(80, 'a'), "{}"));
  auto long_name = sim::CheckStartExecution(std::string(81, 'a'), "{}");
  ASSERT_TRUE(long_name);
  EXPECT_EQ(long_name->code, "ValidationException");
  EXPECT_EQ(long_name->message, "1 validation error detected: Value '" + std::string(81, 'a') +
                                    "' at 'name' failed to satisfy constraint: Member must have "
                                    "length less than or equal to 80");
  for (const char* bad : {"a/b", "a b", "a\x01" "b", "a\x7f" "b", "a:b"}) {
    auto refused = sim::CheckStartExecution(bad, "{}");
    ASSERT_TRUE(refused) << bad;
    EXPECT_EQ(refused->code, "InvalidName");
    EXPECT_EQ(refused->message, std::string("Invalid Name: '") + bad + "'");
  }
  std::string at_limit = "\"" + std::string(sim::kMaxExecutionInputBytes - 2, 'x') + "\"";
  EXPECT_FALSE(sim::CheckStartExecution("n", at_limit));
  auto big = sim::CheckStartExecution("n", "\"" + std::string(sim::kMaxExecutionInputBytes, 'x') +
                                               "\"");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->code, "ValidationException");
  EXPECT_EQ(big->message, "1 validation error detected: Value at 'input' failed to satisfy "
                          "constraint: Member must have length less than or equal to 262144");
  auto deep = sim::CheckStartExecution("n", DeepArray());
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->code, "InvalidExecutionInput");
  EXPECT_EQ(deep->message, "Invalid State Machine Execution Input: nested deeper than 512 levels "
                           "(sfnsim's limit)");
  auto text = sim::CheckStartExecution("n", "not json");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->code, "InvalidExecutionInput");
}

TEST(StartExecutionRulesTest, ANestedStartGetsStartExecutionsErrors) {
  auto starter = [](const asl::Json& parameters) {
    asl::Json definition = {
        {"StartAt", "S"},
        {"States",
         {{"S", {{"Type", "Task"}, {"Resource", "arn:aws:states:::states:startExecution"},
                 {"Parameters", parameters}, {"End", true}}}}}};
    return Machine(definition);
  };
  const std::string child = "arn:aws:states:us-east-1:123456789012:stateMachine:Child";
  const std::string world =
      R"({"state_machines": [{"name": "Child", "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}]})";
  struct Case {
    asl::Json parameters;
    const char* error;
    const char* cause_start;
  };
  // (An input over 262,144 bytes cannot reach a nested StartExecution: the task's parameters
  // are held to the same size first.)
  const Case kCases[] = {
      {{{"StateMachineArn", child}, {"Name", std::string(81, 'n')}},
       "StepFunctions.ValidationException", "1 validation error detected: Value 'nnn"},
      {{{"StateMachineArn", child}, {"Name", "a/b"}}, "StepFunctions.InvalidNameException",
       "Invalid Name: 'a/b'"},
      {{{"StateMachineArn", child}, {"Input", DeepArray()}},
       "StepFunctions.InvalidExecutionInputException",
       "Invalid State Machine Execution Input: nested deeper than 512 levels"},
  };
  for (const Case& c : kCases) {
    WorldRun run(WorldFromText(world));
    run.Run(starter(c.parameters), "{}");
    ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed) << c.error;
    EXPECT_EQ(run.execution->error().name, c.error);
    EXPECT_THAT(run.execution->error().cause, testing::StartsWith(c.cause_start));
    EXPECT_EQ(run.simulation->executions().size(), 1u);  // nothing started
  }
}

TEST_F(RunInputLimitsTest, AScenarioStartIsHeldToTheSameRules) {
  std::string machine =
      "state_machines: [{name: M, definition: {StartAt: P, States: {P: {Type: Pass, End: "
      "true}}}}]\n";
  std::string path = Write("s.yaml", machine + "start: {state_machine: M, name: a/b}\n");
  auto named = sim::LoadScenario(path);
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(First(named.error()), path + ":2: /start/name: StartExecution refuses it: "
                                         "InvalidName: Invalid Name: 'a/b'");
  Write("big.json", "\"" + std::string(sim::kMaxExecutionInputBytes, 'x') + "\"");
  path = Write("s.yaml", machine + "start: {state_machine: M, input_file: big.json}\n");
  auto big = sim::LoadScenario(path);
  ASSERT_FALSE(big.ok());
  EXPECT_THAT(First(big.error()),
              HasSubstr(":2: /start/input_file: StartExecution refuses it: ValidationException: "
                        "1 validation error detected: Value at 'input'"));
}

}  // namespace
