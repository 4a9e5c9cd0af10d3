// Token buckets, the concurrency limit, and the quotas as executions meet them: delayed state
// transitions, throttled SNS publishes, Lambda concurrency.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "simulator/quotas/account_quotas.h"
#include "simulator/quotas/token_bucket.h"
#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;
using sim::SimTime;

TEST(TokenBucketTest, StartsFullAndRefills) {
  sim::TokenBucket bucket(3, 2.0);  // 3 tokens, 2 per second
  SimTime t{0};
  EXPECT_TRUE(bucket.TryTake(t));
  EXPECT_TRUE(bucket.TryTake(t));
  EXPECT_TRUE(bucket.TryTake(t));
  EXPECT_FALSE(bucket.TryTake(t));
  EXPECT_FALSE(bucket.TryTake(SimTime{499}));  // 0.998 of a token
  EXPECT_TRUE(bucket.TryTake(SimTime{500}));
  EXPECT_EQ(bucket.Available(SimTime{500}), 0);
  // Never above capacity, however long it idles.
  EXPECT_EQ(bucket.Available(SimTime{1000000}), 3);
  EXPECT_FALSE(bucket.TryTake(SimTime{1000000}, 4));  // takes nothing
  EXPECT_TRUE(bucket.TryTake(SimTime{1000000}, 3));
}

TEST(TokenBucketTest, ReservationsQueueUp) {
  sim::TokenBucket bucket(2, 1.0);
  SimTime t{10000};
  EXPECT_EQ(bucket.Reserve(t).ms, 10000);
  EXPECT_EQ(bucket.Reserve(t).ms, 10000);
  EXPECT_EQ(bucket.Reserve(t).ms, 11000);  // one per second after the burst
  EXPECT_EQ(bucket.Reserve(t).ms, 12000);
  EXPECT_EQ(bucket.Available(t), -2);
  EXPECT_EQ(bucket.Reserve(SimTime{15000}).ms, 15000);  // debt repaid by then
}

TEST(TokenBucketTest, FractionalRefill) {
  sim::TokenBucket bucket(1, 0.5);
  EXPECT_TRUE(bucket.TryTake(SimTime{0}));
  EXPECT_FALSE(bucket.TryTake(SimTime{1999}));
  EXPECT_TRUE(bucket.TryTake(SimTime{2000}));
}

TEST(ConcurrencyLimitTest, CountsCallsInFlight) {
  sim::ConcurrencyLimit limit(2);
  EXPECT_TRUE(limit.TryAcquire(SimTime{0}, SimTime{100}));
  EXPECT_TRUE(limit.TryAcquire(SimTime{0}, SimTime{50}));
  EXPECT_FALSE(limit.TryAcquire(SimTime{10}, SimTime{20}));
  EXPECT_EQ(limit.InFlight(SimTime{49}), 2);
  EXPECT_TRUE(limit.TryAcquire(SimTime{50}, SimTime{60}));  // the 50 ms call has ended
  EXPECT_EQ(limit.InFlight(SimTime{100}), 0);
}

TEST(QuotaConfigTest, RegionalDefaults) {
  sim::QuotaConfig big = sim::QuotaConfig::Defaults("us-east-1");
  EXPECT_EQ(big.start_execution.capacity, 1300);
  EXPECT_EQ(big.start_execution.refill_per_second, 300);
  EXPECT_EQ(big.state_transitions.capacity, 5000);
  EXPECT_EQ(big.state_transitions.refill_per_second, 1500);
  EXPECT_EQ(big.sns_publish.capacity, 30000);
  EXPECT_EQ(big.lambda_concurrency, 1000);
  sim::QuotaConfig other = sim::QuotaConfig::Defaults("ap-south-2");
  EXPECT_EQ(other.start_execution.capacity, 800);
  EXPECT_EQ(other.start_execution.refill_per_second, 150);
  EXPECT_EQ(other.state_transitions.capacity, 800);
  EXPECT_EQ(other.state_transitions.refill_per_second, 500);
  EXPECT_EQ(other.sns_publish.capacity, 1500);
  EXPECT_EQ(sim::QuotaConfig::Defaults("eu-west-1").sns_publish.capacity, 9000);
  EXPECT_EQ(big.athena_start_query.capacity, 80);
  EXPECT_EQ(big.athena_start_query.refill_per_second, 20);
  EXPECT_EQ(big.athena_get_query.capacity, 200);
  EXPECT_EQ(big.athena_get_query.refill_per_second, 100);
}

