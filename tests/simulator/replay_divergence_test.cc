// Replay: recorded outcomes per state and Map iteration, the replay of a recorded execution, a
// mutated outcome reported at the event where it shows, and a history of another definition.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>

#include "asl/validate/definition_parser.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/replay/replay_summary.h"
#include "simulator/replay/replayer.h"

namespace {

namespace fs = std::filesystem;

const fs::path kReplayCorpus = fs::path(SFNSIM_SHARED_DIR) / "conformance" / "aws-recorded";

struct LoadedRecording {
  sim::RecordedExecution recorded;
  std::shared_ptr<const asl::StateMachine> machine;
};

LoadedRecording LoadReplayCorpusFile(const std::string& file) {
  LoadedRecording out;
  auto recorded = sim::LoadRecordedExecution({(kReplayCorpus / file).string()}, "");
  EXPECT_TRUE(recorded.ok()) << recorded.error();
  if (!recorded.ok()) return out;
  out.recorded = std::move(recorded.value());
  asl::ParsedDefinition parsed = asl::ParseDefinition(*out.recorded.definition);
  EXPECT_TRUE(parsed.machine != nullptr);
  out.machine = std::move(parsed.machine);
  return out;
}

TEST(ReplayLanes, NestedMapIterations) {
  LoadedRecording r = LoadReplayCorpusFile("map_inline_nested.json");
  std::vector<std::string> lanes = sim::EventLanes(r.recorded.events);
  ASSERT_EQ(lanes.size(), 42u);
  EXPECT_EQ(lanes[1], "");                   // 2 MapStateEntered MapL1
  EXPECT_EQ(lanes[4], "MapL1[0]");           // 5 MapStateEntered MapL2
  EXPECT_EQ(lanes[11], "MapL1[0]/MapL2[1]"); // 12 PassStateEntered
  EXPECT_EQ(lanes[18], "MapL1[0]");          // 19 MapStateSucceeded (inner)
  EXPECT_EQ(lanes[19], "MapL1[0]");          // 20 MapStateExited MapL2
  EXPECT_EQ(lanes[21], "MapL1[1]");          // 22 MapIterationStarted MapL1 1
  EXPECT_EQ(lanes[33], "MapL1[1]/MapL2[2]"); // 34 PassStateEntered
  EXPECT_EQ(lanes[39], "");                  // 40 MapStateSucceeded (outer)
  EXPECT_EQ(lanes[41], "");                  // 42 ExecutionSucceeded
}

TEST(ReplayLanes, ConcurrentIterationsAndTheirAbort) {
  LoadedRecording r = LoadReplayCorpusFile("map_inline_concurrent_timeout_aborts.json");
  std::vector<std::string> lanes = sim::EventLanes(r.recorded.events);
  EXPECT_EQ(lanes[14], "MapWait[3]");  // 15 TaskScheduled of iteration 3
  EXPECT_EQ(lanes[21], "MapWait[1]");  // 22 TaskTimedOut, previous event 17 (iteration 1's start)
  EXPECT_EQ(lanes[25], "MapWait[1]");  // 26 MapIterationAborted index 1
  EXPECT_EQ(lanes[31], "");            // 32 MapStateFailed, previous event in iteration 0
  auto outcomes = sim::RecordedOutcomes::FromEvents(r.recorded.events);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error();
  for (int i = 0; i < 4; ++i) {
    const auto* lane = outcomes->ForLane("LambdaInvoke", fmt::format("MapWait[{}]", i));
    ASSERT_NE(lane, nullptr) << i;
    EXPECT_EQ(lane->size(), 1u);
  }
}

TEST(ReplayOutcomes, OffsetsFromTimestamps) {
  asl::Json events = asl::Json::parse(R"([
    {"timestamp": "2024-05-01T10:00:00+00:00", "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
     "executionStartedEventDetails": {"input": "{}", "inputDetails": {"truncated": false}, "roleArn": "r"}},
    {"timestamp": "2024-05-01T10:00:00.010000+00:00", "type": "TaskStateEntered", "id": 2, "previousEventId": 0,
     "stateEnteredEventDetails": {"name": "Publish", "input": "{}", "inputDetails": {"truncated": false}}},
    {"timestamp": "2024-05-01T10:00:00.020000+00:00", "type": "TaskScheduled", "id": 3, "previousEventId": 2,
     "taskScheduledEventDetails": {"resourceType": "sns", "resource": "publish", "region": "us-east-1", "parameters": "{}"}},
    {"timestamp": "2024-05-01T10:00:00.025000+00:00", "type": "TaskStarted", "id": 4, "previousEventId": 3,
     "taskStartedEventDetails": {"resourceType": "sns", "resource": "publish"}},
    {"timestamp": "2024-05-01T10:00:00.061000+00:00", "type": "TaskFailed", "id": 5, "previousEventId": 4,
     "taskFailedEventDetails": {"resourceType": "sns", "resource": "publish", "error": "SNS.InternalErrorException", "cause": "x"}}
  ])");
  auto outcomes = sim::RecordedOutcomes::FromEvents(events);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error();
  const auto* list = outcomes->ForLane("Publish", "");
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->size(), 1u);
  const sim::RecordedOutcome& o = *list->front();
  EXPECT_EQ(o.resource, "sns:publish");
  EXPECT_EQ(o.started_after_ms, 5);
  EXPECT_EQ(o.ended_after_ms, 41);
  EXPECT_EQ(o.end_event, 5);
  EXPECT_EQ(o.kind, sim::RecordedOutcome::Kind::kFailed);
  EXPECT_EQ(o.error.name, "SNS.InternalErrorException");
  EXPECT_FALSE(o.interrupted);  // the history has not ended: the task may still answer
}

