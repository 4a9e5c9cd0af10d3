// Bounds and AWS behaviours of a run: the command-line seed moves every seeded choice, EXPRESS
// execution ARNs end with their UUID, a .sync child is stopped when its task is given up, Map
// settings read from paths fail as AWS fails them, and runaway runs stop with a clear reason
// (self-starting state machines, EXPRESS histories, thousands of inline state machines).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "asl/load/source_text.h"
#include "simulator/history/history_sink.h"
#include "simulator/scenario/report_format.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"
#include "simulator/services/states/sfn_service.h"
#include "tests/simulator/world_test_util.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;
using testing::HasSubstr;
using testing::MatchesRegex;

constexpr const char* kArnUuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class RunBoundsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sfnsim_bounds_" + std::to_string(getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  fs::path dir_;
};

// --- issue 16, defect 12: the command-line seed wins -------------------------------------------

// 24 items published through a fault that fires half the time (caught), after an Athena query;
// the file's own seed is 7.
constexpr const char* kSeededScenario = R"Y(
seed: 7
sns: {topics: [{name: t}]}
athena: {databases: [retail], tables: [{generator: customers, database: retail, rows: 20, seed: 3}]}
faults: [{service: sns, api: publish, rate: 0.5}]
state_machines:
  - name: M
    definition:
      StartAt: Q
      States:
        Q:
          Type: Task
          Resource: arn:aws:states:::athena:startQueryExecution
          Parameters: {QueryString: SELECT 1, WorkGroup: primary,
                       QueryExecutionContext: {Database: retail},
                       ResultConfiguration: {OutputLocation: "s3://results/"}}
          ResultPath: $.query
          Next: Each
        Each:
          Type: Map
          ItemsPath: $.items
          ItemProcessor:
            StartAt: Publish
            States:
              Publish:
                Type: Task
                Resource: arn:aws:states:::sns:publish
                Parameters:
                  TopicArn: arn:aws:sns:us-east-1:123456789012:t
                  Message:
                    correlation_id.$: "States.Format('item-{}', $)"
                Catch: [{ErrorEquals: [States.ALL], Next: Lost}]
                End: true
              Lost: {Type: Pass, End: true}
          End: true
start:
  state_machine: M
  name: run
  input: {items: [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]}
)Y";

struct SeededRun {
  std::string summary;
  std::string log;
  std::set<std::string> published;  // correlation ids that got through
  std::string query_id;
};

TEST_F(RunBoundsTest, TheCommandLineSeedMovesFaultsAndIds) {
  auto scenario = sim::LoadScenario(Write("seeded.yaml", kSeededScenario));
  ASSERT_TRUE(scenario.ok()) << asl::FormatDiagnostic(scenario.error().items()[0], {});
  auto run = [&](std::optional<uint64_t> seed, const std::string& tag) {
    sim::RunOptions options;
    options.seed = seed;
    options.log_path = (dir_ / (tag + ".log")).string();
    options.history_dir = (dir_ / tag).string();
    sim::ScenarioReport report = sim::RunScenario(*scenario, options);
    EXPECT_EQ(report.setup_error, "");
    SeededRun out;
    out.summary = sim::FormatSummary(report);
    out.log = ReadAll(options.log_path);
    std::istringstream lines(out.log);
    for (std::string line; std::getline(lines, line);) {
      asl::Json j = asl::Json::parse(line);
      if (j["event"] == "MessagePublished") out.published.insert(j["correlationId"]);
    }
    asl::Json history = asl::Json::parse(ReadAll(options.history_dir + "/M.run.json"));
    for (const asl::Json& e : history["events"]) {
      if (e["type"] == "TaskSucceeded") {
        out.query_id = asl::Json::parse(e["taskSucceededEventDetails"]["output"].get<std::string>())
                           ["QueryExecutionId"];
        break;
      }
    }
    return out;
  };
  SeededRun one = run(1, "one"), two = run(2, "two"), again = run(1, "again");
  SeededRun file = run(std::nullopt, "file"), seven = run(7, "seven");
  // Both seeds lose some items and keep others, and not the same ones.
  EXPECT_GT(one.published.size(), 0u);
  EXPECT_LT(one.published.size(), 24u);
  EXPECT_NE(one.published, two.published);
  EXPECT_NE(one.query_id, two.query_id);
  EXPECT_THAT(one.query_id, MatchesRegex(kArnUuid));
  // The same seed twice: byte-identical reports and logs.
  EXPECT_EQ(one.summary, again.summary);
  EXPECT_EQ(one.log, again.log);
  EXPECT_EQ(one.query_id, again.query_id);
  // No --seed is the file's seed.
  EXPECT_EQ(file.log, seven.log);
  EXPECT_EQ(file.query_id, seven.query_id);
}

