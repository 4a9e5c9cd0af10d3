// Failure injection: AWS-named errors, rates, call numbers, outage windows, hangs that end in
// States.Timeout, lost responses, latency spikes, determinism under the seed, and the report of
// what handled each fault.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>

#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;
using testing::MatchesRegex;

constexpr const char* kUuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
constexpr const char* kTopic = "arn:aws:sns:us-east-1:123456789012:backfill";

// A Map publishing one message per row, with or without a Retry on the publish.
std::shared_ptr<const asl::StateMachine> PublishRows(bool retry, const std::string& extra = "") {
  std::string retrier =
      retry ? R"("Retry":[{"ErrorEquals":["SNS.InternalErrorException","SNS.ThrottledException"],
                           "IntervalSeconds":1,"MaxAttempts":6,"BackoffRate":2}],)"
            : "";
  return Machine(asl::Json::parse(fmt::format(R"J({{"StartAt":"Publish","States":{{
      "Publish":{{"Type":"Map","ItemsPath":"$.rows","MaxConcurrency":10,"ResultPath":null,"End":true,
        "ItemProcessor":{{"ProcessorConfig":{{"Mode":"INLINE"}},"StartAt":"PublishRecord","States":{{
          "PublishRecord":{{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
            "Parameters":{{"TopicArn":"{}","Message":{{"correlationId.$":"$.id"}}}},
            {}{}"End":true}}}}}}}}}}}})J",
                                              kTopic, retrier, extra)));
}

std::string Rows(int n) {
  asl::Json rows = asl::Json::array();
  for (int i = 0; i < n; ++i) rows.push_back({{"id", fmt::format("row-{}", i)}});
  return asl::Dump({{"rows", rows}});
}

std::string FaultWorld(const std::string& faults, uint64_t seed = 7) {
  return fmt::format(R"({{"seed":{},"sns":{{"topics":[{{"arn":"{}"}}]}},"faults":{}}})", seed, kTopic,
                     faults);
}

TEST(FaultsTest, OnePercentWithRetryLosesNothing) {
  WorldRun run(WorldFromText(FaultWorld(R"([{"service":"sns","api":"publish","rate":0.01}])")));
  run.Run(PublishRows(true), Rows(1000));
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const sim::FaultInjectingBackend& faults = *run.world->faults();
  EXPECT_GT(faults.fired(0), 0);
  EXPECT_EQ(faults.matched(0), 1000 + faults.fired(0));  // every fault was retried once more
  // Exactly one message per row: nothing lost, nothing doubled.
  const auto& messages = run.world->sns().messages();
  ASSERT_EQ(messages.size(), 1000u);
  std::set<std::string> ids;
  for (const auto& m : messages) ids.insert(m.correlation_id);
  EXPECT_EQ(ids.size(), 1000u);
  // Every injected failure was handled by the first (only) retrier.
  for (const sim::InjectedFault& f : faults.injected()) {
    EXPECT_EQ(f.error, "SNS.InternalErrorException");
    EXPECT_TRUE(f.handled);
    EXPECT_EQ(f.handling, sim::FailureHandling::kRetried);
    EXPECT_EQ(f.index, 0);
  }
  asl::Json summary = run.world->Summary();
  EXPECT_EQ(summary["sns"][kTopic]["published"], 1000);
  EXPECT_EQ(summary["faults"].size(), static_cast<size_t>(faults.fired(0)));
  EXPECT_EQ(summary["faults"][0]["handled_by"], "retrier 0");
}

TEST(FaultsTest, WithoutRetryTheExecutionFailsWithTheInjectedError) {
  WorldRun run(WorldFromText(FaultWorld(R"([{"service":"sns","api":"publish","rate":0.01}])")));
  run.Run(PublishRows(false), Rows(1000));
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "SNS.InternalErrorException");
  EXPECT_THAT(run.execution->error().cause,
              MatchesRegex(std::string("Internal Error \\(Service: AmazonSNS; Status Code: 500; "
                                       "Error Code: InternalError; Request ID: ") +
                           kUuid + "; Proxy: null\\)"));
  const auto& injected = run.world->faults()->injected();
  ASSERT_FALSE(injected.empty());
  EXPECT_TRUE(injected[0].handled);
  EXPECT_EQ(injected[0].handling, sim::FailureHandling::kUnhandled);
  EXPECT_EQ(injected[0].state_name, "PublishRecord");
  EXPECT_EQ(run.world->Summary()["faults"][0]["handled_by"], "nothing");
  EXPECT_LT(run.world->sns().messages().size(), 1000u);
}