TEST(ReplayDivergence, UnchangedRecordingIsIdentical) {
  LoadedRecording r = LoadReplayCorpusFile("lambda_retry_then_catch.json");
  auto outcomes = sim::RecordedOutcomes::FromEvents(r.recorded.events);
  ASSERT_TRUE(outcomes.ok());
  sim::ReplayReport report = sim::Replay(r.machine, r.recorded, *outcomes, {});
  EXPECT_TRUE(report.identical()) << (report.divergence ? report.divergence->Describe() : report.status);
  EXPECT_EQ(report.events.size(), r.recorded.events.size());
}

TEST(ReplayDivergence, MutatedOutcomeIsReportedAtItsEvent) {
  LoadedRecording r = LoadReplayCorpusFile("lambda_retry_then_catch.json");
  auto outcomes = sim::RecordedOutcomes::FromEvents(r.recorded.events);
  ASSERT_TRUE(outcomes.ok());
  // The second attempt (scheduled at event 6) failed at event 8; make it a different error.
  ASSERT_TRUE(outcomes->Modify(6, [](sim::RecordedOutcome& o) {
    ASSERT_EQ(o.end_event, 8);
    o.error.name = "Lambda.ServiceException";
  }));
  sim::ReplayReport report = sim::Replay(r.machine, r.recorded, *outcomes, {});
  ASSERT_TRUE(report.divergence.has_value());
  EXPECT_EQ(report.divergence->event_id, 8);
  EXPECT_EQ(report.divergence->where, "/lambdaFunctionFailedEventDetails/error");
  EXPECT_EQ(report.diverged_state, "InvokeLambdaWithRetry");
  EXPECT_EQ(report.diverged_lane, "");
  EXPECT_FALSE(report.identical());
  std::string text = sim::FormatReplaySummary(r.recorded, *outcomes, report);
  EXPECT_NE(text.find("diverged at event 8 (state \"InvokeLambdaWithRetry\"), at "
                      "/lambdaFunctionFailedEventDetails/error\n"),
            std::string::npos)
      << text;
}