// --- defect 16: EXPRESS execution ARNs ---------------------------------------------------------

TEST(ExpressArnTest, EndsWithAUuidAndSplitsOnColons) {
  // Take the ARN apart as definitions do: its 8th segment is the name, its 9th the UUID.
  auto machine = Machine(asl::Json::parse(R"J({"StartAt": "P", "States": {"P": {"Type": "Pass",
      "Parameters": {"parts.$": "States.StringSplit($$.Execution.Id, ':')",
                     "uuid.$": "States.ArrayGetItem(States.StringSplit($$.Execution.Id, ':'), 8)"},
      "End": true}}})J"),
                         /*express=*/true);
  auto arn_of = [&](uint64_t seed) {
    sim::SimulationConfig settings;
    settings.seed = seed;
    WorldRun run(WorldFromText("{}"), settings);
    run.Install();
    run.Start(machine, "{}", "Fast", "run-1", /*express=*/true);
    run.simulation->Run();
    EXPECT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded)
        << run.execution->error().cause;
    const asl::Json& out = run.execution->output();
    EXPECT_EQ(out["parts"].size(), 9u);
    EXPECT_EQ(out["parts"][5], "express");
    EXPECT_EQ(out["parts"][7], "run-1");
    EXPECT_EQ(out["uuid"], out["parts"][8]);
    return run.execution->arn();
  };
  std::string arn = arn_of(1);
  EXPECT_THAT(arn, MatchesRegex(std::string("arn:aws:states:us-east-1:123456789012:express:Fast:"
                                            "run-1:") + kArnUuid));
  EXPECT_EQ(arn_of(1), arn);  // from the seed
  EXPECT_NE(arn_of(2), arn);
  // STANDARD ARNs are unchanged.
  WorldRun standard(WorldFromText("{}"));
  standard.Install();
  standard.Start(Machine(asl::Json::parse(
                     R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})")),
                 "{}", "Slow", "run-1");
  EXPECT_EQ(standard.execution->arn(), "arn:aws:states:us-east-1:123456789012:execution:Slow:run-1");
}

// --- defect 14: a .sync child is stopped with its task -----------------------------------------

constexpr const char* kSlowChildWorld = R"({"state_machines": [{"name": "Child", "definition":
    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}}]})";

std::string SyncTask(const std::string& extra = "") {
  return R"({"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
      "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Child",
                     "Name": "child"}, "End": true)" + extra + "}";
}

// The child's events, with `ExecutionAborted` at the moment its parent gave it up: `at_ms` after
// the parent's start, plus the engine latency of the states before (at most `engine_ms`).
void ExpectChildAborted(WorldRun& run, int64_t at_ms, int64_t engine_ms = 0) {
  ASSERT_EQ(run.simulation->executions().size(), 2u);
  const sim::Execution& child = *run.simulation->executions()[1];
  EXPECT_EQ(child.status(), sim::ExecutionStatus::kAborted);
  EXPECT_GE((child.stop_time() - run.execution->start_time()).ms, at_ms);
  EXPECT_LE((child.stop_time() - run.execution->start_time()).ms, at_ms + engine_ms);
  if (run.execution->ended()) {
    EXPECT_EQ(child.stop_time(), run.execution->stop_time());
  }
  asl::Json events(run.child_sinks.at("child")->events());
  EXPECT_EQ(sfnsim_test::EventShape(events),
            "1/0 ExecutionStarted, 2/0 WaitStateEntered, 3/0 ExecutionAborted");
  EXPECT_FALSE(events.back().contains("executionAbortedEventDetails") &&
               events.back()["executionAbortedEventDetails"].contains("error"));
}

