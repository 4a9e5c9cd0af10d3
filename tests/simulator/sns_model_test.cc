// The simulated SNS: Publish and PublishBatch responses, validation texts, FIFO rules, the
// message log, and delivery to subscribed SQS queues.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "simulator/services/integration/aws_response.h"
#include "simulator/services/sns/sns_model.h"
#include "simulator/services/sqs/sqs_model.h"

namespace {

using sim::SnsModel;

class CountingIds : public sim::IdSource {
 public:
  std::string NewUuid() override { return fmt::format("00000000-0000-4000-8000-{:012d}", ++n_); }

 private:
  int n_ = 0;
};

class SnsModelTest : public testing::Test {
 protected:
  SnsModelTest() : sns_("aws", "us-east-1", "123456789012"), sqs_("aws", "us-east-1", "123456789012") {
    sns_.set_sqs(&sqs_);
    EXPECT_TRUE(sns_.AddTopic({"orders", "", false, {}}).ok());
    EXPECT_TRUE(sns_.AddTopic({"orders.fifo", "", false, {}}).ok());
    EXPECT_TRUE(sns_.AddTopic({"dedup.fifo", "", true, {}}).ok());
  }
  sim::CallContext Ctx(int64_t ms = 1000) {
    sim::CallContext ctx;
    ctx.at = sim::SimTime{ms};
    ctx.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:M:run";
    ctx.state_name = "Publish";
    ctx.ids = &ids_;
    return ctx;
  }
  // The error of a failed call as "Code|Status|Message".
  template <typename R>
  static std::string Err(const R& result) {
    if (result.ok()) return "ok";
    return fmt::format("{}|{}|{}", result.error().code, result.error().http_status,
                       result.error().message);
  }
  std::string orders_ = "arn:aws:sns:us-east-1:123456789012:orders";
  std::string fifo_ = "arn:aws:sns:us-east-1:123456789012:orders.fifo";
  std::string dedup_ = "arn:aws:sns:us-east-1:123456789012:dedup.fifo";
  CountingIds ids_;
  SnsModel sns_;
  sim::SqsModel sqs_;
};

TEST_F(SnsModelTest, PublishLogsTheMessage) {
  asl::Json request = {{"TopicArn", orders_},
                       {"Message", {{"correlationId", "c-1"}, {"n", 1}}},
                       {"Subject", "hello"}};
  auto r = sns_.Publish(request, Ctx());
  ASSERT_TRUE(r.ok()) << Err(r);
  EXPECT_EQ(asl::Dump(*r), R"({"MessageId":"00000000-0000-4000-8000-000000000001"})");
  ASSERT_EQ(sns_.messages().size(), 1u);
  const sim::SnsMessage& m = sns_.messages()[0];
  EXPECT_EQ(m.topic_arn, orders_);
  // An object Message is serialised compactly, in its key order.
  EXPECT_EQ(m.body, R"({"correlationId":"c-1","n":1})");
  EXPECT_EQ(m.subject, "hello");
  EXPECT_EQ(m.correlation_id, "c-1");
  EXPECT_EQ(m.time.ms, 1000);
  EXPECT_EQ(m.execution_arn, "arn:aws:states:us-east-1:123456789012:execution:M:run");
  EXPECT_EQ(m.state_name, "Publish");
  EXPECT_EQ(m.api, "Publish");
  EXPECT_EQ(sns_.CountDelivered(orders_), 1u);
  EXPECT_EQ(sns_.FindByCorrelationId("c-1"), std::vector<size_t>{0});
}

TEST_F(SnsModelTest, CorrelationIdFromAttributeWinsOverBody) {
  asl::Json request = {
      {"TopicArn", orders_},
      {"Message", R"({"correlation_id":"from-body"})"},
      {"MessageAttributes", {{"correlation_id", {{"DataType", "String"}, {"StringValue", "attr"}}}}}};
  ASSERT_TRUE(sns_.Publish(request, Ctx()).ok());
  EXPECT_EQ(sns_.messages()[0].correlation_id, "attr");
  asl::Json plain = {{"TopicArn", orders_}, {"Message", R"({"correlation_id":"from-body"})"}};
  ASSERT_TRUE(sns_.Publish(plain, Ctx()).ok());
  EXPECT_EQ(sns_.messages()[1].correlation_id, "from-body");
  asl::Json none = {{"TopicArn", orders_}, {"Message", "text"}};
  ASSERT_TRUE(sns_.Publish(none, Ctx()).ok());
  EXPECT_EQ(sns_.messages()[2].correlation_id, "");
}

TEST_F(SnsModelTest, PublishErrors) {
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_ + "x"}, {"Message", "m"}}, Ctx())),
            "NotFound|404|Topic does not exist");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", "orders"}, {"Message", "m"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: TopicArn");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", "arn:aws:sns:eu-west-1:123456789012:orders"},
                              {"Message", "m"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: TopicArn");
  EXPECT_EQ(Err(sns_.Publish({{"Message", "m"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: TopicArn or TargetArn Reason: no value for "
            "required parameter");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", ""}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: Empty message");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}}, Ctx())),
            "ValidationError|400|1 validation error detected: Value null at 'message' failed to "
            "satisfy constraint: Member must not be null");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", "m"}, {"Subject", ""}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: Subject");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", "m"},
                              {"MessageStructure", "json"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: Message Structure - JSON message body failed "
            "to parse");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", R"({"sqs":"x"})"},
                              {"MessageStructure", "json"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: Message Structure - No default entry in JSON "
            "message body");
  // An object where a string is wanted cannot be marshalled: a client-side error.
  auto bad = sns_.Publish({{"TopicArn", orders_}, {"Message", "m"}, {"Subject", {{"a", 1}}}}, Ctx());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().http_status, 0);
  EXPECT_EQ(bad.error().message,
            "Unable to marshall request to JSON: Cannot deserialize value of type "
            "`java.lang.String` from Object value for field 'Subject'");
  EXPECT_TRUE(sns_.messages().empty());
}