TEST(ReplayDivergence, MutatedOutputInAMapIteration) {
  LoadedRecording r = LoadReplayCorpusFile("map_inline_concurrent_timeout_aborts.json");
  auto outcomes = sim::RecordedOutcomes::FromEvents(r.recorded.events);
  ASSERT_TRUE(outcomes.ok());
  // Iteration 2's task (scheduled at event 13) timed out; make it succeed instead.
  ASSERT_TRUE(outcomes->Modify(13, [](sim::RecordedOutcome& o) {
    o.kind = sim::RecordedOutcome::Kind::kSucceeded;
    o.output = asl::Json::object();
  }));
  sim::ReplayReport report = sim::Replay(r.machine, r.recorded, *outcomes, {});
  ASSERT_TRUE(report.divergence.has_value());
  // Recorded: iteration 3's TaskStarted (event 19); replayed: iteration 2's TaskSucceeded. The
  // report names the recorded event's state and iteration.
  EXPECT_EQ(report.divergence->event_id, 19);
  EXPECT_EQ(report.diverged_state, "LambdaInvoke");
  EXPECT_EQ(report.diverged_lane, "MapWait[3]");
  EXPECT_NE(report.divergence->actual.find("TaskSucceeded"), std::string::npos)
      << report.divergence->actual;
}

TEST(ReplayDivergence, HistoryOfAnotherDefinition) {
  LoadedRecording r = LoadReplayCorpusFile("lambda_retry_then_catch.json");
  LoadedRecording other = LoadReplayCorpusFile("pass_result.json");
  std::vector<std::string> missing;
  auto fits = sim::CheckHistoryFitsDefinition(*other.machine, r.recorded, missing);
  ASSERT_FALSE(fits.ok());
  EXPECT_NE(fits.error().find("the history is not of this definition: it starts in state "
                              "\"InvokeLambdaWithRetry\", which the definition does not have"),
            std::string::npos)
      << fits.error();
  std::vector<std::string> none;
  EXPECT_TRUE(sim::CheckHistoryFitsDefinition(*r.machine, r.recorded, none).ok());
  EXPECT_TRUE(none.empty());
}

TEST(ReplayDivergence, NewCallsFailClearlyWithoutAWorld) {
  LoadedRecording r = LoadReplayCorpusFile("lambda_retry_then_catch.json");
  auto outcomes = sim::RecordedOutcomes::FromEvents(r.recorded.events);
  ASSERT_TRUE(outcomes.ok());
  // Drop the last attempt: the fourth invocation is now a call the recording lacks.
  const auto* list = outcomes->ForLane("InvokeLambdaWithRetry", "");
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->size(), 4u);
  asl::Json shortened = asl::Json::array();
  int64_t cut = list->back()->scheduled_event;
  for (const asl::Json& e : r.recorded.events) {
    if (e["id"].get<int64_t>() < cut) shortened.push_back(e);
  }
  auto fewer = sim::RecordedOutcomes::FromEvents(shortened);
  ASSERT_TRUE(fewer.ok());
  sim::ReplayReport report = sim::Replay(r.machine, r.recorded, *fewer, {});
  ASSERT_EQ(report.unrecorded.size(), 1u);
  EXPECT_EQ(report.unrecorded[0].state_name, "InvokeLambdaWithRetry");
  EXPECT_EQ(report.unrecorded[0].visit, 3);
  EXPECT_FALSE(report.unrecorded[0].served);
  ASSERT_TRUE(report.divergence.has_value());
  // The engine writes LambdaFunctionStarted (event cut + 1) before the failure: the failure's
  // error is the first difference.
  EXPECT_EQ(report.divergence->event_id, cut + 2);
  EXPECT_NE(report.divergence->actual.find("the recorded history has no invocation 4 of state "
                                           "\\\"InvokeLambdaWithRetry\\\" (it has 3)"),
            std::string::npos)
      << report.divergence->actual;
}

}  // namespace