// The injected faults of a run, as "call@time state" lines.
std::vector<std::string> FaultTrace(uint64_t seed) {
  WorldRun run(WorldFromText(FaultWorld(R"([{"service":"sns","rate":0.02}])", seed)));
  run.Run(PublishRows(true), Rows(300));
  std::vector<std::string> trace;
  for (const auto& f : run.world->faults()->injected()) {
    trace.push_back(fmt::format("{}@{} {}", f.call_number, f.time.ms, f.cause));
  }
  return trace;
}

TEST(FaultsTest, TheSameSeedInjectsTheSameFaults) {
  std::vector<std::string> a = FaultTrace(42);
  std::vector<std::string> b = FaultTrace(42);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);  // same calls, same virtual times, same request ids
  EXPECT_NE(a, FaultTrace(43));
}

TEST(FaultsTest, CallNumbersAndOutageWindows) {
  WorldRun run(WorldFromText(FaultWorld(
      R"([{"name":"second and fifth","service":"sns","calls":[2,5]}])")));
  run.Run(PublishRows(true, R"("ResultPath":null,)"), Rows(5));
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const auto& injected = run.world->faults()->injected();
  ASSERT_EQ(injected.size(), 2u);
  EXPECT_EQ(injected[0].call_number, 2);
  EXPECT_EQ(injected[1].call_number, 5);
  EXPECT_EQ(injected[0].rule, "second and fifth");

  // An outage: every publish between 0 and 1.5 s fails; retries after it succeed.
  WorldRun outage(WorldFromText(FaultWorld(R"([{"service":"sns","window":{"to_ms":1500}}])")));
  outage.Run(PublishRows(true), Rows(3));
  ASSERT_EQ(outage.execution->status(), sim::ExecutionStatus::kSucceeded);
  // Attempts at ~0 s and ~1 s fail, the one after the 2 s backoff (~3 s) succeeds.
  EXPECT_EQ(outage.world->faults()->fired(0), 6);
  for (const auto& f : outage.world->faults()->injected()) EXPECT_LT(f.time.ms - 1704067200000, 1500);
}

TEST(FaultsTest, AHangEndsInStatesTimeout) {
  WorldRun run(WorldFromText(FaultWorld(R"([{"service":"sns","calls":[1],"mode":"hang"}])")));
  run.Run(PublishRows(false, R"("TimeoutSeconds":5,)"), Rows(1));
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "States.Timeout");
  ASSERT_EQ(run.world->faults()->injected().size(), 1u);
  const sim::InjectedFault& f = run.world->faults()->injected()[0];
  EXPECT_EQ(f.error, "States.Timeout");
  EXPECT_TRUE(f.handled);
  EXPECT_EQ(f.handling, sim::FailureHandling::kUnhandled);
  EXPECT_NE(sfnsim_test::FindEvent(run.Events(), "TaskTimedOut"), nullptr);
}

TEST(FaultsTest, ALostResponseDuplicatesOnRetry) {
  WorldRun run(WorldFromText(FaultWorld(R"([{"service":"sns","calls":[1],"mode":"after"}])")));
  run.Run(PublishRows(true), Rows(1));
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  // SNS published, the response was lost, the retry published again: at-least-once.
  ASSERT_EQ(run.world->sns().messages().size(), 2u);
  EXPECT_EQ(run.world->sns().FindByCorrelationId("row-0").size(), 2u);
  EXPECT_EQ(run.world->faults()->injected()[0].error, "SNS.InternalErrorException");
}

TEST(FaultsTest, LatencySpike) {
  auto timing = [](const std::string& faults) {
    WorldRun run(WorldFromText(FaultWorld(faults)));
    run.Run(PublishRows(false), Rows(1));
    EXPECT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
    return run.execution->stop_time().ms - run.execution->start_time().ms;
  };
  int64_t normal = timing("[]");
  int64_t spiked = timing(R"([{"service":"sns","calls":[1],"mode":"delay","delay_ms":4000}])");
  EXPECT_EQ(spiked - normal, 4000);
}