TEST_F(SnsModelTest, MessageAttributeValidation) {
  auto publish = [&](asl::Json attributes) {
    return Err(sns_.Publish({{"TopicArn", orders_}, {"Message", "m"},
                             {"MessageAttributes", std::move(attributes)}}, Ctx()));
  };
  EXPECT_EQ(publish({{".a", {{"DataType", "String"}, {"StringValue", "v"}}}}),
            "ParameterValueInvalid|400|Invalid message attribute name starting with character "
            "'.' was found.");
  EXPECT_EQ(publish({{"a.", {{"DataType", "String"}, {"StringValue", "v"}}}}),
            "ParameterValueInvalid|400|Invalid message attribute name ending with character '.' "
            "was found.");
  EXPECT_EQ(publish({{"a..b", {{"DataType", "String"}, {"StringValue", "v"}}}}),
            "ParameterValueInvalid|400|Message attribute name can not have successive '.' "
            "character.");
  EXPECT_EQ(publish({{"a b", {{"DataType", "String"}, {"StringValue", "v"}}}}),
            "ParameterValueInvalid|400|Invalid non-alphanumeric character '#x20' was found in the "
            "message attribute name. Can only include alphanumeric characters, hyphens, "
            "underscores, or dots.");
  EXPECT_EQ(publish({{"a", {{"DataType", "Text"}, {"StringValue", "v"}}}}),
            "ParameterValueInvalid|400|The message attribute 'a' has an invalid message attribute "
            "type, the set of supported type prefixes is Binary, Number, and String.");
  EXPECT_EQ(publish({{"a", {{"DataType", "Binary"}, {"StringValue", "v"}}}}),
            "ParameterValueInvalid|400|The message attribute 'a' with type 'Binary' must use "
            "field 'Binary'.");
  EXPECT_EQ(publish({{"a", {{"DataType", "String.custom"}, {"StringValue", ""}}}}),
            "ParameterValueInvalid|400|The message attribute 'a' must contain non-empty message "
            "attribute value for message attribute type 'String.custom'.");
  EXPECT_EQ(publish({{std::string(257, 'a'), {{"DataType", "String"}, {"StringValue", "v"}}}}),
            "ParameterValueInvalid|400|Length of message attribute name must be less than 256 "
            "bytes.");
  EXPECT_EQ(publish({{"n", {{"DataType", "Number"}, {"StringValue", "1"}}}}), "ok");
}

