// The table of the events each element writes (asl/model/history_elements.def), which the
// engine emits by and the history budget counts by, checked against AWS: every history recorded
// on AWS (tests/data/conformance/aws-recorded) must read as a sequence of the table's elements.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "asl/model/history_events.h"
#include "tests/testutil/history_element_reader.h"
#include "tests/testutil/json_file.h"

namespace asl {
namespace {

namespace fs = std::filesystem;
using sfnsim_test::ReadAsElements;

fs::path RecordedDirectory() {
  return fs::path(SFNSIM_SHARED_DIR) / "conformance" / "aws-recorded";
}

// Whether a definition nests machines (Parallel, Map): their lanes interleave, so their events
// do not read left to right as one lane's elements.
bool Nests(const Json& value) {
  if (value.is_object()) {
    if (auto type = value.find("Type");
        type != value.end() && (*type == "Parallel" || *type == "Map")) {
      return true;
    }
    for (const auto& [key, child] : value.items()) {
      if (Nests(child)) return true;
    }
  }
  return false;
}

TEST(HistoryElementsTest, EveryRecordedSingleLaneHistoryReadsAsTableElements) {
  const fs::path dir = RecordedDirectory();
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    // An expression failure right after a state's Entered event (EvaluationFailed) starts no
    // element of the table: the budget does not count failing expressions.
    if (name.starts_with("jsonata_evaluation_failed")) continue;
    SCOPED_TRACE(name);
    const Json recording = sfnsim_test::ReadJsonFile(entry.path());
    if (Nests(recording["definition"])) continue;
    std::vector<std::string> events;
    for (const Json& event : recording["events"]) events.push_back(event["type"]);
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events.front(), "ExecutionStarted");
    events.erase(events.begin());
    if (events.back().starts_with("Execution")) events.pop_back();
    EXPECT_EQ(ReadAsElements(events), "");
    ++checked;
  }
  // 59 of the 80 recordings are single-lane executions that end normally (58 JSONPath, 1
  // JSONata).
  EXPECT_EQ(checked, 59);
}

TEST(HistoryElementsTest, ReadingFailsOnAnEventNoElementStartsWith) {
  EXPECT_EQ(ReadAsElements({"PassStateEntered", "PassStateExited"}), "");
  EXPECT_NE(ReadAsElements({"PassStateEntered", "TaskSucceeded"}), "");
  EXPECT_NE(ReadAsElements({"TaskScheduled", "PassStateExited"}), "");
  // A Wait cut short by the end of the execution.
  EXPECT_EQ(ReadAsElements({"WaitStateEntered", "WaitStateAborted"}), "");
  // A Map iteration around its item's events, and one left open.
  EXPECT_EQ(ReadAsElements({"MapStateEntered", "MapStateStarted", "MapIterationStarted",
                            "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                            "MapStateSucceeded", "MapStateExited"}),
            "");
  EXPECT_NE(ReadAsElements({"MapIterationStarted", "PassStateEntered", "PassStateExited"}), "");
  EXPECT_NE(ReadAsElements({"MapIterationStarted", "MapIterationSucceeded", "TaskSucceeded"}), "");
}

TEST(HistoryElementsTest, StateVisitsOpenWithEnteredAndCloseWithExited) {
  for (StateType type : {StateType::kTask, StateType::kPass, StateType::kChoice, StateType::kWait,
                         StateType::kSucceed, StateType::kParallel, StateType::kMap}) {
    const std::string name = StateTypeName(type);
    EXPECT_EQ(HistoryEventTypeName(ElementEvents(OpeningElement(type)).front()),
              name + "StateEntered");
    EXPECT_EQ(HistoryEventTypeName(ElementEvents(ClosingElement(type)).back()),
              name + "StateExited");
  }
  EXPECT_EQ(ElementEvents(OpeningElement(StateType::kFail)).size(), 1u);
}

TEST(HistoryElementsTest, AttemptsByResourceKindAndPattern) {
  TaskResource lambda;
  lambda.kind = ResourceKind::kLambda;
  EXPECT_EQ(HistoryEventTypeName(AttemptEvents(lambda).scheduled), "LambdaFunctionScheduled");
  EXPECT_EQ(HistoryEventTypeName(AttemptEvents(lambda).timed_out), "LambdaFunctionTimedOut");
  TaskResource activity;
  activity.kind = ResourceKind::kActivity;
  activity.pattern = IntegrationPattern::kWaitForTaskToken;
  EXPECT_FALSE(AttemptSubmits(activity));
  EXPECT_EQ(HistoryEventTypeName(AttemptEvents(activity).failed), "ActivityFailed");
  TaskResource sync;
  sync.kind = ResourceKind::kOptimized;
  sync.pattern = IntegrationPattern::kSync;
  EXPECT_EQ(ElementEvents(AttemptElement(sync, AttemptEnd::kSucceeded, true)).size(), 4u);
  EXPECT_EQ(ElementEvents(AttemptElement(sync, AttemptEnd::kFailed, false)).size(), 3u);
  TaskResource plain;
  plain.kind = ResourceKind::kOptimized;
  EXPECT_EQ(ElementEvents(AttemptElement(plain, AttemptEnd::kSucceeded, true)).size(), 3u);
}

}  // namespace
}  // namespace asl
