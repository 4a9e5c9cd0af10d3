// The integration layer against AWS's recorded executions: each recorded definition and input
// from tests/data/conformance/aws-recorded/ runs against a World that declares what the recording
// had (the topic, the queue, the functions and what they did, the target state machine, the
// callback), and the whole history is compared event for event with the recording, outputs
// included (exact key sets and order, SdkHttpMetadata, Content-Length, error names and causes).
//
// The recorder replaced volatile header values by their names ("x-amzn-RequestId":
// "x-amzn-RequestId"); they are turned back into placeholders that must bind consistently.

#include <gtest/gtest.h>

#include <filesystem>

#include "asl/intrinsics/hash_digests.h"
#include "simulator/replay/history_compare.h"
#include "tests/simulator/world_test_util.h"
#include "simulator/replay/python_style_json.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

const fs::path kCorpus = fs::path(SFNSIM_SHARED_DIR) / "conformance" / "aws-recorded";

// Header values the recorder replaced by their own names become placeholders again.
void RestorePlaceholders(asl::Json& value, bool relax_content_length) {
  if (value.is_array()) {
    for (asl::Json& v : value) RestorePlaceholders(v, relax_content_length);
    return;
  }
  if (!value.is_object()) {
    if (value.is_string() && value.get<std::string>() == "<<task_token>:1>") value = "<task_token:1>";
    return;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it.key() == "AllHttpHeaders" || it.key() == "HttpHeaders") {
      bool all = it.key() == "AllHttpHeaders";
      for (auto h = it->begin(); h != it->end(); ++h) {
        bool named = h->is_string() && h->get<std::string>() == h.key();
        bool length = relax_content_length && h.key() == "Content-Length";
        if (!named && !length) continue;
        std::string placeholder = "<header:" + h.key() + ">";
        if (h.key() == "x-amz-crc32" && it->contains("Content-Length")) {
          // A checksum differs per response body: bind it per body (its length tells the
          // recording's PutItem and GetItem responses apart).
          const asl::Json& body_length = (*it)["Content-Length"];
          placeholder = "<header:x-amz-crc32:" +
                        (body_length.is_array() ? body_length[0] : body_length).get<std::string>() + ">";
        }
        *h = all ? asl::Json::array({placeholder}) : asl::Json(placeholder);
      }
      continue;
    }
    if (it.key() == "SdkResponseMetadata" && it->is_object() && it->value("RequestId", "") == "RequestId") {
      // Bound to the request id header of the same response (DynamoDB's GetItem spells it
      // x-amzn-requestid: another response, another id).
      const asl::Json* http = value.contains("SdkHttpMetadata") ? &value["SdkHttpMetadata"] : nullptr;
      bool lower = http && http->contains("HttpHeaders") &&
                   (*http)["HttpHeaders"].contains("x-amzn-requestid");
      (*it)["RequestId"] = lower ? "<header:x-amzn-requestid>" : "<header:x-amzn-RequestId>";
      continue;
    }
    RestorePlaceholders(*it, relax_content_length);
  }
}

struct Case {
  std::string file;
  asl::Json world;  // the world document
  std::vector<std::pair<std::string, std::string>> input_replacements;
  bool relax_content_length = false;
};

struct Outcome {
  std::unique_ptr<WorldRun> run;
  std::string problem;
};

