// The scenario report's delivery figures, tallied as each service accepts a record.

#include <gtest/gtest.h>

#include "simulator/scenario/publish_tally.h"

namespace {

// Deliveries borrow their texts: the test keeps them here for the call.
struct TallyMessage {
  TallyMessage(std::string topic, std::string execution, int64_t ms, std::string body,
               bool duplicate = false, std::string service = "sns")
      : topic_(std::move(topic)), execution_(std::move(execution)), body_(std::move(body)),
        service_(std::move(service)) {
    delivery.service = service_;
    delivery.destination = topic_;
    delivery.execution_arn = execution_;
    delivery.body = body_;
    delivery.time = sim::SimTime{ms};
    delivery.duplicate = duplicate;
  }
  operator const sim::Delivery&() const { return delivery; }

  std::string topic_, execution_, body_, service_;
  sim::Delivery delivery;
};

TEST(PublishTallyTest, CountsKeysAndPublishers) {
  sim::RowsExpectation rows;
  rows.topic = "customers";
  rows.key = "customerId";
  sim::PublishTally tally(sim::SimTime{1000}, &rows);
  const std::string customers = "arn:aws:sns:us-east-1:123456789012:customers";
  const std::string other = "arn:aws:sns:us-east-1:123456789012:other-customers";
  tally.OnDelivery(TallyMessage(customers, "e1", 1500, R"({"customerId":7})"));
  tally.OnDelivery(TallyMessage(customers, "e2", 1600, R"({"customerId":"8"})"));
  tally.OnDelivery(TallyMessage(customers, "e1", 1700, R"({"customerId":7})", true));  // duplicate
  tally.OnDelivery(TallyMessage(customers, "e1", 1800, R"({"id":9})"));   // no key
  tally.OnDelivery(TallyMessage(other, "e2", 1900, R"({"customerId":10})"));  // another topic

  EXPECT_EQ(tally.keys().integers(), (std::vector<int64_t>{7, 8}));
  EXPECT_TRUE(tally.keys().texts().empty());
  EXPECT_EQ(tally.keyless(), 1);
  EXPECT_EQ(tally.per_destination().at(customers), 3);
  EXPECT_EQ(tally.per_destination().at(other), 1);
  EXPECT_EQ(tally.executions(), (std::vector<std::string>{"e1", "e2"}));
  auto per_execution = tally.PerExecution();
  EXPECT_EQ(per_execution.at("e1"), 2);
  EXPECT_EQ(per_execution.at("e2"), 2);
  ASSERT_EQ(tally.published().size(), 4u);
  EXPECT_EQ(tally.published()[0].time_ms, 500);
  EXPECT_EQ(tally.published()[3].time_ms, 900);
  EXPECT_EQ(tally.published()[3].execution, 1u);
}

TEST(PublishTallyTest, KeysByTopLevelMember) {
  EXPECT_EQ(sim::MessageKey(R"({"id":"17","x":1})", "id"), "17");
  // Only the top level counts; a nested member of the same name is not the key.
  EXPECT_EQ(sim::MessageKey(R"({"a":{"id":"nested"},"id":"top"})", "id"), "top");
  EXPECT_EQ(sim::MessageKey(R"({"a":{"id":"nested"}})", "id"), std::nullopt);
  EXPECT_EQ(sim::MessageKey(R"([{"id":"1"}])", "id"), std::nullopt);
  // Other values as JSON text; a repeated member is its last occurrence.
  EXPECT_EQ(sim::MessageKey(R"({"id":17})", "id"), "17");
  EXPECT_EQ(sim::MessageKey(R"({"id":{"b":[1,"2"]}})", "id"), R"({"b":[1,"2"]})");
  EXPECT_EQ(sim::MessageKey(R"({"id":"1","id":"2"})", "id"), "2");
  EXPECT_EQ(sim::MessageKey(R"({"id":"1","id":2})", "id"), "2");
  // A body that is not JSON to its end has no key, even when the member came first.
  EXPECT_EQ(sim::MessageKey(R"({"id":"1", oops})", "id"), std::nullopt);
  EXPECT_EQ(sim::MessageKey(R"({"id":"1"} trailing)", "id"), std::nullopt);
}

// With the JSON value the body was written from, the key must be what the body gives.
TEST(PublishTallyTest, KeysFromTheBodysJsonMatchTheBody) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"id":"17","x":1})", "id"},      {R"({"a":{"id":"n"}})", "id"},
      {R"({"id":17.5})", "id"},            {R"({"id":{"b":[1,"2"]}})", "id"},
      {R"([{"id":"1"}])", "id"},           {R"("text")", "id"},
      {R"({"a":{"b":[1,{"c":"x"}]}})", "/a/b/1/c"}, {R"({"a":{"b":1}})", "/a"},
      {R"({"a":1})", "/b"},                {R"({"a":1})", "/a~"},
  };
  for (const auto& [body, key] : cases) {
    asl::Json json = asl::Json::parse(body);
    EXPECT_EQ(sim::MessageKey(asl::Dump(json), key, &json), sim::MessageKey(body, key))
        << body << " " << key;
  }
  asl::Json json = {{"id", "from-json"}};
  EXPECT_EQ(sim::MessageKey(asl::Dump(json), "id", &json), "from-json");
}

