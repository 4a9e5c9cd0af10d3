#include "simulator/services/integration/request_fields.h"

#include <fmt/format.h>

#include <charconv>

namespace sim {

AwsError ClientError(std::string message) {
  AwsError e;
  e.code = "";
  e.message = std::move(message);
  e.http_status = 0;
  e.sender_fault = true;
  return e;
}

AwsError ServiceError(std::string code, std::string message, int http_status,
                      bool sender_fault) {
  AwsError e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.http_status = http_status;
  e.sender_fault = sender_fault;
  return e;
}

asl::Result<std::optional<std::string>, AwsError> StringField(const asl::Json& request,
                                                              std::string_view key) {
  if (!request.is_object()) return std::optional<std::string>();
  auto it = request.find(std::string(key));
  if (it == request.end() || it->is_null()) return std::optional<std::string>();
  if (it->is_string()) return std::optional<std::string>(it->get<std::string>());
  if (it->is_number() || it->is_boolean()) return std::optional<std::string>(asl::Dump(*it));
  return asl::Fail(ClientError(fmt::format(
      "Unable to marshall request to JSON: Cannot deserialize value of type `java.lang.String` "
      "from {} value for field '{}'", it->is_array() ? "Array" : "Object", key)));
}

std::optional<std::string> TextOrJsonField(const asl::Json& request, std::string_view key) {
  if (!request.is_object()) return std::nullopt;
  auto it = request.find(std::string(key));
  if (it == request.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return asl::Dump(*it);
}

asl::Result<std::optional<int64_t>, AwsError> IntegerField(const asl::Json& request,
                                                           std::string_view key) {
  if (!request.is_object()) return std::optional<int64_t>();
  auto it = request.find(std::string(key));
  if (it == request.end() || it->is_null()) return std::optional<int64_t>();
  if (it->is_number_integer()) return std::optional<int64_t>(it->get<int64_t>());
  if (it->is_number_float()) {
    double d = it->get<double>();
    if (d == static_cast<double>(static_cast<int64_t>(d))) {
      return std::optional<int64_t>(static_cast<int64_t>(d));
    }
  }
  if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size()) return std::optional<int64_t>(v);
  }
  return asl::Fail(ClientError(fmt::format(
      "Unable to marshall request to JSON: Cannot deserialize value of type `java.lang.Integer` "
      "from {} for field '{}'", asl::Dump(*it), key)));
}

}  // namespace sim