Outcome RunCase(const Case& c) {
  Outcome out;
  asl::Json doc = sfnsim_test::ReadJsonFile((kCorpus / c.file).string());
  asl::Json world = c.world;
  world["partition"] = "<partition>";
  world["region"] = "<region>";
  world["account"] = "111111111111";
  sim::WorldConfig config = WorldFromText(asl::Dump(world));
  out.run = std::make_unique<WorldRun>(std::move(config));
  WorldRun& run = *out.run;
  if (!run.Install()) return out;
  std::string input = sim::PythonDumps(doc["input"]);
  for (const auto& [from, to] : c.input_replacements) {
    for (size_t at = input.find(from); at != std::string::npos; at = input.find(from, at + to.size())) {
      input.replace(at, from.size(), to);
    }
  }
  auto machine = Machine(doc["definition"]);
  if (!machine) return out;
  EXPECT_TRUE(run.world->RegisterStateMachine("Parent", machine).ok());
  sim::ExecutionSpec spec;
  spec.machine = machine;
  spec.state_machine_name = "Parent";
  spec.name = "<ExecArnPart_0idx>";
  spec.input_text = input;
  spec.role_arn = doc["events"][0]["executionStartedEventDetails"].value("roleArn", "");
  spec.sink = &run.sink;
  run.execution = &run.simulation->StartExecution(std::move(spec));
  run.simulation->Run();

  // The corpus is already normalised (structure keys sorted, JSON payloads parsed in AWS's
  // order); only the actual history goes through the normalisation.
  asl::Json expected = doc["events"];
  RestorePlaceholders(expected, c.relax_content_length);
  asl::Json actual = sim::NormalizeHistory(run.Events());
  sim::HistoryMatcher matcher;
  if (auto divergence = matcher.Compare(expected, actual)) {
    out.problem = divergence->Describe();
    return out;
  }
  if (sim::StatusName(run.execution->status()) != doc["status"]) {
    out.problem = std::string("status ") + sim::StatusName(run.execution->status());
  }
  return out;
}

#define EXPECT_MATCHES_RECORDING(c)                                   \
  do {                                                                \
    Outcome outcome = RunCase(c);                                     \
    EXPECT_EQ(outcome.problem, "") << (c).file;                       \
  } while (0)

// The topic's name is a placeholder in the recording; it binds to the name used here.
const char* kTopic = "arn:<partition>:sns:<region>:111111111111:TestTopic";
const std::vector<std::pair<std::string, std::string>> kTopicName = {{"<resource:1>", "TestTopic"}};

TEST(ServiceConformance, SnsPublish) {
  Case c{"sns_publish.json", {{"sns", {{"topics", {{{"arn", kTopic}}}}}}}, kTopicName, false};
  Outcome outcome = RunCase(c);
  ASSERT_EQ(outcome.problem, "");
  // Exactly one message, the recorded object Message serialised.
  const auto& messages = outcome.run->world->sns().messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].body, R"({"Message":"HelloWorld!"})");
  EXPECT_EQ(messages[0].topic_arn, kTopic);
}

TEST(ServiceConformance, SnsPublishTopicNotFound) {
  EXPECT_MATCHES_RECORDING((Case{"sns_publish_topic_not_found.json",
                                 {{"sns", {{"topics", asl::Json::array()}}}}, kTopicName, false}));
}

TEST(ServiceConformance, SnsPublishWaitForTaskToken) {
  asl::Json world = {{"sns", {{"topics", {{{"arn", kTopic}}}}}},
                     {"callbacks", {{{"state", "Publish"}, {"after_ms", 2000},
                                     {"succeed", {{"output", asl::Json::object()}}}}}}};
  Outcome outcome = RunCase({"sns_publish_wait_for_task_token.json", world, kTopicName, false});
  ASSERT_EQ(outcome.problem, "");
  // The message carries the task token the callback answered.
  const auto& messages = outcome.run->world->sns().messages();
  ASSERT_EQ(messages.size(), 1u);
  asl::Json body = asl::Json::parse(messages[0].body);
  EXPECT_EQ(sfnsim_test::Keys(body), "arg2,arg1,TaskToken");  // AWS's order, as recorded
  EXPECT_EQ(body["TaskToken"].get<std::string>().substr(0, 19), "<ExecArnPart_0idx>-");
  EXPECT_EQ(outcome.run->world->callbacks().waiting(), 0u);
}

asl::Json SqsWorld() { return {{"sqs", {{"queues", {{{"name", "q"}, {"url", "<sqs_queue_url>"}}}}}}}; }

