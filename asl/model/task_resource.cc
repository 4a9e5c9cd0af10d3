#include "asl/model/task_resource.h"

#include <fmt/format.h>

#include <vector>

namespace asl {

namespace {
std::vector<std::string_view> SplitColons(std::string_view text, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) break;
    parts.push_back(text.substr(0, colon));
    text.remove_prefix(colon + 1);
  }
  parts.push_back(text);
  return parts;
}
}  // namespace

Result<TaskResource, std::string> ParseTaskResource(std::string_view arn) {
  TaskResource r;
  r.arn = std::string(arn);
  // arn:partition:service:region:account:resource
  std::vector<std::string_view> parts = SplitColons(arn, 6);
  if (parts.size() < 6 || parts[0] != "arn" || parts[1].empty() || parts[2].empty()) {
    return Fail(fmt::format("\"{}\" is not a valid resource ARN "
                            "(expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)", arn));
  }
  r.partition = std::string(parts[1]);
  std::string_view service = parts[2];
  std::string_view resource = parts[5];

  if (service == "lambda") {
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    if (!resource.starts_with("function:") || resource.size() == 9) {
      return Fail(fmt::format("\"{}\" is not a Lambda function ARN "
                              "(expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME)", arn));
    }
    r.kind = ResourceKind::kLambda;
    r.region = std::string(parts[3]);
    r.account = std::string(parts[4]);
    r.service = "lambda";
    r.function_name = std::string(resource.substr(9));
    return r;
  }
  if (service != "states") {
    return Fail(fmt::format("\"{}\" is not a resource Step Functions can call: expected a "
                            "service integration (arn:aws:states:::SERVICE:API), a Lambda "
                            "function or an activity ARN", arn));
  }
  if (resource.starts_with("activity:")) {
    // arn:aws:states:REGION:ACCOUNT:activity:NAME
    if (resource.size() == 9 || parts[3].empty() || parts[4].empty()) {
      return Fail(fmt::format("\"{}\" is not a valid activity ARN (expected "
                              "arn:PARTITION:states:REGION:ACCOUNT:activity:NAME)", arn));
    }
    r.kind = ResourceKind::kActivity;
    r.region = std::string(parts[3]);
    r.account = std::string(parts[4]);
    r.service = "activity";
    return r;
  }
  // A service integration may name a region and account
  // (arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject, as AWS Application Composer
  // writes it); Step Functions accepts it, as LocalStack's ASL implementation does (its
  // ResourceARN keeps the region and account of any states resource). It is dispatched and
  // recorded as the short form arn:aws:states:::aws-sdk:s3:getObject, which is what follows.
  // NONSTANDARD: the call is not sent to that region or account (docs/known-differences.md).
  // arn:aws:states:::SERVICE:API[.PATTERN]  or  arn:aws:states:::aws-sdk:SERVICE:API[.PATTERN]
  std::string_view rest = resource;
  bool sdk = false;
  if (rest.starts_with("aws-sdk:")) {
    sdk = true;
    rest.remove_prefix(8);
  }
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) {
    return Fail(fmt::format("\"{}\" is not a valid service integration ARN "
                            "(expected arn:aws:states:::SERVICE:API[.sync|.waitForTaskToken])",
                            arn));
  }
  std::string_view svc = rest.substr(0, colon);
  std::string_view api_and_pattern = rest.substr(colon + 1);
  std::string_view api = api_and_pattern;
  size_t dot = api_and_pattern.find('.');
  if (dot != std::string_view::npos) {
    api = api_and_pattern.substr(0, dot);
    std::string_view pattern = api_and_pattern.substr(dot + 1);
    if (pattern == "sync") r.pattern = IntegrationPattern::kSync;
    else if (pattern == "sync:2") r.pattern = IntegrationPattern::kSync2;
    else if (pattern == "waitForTaskToken") r.pattern = IntegrationPattern::kWaitForTaskToken;
    else {
      return Fail(fmt::format("\"{}\": unknown integration pattern \".{}\" (expected .sync, "
                              ".sync:2 or .waitForTaskToken)", arn, pattern));
    }
    if (sdk && r.pattern != IntegrationPattern::kWaitForTaskToken) {
      return Fail(fmt::format("\"{}\": AWS SDK integrations support only request-response and "
                              ".waitForTaskToken, not .{}", arn, pattern));
    }
  }
  if (api.empty() || svc.empty() || api.find(':') != std::string_view::npos) {
    return Fail(fmt::format("\"{}\" is not a valid service integration ARN", arn));
  }
  r.kind = sdk ? ResourceKind::kAwsSdk : ResourceKind::kOptimized;
  if (!sdk && svc == "http" && api == "invoke") r.kind = ResourceKind::kHttp;
  r.service = std::string(svc);
  r.api = std::string(api);
  r.history_resource_type = sdk ? fmt::format("aws-sdk:{}", svc) : std::string(svc);
  r.history_resource = std::string(api_and_pattern);
  return r;
}

}  // namespace asl
