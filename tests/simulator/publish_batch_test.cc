// Publishing query rows through aws-sdk:sns:publishBatch, ten at a time: exactly one SNS message
// per row, and per-entry failures that come back inside a successful response.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

constexpr const char* kCustomersTopic = "arn:aws:sns:us-east-1:123456789012:customers";

// Rows are cut into chunks of 10 (States.ArrayPartition); each chunk becomes the entries of one
// PublishBatch call, the message being the row as JSON text.
std::shared_ptr<const asl::StateMachine> BatchPublisher() {
  return Machine(asl::Json::parse(fmt::format(R"J({{"StartAt":"Chunk","States":{{
    "Chunk":{{"Type":"Pass","Parameters":{{"chunks.$":"States.ArrayPartition($.rows, 10)"}},
             "Next":"Batches"}},
    "Batches":{{"Type":"Map","ItemsPath":"$.chunks","MaxConcurrency":4,"End":true,
      "ItemSelector":{{"chunk.$":"$$.Map.Item.Value"}},
      "ItemProcessor":{{"ProcessorConfig":{{"Mode":"INLINE"}},"StartAt":"Entries","States":{{
        "Entries":{{"Type":"Map","ItemsPath":"$.chunk","ResultPath":"$.entries","MaxConcurrency":1,
          "ItemSelector":{{"Id.$":"States.Format('row{{}}', $$.Map.Item.Index)",
                           "Message.$":"States.JsonToString($$.Map.Item.Value)"}},
          "ItemProcessor":{{"ProcessorConfig":{{"Mode":"INLINE"}},"StartAt":"Entry",
                            "States":{{"Entry":{{"Type":"Pass","End":true}}}}}},
          "Next":"PublishBatch"}},
        "PublishBatch":{{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:publishBatch",
          "Parameters":{{"TopicArn":"{}","PublishBatchRequestEntries.$":"$.entries"}},
          "ResultSelector":{{"failed.$":"$.Failed","published.$":"States.ArrayLength($.Successful)"}},
          "End":true}}}}}}}}}}}})J",
                                              kCustomersTopic)));
}

std::string CustomerRows(int n) {
  asl::Json rows = asl::Json::array();
  for (int i = 0; i < n; ++i) {
    rows.push_back({{"correlation_id", fmt::format("c-{}", i)}, {"customer", i}});
  }
  return asl::Dump({{"rows", rows}});
}

TEST(PublishBatchTest, EveryRowIsExactlyOneMessage) {
  WorldRun run(WorldFromText(fmt::format(R"({{"sns":{{"topics":[{{"arn":"{}"}}]}}}})", kCustomersTopic)));
  run.Run(BatchPublisher(), CustomerRows(95));
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded)
      << run.execution->error().name << ": " << run.execution->error().cause;
  // 10 batches: 9 of 10 rows and one of 5.
  const asl::Json& batches = run.execution->output();
  ASSERT_EQ(batches.size(), 10u);
  for (size_t i = 0; i < batches.size(); ++i) {
    EXPECT_EQ(batches[i]["published"], i == 9 ? 5 : 10);
    EXPECT_EQ(batches[i]["failed"], asl::Json::array());
  }
  const auto& messages = run.world->sns().messages();
  ASSERT_EQ(messages.size(), 95u);
  std::map<std::string, int> seen;
  for (const auto& m : messages) {
    EXPECT_EQ(m.api, "PublishBatch");
    EXPECT_EQ(m.topic_arn, kCustomersTopic);
    ++seen[m.correlation_id];
  }
  ASSERT_EQ(seen.size(), 95u);
  for (int i = 0; i < 95; ++i) {
    EXPECT_EQ(seen[fmt::format("c-{}", i)], 1) << i;
    EXPECT_EQ(run.world->sns().FindByCorrelationId(fmt::format("c-{}", i)).size(), 1u);
  }
  EXPECT_EQ(messages[0].body, R"({"correlation_id":"c-0","customer":0})");
}

TEST(PublishBatchTest, TooManyEntriesFailsTheWholeCall) {
  WorldRun run(WorldFromText(fmt::format(R"({{"sns":{{"topics":[{{"arn":"{}"}}]}}}})", kCustomersTopic)));
  auto machine = Machine(asl::Json::parse(fmt::format(R"({{"StartAt":"P","States":{{
      "P":{{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:publishBatch",
           "Parameters":{{"TopicArn":"{}","PublishBatchRequestEntries.$":"$.entries"}},"End":true}}}}}})",
                                                      kCustomersTopic)));
  asl::Json entries = asl::Json::array();
  for (int i = 0; i < 11; ++i) entries.push_back({{"Id", fmt::format("e{}", i)}, {"Message", "m"}});
  run.Run(machine, asl::Dump({{"entries", entries}}));
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "Sns.TooManyEntriesInBatchRequestException");
  EXPECT_TRUE(run.execution->error().cause.starts_with(
      "The batch request contains more entries than permissible. (Service: Sns, Status Code: 400, "
      "Request ID: "));
  EXPECT_TRUE(run.world->sns().messages().empty());
}

TEST(PublishBatchTest, EntryFailuresHideInASuccessfulResponse) {
  WorldRun run(WorldFromText(fmt::format(R"({{"sns":{{"topics":[{{"arn":"{}"}}]}}}})", kCustomersTopic)));
  auto machine = Machine(asl::Json::parse(fmt::format(R"({{"StartAt":"P","States":{{
      "P":{{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:publishBatch",
           "Parameters":{{"TopicArn":"{}","PublishBatchRequestEntries.$":"$.entries"}},"End":true}}}}}})",
                                                      kCustomersTopic)));
  asl::Json entries = {{{"Id", "ok"}, {"Message", "m"}},
                       {{"Id", "bad"}, {"Message", "m"},
                        {"MessageAttributes", {{"x", {{"DataType", "String"}, {"StringValue", ""}}}}}}};
  run.Run(machine, asl::Dump({{"entries", entries}}));
  // The task succeeds: the lost message is visible only in Failed[].
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const asl::Json& out = run.execution->output();
  EXPECT_EQ(sfnsim_test::Keys(out), "Failed,Successful");
  EXPECT_EQ(asl::Dump(out["Failed"]),
            R"([{"Code":"ParameterValueInvalid","Id":"bad","Message":"The message attribute 'x' )"
            R"(must contain non-empty message attribute value for message attribute type )"
            R"('String'.","SenderFault":true}])");
  EXPECT_EQ(out["Successful"].size(), 1u);
  EXPECT_EQ(sfnsim_test::Keys(out["Successful"][0]), "Id,MessageId");
  EXPECT_EQ(run.world->sns().messages().size(), 1u);
}

}  // namespace
