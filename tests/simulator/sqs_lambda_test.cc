// The simulated SQS (MD5s, FIFO rules, batches, errors) and Lambda (echo, scripted, local
// commands, errors), and how the integration reports them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "asl/base/random.h"
#include "asl/intrinsics/hash_digests.h"
#include "simulator/services/lambda/lambda_model.h"
#include "simulator/services/sqs/sqs_model.h"
#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

class Ids : public sim::IdSource {
 public:
  std::string NewUuid() override { return fmt::format("00000000-0000-4000-8000-{:012d}", ++n_); }

 private:
  int n_ = 0;
};

template <typename R>
std::string Err(const R& r) {
  if (r.ok()) return "ok";
  return fmt::format("{}|{}|{}", r.error().code, r.error().http_status, r.error().message);
}

class SqsModelTest : public testing::Test {
 protected:
  SqsModelTest() : sqs_("aws", "us-east-1", "123456789012") {
    EXPECT_TRUE(sqs_.AddQueue({"jobs", "", false, sim::kSqsMaxMessageBytes}).ok());
    EXPECT_TRUE(sqs_.AddQueue({"jobs.fifo", "", false, sim::kSqsMaxMessageBytes}).ok());
    ctx_.at = sim::SimTime{5000};
    ctx_.ids = &ids_;
  }
  std::string url_ = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
  std::string fifo_ = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo";
  Ids ids_;
  sim::CallContext ctx_;
  sim::SqsModel sqs_;
};

TEST_F(SqsModelTest, SendMessageDigests) {
  asl::Json attributes = {{"b", {{"DataType", "Binary"}, {"BinaryValue", "AQID"}}},
                          {"a", {{"DataType", "String"}, {"StringValue", "x"}}}};
  auto r = sqs_.SendMessage({{"QueueUrl", url_}, {"MessageBody", "hello"},
                             {"MessageAttributes", attributes}, {"DelaySeconds", 10}}, ctx_);
  ASSERT_TRUE(r.ok()) << Err(r);
  // MD5OfMessageAttributes over the sorted attributes, each length-prefixed with a transport
  // byte (1 for String, 2 for Binary) before its value.
  std::string bytes;
  auto add = [&](std::string_view s) {
    for (int shift : {24, 16, 8, 0}) bytes.push_back(static_cast<char>((s.size() >> shift) & 0xFF));
    bytes.append(s);
  };
  add("a"), add("String"), bytes.push_back(1), add("x");
  add("b"), add("Binary"), bytes.push_back(2), add(std::string("\x01\x02\x03", 3));
  EXPECT_EQ(asl::Dump(*r),
            fmt::format(R"({{"MD5OfMessageAttributes":"{}","MD5OfMessageBody":"{}",)"
                        R"("MessageId":"00000000-0000-4000-8000-000000000001"}})",
                        asl::intrinsics::Md5Hex(bytes), asl::intrinsics::Md5Hex("hello")));
  EXPECT_EQ(asl::intrinsics::Md5Hex("hello"), "5d41402abc4b2a76b9719d911017c592");
  const auto* messages = sqs_.Messages("jobs");
  ASSERT_TRUE(messages && messages->size() == 1);
  EXPECT_EQ((*messages)[0].visible_at.ms, 15000);
  // By URL, name or ARN.
  EXPECT_EQ(sqs_.Messages(url_), messages);
  EXPECT_EQ(sqs_.Messages("arn:aws:sqs:us-east-1:123456789012:jobs"), messages);
}