TEST(SyncChildTest, StoppedWhenTheParentFails) {
  WorldRun run(WorldFromText(kSlowChildWorld));
  run.Run(Machine(asl::Json::parse(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel",
      "Branches": [{"StartAt": "Run", "States": {"Run": )" + SyncTask() + R"(}},
                   {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "Next": "F"},
                                               "F": {"Type": "Fail", "Error": "Boom"}}}],
      "End": true}}})")),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "Boom");
  ExpectChildAborted(run, 5000, 3 * 40);  // P, the branch's W, then F entered
}

TEST(SyncChildTest, StoppedWhenTheTaskTimesOut) {
  WorldRun run(WorldFromText(kSlowChildWorld));
  run.Run(Machine(asl::Json::parse(R"({"StartAt": "Run", "States": {"Run": )" +
                                   SyncTask(R"(, "TimeoutSeconds": 10)") + "}}")),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "States.Timeout");
  ExpectChildAborted(run, 10'000, 40 + 10);  // Run entered, its task scheduled
}

TEST(SyncChildTest, StoppedWhenTheParentIsStopped) {
  WorldRun run(WorldFromText(kSlowChildWorld));
  run.Install();
  run.Start(Machine(asl::Json::parse(R"({"StartAt": "Run", "States": {"Run": )" + SyncTask() +
                                     "}}")),
            "{}");
  run.simulation->RunUntil(run.simulation->now() + sim::Duration{60'000});
  run.execution->Stop(std::nullopt, std::nullopt);
  run.simulation->Run();
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kAborted);
  ExpectChildAborted(run, 60'000);
}

TEST(SyncChildTest, AChildThatEndsFirstIsNotTouched) {
  WorldRun run(WorldFromText(R"({"state_machines": [{"name": "Child", "definition":
      {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}}]})"));
  run.Run(Machine(asl::Json::parse(R"({"StartAt": "Run", "States": {"Run": )" + SyncTask() +
                                   "}}")),
          "{}");
  EXPECT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(run.simulation->executions()[1]->status(), sim::ExecutionStatus::kSucceeded);
}

// --- defect 26: Map settings read from paths ---------------------------------------------------

struct MapRun {
  std::string shape;
  std::string error;
  std::string cause;
};

MapRun RunMap(const std::string& settings, const std::string& input, bool distributed) {
  std::string processor =
      distributed ? R"("ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},)"
                  : "";
  WorldRun run(WorldFromText("{}"));
  run.Run(Machine(asl::Json::parse(R"({"StartAt": "M", "States": {"M": {"Type": "Map",
      "ItemsPath": "$.items", )" + settings + R"(,
      "ItemProcessor": {)" + processor + R"("StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
      "End": true}}})")),
          input);
  return {sfnsim_test::EventShape(run.Events()), run.execution->error().name,
          run.execution->error().cause};
}

