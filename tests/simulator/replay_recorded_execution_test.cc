// Reading recorded executions: pages in any order, reverse-ordered pages, and every way a set of
// files can fail to be one whole history, each with a message naming the file and what is wrong.

#include <gtest/gtest.h>

#include "simulator/replay/recorded_execution.h"

namespace {

// A three-state history: ExecutionStarted, Pass entered/exited, ExecutionSucceeded, with
// timestamps one second apart.
asl::Json ReplayInputEvents() {
  return asl::Json::parse(R"([
    {"timestamp": "2024-05-01T10:00:00+00:00", "type": "ExecutionStarted", "id": 1,
     "previousEventId": 0, "executionStartedEventDetails": {"input": "{\"a\": 1}",
     "inputDetails": {"truncated": false},
     "roleArn": "arn:aws:iam::123456789012:role/service-role/StepFunctions"}},
    {"timestamp": "2024-05-01T10:00:01.250000+00:00", "type": "PassStateEntered", "id": 2,
     "previousEventId": 0, "stateEnteredEventDetails": {"name": "P", "input": "{\"a\": 1}",
     "inputDetails": {"truncated": false}}},
    {"timestamp": "2024-05-01T10:00:02+00:00", "type": "PassStateExited", "id": 3,
     "previousEventId": 2, "stateExitedEventDetails": {"name": "P", "output": "{\"a\":1}",
     "outputDetails": {"truncated": false}}},
    {"timestamp": "2024-05-01T10:00:03+00:00", "type": "ExecutionSucceeded", "id": 4,
     "previousEventId": 3, "executionSucceededEventDetails": {"output": "{\"a\":1}",
     "outputDetails": {"truncated": false}}}
  ])");
}

sim::HistoryDocument ReplayPage(const std::string& name, asl::Json events,
                                const asl::Json& next_token = nullptr) {
  sim::HistoryDocument doc;
  doc.value = {{"events", std::move(events)}};
  if (!next_token.is_null()) doc.value["NextToken"] = next_token;
  doc.source.file = name;
  return doc;
}

asl::Json ReplaySlice(const asl::Json& events, size_t from, size_t to) {
  asl::Json out = asl::Json::array();
  for (size_t i = from; i < to; ++i) out.push_back(events[i]);
  return out;
}

TEST(ReplayRecordedExecution, ReadsOneFileInputStatusStartAndAccount) {
  auto r = sim::ReadRecordedExecution({ReplayPage("h.json", ReplayInputEvents())}, nullptr);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->input_text, "{\"a\": 1}");  // verbatim, as StartExecution received it
  EXPECT_EQ(r->status, "SUCCEEDED");
  EXPECT_TRUE(r->complete);
  EXPECT_EQ(r->account, "123456789012");
  EXPECT_EQ(r->partition, "aws");
  ASSERT_TRUE(r->start_ms.has_value());
  EXPECT_EQ(*r->start_ms, 1714557600000);
  EXPECT_TRUE(r->notes.empty());
}

