// Evaluating a scenario's expectations against a finished run: every kind, holding and not, with
// what the report says was expected and what happened.

#include <gtest/gtest.h>

#include "simulator/scenario/expectations.h"
#include "simulator/scenario/scenario_run.h"

namespace {

using sim::CountBound;
using sim::ExpectationResult;

CountBound Exactly(int64_t n) { return CountBound{n, n}; }
CountBound AtLeast(int64_t n) { return CountBound{n, std::nullopt}; }

sim::RowsExpectation Rows(bool exactly_once) {
  sim::RowsExpectation rows;
  rows.topic = "customer-backfill";
  rows.key = "customerId";
  rows.sql = "SELECT customer_id FROM retail.customers";
  rows.exactly_once = exactly_once;
  return rows;
}

sim::ExecutionRecord Execution(std::string name, std::string status, int64_t events,
                               std::string error = "", std::string cause = "") {
  sim::ExecutionRecord e;
  e.state_machine = "M";
  e.name = std::move(name);
  e.status = std::move(status);
  e.history_events = events;
  e.error = std::move(error);
  e.cause = std::move(cause);
  return e;
}

// A run: the orchestrator succeeded, one executor failed, one succeeded; 3,564 messages, rows
// checked, one fault retried and one not handled, 111.4 s of virtual time.
sim::ScenarioReport Report() {
  sim::ScenarioReport r;
  r.executions = {Execution("backfill", "SUCCEEDED", 279),
                  Execution("q-1", "FAILED", 25000, "States.Runtime",
                            "The execution reached the maximum number of history events (25000)."),
                  Execution("q-2", "SUCCEEDED", 21047)};
  r.messages_per_topic["arn:aws:sns:us-east-1:123456789012:customer-backfill"] = 3564;
  sim::RowCheck rows;
  rows.expected = 3840;
  rows.published_once = 3564;
  rows.lost = 276;
  r.rows = rows;
  r.faults_injected = 2;
  r.faults_retried = 1;
  r.faults_unhandled = 1;
  r.duration_ms = 111'409;
  return r;
}

// The single result of evaluating `x` against the report.
ExpectationResult Evaluate(const sim::Expectations& x,
                           const sim::ScenarioReport& report = Report()) {
  sim::Scenario scenario;
  scenario.expect = x;
  std::vector<ExpectationResult> results = sim::EvaluateExpectations(scenario, report);
  EXPECT_EQ(results.size(), 1u);
  return results.empty() ? ExpectationResult{} : results.front();
}

std::vector<ExpectationResult> EvaluateAll(const sim::Expectations& x) {
  sim::Scenario scenario;
  scenario.expect = x;
  return sim::EvaluateExpectations(scenario, Report());
}

TEST(ScenarioExpectationsTest, StatusErrorAndCauseOfTheStartingExecution) {
  sim::Expectations x;
  x.status = "SUCCEEDED";
  ExpectationResult r = Evaluate(x);
  EXPECT_EQ(r.name, "status");
  EXPECT_TRUE(r.passed);
  x.status = "FAILED";
  r = Evaluate(x);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.expected, "FAILED");
  EXPECT_EQ(r.actual, "SUCCEEDED");

  sim::Expectations e;
  e.error = "States.Runtime";
  r = Evaluate(e);
  EXPECT_FALSE(r.passed);  // the starting execution has no error
  EXPECT_EQ(r.actual, "no error");

  sim::ScenarioReport failed = Report();
  std::swap(failed.executions[0], failed.executions[1]);
  EXPECT_TRUE(Evaluate(e, failed).passed);
  sim::Expectations c;
  c.cause = "The execution reached the maximum number of history events (25000).";
  EXPECT_TRUE(Evaluate(c, failed).passed);
  c.cause = "The execution reached the maximum number of history events (24999).";
  r = Evaluate(c, failed);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.name, "cause");
  EXPECT_EQ(r.actual, "\"The execution reached the maximum number of history events (25000).\"");
}