TEST(MapSettingPathTest, FailsAfterMapStateStartedWithAwsCause) {
  const std::string kShape =
      "1/0 ExecutionStarted, 2/0 MapStateEntered, 3/2 MapStateStarted, 4/3 ExecutionFailed";
  for (bool distributed : {false, true}) {
    MapRun object = RunMap(R"("MaxConcurrencyPath": "$.mc")", R"({"items": [1], "mc": {}})",
                           distributed);
    EXPECT_EQ(object.shape, kShape);
    EXPECT_EQ(object.error, "States.Runtime");
    EXPECT_EQ(object.cause,
              R"(The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.mc)");
    MapRun text = RunMap(R"("MaxConcurrencyPath": "$.mc")", R"({"items": [1], "mc": "two"})",
                         distributed);
    EXPECT_EQ(text.cause,
              R"(The MaxConcurrencyPath field refers to value "two" which is not a valid integer: $.mc)");
    MapRun negative = RunMap(R"("MaxConcurrencyPath": "$.mc")", R"({"items": [1], "mc": -1})",
                             distributed);
    EXPECT_EQ(negative.shape, kShape);
    EXPECT_EQ(negative.cause, "Expected non-negative integer for MaxConcurrency, got '-1' instead.");
  }
  MapRun count = RunMap(R"("ToleratedFailureCountPath": "$.t")",
                        R"({"items": [1], "t": {"a": 1}})", true);
  EXPECT_EQ(count.shape, kShape);
  EXPECT_EQ(count.cause, R"(The ToleratedFailureCountPath field refers to value "{"a":1}" which )"
                         R"(is not a valid integer: $.t)");
  MapRun fraction = RunMap(R"("ToleratedFailureCountPath": "$.t")", R"({"items": [1], "t": 1.5})",
                           true);
  EXPECT_EQ(fraction.cause, R"(The ToleratedFailureCountPath field refers to value "1.5" which )"
                            R"(is not a valid integer: $.t)");
  MapRun below = RunMap(R"("ToleratedFailureCountPath": "$.t")", R"({"items": [1], "t": -2})",
                        true);
  EXPECT_EQ(below.cause, "ToleratedFailureCount cannot be negative.");
  MapRun percentage = RunMap(R"("ToleratedFailurePercentagePath": "$.p")",
                             R"({"items": [1], "p": "half"})", true);
  EXPECT_EQ(percentage.shape, kShape);
  EXPECT_EQ(percentage.cause, R"(The ToleratedFailurePercentagePath field refers to value "half" )"
                              R"(which is not a valid float: $.p)");
  // A path that selects nothing still fails before MapStateStarted, as it did.
  MapRun missing = RunMap(R"("MaxConcurrencyPath": "$.nope")", R"({"items": [1]})", false);
  EXPECT_EQ(missing.shape, "1/0 ExecutionStarted, 2/0 MapStateEntered, 3/2 MapStateStarted, "
                           "4/3 ExecutionFailed");
  // A valid value from the path still works.
  MapRun fine = RunMap(R"("MaxConcurrencyPath": "$.mc")", R"({"items": [1, 2], "mc": 1})", false);
  EXPECT_EQ(fine.error, "");
}

// --- defect 8: bounds ---------------------------------------------------------------------------

TEST(RunawayTest, AStateMachineThatStartsItselfIsStoppedAtTheNestingBound) {
  auto machine = Machine(asl::Json::parse(R"({"StartAt": "Again", "States": {"Again": {
      "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
      "Parameters": {"StateMachineArn.$": "$$.StateMachine.Id"}, "End": true}}})"));
  WorldRun run(WorldFromText("{}"));
  run.Install();
  run.Start(machine, "{}", "Loop");
  auto start = std::chrono::steady_clock::now();
  run.simulation->Run();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  EXPECT_TRUE(run.simulation->halted());
  EXPECT_EQ(run.simulation->executions().size(), static_cast<size_t>(sim::kMaxExecutionNesting));
  EXPECT_EQ(run.simulation->halt_reason(),
            "sfnsim stopped the run: state machine Loop would start an execution nested more "
            "than 1000 running levels deep (a state machine that starts itself, directly or "
            "through others?); AWS sets no such limit, sfnsim does (docs/world.md)");
}

TEST(RunawayTest, AHandoverChainIsNotNestingButIsBoundedInExecutions) {
  // Each execution starts the next and ends (a continuation, as the backfill executor hands
  // over): longer than the nesting bound is fine, an endless one stops at max_executions.
  auto machine = Machine(asl::Json::parse(R"({"StartAt": "Next", "States": {"Next": {
      "Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
      "Parameters": {"StateMachineArn.$": "$$.StateMachine.Id"}, "End": true}}})"));
  sim::SimulationConfig settings;
  settings.max_executions = 3000;
  WorldRun run(WorldFromText("{}"), settings);
  run.Install();
  run.Start(machine, "{}", "Chain");
  run.simulation->Run();
  EXPECT_TRUE(run.simulation->halted());
  EXPECT_EQ(run.simulation->executions().size(), 3001u);
  EXPECT_EQ(run.simulation->halt_reason(),
            "sfnsim stopped the run: more than 3000 executions were started (sfnsim's bound for "
            "one run; a state machine that keeps starting executions?)");
  EXPECT_EQ(sim::SimulationConfig{}.max_executions, 1'000'000u);
}

