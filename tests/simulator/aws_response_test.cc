// How the integration layer names service errors and frames optimized outputs.

#include <gtest/gtest.h>

#include <cstdint>

#include "asl/runtime/io_pipeline.h"
#include "simulator/services/dynamodb/dynamodb_service.h"
#include "simulator/services/integration/aws_response.h"
#include "simulator/services/integration/request_fields.h"

namespace {

using sim::AwsError;

AwsError E(const char* code, const char* message, int status) {
  return sim::ServiceError(code, message, status);
}

TEST(AwsResponseTest, ExceptionClasses) {
  // Modelled codes get their class; SNS's ParameterValueInvalid is InvalidParameterValueException.
  EXPECT_EQ(sim::ExceptionClass(sim::SnsNames(), E("NotFound", "", 404), false), "NotFoundException");
  EXPECT_EQ(sim::ExceptionClass(sim::SnsNames(), E("ParameterValueInvalid", "", 400), true),
            "InvalidParameterValueException");
  EXPECT_EQ(sim::ExceptionClass(sim::SqsNames(), E("AWS.SimpleQueueService.NonExistentQueue", "", 400), false),
            "QueueDoesNotExistException");
  EXPECT_EQ(sim::ExceptionClass(sim::LambdaNames(), E("ResourceNotFoundException", "", 404), false),
            "ResourceNotFoundException");
  EXPECT_EQ(sim::ExceptionClass(sim::SfnNames(), E("ExecutionAlreadyExists", "", 400), false),
            "ExecutionAlreadyExistsException");
  // Codes the SDK does not model are the generic class of each SDK.
  EXPECT_EQ(sim::ExceptionClass(sim::SqsNames(), E("InvalidParameterValue", "", 400), false),
            "AmazonSQSException");
  EXPECT_EQ(sim::ExceptionClass(sim::SqsNames(), E("InvalidParameterValue", "", 400), true),
            "SqsException");
  EXPECT_EQ(sim::ExceptionClass(sim::SfnNames(), E("ThrottlingException", "", 400), false),
            "AWSStepFunctionsException");
  EXPECT_EQ(sim::ExceptionClass(sim::AthenaNames(), E("ThrottlingException", "", 400), true),
            "AthenaException");
  EXPECT_EQ(sim::ExceptionClass(sim::SnsNames(), sim::ClientError("x"), false), "SdkClientException");
}

TEST(AwsResponseTest, ErrorNamesAndCauses) {
  asl::Error optimized = sim::OptimizedError(sim::SnsNames(), E("NotFound", "Topic does not exist", 404), "r-1");
  EXPECT_EQ(optimized.name, "SNS.NotFoundException");
  EXPECT_EQ(optimized.cause,
            "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; "
            "Request ID: r-1; Proxy: null)");
  asl::Error sdk = sim::SdkError(sim::SnsNames(), E("NotFound", "Topic does not exist", 404), "r-2");
  EXPECT_EQ(sdk.name, "Sns.NotFoundException");
  EXPECT_EQ(sdk.cause, "Topic does not exist (Service: Sns, Status Code: 404, Request ID: r-2)");
  asl::Error client = sim::OptimizedError(sim::SqsNames(), sim::ClientError("Unable to execute HTTP request: h"), "r");
  EXPECT_EQ(client.name, "SQS.SdkClientException");
  EXPECT_EQ(client.cause, "Unable to execute HTTP request: h");
  EXPECT_EQ(sim::SdkError(sim::SfnNames(), E("InvalidName", "Invalid Name: 'a b'", 400), "r").name,
            "Sfn.InvalidNameException");
  EXPECT_EQ(sim::OptimizedError(sim::AthenaNames(), E("InvalidRequestException", "m", 400), "r").name,
            "Athena.InvalidRequestException");
}

TEST(AwsResponseTest, OptimizedOutputLayout) {
  sim::HttpExchange http;
  http.request_id = "rid";
  http.at = sim::SimTime{1704067200000};
  http.content_length = 106;
  asl::Json out = sim::OptimizedOutput(sim::SqsNames(), {{"MessageId", "m"}, {"MD5OfMessageBody", "x"}}, http);
  EXPECT_EQ(asl::Dump(out),
            R"({"MD5OfMessageBody":"x","MessageId":"m","SdkHttpMetadata":{"AllHttpHeaders":)"
            R"({"x-amzn-RequestId":["rid"],"connection":["keep-alive"],"Content-Length":["106"],)"
            R"("Date":["Mon, 01 Jan 2024 00:00:00 GMT"],"Content-Type":["application/x-amz-json-1.0"]},)"
            R"("HttpHeaders":{"connection":"keep-alive","Content-Length":"106","Content-Type":)"
            R"("application/x-amz-json-1.0","Date":"Mon, 01 Jan 2024 00:00:00 GMT",)"
            R"("x-amzn-RequestId":"rid"},"HttpStatusCode":200},"SdkResponseMetadata":{"RequestId":"rid"}})");
  // A user payload keeps its key order; the API structure around it is sorted.
  asl::Json lambda = sim::OptimizedOutput(
      sim::LambdaNames(), {{"StatusCode", 200}, {"Payload", {{"b", 1}, {"a", 2}}}, {"ExecutedVersion", "$LATEST"}},
      http, "Payload");
  EXPECT_EQ(asl::Dump(lambda["Payload"]), R"({"b":1,"a":2})");
  EXPECT_EQ(lambda["SdkHttpMetadata"]["HttpHeaders"]["Content-Type"], "application/json");
}

// DeferOptimizedOutput and Athena's pages promise the engine a size bound of the whole output
// instead of its being measured: the metadata must fit kOptimizedMetadataMaxBytes with the
// longest values any service sends (a UUID request id, a 20-digit length, Lambda's trace id).
TEST(AwsResponseTest, OptimizedMetadataFitsItsBound) {
  sim::HttpExchange http;
  http.request_id = "3f1a9c2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8";
  http.at = sim::SimTime{253402300799000};  // 9999-12-31T23:59:59Z
  http.content_length = SIZE_MAX;
  http.trace_id = "Root=1-5f84c7a1-2f1e6c2b9f0e4d3c2b1a0f9e;Parent=1a2b3c4d5e6f7a8b;Sampled=0;"
                  "Lineage=a1b2c3d4:0";
  http.executed_version = "$LATEST";
  http.crc32 = UINT32_MAX;
  for (const sim::ServiceNames* names : {&sim::SnsNames(), &sim::SqsNames(), &sim::LambdaNames(),
                                         &sim::SfnNames(), &sim::AthenaNames(),
                                         &sim::DynamoDbNames()}) {
    for (bool lowercase : {false, true}) {
      http.lowercase_request_id = lowercase;
      asl::Json response = {{"MessageId", "m"}};
      size_t before = asl::SerializedSize(response);
      asl::Json whole = sim::OptimizedOutput(*names, response, http);
      EXPECT_LE(asl::SerializedSize(whole) - before, size_t{sim::kOptimizedMetadataMaxBytes});
      // Deferred, the same bytes once built, and a bound that holds.
      asl::Json core = response;
      sim::DeferredResult deferred = sim::DeferOptimizedOutput(*names, core, http);
      EXPECT_EQ(asl::Dump(deferred.complete(std::move(core))), asl::Dump(whole));
      EXPECT_GE(deferred.max_bytes, static_cast<int64_t>(asl::SerializedSize(whole)));
    }
  }
}

TEST(AwsResponseTest, SortedKeysAndDates) {
  EXPECT_EQ(asl::Dump(sim::SortedKeys(asl::Json::parse(R"({"b":[{"d":1,"c":2}],"a":{"z":0,"Z":1}})"))),
            R"({"a":{"Z":1,"z":0},"b":[{"c":2,"d":1}]})");
  EXPECT_EQ(sim::HttpDate(sim::SimTime{1699273004567}), "Mon, 06 Nov 2023 12:16:44 GMT");
  EXPECT_EQ(sim::HttpDate(sim::SimTime{0}), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(RequestFieldsTest, JacksonCoercions) {
  asl::Json r = {{"s", "x"}, {"n", 12}, {"b", true}, {"o", {{"a", 1}}}, {"z", nullptr}, {"i", "42"}};
  EXPECT_EQ(*sim::StringField(r, "s").value(), "x");
  EXPECT_EQ(*sim::StringField(r, "n").value(), "12");
  EXPECT_EQ(*sim::StringField(r, "b").value(), "true");
  EXPECT_FALSE(sim::StringField(r, "z").value().has_value());
  EXPECT_FALSE(sim::StringField(r, "missing").value().has_value());
  EXPECT_FALSE(sim::StringField(r, "o").ok());
  EXPECT_EQ(*sim::IntegerField(r, "i").value(), 42);
  EXPECT_EQ(*sim::IntegerField(r, "n").value(), 12);
  EXPECT_FALSE(sim::IntegerField(r, "s").ok());
  EXPECT_EQ(*sim::TextOrJsonField(r, "o"), R"({"a":1})");
  EXPECT_EQ(*sim::TextOrJsonField(r, "s"), "x");
}

}  // namespace
