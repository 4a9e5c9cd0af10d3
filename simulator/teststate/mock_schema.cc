// Response shapes of the APIs sfnsim's worlds simulate, from each service's API reference
// (output members, their types and which are required), and the walk that checks a mocked
// result against one. The messages are AWS's (LocalStack's AWS-validated snapshots,
// test_field_validation_mode.snapshot.json).

#include "simulator/teststate/mock_schema.h"

#include <fmt/format.h>

#include <initializer_list>
#include <string_view>
#include <vector>

namespace sim {

// A named namespace, not an anonymous one: in a unity build this file shares a translation unit
// with others whose anonymous namespaces use the same short names (kStartExecution).
namespace mock_schema {

struct Shape;

struct Member {
  std::string_view name;
  const Shape* shape;
  bool required = false;
};

struct Shape {
  enum class Kind { kAny, kString, kNumber, kBoolean, kTimestamp, kList, kStructure, kMap };
  Kind kind = Kind::kAny;
  std::vector<Member> members;   // kStructure
  const Shape* element = nullptr;  // kList, kMap (values)
  std::vector<std::string_view> allowed;  // kString enums
};

const Shape kAny{};
const Shape kString{Shape::Kind::kString, {}, nullptr, {}};
const Shape kNumber{Shape::Kind::kNumber, {}, nullptr, {}};
const Shape kBoolean{Shape::Kind::kBoolean, {}, nullptr, {}};
// Step Functions passes timestamps on as strings (a StartDate in an optimized integration's
// output), so a mocked one must be a string: AWS's "Field 'StartDate' must be a string".
const Shape kTimestamp{Shape::Kind::kTimestamp, {}, nullptr, {}};

Shape Structure(std::initializer_list<Member> members) {
  return Shape{Shape::Kind::kStructure, members, nullptr, {}};
}

// SNS Publish. https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
const Shape kSnsPublish = Structure({{"MessageId", &kString}, {"SequenceNumber", &kString}});

// SQS SendMessage. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
const Shape kSqsSendMessage = Structure({{"MD5OfMessageAttributes", &kString},
                                         {"MD5OfMessageBody", &kString},
                                         {"MD5OfMessageSystemAttributes", &kString},
                                         {"MessageId", &kString},
                                         {"SequenceNumber", &kString}});

// Lambda Invoke. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
const Shape kLambdaInvoke = Structure({{"StatusCode", &kNumber},
                                       {"FunctionError", &kString},
                                       {"LogResult", &kString},
                                       {"Payload", &kAny},
                                       {"ExecutedVersion", &kString}});

// Step Functions StartExecution. https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
const Shape kStartExecution =
    Structure({{"ExecutionArn", &kString, true}, {"StartDate", &kTimestamp, true}});

// EventBridge PutEvents. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
const Shape kPutEventsEntry = Structure(
    {{"EventId", &kString}, {"ErrorCode", &kString}, {"ErrorMessage", &kString}});
const Shape kPutEventsEntries{Shape::Kind::kList, {}, &kPutEventsEntry, {}};
const Shape kPutEvents =
    Structure({{"FailedEntryCount", &kNumber}, {"Entries", &kPutEventsEntries}});

// DynamoDB's ConsumedCapacity and the item-level APIs' outputs.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConsumedCapacity.html
const Shape kCapacity = Structure({{"CapacityUnits", &kNumber},
                                   {"ReadCapacityUnits", &kNumber},
                                   {"WriteCapacityUnits", &kNumber}});
const Shape kConsumedCapacity = Structure({{"CapacityUnits", &kNumber},
                                           {"ReadCapacityUnits", &kNumber},
                                           {"WriteCapacityUnits", &kNumber},
                                           {"TableName", &kString},
                                           {"Table", &kCapacity}});
const Shape kItem{Shape::Kind::kMap, {}, &kAny, {}};
const Shape kDynamoItemOutput = Structure({{"Attributes", &kItem},
                                           {"Item", &kItem},
                                           {"ConsumedCapacity", &kConsumedCapacity},
                                           {"ItemCollectionMetrics", &kAny}});

// Athena StartQueryExecution / GetQueryExecution (the members a workflow reads).
// https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
const Shape kStartQuery = Structure({{"QueryExecutionId", &kString}});

// S3 PutObject / GetObject (aws-sdk:s3), with GetObject's enum member.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
const Shape kStorageClass{Shape::Kind::kString,
                          {},
                          nullptr,
                          {"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
                           "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS",
                           "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE"}};
const Shape kS3GetObject = Structure({{"Body", &kAny},
                                      {"ContentLength", &kNumber},
                                      {"ContentType", &kString},
                                      {"ETag", &kString},
                                      {"LastModified", &kTimestamp},
                                      {"StorageClass", &kStorageClass}});
const Shape kS3PutObject = Structure({{"ETag", &kString}, {"VersionId", &kString}});

// The response shape of the API `resource` calls; null when sfnsim does not know it.
const Shape* ShapeFor(const asl::TaskResource& resource) {
  // A Lambda function ARN's result is the function's own payload: any JSON.
  if (resource.kind != asl::ResourceKind::kOptimized &&
      resource.kind != asl::ResourceKind::kAwsSdk) {
    return nullptr;
  }
  struct Entry {
    std::string_view service;
    std::string_view api;
    const Shape* shape;
  };
  static const Entry kEntries[] = {
      {"sns", "publish", &kSnsPublish},
      {"sqs", "sendMessage", &kSqsSendMessage},
      {"lambda", "invoke", &kLambdaInvoke},
      {"states", "startExecution", &kStartExecution},
      {"sfn", "startExecution", &kStartExecution},
      {"events", "putEvents", &kPutEvents},
      {"eventbridge", "putEvents", &kPutEvents},
      {"dynamodb", "putItem", &kDynamoItemOutput},
      {"dynamodb", "getItem", &kDynamoItemOutput},
      {"dynamodb", "updateItem", &kDynamoItemOutput},
      {"dynamodb", "deleteItem", &kDynamoItemOutput},
      {"athena", "startQueryExecution", &kStartQuery},
      {"s3", "getObject", &kS3GetObject},
      {"s3", "putObject", &kS3PutObject},
  };
  for (const Entry& e : kEntries) {
    if (resource.service == e.service && resource.api == e.api) return e.shape;
  }
  return nullptr;
}

std::string Check(const Shape& shape, std::string_view name, const asl::Json& value,
                  bool strict) {
  switch (shape.kind) {
    case Shape::Kind::kAny: return "";
    case Shape::Kind::kString:
    case Shape::Kind::kTimestamp:
      if (!value.is_string()) return fmt::format("Field '{}' must be a string", name);
      if (!shape.allowed.empty()) {
        for (std::string_view allowed : shape.allowed) {
          if (value.get_ref<const std::string&>() == allowed) return "";
        }
        return fmt::format("Field '{}' is not an expected value", name);
      }
      return "";
    case Shape::Kind::kNumber:
      if (!value.is_number()) return fmt::format("Field '{}' must be a number", name);
      return "";
    case Shape::Kind::kBoolean:
      if (!value.is_boolean()) return fmt::format("Field '{}' must be a boolean", name);
      return "";
    case Shape::Kind::kList:
      if (!value.is_array()) return fmt::format("Field '{}' must be an array", name);
      for (const asl::Json& element : value) {
        if (std::string problem = Check(*shape.element, name, element, strict); !problem.empty()) {
          return problem;
        }
      }
      return "";
    case Shape::Kind::kMap:
      if (!value.is_object()) return fmt::format("Field '{}' must be an object", name);
      for (const auto& [key, element] : value.items()) {
        if (std::string problem = Check(*shape.element, key, element, strict); !problem.empty()) {
          return problem;
        }
      }
      return "";
    case Shape::Kind::kStructure:
      if (!value.is_object()) return fmt::format("Field '{}' must be an object", name);
      for (const Member& member : shape.members) {
        auto it = value.find(std::string(member.name));
        if (it == value.end()) {
          if (strict && member.required) {
            return fmt::format("Required field '{}' is missing", member.name);
          }
          continue;
        }
        if (std::string problem = Check(*member.shape, member.name, *it, strict);
            !problem.empty()) {
          return problem;
        }
      }
      return "";
  }
  return "";
}

}  // namespace mock_schema

using mock_schema::Check;
using mock_schema::Shape;
using mock_schema::ShapeFor;

std::string CheckMockedResult(const asl::TaskResource& resource, const asl::Json& result,
                              bool strict) {
  const Shape* shape = ShapeFor(resource);
  if (!shape) return "";
  if (!result.is_object()) return "The mocked result must be a JSON object";
  return Check(*shape, "", result, strict);
}

}  // namespace sim