TEST_F(SqsModelTest, Errors) {
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", url_ + "x"}, {"MessageBody", "m"}}, ctx_)),
            "AWS.SimpleQueueService.NonExistentQueue|400|The specified queue does not exist.");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", "https://nowhere.example:8443/1/q"},
                                  {"MessageBody", "m"}}, ctx_)),
            "|0|Unable to execute HTTP request: nowhere.example: Name or service not known");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", url_}}, ctx_)),
            "MissingParameter|400|The request must contain the parameter MessageBody.");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", url_}, {"MessageBody", std::string(262145, 'x')}}, ctx_)),
            "InvalidParameterValue|400|One or more parameters are invalid. Reason: Message must be "
            "shorter than 262144 bytes.");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", url_}, {"MessageBody", "m"}, {"DelaySeconds", 901}}, ctx_)),
            "InvalidParameterValue|400|Value 901 for parameter DelaySeconds is invalid. Reason: "
            "DelaySeconds must be >= 0 and <= 900.");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", fifo_}, {"MessageBody", "m"}}, ctx_)),
            "MissingParameter|400|The request must contain the parameter MessageGroupId.");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", fifo_}, {"MessageBody", "m"}, {"MessageGroupId", "g"}}, ctx_)),
            "InvalidParameterValue|400|The queue should either have ContentBasedDeduplication "
            "enabled or MessageDeduplicationId provided explicitly");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", url_}, {"MessageBody", "m"},
                                  {"MessageDeduplicationId", "d"}}, ctx_)),
            "InvalidParameterValue|400|Value d for parameter MessageDeduplicationId is invalid. "
            "Reason: The request include parameter that is not valid for this queue type.");
  EXPECT_EQ(Err(sqs_.SendMessage({{"QueueUrl", url_}, {"MessageBody", "m"},
                                  {"MessageAttributes", {{"a", {{"DataType", "Text"}, {"StringValue", "v"}}}}}}, ctx_)),
            "InvalidParameterValue|400|The message attribute 'a' has an invalid message attribute "
            "type, the set of supported type prefixes is Binary, Number, and String.");
}

TEST_F(SqsModelTest, FifoDeduplication) {
  asl::Json m = {{"QueueUrl", fifo_}, {"MessageBody", "m"}, {"MessageGroupId", "g"},
                 {"MessageDeduplicationId", "d"}};
  auto a = sqs_.SendMessage(m, ctx_);
  auto b = sqs_.SendMessage(m, ctx_);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ((*a)["SequenceNumber"], "18000000000000000000");
  EXPECT_TRUE((*sqs_.Messages("jobs.fifo"))[1].duplicate);
}

TEST_F(SqsModelTest, SendMessageBatch) {
  auto batch = [&](asl::Json entries) {
    return sqs_.SendMessageBatch({{"QueueUrl", url_}, {"Entries", std::move(entries)}}, ctx_);
  };
  auto r = batch({{{"Id", "a"}, {"MessageBody", "one"}}, {{"Id", "b"}, {"MessageBody", ""}}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(asl::Dump((*r)["Failed"]),
            R"([{"Code":"MissingParameter","Id":"b","Message":"The request must contain the )"
            R"(parameter MessageBody.","SenderFault":true}])");
  EXPECT_EQ(sfnsim_test::Keys((*r)["Successful"][0]), "Id,MD5OfMessageBody,MessageId");
  EXPECT_EQ(Err(batch(asl::Json::array())),
            "AWS.SimpleQueueService.EmptyBatchRequest|400|There should be at least one "
            "SendMessageBatchRequestEntry in the request.");
  asl::Json eleven = asl::Json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back({{"Id", fmt::format("e{}", i)}, {"MessageBody", "m"}});
  EXPECT_EQ(Err(batch(eleven)),
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest|400|Maximum number of entries per "
            "request are 10. You have sent 11.");
  EXPECT_EQ(Err(batch({{{"Id", "a"}, {"MessageBody", "m"}}, {{"Id", "a"}, {"MessageBody", "m"}}})),
            "AWS.SimpleQueueService.BatchEntryIdsNotDistinct|400|Id a repeated.");
  EXPECT_EQ(Err(batch({{{"Id", "a!"}, {"MessageBody", "m"}}})),
            "AWS.SimpleQueueService.InvalidBatchEntryId|400|A batch entry id can only contain "
            "alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
  EXPECT_EQ(Err(batch({{{"Id", "a"}, {"MessageBody", std::string(200000, 'x')}},
                       {{"Id", "b"}, {"MessageBody", std::string(100000, 'x')}}})),
            "AWS.SimpleQueueService.BatchRequestTooLong|400|Batch requests cannot be longer than "
            "262144 bytes. You have sent 300000 bytes.");
}