TEST(AccountQuotasTest, AthenaApisHaveTheirOwnBuckets) {
  sim::QuotaConfig config = sim::QuotaConfig::Defaults("us-east-1");
  config.athena_start_query.capacity = 1;
  config.athena_get_query.capacity = 1;
  sim::AccountQuotas quotas(config);
  EXPECT_FALSE(quotas.Athena("startQueryExecution", SimTime{0}));
  auto throttled = quotas.Athena("startQueryExecution", SimTime{0});
  ASSERT_TRUE(throttled);
  EXPECT_EQ(throttled->code, "TooManyRequestsException");
  EXPECT_EQ(throttled->message, "Rate exceeded.");
  EXPECT_FALSE(quotas.Athena("stopQueryExecution", SimTime{0}));
  EXPECT_FALSE(quotas.Athena("getQueryResults", SimTime{0}));
  EXPECT_TRUE(quotas.Athena("getQueryResults", SimTime{0}));
  EXPECT_FALSE(quotas.Athena("getQueryResults", SimTime{10}));  // 100/s: a token per 10 ms
  EXPECT_EQ(quotas.throttled().at("athena:startQueryExecution"), 1);
  EXPECT_EQ(quotas.throttled().at("athena:getQueryResults"), 1);
}

// 20 Pass states in a row: 19 transitions between them.
std::shared_ptr<const asl::StateMachine> PassChain(int n) {
  asl::Json states = asl::Json::object();
  for (int i = 0; i < n; ++i) {
    asl::Json s = {{"Type", "Pass"}};
    if (i + 1 == n) s["End"] = true;
    else s["Next"] = fmt::format("P{}", i + 1);
    states[fmt::format("P{}", i)] = s;
  }
  return Machine({{"StartAt", "P0"}, {"States", states}});
}

TEST(TransitionQuotaTest, TransitionsOverTheQuotaWaitInsteadOfFailing) {
  WorldRun run(WorldFromText(
      R"({"quotas":{"state_transitions":{"capacity":4,"refill_per_second":2}},
          "engine_latency":0})"));  // the quota's own arithmetic, exactly
  run.Run(PassChain(20), "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  // 19 transitions: 4 from the burst, then one every 500 ms for the other 15.
  EXPECT_EQ(run.execution->stop_time().ms - run.execution->start_time().ms, 15 * 500);
  asl::Json summary = run.world->Summary();
  EXPECT_EQ(summary["transitions"]["counted"], 19);
  EXPECT_EQ(summary["transitions"]["delayed"], 15);
  // The same history, only later.
  EXPECT_EQ(run.execution->history().count(), 1 + 2 * 20 + 1);
}

// The first state of each Map iteration is a transition too: 10 iterations of one Pass state
// plus the Map state's own entry and the transition out of Init.
TEST(TransitionQuotaTest, MapIterationsWaitForTheQuotaToo) {
  WorldRun run(WorldFromText(
      R"({"quotas":{"state_transitions":{"capacity":2,"refill_per_second":1}},
          "engine_latency":0})"));
  run.Run(Machine(asl::Json::parse(R"({"StartAt":"Init","States":{
      "Init":{"Type":"Pass","Result":[1,2,3,4,5,6,7,8,9,10],"Next":"Each"},
      "Each":{"Type":"Map","MaxConcurrency":0,"End":true,
              "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","End":true}}}}}})")),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  asl::Json summary = run.world->Summary();
  // Init -> Each, then the 10 iterations' first states: 11 transitions, 2 from the burst.
  EXPECT_EQ(summary["transitions"]["counted"], 11);
  EXPECT_EQ(summary["transitions"]["delayed"], 9);
  EXPECT_EQ(run.execution->stop_time().ms - run.execution->start_time().ms, 9 * 1000);
}