TEST_F(SnsModelTest, SizeLimitCountsBodyAndAttributes) {
  // 262,144 bytes is accepted, one more is not; attributes count (name + type + value).
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", std::string(262144, 'x')}}, Ctx())),
            "ok");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", std::string(262145, 'x')}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: Message too long");
  asl::Json attributes = {{"ab", {{"DataType", "String"}, {"StringValue", "xyz"}}}};  // 2+6+3
  EXPECT_EQ(sim::SnsPublishSize("body", attributes), 4 + 11);
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", std::string(262144 - 11, 'x')},
                              {"MessageAttributes", attributes}}, Ctx())),
            "ok");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", std::string(262144 - 10, 'x')},
                              {"MessageAttributes", attributes}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: Message too long");
}

TEST_F(SnsModelTest, FifoRules) {
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", fifo_}, {"Message", "m"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: The MessageGroupId parameter is required for "
            "FIFO topics");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", fifo_}, {"Message", "m"}, {"MessageGroupId", "g"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: The topic should either have "
            "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
  EXPECT_EQ(Err(sns_.Publish({{"TopicArn", orders_}, {"Message", "m"},
                              {"MessageDeduplicationId", "d"}}, Ctx())),
            "InvalidParameter|400|Invalid parameter: MessageDeduplicationId Reason: The request "
            "includes MessageDeduplicationId parameter that is not valid for this topic type");
  auto first = sns_.Publish({{"TopicArn", fifo_}, {"Message", "m"}, {"MessageGroupId", "g"},
                             {"MessageDeduplicationId", "d1"}}, Ctx(1000));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(asl::Dump(*first), R"({"MessageId":"00000000-0000-4000-8000-000000000001",)"
                               R"("SequenceNumber":"10000000000000000000"})");
  // Within 5 minutes the same deduplication id is accepted, answered with the original ids and
  // not delivered again.
  auto again = sns_.Publish({{"TopicArn", fifo_}, {"Message", "other"}, {"MessageGroupId", "g"},
                             {"MessageDeduplicationId", "d1"}}, Ctx(1000 + 299999));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);
  EXPECT_TRUE(sns_.messages()[1].duplicate);
  EXPECT_EQ(sns_.CountDelivered(fifo_), 1u);
  // After the window it is a new message.
  auto later = sns_.Publish({{"TopicArn", fifo_}, {"Message", "m"}, {"MessageGroupId", "g"},
                             {"MessageDeduplicationId", "d1"}}, Ctx(1000 + 300000));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ((*later)["SequenceNumber"], "10000000000000000001");
  EXPECT_EQ(sns_.CountDelivered(fifo_), 2u);
}

TEST_F(SnsModelTest, ContentBasedDeduplication) {
  auto a = sns_.Publish({{"TopicArn", dedup_}, {"Message", "same"}, {"MessageGroupId", "g"}}, Ctx());
  auto b = sns_.Publish({{"TopicArn", dedup_}, {"Message", "same"}, {"MessageGroupId", "g"}}, Ctx());
  auto c = sns_.Publish({{"TopicArn", dedup_}, {"Message", "diff"}, {"MessageGroupId", "g"}}, Ctx());
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ((*a)["MessageId"], (*b)["MessageId"]);
  EXPECT_NE((*a)["MessageId"], (*c)["MessageId"]);
  // The deduplication id is the body's SHA-256.
  EXPECT_EQ(sns_.messages()[0].deduplication_id,
            "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5");
  EXPECT_EQ(sns_.CountDelivered(dedup_), 2u);
}

TEST_F(SnsModelTest, PublishBatch) {
  asl::Json entries = asl::Json::array();
  for (int i = 0; i < 3; ++i) {
    entries.push_back({{"Id", fmt::format("e{}", i)}, {"Message", fmt::format("m{}", i)}});
  }
  entries[1]["Message"] = "";  // fails on its own, in Failed[]
  auto r = sns_.PublishBatch({{"TopicArn", orders_}, {"PublishBatchRequestEntries", entries}}, Ctx());
  ASSERT_TRUE(r.ok()) << Err(r);
  EXPECT_EQ(asl::Dump(*r),
            R"({"Failed":[{"Code":"InvalidParameter","Id":"e1","Message":"Invalid parameter: )"
            R"(Empty message","SenderFault":true}],"Successful":[{"Id":"e0","MessageId":)"
            R"("00000000-0000-4000-8000-000000000001"},{"Id":"e2","MessageId":)"
            R"("00000000-0000-4000-8000-000000000002"}]})");
  ASSERT_EQ(sns_.messages().size(), 2u);
  EXPECT_EQ(sns_.messages()[1].body, "m2");
  EXPECT_EQ(sns_.messages()[1].api, "PublishBatch");
}

