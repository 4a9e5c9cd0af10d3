#include "simulator/services/integration/aws_response.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <memory>
#include <vector>

#include "asl/intrinsics/hash_digests.h"
#include "asl/runtime/io_pipeline.h"

namespace sim {

namespace {

// Error codes each service's SDK model declares (the API references' "Errors" sections).
// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html#API_Publish_Errors
constexpr ModelledCode kSnsCodes[] = {
    {"AuthorizationError", ""},      {"BatchEntryIdsNotDistinct", ""},
    {"BatchRequestTooLong", ""},     {"EmptyBatchRequest", ""},
    {"EndpointDisabled", ""},        {"InternalError", ""},
    {"InvalidBatchEntryId", ""},     {"InvalidParameter", ""},
    {"ParameterValueInvalid", "InvalidParameterValueException"},
    {"InvalidSecurity", ""},         {"KMSAccessDenied", ""},
    {"KMSDisabled", ""},             {"KMSInvalidState", ""},
    {"KMSNotFound", ""},             {"KMSOptInRequired", ""},
    {"KMSThrottling", ""},           {"NotFound", ""},
    {"PlatformApplicationDisabled", ""}, {"Throttled", ""},
    {"TooManyEntriesInBatchRequest", ""}, {"ValidationException", ""},
};
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
constexpr ModelledCode kSqsCodes[] = {
    {"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExistException"},
    {"QueueDoesNotExist", "QueueDoesNotExistException"},
    {"InvalidMessageContents", ""},
    {"AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperationException"},
    {"AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
     "TooManyEntriesInBatchRequestException"},
    {"AWS.SimpleQueueService.EmptyBatchRequest", "EmptyBatchRequestException"},
    {"AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinctException"},
    {"AWS.SimpleQueueService.BatchRequestTooLong", "BatchRequestTooLongException"},
    {"AWS.SimpleQueueService.InvalidBatchEntryId", "InvalidBatchEntryIdException"},
    {"RequestThrottled", ""},
};
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
constexpr ModelledCode kLambdaCodes[] = {
    {"ResourceNotFoundException", ""},    {"TooManyRequestsException", ""},
    {"ServiceException", ""},             {"InvalidParameterValueException", ""},
    {"InvalidRequestContentException", ""}, {"RequestTooLargeException", ""},
    {"UnsupportedMediaTypeException", ""}, {"ResourceConflictException", ""},
    {"ResourceNotReadyException", ""},    {"InvalidRuntimeException", ""},
    {"EC2ThrottledException", ""},        {"ENILimitReachedException", ""},
};
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
constexpr ModelledCode kSfnCodes[] = {
    {"ExecutionAlreadyExists", ""}, {"ExecutionLimitExceeded", ""},
    {"InvalidArn", ""},             {"InvalidExecutionInput", ""},
    {"InvalidName", ""},            {"StateMachineDeleting", ""},
    {"StateMachineDoesNotExist", ""}, {"ValidationException", ""},
    {"KmsAccessDeniedException", ""}, {"KmsThrottlingException", ""},
};
// https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
constexpr ModelledCode kAthenaCodes[] = {
    {"InternalServerException", ""}, {"InvalidRequestException", ""},
    {"TooManyRequestsException", ""}, {"ResourceNotFoundException", ""},
    {"MetadataException", ""},
};

// Content types as recorded: text/xml (SNS, query protocol), application/x-amz-json-1.0 (SQS,
// Step Functions), application/json (Lambda). Athena speaks JSON 1.1 (its service model).
constexpr ServiceNames kSns{"sns", "SNS", "AmazonSNS", "AmazonSNSException",
                            "Sns", "SnsException", "text/xml", HeaderLayout::kStandard, kSnsCodes};
constexpr ServiceNames kSqs{"sqs", "SQS", "AmazonSQS", "AmazonSQSException",
                            "Sqs", "SqsException", "application/x-amz-json-1.0",
                            HeaderLayout::kStandard, kSqsCodes};
constexpr ServiceNames kLambda{"lambda", "Lambda", "AWSLambda", "AWSLambdaException",
                               "Lambda", "LambdaException", "application/json",
                               HeaderLayout::kLambda, kLambdaCodes};
constexpr ServiceNames kSfn{"states", "StepFunctions", "AWSStepFunctions",
                            "AWSStepFunctionsException", "Sfn", "SfnException",
                            "application/x-amz-json-1.0", HeaderLayout::kStandard, kSfnCodes};
constexpr ServiceNames kAthena{"athena", "Athena", "AmazonAthena", "AmazonAthenaException",
                               "Athena", "AthenaException", "application/x-amz-json-1.1",
                               HeaderLayout::kStandard, kAthenaCodes};

const ModelledCode* FindModelled(const ServiceNames& service, std::string_view code) {
  for (const ModelledCode& c : service.codes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

asl::Json Header(std::string_view value) { return asl::Json::array({std::string(value)}); }

}  // namespace

const ServiceNames& SnsNames() { return kSns; }
const ServiceNames& SqsNames() { return kSqs; }
const ServiceNames& LambdaNames() { return kLambda; }
const ServiceNames& SfnNames() { return kSfn; }
const ServiceNames& AthenaNames() { return kAthena; }

std::string ExceptionClass(const ServiceNames& service, const AwsError& error, bool sdk_v2) {
  if (error.http_status == 0) return "SdkClientException";
  if (const ModelledCode* modelled = FindModelled(service, error.code)) {
    if (!modelled->exception.empty()) return std::string(modelled->exception);
    if (error.code.ends_with("Exception")) return error.code;
    return error.code + "Exception";
  }
  return std::string(sdk_v2 ? service.v2_generic : service.v1_generic);
}

asl::Error OptimizedError(const ServiceNames& service, const AwsError& error,
                          std::string_view request_id) {
  std::string name =
      fmt::format("{}.{}", service.optimized_prefix, ExceptionClass(service, error, false));
  if (error.http_status == 0) return asl::Error(std::move(name), error.message);
  return asl::Error(std::move(name),
                    fmt::format("{} (Service: {}; Status Code: {}; Error Code: {}; Request ID: "
                                "{};{} Proxy: null)",
                                error.message, service.v1_service, error.http_status,
                                error.code, request_id,
                                service.extended_request_id
                                    ? fmt::format(" S3 Extended Request ID: {};",
                                                  ExtendedRequestId(request_id))
                                    : std::string()));
}

asl::Error SdkError(const ServiceNames& service, const AwsError& error,
                    std::string_view request_id) {
  std::string name = fmt::format("{}.{}", service.sdk_prefix, ExceptionClass(service, error, true));
  if (error.http_status == 0) return asl::Error(std::move(name), error.message);
  return asl::Error(std::move(name),
                    fmt::format("{} (Service: {}, Status Code: {}, Request ID: {}{})",
                                error.message, service.sdk_prefix, error.http_status,
                                request_id,
                                service.extended_request_id
                                    ? ", Extended Request ID: " + ExtendedRequestId(request_id)
                                    : std::string()));
}

std::string ExtendedRequestId(std::string_view request_id) {
  // One base64 digit per byte of SHA-256 digests of the request id (S3's ids are 76 digits).
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (int round = 0; out.size() < 76; ++round) {
    std::string hex = asl::intrinsics::Sha256Hex(fmt::format("{}/{}", request_id, round));
    for (size_t i = 0; i + 1 < hex.size() && out.size() < 76; i += 2) {
      out += kDigits[std::stoi(hex.substr(i, 2), nullptr, 16) & 0x3F];
    }
  }
  return out;
}

asl::Json SortedKeys(const asl::Json& value) {
  asl::Json out = value;
  SortKeysInPlace(out);
  return out;
}

namespace {

// Puts an object's own members in key order (not its members' members).
void SortMembers(asl::Json& value) {
  bool sorted = true;
  const std::string* previous = nullptr;
  for (auto it = value.begin(); it != value.end() && sorted; ++it) {
    if (previous && *previous > it.key()) sorted = false;
    previous = &it.key();
  }
  if (sorted) return;
  // ordered_json keeps members in a vector of pairs with const keys: rebuild, moving values.
  std::vector<std::pair<std::string, asl::Json*>> members;
  members.reserve(value.size());
  for (auto it = value.begin(); it != value.end(); ++it) members.emplace_back(it.key(), &it.value());
  std::sort(members.begin(), members.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  asl::Json out = asl::ObjectWithCapacity(members.size());
  for (auto& [key, member] : members) out.emplace(std::move(key), std::move(*member));
  value = std::move(out);
}

}  // namespace

void SortKeysInPlace(asl::Json& value) {
  if (value.is_array()) {
    for (asl::Json& item : value) SortKeysInPlace(item);
    return;
  }
  if (!value.is_object()) return;
  for (auto it = value.begin(); it != value.end(); ++it) SortKeysInPlace(it.value());
  SortMembers(value);
}

std::string HttpDate(SimTime at) {
  // Consecutive calls mostly fall in the same second (every SNS publish asks).
  static thread_local int64_t cached_second = INT64_MIN;
  static thread_local std::string cached;
  int64_t second = at.ms >= 0 ? at.ms / 1000 : (at.ms - 999) / 1000;
  if (second == cached_second) return cached;
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr",
                                                          "May", "Jun", "Jul", "Aug",
                                                          "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = static_cast<std::time_t>(second);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  cached_second = second;
  return cached = fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} GMT", kDays[tm.tm_wday],
                     tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                     tm.tm_sec);
}

asl::Json OptimizedOutput(const ServiceNames& service, asl::Json response,
                          const HttpExchange& exchange, std::string_view payload_key) {
  std::string length = std::to_string(exchange.content_length);
  std::string date = HttpDate(exchange.at);
  std::string request_id(exchange.request_id);
  // AllHttpHeaders keeps the SDK's (hash map) order and list values; HttpHeaders is a
  // case-insensitive sorted map of single values. Both orders as recorded.
  asl::Json all = asl::ObjectWithCapacity(8);
  asl::Json headers = asl::ObjectWithCapacity(8);
  if (service.headers == HeaderLayout::kLambda) {
    all["X-Amz-Executed-Version"] = Header(exchange.executed_version);
    all["x-amzn-Remapped-Content-Length"] = Header("0");
    all["Connection"] = Header("keep-alive");
    all["x-amzn-RequestId"] = Header(request_id);
    all["Content-Length"] = Header(length);
    all["Date"] = Header(date);
    all["X-Amzn-Trace-Id"] = Header(exchange.trace_id);
    all["Content-Type"] = Header(service.content_type);
    headers["Connection"] = "keep-alive";
    headers["Content-Length"] = length;
    headers["Content-Type"] = service.content_type;
    headers["Date"] = date;
    headers["X-Amz-Executed-Version"] = exchange.executed_version;
    headers["x-amzn-Remapped-Content-Length"] = "0";
    headers["x-amzn-RequestId"] = request_id;
    headers["X-Amzn-Trace-Id"] = exchange.trace_id;
  } else if (service.headers == HeaderLayout::kDynamoDb) {
    // As recorded (dynamodb_put_get_item.json): AllHttpHeaders in the SDK's order, the request
    // id header's name as DynamoDB spelled it, HttpHeaders case-insensitively sorted.
    std::string crc = std::to_string(exchange.crc32);
    const char* id_header = exchange.lowercase_request_id ? "x-amzn-requestid" : "x-amzn-RequestId";
    all["Server"] = Header("Server");
    if (exchange.lowercase_request_id) all[id_header] = Header(request_id);
    all["Connection"] = Header("keep-alive");
    if (!exchange.lowercase_request_id) all[id_header] = Header(request_id);
    all["x-amz-crc32"] = Header(crc);
    all["Content-Length"] = Header(length);
    all["Date"] = Header(date);
    all["Content-Type"] = Header(service.content_type);
    headers["Connection"] = "keep-alive";
    headers["Content-Length"] = length;
    headers["Content-Type"] = service.content_type;
    headers["Date"] = date;
    headers["Server"] = "Server";
    headers["x-amz-crc32"] = crc;
    headers[id_header] = request_id;
  } else {
    all["x-amzn-RequestId"] = Header(request_id);
    all["connection"] = Header("keep-alive");
    all["Content-Length"] = Header(length);
    all["Date"] = Header(date);
    all["Content-Type"] = Header(service.content_type);
    headers["connection"] = "keep-alive";
    headers["Content-Length"] = length;
    headers["Content-Type"] = service.content_type;
    headers["Date"] = date;
    headers["x-amzn-RequestId"] = request_id;
  }
  asl::Json metadata = asl::ObjectWithCapacity(3);
  metadata["AllHttpHeaders"] = std::move(all);
  metadata["HttpHeaders"] = std::move(headers);
  metadata["HttpStatusCode"] = exchange.status;
  // Sort the API structure (but not a user payload), then the top level; the header maps keep
  // the SDK's order, above.
  for (auto it = response.begin(); it != response.end(); ++it) {
    if (payload_key.empty() || it.key() != payload_key) SortKeysInPlace(it.value());
  }
  // Growing `response` here deep-copies its members (ordered_json's const keys make them
  // copy-only), an Athena page included. Building a new object the members move into instead
  // was measured slower: the 1 M backfill 36.5 s -> 49.5 s CPU and +9 MB, apparently because the
  // copy leaves the page compact for the thousand Map iterations that read it. Kept until pages
  // are built compact in the first place.
  asl::ReserveMembers(response, 2);
  response["SdkHttpMetadata"] = std::move(metadata);
  asl::Json response_metadata = asl::ObjectWithCapacity(1);
  response_metadata["RequestId"] = std::move(request_id);
  response["SdkResponseMetadata"] = std::move(response_metadata);
  SortMembers(response);
  return response;
}

DeferredResult DeferOptimizedOutput(const ServiceNames& service, asl::Json& response,
                                    const HttpExchange& exchange) {
  for (auto it = response.begin(); it != response.end(); ++it) SortKeysInPlace(it.value());
  SortMembers(response);
  // The exchange's views outlive this call: the metadata is built later, if at all.
  struct Owned {
    std::string request_id, executed_version, trace_id;
    HttpExchange exchange;
  };
  auto owned = std::make_shared<Owned>(Owned{std::string(exchange.request_id),
                                             std::string(exchange.executed_version),
                                             std::string(exchange.trace_id), exchange});
  owned->exchange.request_id = owned->request_id;
  owned->exchange.executed_version = owned->executed_version;
  owned->exchange.trace_id = owned->trace_id;
  DeferredResult deferred;
  deferred.complete = [&service, owned](asl::Json core) {
    return OptimizedOutput(service, std::move(core), owned->exchange);
  };
  deferred.max_bytes = static_cast<int64_t>(asl::SerializedSize(response)) +
                       kOptimizedMetadataMaxBytes;
  return deferred;
}

}  // namespace sim