TEST(SqsIntegrationTest, ErrorNames) {
  WorldRun run(WorldFromText(R"({"sqs":{"queues":[{"name":"jobs"}]}})"));
  auto machine = Machine(asl::Json::parse(R"({"StartAt":"A","States":{
      "A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
           "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/nope","MessageBody":"m"},
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.a","Next":"B"}],"Next":"B"},
      "B":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:sendMessage",
           "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/jobs","MessageBody":"m","DelaySeconds":-1},
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.b","Next":"C"}],"Next":"C"},
      "C":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:sendMessage",
           "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/jobs","MessageBody":"m"},
           "ResultPath":"$.c","End":true}}})"));
  run.Run(machine, "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const asl::Json& out = run.execution->output();
  EXPECT_EQ(out["a"]["Error"], "SQS.QueueDoesNotExistException");
  EXPECT_THAT(out["a"]["Cause"].get<std::string>(),
              testing::StartsWith("The specified queue does not exist. (Service: AmazonSQS; Status "
                                  "Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue; "
                                  "Request ID: "));
  // A code the SDK does not model is its generic exception (recorded: SQS.AmazonSQSException).
  EXPECT_EQ(out["b"]["Error"], "Sqs.SqsException");
  EXPECT_THAT(out["b"]["Cause"].get<std::string>(),
              testing::StartsWith("Value -1 for parameter DelaySeconds is invalid. Reason: "
                                  "DelaySeconds must be >= 0 and <= 900. (Service: Sqs, Status "
                                  "Code: 400, Request ID: "));
  // The AWS SDK integration returns the plain response.
  EXPECT_EQ(sfnsim_test::Keys(out["c"]), "MD5OfMessageBody,MessageId");
}

class LambdaModelTest : public testing::Test {
 protected:
  LambdaModelTest() : lambda_("aws", "us-east-1", "123456789012") {}
  sim::LambdaFunctionSpec Spec(const std::string& name, sim::LambdaHandler handler) {
    sim::LambdaFunctionSpec spec;
    spec.name = name;
    spec.handler = handler;
    return spec;
  }
  sim::LambdaModel lambda_;
  asl::Random random_{1};
};

TEST_F(LambdaModelTest, EchoAndScripted) {
  ASSERT_TRUE(lambda_.AddFunction(Spec("echo", sim::LambdaHandler::kEcho)).ok());
  auto scripted = Spec("script", sim::LambdaHandler::kScripted);
  scripted.responses.push_back({R"({"n":1})", false, std::nullopt, sim::Duration{7}});
  scripted.responses.push_back({R"({"errorType":"Boom","errorMessage":"x"})", false, std::nullopt, {}});
  ASSERT_TRUE(lambda_.AddFunction(scripted).ok());
  auto echo = lambda_.Invoke("arn:aws:lambda:us-east-1:123456789012:function:echo", R"({"a":1})",
                             "", "rid", random_);
  ASSERT_TRUE(echo.ok());
  EXPECT_EQ(echo->payload, R"({"a":1})");
  EXPECT_FALSE(echo->function_error);
  EXPECT_GE(echo->duration.ms, 20);
  EXPECT_LE(echo->duration.ms, 80);
  auto first = lambda_.Invoke("script", "{}", "RequestResponse", "rid", random_);
  EXPECT_EQ(first->payload, R"({"n":1})");
  EXPECT_EQ(first->duration.ms, 7);
  auto second = lambda_.Invoke("script:7", "{}", "", "rid", random_);
  EXPECT_TRUE(second->function_error);  // an errorType payload is a function error
  EXPECT_EQ(second->executed_version, "7");
  auto third = lambda_.Invoke("script", "{}", "", "rid", random_);  // the last one repeats
  EXPECT_EQ(third->payload, second->payload);
  EXPECT_EQ(lambda_.invocations("script"), 3);
  auto event = lambda_.Invoke("echo", "{}", "Event", "rid", random_);
  EXPECT_EQ(event->status_code, 202);
  EXPECT_EQ(event->payload, "");
  EXPECT_EQ(Err(lambda_.Invoke("echo", "{}", "Sometimes", "rid", random_)),
            "ValidationException|400|1 validation error detected: Value 'Sometimes' at "
            "'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
            "[Event, RequestResponse, DryRun]");
  EXPECT_EQ(Err(lambda_.Invoke("nope:prod", "{}", "", "rid", random_)),
            "ResourceNotFoundException|404|Function not found: "
            "arn:aws:lambda:us-east-1:123456789012:function:nope:prod");
}