TEST_F(SnsModelTest, PublishBatchRequestErrors) {
  auto batch = [&](asl::Json entries, std::string topic = "") {
    return Err(sns_.PublishBatch(
        {{"TopicArn", topic.empty() ? orders_ : topic}, {"PublishBatchRequestEntries", entries}},
        Ctx()));
  };
  EXPECT_EQ(batch(asl::Json::array()),
            "EmptyBatchRequest|400|The batch request doesn't contain any entries.");
  asl::Json eleven = asl::Json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back({{"Id", fmt::format("e{}", i)}, {"Message", "m"}});
  EXPECT_EQ(batch(eleven),
            "TooManyEntriesInBatchRequest|400|The batch request contains more entries than "
            "permissible.");
  EXPECT_EQ(batch({{{"Id", "a"}, {"Message", "m"}}, {{"Id", "a"}, {"Message", "m"}}}),
            "BatchEntryIdsNotDistinct|400|Two or more batch entries in the request have the same "
            "Id.");
  EXPECT_EQ(batch({{{"Id", "a b"}, {"Message", "m"}}}),
            "InvalidBatchEntryId|400|A batch entry id can only contain alphanumeric characters, "
            "hyphens and underscores. It can be at most 80 letters long.");
  EXPECT_EQ(batch({{{"Id", std::string(81, 'a')}, {"Message", "m"}}}),
            "InvalidBatchEntryId|400|A batch entry id can only contain alphanumeric characters, "
            "hyphens and underscores. It can be at most 80 letters long.");
  EXPECT_EQ(batch({{{"Id", "a"}, {"Message", std::string(131072, 'x')}},
                   {{"Id", "b"}, {"Message", std::string(131073, 'x')}}}),
            "BatchRequestTooLong|400|The length of all the messages put together is more than the "
            "limit.");
  EXPECT_EQ(batch({{{"Id", "a"}, {"Message", "m"}}}, orders_ + "-missing"),
            "NotFound|404|Topic does not exist");
  EXPECT_TRUE(sns_.messages().empty());
}

TEST_F(SnsModelTest, FifoBatchEntriesNeedGroupIds) {
  auto r = sns_.PublishBatch(
      {{"TopicArn", fifo_},
       {"PublishBatchRequestEntries",
        {{{"Id", "a"}, {"Message", "m"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", "1"}},
         {{"Id", "b"}, {"Message", "m"}}}}},
      Ctx());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(asl::Dump((*r)["Failed"]),
            R"([{"Code":"InvalidParameter","Id":"b","Message":"Invalid parameter: The )"
            R"(MessageGroupId parameter is required for FIFO topics","SenderFault":true}])");
  EXPECT_EQ(asl::Dump((*r)["Successful"]),
            R"([{"Id":"a","MessageId":"00000000-0000-4000-8000-000000000001",)"
            R"("SequenceNumber":"10000000000000000000"}])");
}