TEST(ScenarioExpectationsTest, AllSucceededAndExecutionCounts) {
  sim::Expectations x;
  x.all_succeeded = true;
  ExpectationResult r = Evaluate(x);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.actual, "1 did not succeed (e.g. q-1: FAILED States.Runtime)");
  x.all_succeeded = false;  // "some execution did not succeed"
  EXPECT_TRUE(Evaluate(x).passed);

  sim::Expectations n;
  n.executions = Exactly(3);
  EXPECT_TRUE(Evaluate(n).passed);
  n.executions = CountBound{4, 10};
  r = Evaluate(n);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.expected, "between 4 and 10");
  EXPECT_EQ(r.actual, "3");

  sim::Expectations s;
  s.executions_by_status["FAILED"] = CountBound{1, 21};
  s.executions_by_status["SUCCEEDED"] = Exactly(2);
  s.executions_by_status["TIMED_OUT"] = AtLeast(1);
  std::vector<ExpectationResult> all = EvaluateAll(s);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "executions_by_status.FAILED");
  EXPECT_TRUE(all[0].passed);
  EXPECT_TRUE(all[1].passed);
  EXPECT_EQ(all[2].name, "executions_by_status.TIMED_OUT");
  EXPECT_FALSE(all[2].passed);
  EXPECT_EQ(all[2].expected, ">= 1");
  EXPECT_EQ(all[2].actual, "0");
}

TEST(ScenarioExpectationsTest, MessagesByTopicNameOrArn) {
  sim::Expectations x;
  x.messages["customer-backfill"] = Exactly(3564);
  x.messages["arn:aws:sns:us-east-1:123456789012:customer-backfill"] = Exactly(3565);
  x.messages["backfill"] = AtLeast(1);  // a suffix of the name is not the name
  x.lines["messages.customer-backfill"] = 7;
  std::vector<ExpectationResult> all = EvaluateAll(x);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_FALSE(all[0].passed);  // by ARN: 3,565 expected
  EXPECT_EQ(all[0].actual, "3564");
  EXPECT_EQ(all[1].name, "messages.backfill");
  EXPECT_FALSE(all[1].passed);
  EXPECT_EQ(all[2].name, "messages.customer-backfill");
  EXPECT_TRUE(all[2].passed);
  EXPECT_EQ(all[2].line, 7);
}

// A table's or a queue's destination is an ARN ending in "table/NAME" or a URL ending in "/NAME":
// the name after the last "/" names it, as a row check's topic does.
TEST(ScenarioExpectationsTest, MessagesByTableOrQueueName) {
  sim::ScenarioReport report = Report();
  report.messages_per_topic["arn:aws:dynamodb:us-east-1:123456789012:table/orders"] = 2;
  report.messages_per_topic["https://sqs.us-east-1.amazonaws.com/123456789012/work"] = 5;
  sim::Expectations x;
  x.messages["orders"] = Exactly(2);
  EXPECT_TRUE(Evaluate(x, report).passed);
  x.messages.clear();
  x.messages["work"] = Exactly(5);
  EXPECT_TRUE(Evaluate(x, report).passed);
  x.messages.clear();
  x.messages["ders"] = AtLeast(1);  // a suffix of the name is not the name
  EXPECT_FALSE(Evaluate(x, report).passed);
}

TEST(ScenarioExpectationsTest, PublishedOnceNeedsNothingLostDuplicatedOrUnexpected) {
  sim::Expectations x;
  x.rows = Rows(true);
  ExpectationResult r = Evaluate(x);
  EXPECT_EQ(r.name, "published_once");
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.actual, "3564 of 3840 once, 0 duplicated, 276 lost, 0 unexpected");

  sim::ScenarioReport all_once = Report();
  all_once.rows->published_once = all_once.rows->expected;
  all_once.rows->lost = 0;
  EXPECT_TRUE(Evaluate(x, all_once).passed);
  all_once.rows->unexpected = 1;
  EXPECT_FALSE(Evaluate(x, all_once).passed);
  all_once.rows->unexpected = 0;
  all_once.rows->error = "the query failed: no such table";
  r = Evaluate(x, all_once);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.actual, "the query failed: no such table");
  all_once.rows.reset();  // not checked at all: never a silent pass
  EXPECT_FALSE(Evaluate(x, all_once).passed);
}

TEST(ScenarioExpectationsTest, RowsBoundEachCount) {
  sim::Expectations x;
  x.rows = Rows(false);
  x.rows->once = Exactly(3564);
  x.rows->lost = AtLeast(1);
  x.rows->duplicated = Exactly(0);
  x.rows->unexpected = Exactly(0);
  std::vector<ExpectationResult> all = EvaluateAll(x);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].name, "rows.once");
  EXPECT_EQ(all[1].name, "rows.duplicated");
  EXPECT_EQ(all[2].name, "rows.lost");
  EXPECT_EQ(all[3].name, "rows.unexpected");
  for (const ExpectationResult& r : all) EXPECT_TRUE(r.passed) << r.name;
  EXPECT_EQ(all[2].actual, "276 (3564 of 3840 once, 0 duplicated, 276 lost, 0 unexpected)");

  x.rows->once.reset();
  x.rows->duplicated.reset();
  x.rows->unexpected.reset();
  x.rows->lost = Exactly(0);
  ExpectationResult r = Evaluate(x);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.expected, "0");
}