TEST(ServiceConformance, SqsSendMessage) {
  Outcome outcome = RunCase({"sqs_send_message.json", SqsWorld(), {}, false});
  ASSERT_EQ(outcome.problem, "");
  const auto* messages = outcome.run->world->sqs().Messages("q");
  ASSERT_TRUE(messages && messages->size() == 1);
  EXPECT_EQ((*messages)[0].body, "test_message_body");
  // MD5OfMessageBody is the body's real MD5.
  asl::Json output = outcome.run->execution->output();
  EXPECT_EQ(output["MD5OfMessageBody"], asl::intrinsics::Md5Hex("test_message_body"));
  EXPECT_EQ(output["MD5OfMessageBody"], "3caa9a099bc4e58ae7923f68c5d7d081");
}

TEST(ServiceConformance, SqsSendMessageNoSuchQueue) {
  EXPECT_MATCHES_RECORDING((Case{"sqs_send_message_no_such_queue.json", SqsWorld(),
                                 {{"<no_such_sqs_queue_url>",
                                   "https://no-such-queue-fa484d45/111111111111/q"}},
                                 false}));
}

TEST(ServiceConformance, SqsWaitForTaskTokenSuccess) {
  asl::Json world = SqsWorld();
  world["callbacks"] = {{{"state", "SendMessageWithWait"}, {"after_ms", 500},
                         {"succeed", {{"output", "test_message_txt"}}}}};
  Outcome outcome = RunCase({"sqs_wait_for_task_token_success.json", world, {}, false});
  ASSERT_EQ(outcome.problem, "");
  // The MessageBody object was serialised with the token in it.
  const auto* messages = outcome.run->world->sqs().Messages("q");
  ASSERT_TRUE(messages && messages->size() == 1);
  EXPECT_EQ(sfnsim_test::Keys(asl::Json::parse((*messages)[0].body)), "Message,TaskToken");
}

TEST(ServiceConformance, SqsWaitForTaskTokenFailure) {
  asl::Json world = SqsWorld();
  world["callbacks"] = {{{"state", "SendMessageWithWait"}, {"after_ms", 500},
                         {"fail", {{"error", "Failure error"}, {"cause", "Failure cause"}}}}};
  EXPECT_MATCHES_RECORDING((Case{"sqs_wait_for_task_token_failure.json", world, {}, false}));
}

TEST(ServiceConformance, SqsWaitForTaskTokenTimeouts) {
  EXPECT_MATCHES_RECORDING((Case{"sqs_wait_for_task_token_timeout.json", SqsWorld(), {}, false}));
  EXPECT_MATCHES_RECORDING(
      (Case{"sqs_wait_for_task_token_heartbeat_timeout.json", SqsWorld(), {}, false}));
}