TEST(TransitionQuotaTest, ExpressExecutionsAreNotLimited) {
  WorldRun run(WorldFromText(
      R"({"quotas":{"state_transitions":{"capacity":1,"refill_per_second":1}},
          "engine_latency":0})"));
  run.Install();
  run.Start(PassChain(10), "{}", "Fast", "run", /*express=*/true);
  run.simulation->Run();
  EXPECT_EQ(run.execution->stop_time().ms - run.execution->start_time().ms, 0);
}

TEST(TransitionQuotaTest, CanBeDisabled) {
  WorldRun run(WorldFromText(R"({"quotas":{"state_transitions":false}})"));
  run.Run(PassChain(10), "{}");
  EXPECT_EQ(run.simulation->transition_gate(), nullptr);
}

TEST(SnsQuotaTest, PublishOverTheRateIsThrottled) {
  WorldRun run(WorldFromText(R"({"sns":{"topics":[{"name":"t"}]},
      "quotas":{"sns_publish":{"capacity":3,"refill_per_second":1}}})"));
  // Five publishes at once (a Map without a concurrency limit): three pass, the others are
  // throttled and caught.
  run.Run(Machine(asl::Json::parse(R"({"StartAt":"All","States":{"All":{"Type":"Map",
      "ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"P","States":{
        "P":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
             "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"m"},
             "Catch":[{"ErrorEquals":["SNS.ThrottledException"],"Next":"T"}],"End":true},
        "T":{"Type":"Pass","End":true}}}}}})")),
          R"({"items":[1,2,3,4,5]})");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(run.world->sns().messages().size(), 3u);
  int throttled = 0;
  for (const asl::Json& branch : run.execution->output()) {
    if (!branch.contains("Error")) continue;
    ++throttled;
    EXPECT_EQ(branch["Error"], "SNS.ThrottledException");
    EXPECT_THAT(branch["Cause"].get<std::string>(),
                testing::StartsWith("Rate exceeded (Service: AmazonSNS; Status Code: 429; Error "
                                    "Code: Throttled; Request ID: "));
  }
  EXPECT_EQ(throttled, 2);
  EXPECT_EQ(run.world->Summary()["throttled"]["sns_publish"], 2);
}

TEST(LambdaQuotaTest, ConcurrencyLimit) {
  WorldRun run(WorldFromText(R"({"lambda":{"functions":[{"name":"slow","echo":true,"duration_ms":1000}]},
      "quotas":{"lambda_concurrency":2},"engine_latency":0})"));  // items call in index order
  run.Run(Machine(asl::Json::parse(R"({"StartAt":"All","States":{"All":{"Type":"Map",
      "ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"L","States":{
        "L":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
             "Parameters":{"FunctionName":"slow"},
             "Catch":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"Next":"T"}],"End":true},
        "T":{"Type":"Pass","End":true}}}}}})")),
          R"({"items":[1,2,3]})");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const asl::Json& out = run.execution->output();
  EXPECT_EQ(out[0]["StatusCode"], 200);
  EXPECT_EQ(out[1]["StatusCode"], 200);
  EXPECT_EQ(out[2]["Error"], "Lambda.TooManyRequestsException");
  EXPECT_THAT(out[2]["Cause"].get<std::string>(),
              testing::StartsWith("Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error "
                                  "Code: TooManyRequestsException; Request ID: "));
  EXPECT_EQ(run.world->lambda().invocations("slow"), 2);
}

}  // namespace