TEST(PublishTallyTest, KeysByPointerAndWithoutRowCheck) {
  EXPECT_EQ(sim::MessageKey(R"({"a":{"b":[1,{"c":"x"}]}})", "/a/b/1/c"), "x");
  EXPECT_EQ(sim::MessageKey(R"({"a":{"b":1}})", "/a"), R"({"b":1})");
  EXPECT_EQ(sim::MessageKey("not json", "a"), std::nullopt);
  EXPECT_EQ(sim::MessageKey(R"([1])", "a"), std::nullopt);
  EXPECT_EQ(sim::MessageKey(R"({"a":1})", "/a~"), std::nullopt);  // a malformed pointer

  sim::PublishTally tally(sim::SimTime{0}, nullptr);
  tally.OnDelivery(TallyMessage("arn:t", "e", 5, "{}"));
  EXPECT_TRUE(tally.keys().empty());
  EXPECT_EQ(tally.keyless(), 0);
  EXPECT_EQ(tally.per_destination().at("arn:t"), 1);
}

// Any service feeds the tally: an SQS queue (by URL) and a DynamoDB table count as SNS
// topics do, the row check matches a destination by its last ARN or URL segment, and only SNS
// deliveries are billed as SNS requests.
TEST(PublishTallyTest, CountsDeliveriesOfAnyService) {
  sim::RowsExpectation rows;
  rows.topic = "orders";
  rows.key = "id";
  sim::PublishTally tally(sim::SimTime{0}, &rows);
  const std::string queue = "https://sqs.us-east-1.amazonaws.com/123456789012/orders";
  const std::string table = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
  const std::string topic = "arn:aws:sns:us-east-1:123456789012:orders";
  tally.OnDelivery(TallyMessage(queue, "e1", 10, R"({"id":"a"})", false, "sqs"));
  tally.OnDelivery(TallyMessage(table, "e1", 20, R"({"id":"b"})", false, "dynamodb"));
  tally.OnDelivery(TallyMessage(topic, "e2", 30, R"({"id":"c"})"));
  tally.OnDelivery(TallyMessage("https://sqs.example/backorders", "e2", 40, R"({"id":"d"})",
                                false, "sqs"));  // another destination: not a row
  EXPECT_EQ(tally.published().size(), 4u);
  EXPECT_EQ(tally.keys().size(), 3u);
  EXPECT_EQ(tally.DeliveredBy("sqs"), 2);
  EXPECT_EQ(tally.DeliveredBy("dynamodb"), 1);
  EXPECT_EQ(tally.DeliveredBy("sns"), 1);
  EXPECT_EQ(tally.DeliveredBy("s3"), 0);
  EXPECT_EQ(tally.per_destination().at(queue), 1);
}

TEST(PublishTallyTest, DestinationMatchesByWholeTextOrLastSegment) {
  EXPECT_TRUE(sim::RowTopicMatches("orders", "orders"));
  EXPECT_TRUE(sim::RowTopicMatches("orders", "arn:aws:sns:us-east-1:1:orders"));
  EXPECT_TRUE(sim::RowTopicMatches("orders", "https://sqs.us-east-1.amazonaws.com/1/orders"));
  EXPECT_FALSE(sim::RowTopicMatches("orders", "arn:aws:sns:us-east-1:1:backorders"));
  EXPECT_FALSE(sim::RowTopicMatches("orders", "rders"));
}

}  // namespace
