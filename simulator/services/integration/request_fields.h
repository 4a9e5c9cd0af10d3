#pragma once
// Reading an API request out of a task's Parameters. Step Functions hands the Parameters to the
// AWS SDK, whose (Jackson) deserialisation turns a number or a boolean into its text where the
// API wants a string; an object or an array there cannot be marshalled, which the SDK reports
// as a client-side error (SdkClientException) before any request is sent.

#include <optional>
#include <string>
#include <string_view>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/services/integration/aws_error.h"

namespace sim {

// An AwsError that never reached the service (http_status 0: SdkClientException).
AwsError ClientError(std::string message);

// A 400 error from the service.
AwsError ServiceError(std::string code, std::string message, int http_status = 400,
                      bool sender_fault = true);

// The text of a string-typed member; nullopt when absent or null.
asl::Result<std::optional<std::string>, AwsError> StringField(const asl::Json& request,
                                                              std::string_view key);

// A member that may be any JSON value and is sent as text: a string as it is, anything else
// serialised compactly (Step Functions serialises an object Message or MessageBody; recorded in
// sns_publish.json and sqs_wait_for_task_token_success.json).
std::optional<std::string> TextOrJsonField(const asl::Json& request, std::string_view key);

// An integer member (a whole number, or a string holding one); nullopt when absent or null.
asl::Result<std::optional<int64_t>, AwsError> IntegerField(const asl::Json& request,
                                                           std::string_view key);

}  // namespace sim