TEST_F(LambdaModelTest, LocalCommands) {
  auto add = [&](const std::string& name, const std::string& command) {
    auto spec = Spec(name, sim::LambdaHandler::kCommand);
    spec.command = command;
    ASSERT_TRUE(lambda_.AddFunction(spec).ok());
  };
  add("cat", "cat");
  add("exit3", "cat >/dev/null; echo oops >&2; exit 3");
  add("raise", R"(echo '{"errorType":"ValueError","errorMessage":"bad row"}')");
  add("text", "echo not json");
  add("silent", "true");
  std::string big(300000, 'a');
  auto cat = lambda_.Invoke("cat", "{\"big\":\"" + big + "\"}", "", "rid-1", random_);
  ASSERT_TRUE(cat.ok());
  EXPECT_EQ(cat->payload, "{\"big\":\"" + big + "\"}");  // stdin and stdout both stream
  auto exit3 = lambda_.Invoke("exit3", "{}", "", "rid-2", random_);
  EXPECT_TRUE(exit3->function_error);
  EXPECT_EQ(exit3->payload,
            R"({"errorMessage":"RequestId: rid-2 Error: Runtime exited with error: exit status 3",)"
            R"("errorType":"Runtime.ExitError"})");
  auto raise = lambda_.Invoke("raise", "{}", "", "rid", random_);
  EXPECT_TRUE(raise->function_error);
  EXPECT_EQ(raise->payload, R"({"errorType":"ValueError","errorMessage":"bad row"})");
  auto text = lambda_.Invoke("text", "{}", "", "rid", random_);
  EXPECT_TRUE(text->function_error);
  EXPECT_EQ(text->payload,
            R"({"errorMessage":"sfnsim: the command of function text printed text that is not )"
            R"(JSON: not json","errorType":"Runtime.InvalidOutput"})");
  EXPECT_EQ(lambda_.Invoke("silent", "{}", "", "rid", random_)->payload, "null");
}

TEST(LambdaIntegrationTest, CommandFunctionThroughBothIntegrations) {
  WorldRun run(WorldFromText(R"({"lambda":{"functions":[
      {"name":"double","timeout_seconds":60,
       "command":"python3 -c \"import json,sys; e=json.load(sys.stdin); print(json.dumps({'n': e['n']*2}))\""},
      {"name":"fail","command":"exit 1"}]}})"));
  auto machine = Machine(asl::Json::parse(R"({"StartAt":"A","States":{
      "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:double",
           "Next":"B"},
      "B":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Parameters":{"FunctionName":"double","Payload.$":"$"},"ResultSelector":{"n.$":"$.Payload.n"},
           "Next":"C"},
      "C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Parameters":{"FunctionName":"fail"},
           "Catch":[{"ErrorEquals":["Runtime.ExitError"],"ResultPath":"$.error","Next":"D"}],
           "End":true},
      "D":{"Type":"Pass","End":true}}})"));
  run.Run(machine, R"({"n":3})");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded)
      << run.execution->error().name << " " << run.execution->error().cause;
  const asl::Json& out = run.execution->output();
  EXPECT_EQ(out["n"], 12);
  EXPECT_EQ(out["error"]["Error"], "Runtime.ExitError");
  asl::Json cause = asl::Json::parse(out["error"]["Cause"].get<std::string>());
  EXPECT_THAT(cause["errorMessage"].get<std::string>(),
              testing::MatchesRegex("RequestId: [0-9a-f-]{36} Error: Runtime exited with error: "
                                    "exit status 1"));
  // lambda:invoke's output: the recorded key set and order, the payload's length as Content-Length.
  asl::Json succeeded = sfnsim_test::Payload(
      sfnsim_test::FindEvent(run.Events(), "TaskSucceeded")["taskSucceededEventDetails"]["output"]);
  EXPECT_EQ(sfnsim_test::Keys(succeeded),
            "ExecutedVersion,Payload,SdkHttpMetadata,SdkResponseMetadata,StatusCode");
  EXPECT_EQ(sfnsim_test::Keys(succeeded["SdkHttpMetadata"]["AllHttpHeaders"]),
            "X-Amz-Executed-Version,x-amzn-Remapped-Content-Length,Connection,x-amzn-RequestId,"
            "Content-Length,Date,X-Amzn-Trace-Id,Content-Type");
  EXPECT_EQ(succeeded["SdkHttpMetadata"]["HttpHeaders"]["Content-Length"], "9");  // {"n": 12}
  EXPECT_THAT(succeeded["SdkHttpMetadata"]["HttpHeaders"]["X-Amzn-Trace-Id"].get<std::string>(),
              testing::MatchesRegex("root=1-[0-9a-f]{8}-[0-9a-f]{24};sampled=0"));
}

}  // namespace