TEST_F(RunBoundsTest, AScenarioReportSaysWhyItHalted) {
  auto scenario = sim::LoadScenario(Write("loop.yaml", R"(
state_machines:
  - name: Loop
    definition:
      StartAt: Again
      States:
        Again:
          Type: Task
          Resource: arn:aws:states:::states:startExecution.sync:2
          Parameters: {StateMachineArn.$: $$.StateMachine.Id}
          End: true
start: {state_machine: Loop}
)"));
  ASSERT_TRUE(scenario.ok());
  sim::ScenarioReport report = sim::RunScenario(*scenario, {});
  EXPECT_TRUE(report.halted);
  EXPECT_THAT(sim::FormatSummary(report),
              HasSubstr("  halted      sfnsim stopped the run: state machine Loop would start an "
                        "execution nested more than 1000 running levels deep"));
  EXPECT_THAT(sim::FormatJUnit({report}), HasSubstr("<failure message=\"sfnsim stopped the run"));
}

TEST_F(RunBoundsTest, AHistoryFileStopsAtItsBoundAndSaysSo) {
  // An EXPRESS loop (no 25,000-event limit): 400 iterations of Pass and Choice.
  auto machine = Machine(asl::Json::parse(R"J({"StartAt": "Count", "States": {
      "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "More"},
      "More": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 400,
                                               "Next": "Count"}], "Default": "Done"},
      "Done": {"Type": "Succeed"}}})J"),
                         /*express=*/true);
  std::string path = (dir_ / "h.json").string();
  sim::StreamingSink sink(path, 20'000);
  sim::Simulation simulation;
  sim::ExecutionSpec spec;
  spec.machine = machine;
  spec.name = "run";
  spec.input_text = R"({"n": 0})";
  spec.express = true;
  spec.sink = &sink;
  sim::Execution& execution = simulation.StartExecution(std::move(spec));
  simulation.Run();
  EXPECT_EQ(execution.status(), sim::ExecutionStatus::kSucceeded);
  sink.Finish();
  EXPECT_TRUE(sink.truncated());
  EXPECT_FALSE(sink.ok());
  EXPECT_THAT(sink.problem(),
              MatchesRegex(path + ": the history reached 20000 bytes, sfnsim's bound for one "
                                  "history file: the file holds its first [0-9]+ events, [0-9]+ "
                                  "more were not written"));
  std::string text = ReadAll(path);
  EXPECT_LE(text.size(), 20'100u);
  asl::Json written = asl::Json::parse(text);  // still one valid document
  EXPECT_GT(written["events"].size(), 10u);
  EXPECT_LT(static_cast<int64_t>(written["events"].size()), execution.history().count());
  EXPECT_EQ(sim::kMaxHistoryFileBytes, uint64_t{256} << 20);
}

TEST(RunawayTest, FourThousandInlineStateMachinesLoadInLinearTime) {
  std::string world = R"({"state_machines": [)";
  for (int i = 0; i < 4000; ++i) {
    if (i) world += ",";
    world += R"({"name": "M)" + std::to_string(i) +
             R"(", "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}})";
  }
  world += "]}";
  auto start = std::chrono::steady_clock::now();
  WorldRun run(WorldFromText(world));
  ASSERT_TRUE(run.Install());
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(run.world->config().state_machines.size(), 4000u);
  // Was 44 s (a copy of the file's line map per state machine); linear is well under a second
  // in a release build, a few seconds under the sanitizers.
  EXPECT_LT(took, std::chrono::seconds(20));
}

}  // namespace