TEST(ReplayRecordedExecution, MergesPagesGivenOutOfOrderAndReversed) {
  asl::Json events = ReplayInputEvents();
  asl::Json second = ReplaySlice(events, 2, 4);
  std::reverse(second.begin(), second.end());  // --reverse-order output
  auto r = sim::ReadRecordedExecution(
      {ReplayPage("p2.json", second), ReplayPage("p1.json", ReplaySlice(events, 0, 2), "tok")},
      nullptr);
  ASSERT_TRUE(r.ok()) << r.error();
  ASSERT_EQ(r->events.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(r->events[i]["id"], i + 1);
  ASSERT_EQ(r->notes.size(), 2u);
  EXPECT_EQ(r->notes[0], "p2.json: events in descending order (--reverse-order), read in reverse");
  EXPECT_EQ(r->notes[1], "history pages given out of order: merged by event id");
}

TEST(ReplayRecordedExecution, MissingMiddlePageNamesBothFiles) {
  asl::Json events = ReplayInputEvents();
  auto r = sim::ReadRecordedExecution(
      {ReplayPage("a.json", ReplaySlice(events, 0, 1)), ReplayPage("c.json", ReplaySlice(events, 3, 4))},
      nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "events 2-3 are missing between a.json (events 1-1) and c.json (events "
                       "4-4): a page was not given");
}

TEST(ReplayRecordedExecution, MissingFirstPage) {
  auto r = sim::ReadRecordedExecution({ReplayPage("b.json", ReplaySlice(ReplayInputEvents(), 2, 4))},
                                      nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "b.json: the history starts at event 3: the first page (events 1-2) is "
                       "missing");
}

TEST(ReplayRecordedExecution, OverlappingPages) {
  asl::Json events = ReplayInputEvents();
  auto r = sim::ReadRecordedExecution(
      {ReplayPage("a.json", ReplaySlice(events, 0, 3)), ReplayPage("b.json", ReplaySlice(events, 2, 4))},
      nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "a.json (events 1-3) and b.json (events 3-4) both hold event 3: give each "
                       "page once");
}

TEST(ReplayRecordedExecution, LastPageWithNextTokenIsTruncated) {
  auto r = sim::ReadRecordedExecution(
      {ReplayPage("a.json", ReplaySlice(ReplayInputEvents(), 0, 3), "AAAA")}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("a.json: the page ends at event 3 with a NextToken: the history "
                           "continues on pages not given"),
            std::string::npos)
      << r.error();
}

TEST(ReplayRecordedExecution, UnfinishedHistoryIsReadButMarked) {
  auto r = sim::ReadRecordedExecution({ReplayPage("a.json", ReplaySlice(ReplayInputEvents(), 0, 3))},
                                      nullptr);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_FALSE(r->complete);
  EXPECT_EQ(r->status, "");
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_NE(r->notes[0].find("ends at event 3 (PassStateExited) without an execution-ending"),
            std::string::npos);
}

TEST(ReplayRecordedExecution, GapInsideAPage) {
  asl::Json events = ReplayInputEvents();
  events.erase(1);
  auto r = sim::ReadRecordedExecution({ReplayPage("a.json", events)}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "a.json: event 3 follows event 1: event 2 is missing (a truncated or "
                       "edited file?)");
}

TEST(ReplayRecordedExecution, EventsOutOfOrderInsideAPage) {
  asl::Json events = ReplayInputEvents();
  std::swap(events[1], events[2]);
  auto r = sim::ReadRecordedExecution({ReplayPage("a.json", events)}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "a.json: /events/2: event id 2 follows 3: a page's events must be in "
                       "ascending (or, with --reverse-order, descending) id order");
}

TEST(ReplayRecordedExecution, NotAHistory) {
  sim::HistoryDocument doc;
  doc.value = {{"executions", asl::Json::array()}};
  doc.source.file = "x.json";
  auto r = sim::ReadRecordedExecution({doc}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "x.json: expected the output of `aws stepfunctions get-execution-history "
                       "--output json`: an object with an \"events\" array (got an object "
                       "without \"events\")");

  asl::Json events = ReplayInputEvents();
  events[1].erase("id");
  auto no_id = sim::ReadRecordedExecution({ReplayPage("y.json", events)}, nullptr);
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.error(), "y.json: /events/1: the event has no \"id\" (a positive integer)");

  events = ReplayInputEvents();
  events[2]["type"] = "PassStateExit";
  auto bad_type = sim::ReadRecordedExecution({ReplayPage("z.json", events)}, nullptr);
  ASSERT_FALSE(bad_type.ok());
  EXPECT_EQ(bad_type.error(), "z.json: /events/2/type: event 3 has type \"PassStateExit\", which "
                              "is not a Step Functions history event type");
}

TEST(ReplayRecordedExecution, DescribeExecutionGivesNamesAndMustMatch) {
  sim::HistoryDocument describe;
  describe.source.file = "d.json";
  describe.value = {
      {"executionArn", "arn:aws:states:eu-west-1:123456789012:execution:Machine:run-7"},
      {"input", "{\"a\": 1}"},
      {"status", "SUCCEEDED"}};
  auto r = sim::ReadRecordedExecution({ReplayPage("h.json", ReplayInputEvents())}, &describe);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->execution_name, "run-7");
  EXPECT_EQ(r->state_machine_name, "Machine");
  EXPECT_EQ(r->region, "eu-west-1");

  describe.value["input"] = "{\"a\": 2}";
  auto other = sim::ReadRecordedExecution({ReplayPage("h.json", ReplayInputEvents())}, &describe);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error(), "d.json: /input: this describes another execution: its input differs "
                           "from the history's ExecutionStarted input (event 1)");

  describe.value["input"] = "{\"a\": 1}";
  describe.value["status"] = "FAILED";
  auto status = sim::ReadRecordedExecution({ReplayPage("h.json", ReplayInputEvents())}, &describe);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), "d.json: /status: status FAILED but the history ends in SUCCEEDED: "
                            "this describes another execution");
}

TEST(ReplayRecordedExecution, DescribeGivenAsHistory) {
  sim::HistoryDocument doc;
  doc.value = {{"executionArn", "arn:aws:states:us-east-1:1:execution:M:n"}, {"status", "RUNNING"}};
  doc.source.file = "d.json";
  auto r = sim::ReadRecordedExecution({doc}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "d.json: this is `describe-execution` output, not a history: pass it with "
                       "--execution");
}

}  // namespace