TEST_F(SnsModelTest, DeliversToSubscribedQueues) {
  ASSERT_TRUE(sqs_.AddQueue({"raw", "", false, sim::kSqsMaxMessageBytes}).ok());
  ASSERT_TRUE(sqs_.AddQueue({"wrapped", "", false, sim::kSqsMaxMessageBytes}).ok());
  ASSERT_TRUE(sns_.AddTopic({"fanout", "", false, {{"raw", true}, {"wrapped", false}}}).ok());
  std::string arn = "arn:aws:sns:us-east-1:123456789012:fanout";
  asl::Json attributes = {{"k", {{"DataType", "String"}, {"StringValue", "v"}}}};
  ASSERT_TRUE(sns_.Publish({{"TopicArn", arn}, {"Message", "hi \"you\""}, {"Subject", "s"},
                            {"MessageAttributes", attributes}}, Ctx(1704067200000))
                  .ok());
  const auto* raw = sqs_.Messages("raw");
  const auto* wrapped = sqs_.Messages("wrapped");
  ASSERT_TRUE(raw && wrapped);
  ASSERT_EQ(raw->size(), 1u);
  ASSERT_EQ(wrapped->size(), 1u);
  EXPECT_EQ((*raw)[0].body, "hi \"you\"");
  EXPECT_EQ((*raw)[0].attributes, attributes);
  EXPECT_EQ((*raw)[0].sender, arn);
  EXPECT_EQ((*wrapped)[0].body,
            "{\n  \"Type\" : \"Notification\",\n"
            "  \"MessageId\" : \"00000000-0000-4000-8000-000000000001\",\n"
            "  \"TopicArn\" : \"arn:aws:sns:us-east-1:123456789012:fanout\",\n"
            "  \"Subject\" : \"s\",\n"
            "  \"Message\" : \"hi \\\"you\\\"\",\n"
            "  \"Timestamp\" : \"2024-01-01T00:00:00.000Z\",\n"
            "  \"SignatureVersion\" : \"1\",\n  \"Signature\" : \"sfnsim-unsigned\",\n"
            "  \"SigningCertURL\" : \"https://sns.us-east-1.amazonaws.com/"
            "SimpleNotificationService-sfnsim.pem\",\n"
            "  \"UnsubscribeURL\" : \"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&"
            "SubscriptionArn=arn:aws:sns:us-east-1:123456789012:fanout:sfnsim\",\n"
            "  \"MessageAttributes\" : {\n    \"k\" : {\"Type\":\"String\",\"Value\":\"v\"}\n  }\n}");
}

TEST_F(SnsModelTest, TopicDeclarations) {
  EXPECT_EQ(sns_.AddTopic({"orders", "", false, {}}).error(),
            "topic arn:aws:sns:us-east-1:123456789012:orders is declared twice");
  EXPECT_EQ(sns_.AddTopic({"", "arn:aws:sqs:us-east-1:1:x", false, {}}).error(),
            "\"arn:aws:sqs:us-east-1:1:x\" is not a topic ARN (arn:PARTITION:sns:REGION:ACCOUNT:NAME)");
  EXPECT_EQ(sns_.AddTopic({"plain", "", true, {}}).error(),
            "topic arn:aws:sns:us-east-1:123456789012:plain: content-based deduplication needs a "
            "FIFO topic (a name ending in .fifo)");
}

TEST(SnsResponseLength, MatchesTheRecordedContentLength) {
  std::string uuid = "6e1ac2c5-7c0d-4f85-9d1c-8b1b0cf1d9e2";
  // sns_publish.json: Content-Length 294 for a MessageId and a RequestId.
  EXPECT_EQ(SnsModel::PublishResponseLength(uuid, uuid, ""), 294u);
  EXPECT_EQ(SnsModel::PublishResponseLength(uuid, uuid, "10000000000000000000"), 294u + 58u);
}

}  // namespace

// A run that only needs figures: the observer sees every accepted message (duplicates marked),
// the log stays empty, and the counts still hold.
TEST_F(SnsModelTest, ObserverWithoutLog) {
  std::vector<std::pair<uint64_t, bool>> seen;  // sequence, duplicate
  sns_.set_observer(
      [&seen](const sim::SnsMessage& m) { seen.emplace_back(m.sequence, m.duplicate); });
  sns_.set_keep_log(false);
  ASSERT_TRUE(sns_.Publish({{"TopicArn", orders_}, {"Message", "a"}}, Ctx()).ok());
  asl::Json fifo = {{"TopicArn", dedup_}, {"Message", "same"}, {"MessageGroupId", "g"}};
  ASSERT_TRUE(sns_.Publish(fifo, Ctx(2000)).ok());
  ASSERT_TRUE(sns_.Publish(fifo, Ctx(3000)).ok());  // a duplicate within 5 minutes
  EXPECT_TRUE(sns_.messages().empty());
  EXPECT_EQ(sns_.accepted(), 3u);
  EXPECT_EQ(seen, (std::vector<std::pair<uint64_t, bool>>{{0, false}, {1, false}, {2, true}}));
  EXPECT_EQ(sns_.CountDelivered(orders_), 1u);
  EXPECT_EQ(sns_.CountDelivered(dedup_), 1u);
  auto counts = sns_.CountsByTopic();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[dedup_].delivered, 1u);
  EXPECT_EQ(counts[dedup_].duplicates, 1u);
  EXPECT_EQ(counts.count(fifo_), 0u);  // nothing published there
}
