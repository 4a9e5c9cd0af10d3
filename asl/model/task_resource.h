#pragma once
// A Task state's Resource, classified the way Step Functions dispatches and records it.
// https://docs.aws.amazon.com/step-functions/latest/dg/integrate-services.html
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html

#include <string>
#include <string_view>

#include "asl/base/result.h"

namespace asl {

enum class ResourceKind {
  kOptimized,  // arn:aws:states:::sns:publish[.sync|.sync:2|.waitForTaskToken]
  kAwsSdk,     // arn:aws:states:::aws-sdk:sns:publishBatch[.waitForTaskToken]
  kLambda,     // arn:aws:lambda:us-east-1:123456789012:function:name[:alias]
  kActivity,   // arn:aws:states:us-east-1:123456789012:activity:name
  kHttp,       // arn:aws:states:::http:invoke
};

enum class IntegrationPattern { kRequestResponse, kSync, kSync2, kWaitForTaskToken };

struct TaskResource {
  std::string arn;          // as written
  ResourceKind kind = ResourceKind::kOptimized;
  IntegrationPattern pattern = IntegrationPattern::kRequestResponse;
  std::string partition;    // "aws"
  std::string region;       // region of a Lambda/activity ARN; empty for service integrations
  std::string account;
  std::string service;      // "sns", "athena", "states", "lambda"; the SDK service for aws-sdk
  std::string api;          // "publish", "startQueryExecution", "publishBatch"
  // As TaskScheduled/TaskStarted/… events name it: resourceType "sns" / "aws-sdk:sns";
  // resource "publish" / "startExecution.sync" / "publishBatch".
  std::string history_resource_type;
  std::string history_resource;
  std::string function_name;  // Lambda ARNs: the function name (with qualifier)
};

// Parses a Resource ARN. The error is a diagnostic message.
Result<TaskResource, std::string> ParseTaskResource(std::string_view arn);

}  // namespace asl
