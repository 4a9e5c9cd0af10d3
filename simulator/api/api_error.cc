#include "simulator/api/api_error.h"

#include <fmt/format.h>

#include "asl/base/json.h"

namespace sim::api {

std::string ErrorBody(const ApiError& error) {
  asl::Json body = asl::Json::object();
  // The namespace AWS's own answers carry (recorded: "com.amazonaws.swf.service.v2.model#
  // ExecutionDoesNotExist"); protocol-level errors carry none.
  const bool protocol_level = error.code == "SerializationException" ||
                              error.code == "UnknownOperationException" ||
                              error.code == "ValidationException";
  body["__type"] = protocol_level ? error.code
                                  : "com.amazonaws.swf.service.v2.model#" + error.code;
  body["message"] = error.message;
  return asl::Dump(body);
}

ApiError MissingMember(const std::string& member) {
  return ApiError{"ValidationException",
                  fmt::format("1 validation error detected: Value null at '{}' failed to satisfy "
                              "constraint: Member must not be null",
                              member)};
}

ApiError InvalidMember(const std::string& member, const std::string& value,
                       const std::string& constraint) {
  return ApiError{"ValidationException",
                  fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy "
                              "constraint: {}",
                              value, member, constraint)};
}

ApiError SerializationError(const std::string& message) {
  return ApiError{"SerializationException", message};
}

}  // namespace sim::api