TEST(FaultsTest, ErrorsAreNamedPerIntegration) {
  auto machine = Machine(asl::Json::parse(R"({"StartAt":"A","States":{
      "A":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:publish",
           "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:backfill","Message":"m"},
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.a","Next":"B"}],"Next":"B"},
      "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.b","Next":"C"}],"Next":"C"},
      "C":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution",
           "Parameters":{"QueryString":"SELECT 1"},
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.c","Next":"D"}],"Next":"D"},
      "D":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
           "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":"m"},
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.d","Next":"E"}],"Next":"E"},
      "E":{"Type":"Pass","End":true}}})"));
  WorldRun run(WorldFromText(fmt::format(
      R"({{"sns":{{"topics":[{{"arn":"{}"}}]}},"lambda":{{"functions":[{{"name":"f","echo":true}}]}},
          "faults":[{{"service":"sns","calls":[1]}},{{"service":"lambda","calls":[1]}},
                    {{"service":"athena","calls":[1],"error":{{"code":"TooManyRequestsException",
                      "message":"You have exceeded the limit for the number of queries you can run concurrently.","status":400}}}},
                    {{"service":"sqs","calls":[1],"error":{{"name":"SQS.Custom","cause":"literal"}}}}]}})",
      kTopic)));
  run.Run(machine, "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const asl::Json& out = run.execution->output();
  EXPECT_EQ(out["a"]["Error"], "Sns.InternalErrorException");
  EXPECT_THAT(out["a"]["Cause"].get<std::string>(),
              MatchesRegex(std::string("Internal Error \\(Service: Sns, Status Code: 500, Request "
                                       "ID: ") + kUuid + "\\)"));
  EXPECT_EQ(out["b"]["Error"], "Lambda.ServiceException");
  EXPECT_THAT(out["b"]["Cause"].get<std::string>(),
              MatchesRegex(std::string("The Lambda service encountered an internal error. "
                                       "\\(Service: AWSLambda; Status Code: 500; Error Code: "
                                       "ServiceException; Request ID: ") + kUuid +
                           "; Proxy: null\\)"));
  EXPECT_EQ(out["c"]["Error"], "Athena.TooManyRequestsException");
  EXPECT_THAT(out["c"]["Cause"].get<std::string>(),
              testing::StartsWith("You have exceeded the limit for the number of queries you can "
                                  "run concurrently. (Service: AmazonAthena; Status Code: 400; "
                                  "Error Code: TooManyRequestsException; Request ID: "));
  EXPECT_EQ(asl::Dump(out["d"]), R"({"Error":"SQS.Custom","Cause":"literal"})");
  for (const sim::InjectedFault& f : run.world->faults()->injected()) {
    EXPECT_EQ(f.handling, sim::FailureHandling::kCaught);
    EXPECT_EQ(f.index, 0);
  }
}

TEST(FaultsTest, RulesSelectByStateAndResource) {
  WorldRun run(WorldFromText(fmt::format(
      R"({{"sns":{{"topics":[{{"arn":"{0}"}},{{"arn":"{0}-2"}}]}},
          "faults":[{{"resource":"{0}-2","rate":1.0}},{{"state":"Nope","rate":1.0}}]}})",
      kTopic)));
  auto machine = Machine(asl::Json::parse(fmt::format(R"({{"StartAt":"A","States":{{
      "A":{{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
           "Parameters":{{"TopicArn":"{0}","Message":"m"}},"Next":"B"}},
      "B":{{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
           "Parameters":{{"TopicArn":"{0}-2","Message":"m"}},"End":true}}}}}})",
                                                      kTopic)));
  run.Run(machine, "{}");
  EXPECT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.world->faults()->matched(0), 1);
  EXPECT_EQ(run.world->faults()->matched(1), 0);
  ASSERT_EQ(run.world->faults()->injected().size(), 1u);
  EXPECT_EQ(run.world->faults()->injected()[0].state_name, "B");
}

}  // namespace
