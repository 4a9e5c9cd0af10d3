#include "simulator/api/api_request.h"

#include <fmt/format.h>

#include "asl/base/utf8.h"

namespace sim::api {

void Fail(ApiError error) { throw ApiFailure{std::move(error)}; }
void Fail(std::string code, std::string message) {
  throw ApiFailure{ApiError{std::move(code), std::move(message)}};
}

ApiRequest ApiRequest::Parse(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return ApiRequest(asl::Json::object());
  }
  asl::Json parsed = asl::Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    Fail(SerializationError("The request body is not valid JSON"));
  }
  if (!parsed.is_object()) {
    Fail(SerializationError(fmt::format("The request body must be a JSON object, not {}",
                                        parsed.type_name())));
  }
  return ApiRequest(std::move(parsed));
}

const asl::Json* ApiRequest::Member(const char* name) const {
  auto it = body_.find(name);
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

namespace {

[[noreturn]] void WrongType(const char* name, const char* expected, const asl::Json& value) {
  Fail(SerializationError(
      fmt::format("Member '{}' must be {}, not {}", name, expected, value.type_name())));
}

}  // namespace

std::string ApiRequest::RequiredString(const char* name) const {
  std::optional<std::string> value = OptionalString(name);
  if (!value) Fail(MissingMember(name));
  return std::move(*value);
}

std::optional<std::string> ApiRequest::OptionalString(const char* name) const {
  const asl::Json* value = Member(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) WrongType(name, "a string", *value);
  return value->get<std::string>();
}

std::optional<int64_t> ApiRequest::OptionalInteger(const char* name) const {
  const asl::Json* value = Member(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) WrongType(name, "an integer", *value);
  return value->get<int64_t>();
}

std::optional<bool> ApiRequest::OptionalBoolean(const char* name) const {
  const asl::Json* value = Member(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) WrongType(name, "a boolean", *value);
  return value->get<bool>();
}

void ApiRequest::CheckLength(const char* name, const std::string& value, size_t min,
                             size_t max) const {
  const size_t length = asl::CodePoints(value);
  if (length < min || length > max) {
    // AWS echoes the value; a long one is cut so the message stays readable.
    std::string shown = value.size() > 200 ? value.substr(0, 200) + "..." : value;
    Fail(InvalidMember(name, shown,
                       fmt::format("Member must have length between {} and {}", min, max)));
  }
}

int64_t ApiRequest::PageSize(int64_t default_size) const {
  std::optional<int64_t> size = OptionalInteger("maxResults");
  if (!size || *size == 0) return default_size;
  if (*size < 0 || *size > 1000) {
    Fail(InvalidMember("maxResults", std::to_string(*size),
                       "Member must have value less than or equal to 1000"));
  }
  return *size;
}

}  // namespace sim::api
