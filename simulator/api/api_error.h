#pragma once
// The errors the Step Functions API answers with, in the AWS JSON 1.0 protocol's shape:
// HTTP 400 with {"__type": "<namespace>#<Code>", "message": "..."}. The SDKs read the code after
// the '#' (botocore's Error.Code, the Java SDK's exception class), so a client's
// `except sfn.exceptions.ExecutionDoesNotExist` works unchanged against the server.

#include <string>

namespace sim::api {

struct ApiError {
  std::string code;     // "ExecutionDoesNotExist", "ValidationException", ...
  std::string message;  // AWS's wording where it is documented or recorded
  int http_status = 400;
};

// The response body of an error.
std::string ErrorBody(const ApiError& error);

// "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint:
// Member must not be null", the Coral framework's form AWS answers with.
ApiError MissingMember(const std::string& member);
// A member that breaks a documented constraint (length, pattern, enumeration).
ApiError InvalidMember(const std::string& member, const std::string& value,
                       const std::string& constraint);
// A body that is not a JSON object, or a member of the wrong JSON type.
ApiError SerializationError(const std::string& message);

}  // namespace sim::api
