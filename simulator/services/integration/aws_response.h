#pragma once
// How Step Functions turns a service's answer into a task result or a task error.
//
// Optimized integrations (arn:aws:states:::sns:publish) call AWS with the AWS SDK for Java v1:
// the output is the API response with SdkHttpMetadata and SdkResponseMetadata added, every key
// in alphabetical order (recorded: sns_publish.json, sqs_send_message.json,
// lambda_invoke_optimized.json, sfn_start_execution.json), and an error is named
// `<SERVICE>.<ExceptionClass>` with the cause
// `<message> (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: <id>;
// Proxy: null)` (recorded: sns_publish_topic_not_found.json, lambda_invoke_no_such_function.json).
// AWS SDK integrations (arn:aws:states:::aws-sdk:sns:publish) use the SDK for Java v2: the output
// is the plain API response, an error is `<SdkServiceId>.<ExceptionClass>` with the cause
// `<message> (Service: Sns, Status Code: 404, Request ID: <id>)` (recorded:
// aws_sdk_s3_no_such_bucket_caught.json, aws_sdk_sfn_start_execution.json).
// docs/reference/aws-semantics.md §4.2 and §8.3.

#include <span>
#include <string>
#include <string_view>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "simulator/clock/sim_time.h"
#include "simulator/engine/service_backend.h"
#include "simulator/services/integration/aws_error.h"

namespace sim {

enum class HeaderLayout : uint8_t {
  kStandard,  // x-amzn-RequestId, connection, Content-Length, Date, Content-Type
  kLambda,    // Lambda's Invoke headers (X-Amz-Executed-Version, X-Amzn-Trace-Id, …)
  kDynamoDb,  // Server, Connection, x-amzn-RequestId, x-amz-crc32, Content-Length, Date, …
};

// An error code a service's SDK model declares, and its exception class ("" = code +
// "Exception").
struct ModelledCode {
  std::string_view code;
  std::string_view exception;
};

// The names one service goes by in Step Functions and in the two Java SDKs.
struct ServiceNames {
  std::string_view integration;       // the resource's service: "sns", "states"
  std::string_view optimized_prefix;  // "SNS", "StepFunctions"
  std::string_view v1_service;        // the cause's "Service:" of an optimized error: "AmazonSNS"
  std::string_view v1_generic;        // SDK v1 class of an unmodelled code: "AmazonSNSException"
  std::string_view sdk_prefix;        // aws-sdk error prefix and "Service:": "Sns", "Sfn"
  std::string_view v2_generic;        // SDK v2 class of an unmodelled code: "SnsException"
  std::string_view content_type;      // of the service's responses
  HeaderLayout headers = HeaderLayout::kStandard;
  std::span<const ModelledCode> codes;  // the codes its SDK model declares
  // S3 only: its SDKs add the x-amz-id-2 header to an error's cause ("Extended Request ID: …"
  // in v2, "S3 Extended Request ID: …" in v1; recorded: aws_sdk_s3_no_such_bucket_caught.json).
  bool extended_request_id = false;
};

// S3's x-amz-id-2 for a request: 76 base64 characters, derived from the request id so a run
// stays deterministic.
std::string ExtendedRequestId(std::string_view request_id);

const ServiceNames& SnsNames();
const ServiceNames& SqsNames();
const ServiceNames& LambdaNames();
const ServiceNames& SfnNames();
const ServiceNames& AthenaNames();
// By name: FindServiceNames in simulator/registry/registry.h.

// The SDK exception class an error code is raised as: the modelled class for a code the
// service's SDK model knows (NotFound -> NotFoundException, ParameterValueInvalid ->
// InvalidParameterValueException), the service's generic class otherwise (recorded:
// SQS.AmazonSQSException for a generic error). An error with http_status 0 never reached the
// service: SdkClientException (recorded: SQS.SdkClientException).
std::string ExceptionClass(const ServiceNames& service, const AwsError& error, bool sdk_v2);

// The task error of an optimized integration, e.g. SNS.NotFoundException with cause
// "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID:
// <id>; Proxy: null)". A client-side error's cause is its message alone.
asl::Error OptimizedError(const ServiceNames& service, const AwsError& error,
                          std::string_view request_id);
// The task error of an AWS SDK integration, e.g. Sns.NotFoundException with cause
// "Topic does not exist (Service: Sns, Status Code: 404, Request ID: <id>)".
asl::Error SdkError(const ServiceNames& service, const AwsError& error,
                    std::string_view request_id);

// `value` with the keys of every object in alphabetical (byte) order, as the SDKs' Jackson
// serialisation writes API structures. Use it on API responses, never on user payloads.
asl::Json SortedKeys(const asl::Json& value);
// The same, in place: members are moved, never copied, and objects already in order are left
// alone, so sorting a large response (an Athena result page) costs one pass over it.
void SortKeysInPlace(asl::Json& value);

// RFC 7231 IMF-fixdate of a virtual time: "Mon, 01 Jan 2024 00:00:00 GMT".
std::string HttpDate(SimTime at);

// What an optimized output says about the HTTP exchange.
struct HttpExchange {
  std::string_view request_id;
  SimTime at;
  size_t content_length = 0;  // bytes of the response body as the service sends it
  int status = 200;
  // Lambda only.
  std::string_view executed_version = "$LATEST";
  std::string_view trace_id;
  // DynamoDB only: the body's CRC32 (x-amz-crc32) and the request id header's spelling, which
  // the recording shows lower-case for GetItem (dynamodb_put_get_item.json).
  uint32_t crc32 = 0;
  bool lowercase_request_id = false;
};

// Adds SdkHttpMetadata and SdkResponseMetadata to an API response for an optimized integration
// and returns it with every key in alphabetical order. `payload_key` names a member holding a
// user payload (Lambda's "Payload") whose own keys must keep their order.
asl::Json OptimizedOutput(const ServiceNames& service, asl::Json response,
                          const HttpExchange& exchange, std::string_view payload_key = "");

// The most bytes OptimizedOutput adds to a response: its two metadata members with the longest
// header values a service sends (checked in aws_response_test.cc).
inline constexpr int64_t kOptimizedMetadataMaxBytes = 2048;

// OptimizedOutput with the metadata deferred (DeferredResult): sorts `response` as
// OptimizedOutput would, to be handed over as the core, and returns what builds the rest on
// demand. Not for a response with a user payload (Lambda's Payload), whose size has no bound.
DeferredResult DeferOptimizedOutput(const ServiceNames& service, asl::Json& response,
                                    const HttpExchange& exchange);

}  // namespace sim
