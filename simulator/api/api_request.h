#pragma once
// One API request's body, read member by member with AWS's checks. A request that breaks a
// rule ends the action by throwing ApiFailure, which the dispatcher (step_functions_api.cc) turns
// into the error response; nothing outside this module sees the exception.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "asl/base/json.h"
#include "simulator/api/api_error.h"

namespace sim::api {

struct ApiFailure {
  ApiError error;
};
[[noreturn]] void Fail(ApiError error);
[[noreturn]] void Fail(std::string code, std::string message);

class ApiRequest {
 public:
  // The body must be a JSON object ("" counts as {} as the SDKs send for empty inputs).
  static ApiRequest Parse(std::string_view body);
  explicit ApiRequest(asl::Json body) : body_(std::move(body)) {}

  const asl::Json& body() const { return body_; }
  // Null when absent or JSON null.
  const asl::Json* Member(const char* name) const;
  std::string RequiredString(const char* name) const;
  std::optional<std::string> OptionalString(const char* name) const;
  std::optional<int64_t> OptionalInteger(const char* name) const;
  std::optional<bool> OptionalBoolean(const char* name) const;
  // A string member's length within [min, max] characters (AWS counts UTF-16 code units; we
  // count code points, which agree for every name the API accepts).
  void CheckLength(const char* name, const std::string& value, size_t min, size_t max) const;
  // maxResults: 0..1000, 0 meaning the default.
  int64_t PageSize(int64_t default_size) const;

 private:
  asl::Json body_;
};

}  // namespace sim::api