TEST(ServiceConformance, SqsHeartbeatsKeepATaskAlive) {
  // Heartbeats every 4 s keep the 5 s HeartbeatSeconds from expiring until the callback at 30 s.
  asl::Json world = SqsWorld();
  world["callbacks"] = {{{"state", "SendMessageWithWait"}, {"after_ms", 30000},
                         {"heartbeat_every_ms", 4000}, {"succeed", {{"output", {{"ok", true}}}}}}};
  Outcome outcome =
      RunCase({"sqs_wait_for_task_token_heartbeat_timeout.json", world, {}, false});
  ASSERT_TRUE(outcome.run && outcome.run->execution);
  EXPECT_EQ(outcome.run->execution->status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(asl::Dump(outcome.run->execution->output()), R"({"ok":true})");
}

// Python's error payload, as the recorded functions raised it.
std::string PythonError(const std::string& request_id) {
  asl::Json error = asl::Json::object();
  error["errorMessage"] = "Some exception was raised.";
  error["errorType"] = "Exception";
  error["requestId"] = request_id;
  error["stackTrace"] = {"  File \"/var/task/handler.py\", line 2, in handler\n    raise "
                         "Exception(\"Some exception was raised.\")\n"};
  return sim::PythonDumps(error);
}

asl::Json FunctionWorld(asl::Json functions) {
  return {{"lambda", {{"functions", std::move(functions)}}}};
}

TEST(ServiceConformance, LambdaInvokeOptimized) {
  EXPECT_MATCHES_RECORDING((Case{"lambda_invoke_optimized.json",
                                 FunctionWorld({{{"name", "<lambda_function_name>"}, {"echo", true}}}),
                                 {}, false}));
}

TEST(ServiceConformance, LambdaInvokeNoSuchFunction) {
  EXPECT_MATCHES_RECORDING((Case{"lambda_invoke_no_such_function.json",
                                 FunctionWorld({{{"name", "<lambda_function_name>"}, {"echo", true}}}),
                                 {}, false}));
}

TEST(ServiceConformance, LambdaFunctionErrors) {
  asl::Json raising = FunctionWorld(
      {{{"name", "<lambda_function_name>"},
        {"responses", {{{"payload_text", PythonError("2c6c3a1e-1b1f-4b38-9f2e-3c1d9b7e4a10")},
                        {"function_error", true}}}}}});
  EXPECT_MATCHES_RECORDING((Case{"lambda_invoke_exception_caught.json", raising, {}, false}));
  EXPECT_MATCHES_RECORDING((Case{"lambda_bare_arn_exception_caught.json", raising, {}, false}));
}

TEST(ServiceConformance, LambdaRetryThenCatch) {
  asl::Json responses = asl::Json::array();
  for (int i = 1; i <= 4; ++i) {
    responses.push_back(
        {{"payload_text", PythonError("00000000-0000-4000-8000-00000000000" + std::to_string(i))}});
  }
  EXPECT_MATCHES_RECORDING(
      (Case{"lambda_retry_then_catch.json",
            FunctionWorld({{{"name", "<lambda_function_1_name>"}, {"responses", responses}}}), {},
            false}));
}

TEST(ServiceConformance, LambdaBareArnPipe) {
  asl::Json hello = {{{"payload", {{"Return", "HelloWorld"}}}}};
  EXPECT_MATCHES_RECORDING((Case{"lambda_bare_arn_pipe.json",
                                 FunctionWorld({{{"name", "<lambda_function_1_name>"}, {"responses", hello}},
                                                {{"name", "<lambda_function_2_name>"}, {"responses", hello}}}),
                                 {}, false}));
}

TEST(ServiceConformance, LambdaTimeouts) {
  // The functions sleep 60 s; the states time out after 5.
  asl::Json slow = FunctionWorld({{{"name", "<lambda_function_1_name>"},
                                   {"responses", {{{"payload", asl::Json::object()},
                                                   {"duration_ms", 60000}}}}}});
  EXPECT_MATCHES_RECORDING((Case{"lambda_invoke_timeout.json", slow, {}, false}));
  EXPECT_MATCHES_RECORDING((Case{"lambda_bare_arn_timeout.json", slow, {}, false}));
}

asl::Json TargetWorld(asl::Json definition) {
  return {{"state_machines", {{{"name", "Target"}, {"definition", std::move(definition)}}}}};
}

const asl::Json kPassResult = {
    {"StartAt", "State_1"},
    {"States", {{"State_1", {{"Type", "Pass"}, {"Result", {{"Arg1", "argument1"}}}, {"End", true}}}}}};
const asl::Json kRaiseFailure = {
    {"StartAt", "FailState"},
    {"States",
     {{"FailState",
       {{"Type", "Fail"}, {"Error", "SomeFailure"},
        {"Cause", "This state machines raises a 'SomeFailure' failure."}}}}}};

// StartExecution's Content-Length depends on the ARN length, which the recorder's names hide;
// it is checked against its formula in StartExecutionTest.ResponseLength.
TEST(ServiceConformance, StartExecution) {
  std::vector<std::pair<std::string, std::string>> target = {{"<ArnPart_0idx>", "Target"}};
  EXPECT_MATCHES_RECORDING((Case{"sfn_start_execution.json", TargetWorld(kPassResult), target, true}));
  EXPECT_MATCHES_RECORDING(
      (Case{"sfn_start_execution_sync.json", TargetWorld(kPassResult), target, true}));
  EXPECT_MATCHES_RECORDING(
      (Case{"sfn_start_execution_sync2.json", TargetWorld(kPassResult), target, true}));
  EXPECT_MATCHES_RECORDING(
      (Case{"sfn_start_execution_sync_child_fails.json", TargetWorld(kRaiseFailure), target, true}));
  EXPECT_MATCHES_RECORDING(
      (Case{"aws_sdk_sfn_start_execution.json", TargetWorld(kRaiseFailure), target, true}));
}

TEST(ServiceConformance, StartExecutionRunsARealChild) {
  Outcome outcome = RunCase({"sfn_start_execution_sync.json", TargetWorld(kPassResult),
                             {{"<ArnPart_0idx>", "Target"}}, true});
  ASSERT_EQ(outcome.problem, "");
  WorldRun& run = *outcome.run;
  ASSERT_EQ(run.simulation->executions().size(), 2u);
  const sim::Execution& child = *run.simulation->executions()[1];
  EXPECT_EQ(child.arn(), "arn:<partition>:states:<region>:111111111111:execution:Target:TestStartTarget");
  EXPECT_EQ(child.spec().parent_execution, run.execution->id());
  EXPECT_EQ(child.status(), sim::ExecutionStatus::kSucceeded);
  // Its own history: ExecutionStarted, PassStateEntered, PassStateExited, ExecutionSucceeded.
  ASSERT_TRUE(run.child_sinks.count("TestStartTarget"));
  EXPECT_EQ(sfnsim_test::EventShape(asl::Json(run.child_sinks["TestStartTarget"]->events())),
            "1/0 ExecutionStarted, 2/0 PassStateEntered, 3/2 PassStateExited, 4/3 ExecutionSucceeded");
  // The child starts when the call lands, after the start call's latency.
  EXPECT_GT(child.start_time().ms, run.execution->start_time().ms);
}


// DynamoDB through the service registry: putItem then getItem of the same item, both outputs
// with DynamoDB's headers (Server, x-amz-crc32, the request id spelled per API as recorded).
TEST(ServiceConformance, DynamoDbPutGetItem) {
  asl::Json table = {{"name", "table-name"},
                     {"key_schema", {{"partition", {{"name", "id"}, {"type", "S"}}}}}};
  asl::Json world = {{"dynamodb", {{"tables", asl::Json::array({table})}}}};
  Outcome outcome = RunCase({"dynamodb_put_get_item.json", world, {}, false});
  ASSERT_EQ(outcome.problem, "");
  asl::Json output = outcome.run->execution->output();
  EXPECT_EQ(output["getItemOutput"]["Item"]["data"]["S"], "HelloWorld");
  // x-amz-crc32 is the body's CRC-32: 2745614147 for "{}".
  EXPECT_EQ(output["putItemOutput"]["SdkHttpMetadata"]["HttpHeaders"]["x-amz-crc32"],
            "2745614147");
}

// S3's bucket names are global: "someNonexistentBucketName" exists nowhere (it is not even a
// valid name), so any world with an s3 section answers NoSuchBucket, with S3's extended request
// id in the cause.
TEST(ServiceConformance, S3ListObjectsNoSuchBucket) {
  asl::Json world = {{"s3", {{"buckets", asl::Json::array({{{"name", "some-bucket"}}})}}}};
  EXPECT_MATCHES_RECORDING((Case{"aws_sdk_s3_no_such_bucket_caught.json", world, {}, false}));
}

}  // namespace