TEST(ScenarioExpectationsTest, HistoryBounds) {
  sim::Expectations x;
  x.max_history_events = 25000;
  ExpectationResult r = Evaluate(x);
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.actual, "25000 (q-1)");
  x.max_history_events = 24999;
  EXPECT_FALSE(Evaluate(x).passed);

  sim::Expectations m;
  m.min_history_margin = 0;
  EXPECT_TRUE(Evaluate(m).passed);
  m.min_history_margin = 1;
  r = Evaluate(m);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.actual, "0 (q-1 has 25000 events)");
}

TEST(ScenarioExpectationsTest, DurationBounds) {
  sim::Expectations x;
  x.duration_ms = CountBound{60'000, 120'000};
  ExpectationResult r = Evaluate(x);
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.expected, ">= 1m 0s and <= 2m 0s");
  EXPECT_EQ(r.actual, "1m 51.409s");
  x.duration_ms = CountBound{std::nullopt, 111'408};
  r = Evaluate(x);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.expected, "<= 1m 51.408s");
  x.duration_ms = CountBound{111'410, std::nullopt};
  EXPECT_FALSE(Evaluate(x).passed);
}

TEST(ScenarioExpectationsTest, Faults) {
  sim::Expectations x;
  x.max_unhandled_faults = 0;
  ExpectationResult r = Evaluate(x);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.actual, "1");
  x.max_unhandled_faults = 1;
  EXPECT_TRUE(Evaluate(x).passed);

  sim::Expectations f;
  f.faults["caught"] = Exactly(0);
  f.faults["injected"] = Exactly(2);
  f.faults["retried"] = AtLeast(2);
  f.faults["unhandled"] = AtLeast(1);
  std::vector<ExpectationResult> all = EvaluateAll(f);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].name, "faults.caught");
  EXPECT_TRUE(all[0].passed);
  EXPECT_TRUE(all[1].passed);
  EXPECT_EQ(all[2].name, "faults.retried");
  EXPECT_FALSE(all[2].passed);
  EXPECT_EQ(all[2].actual, "1");
  EXPECT_TRUE(all[3].passed);
}

TEST(ScenarioExpectationsTest, ReportPassesOnlyWhenEveryExpectationHoldsAndTheRunCompleted) {
  sim::ScenarioReport r = Report();
  EXPECT_TRUE(r.passed());  // nothing expected
  r.expectations = {{"a", true, "", "", 0}, {"b", true, "", "", 0}};
  EXPECT_TRUE(r.passed());
  r.expectations[1].passed = false;
  EXPECT_FALSE(r.passed());
  r.expectations[1].passed = true;
  r.halted = true;
  EXPECT_FALSE(r.passed());
  r.halted = false;
  r.setup_error = "--history-dir: cannot write";
  EXPECT_FALSE(r.passed());
}

}  // namespace

// Buckets: 2004 runs 0-10 s in one execution, 2024 hands over (0-40 s, then 40-90 s); the
// orchestrator (no bucket) is left out. Mean bucket time 50 s, largest 90 s: imbalance 1.8.
TEST(ScenarioExpectationsTest, MaxBucketImbalance) {
  sim::ScenarioReport report;
  report.duration_ms = 90'000;
  auto executor = [](std::string bucket, int64_t start, int64_t stop) {
    sim::ExecutionRecord e = Execution("x", "SUCCEEDED", 100);
    e.bucket = std::move(bucket);
    e.start_ms = start;
    e.stop_ms = stop;
    return e;
  };
  report.executions = {Execution("backfill", "SUCCEEDED", 50), executor("2004", 0, 10'000),
                       executor("2024", 0, 40'000), executor("2024", 40'000, 90'000)};
  sim::Expectations x;
  x.max_bucket_imbalance = 1.8;
  ExpectationResult r = Evaluate(x, report);
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.expected, "<= 1.80");
  EXPECT_EQ(r.actual, "1.80 (largest 2024 1m 30s over 2 buckets)");
  x.max_bucket_imbalance = 1.79;
  EXPECT_FALSE(Evaluate(x, report).passed);

  // Nothing attributed to a bucket cannot pass.
  sim::ScenarioReport unbucketed = Report();
  ExpectationResult none = Evaluate(x, unbucketed);
  EXPECT_FALSE(none.passed);
  EXPECT_EQ(none.actual, "no executions attributed to buckets");
}
