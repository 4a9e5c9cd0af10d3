#include "simulator/services/athena/request_fields.h"

#include <fmt/format.h>

#include <cmath>

namespace sim::athena {

AwsError InvalidRequest(std::string message) {
  return {"InvalidRequestException", std::move(message), 400, true};
}

AwsError TooManyRequests(std::string message) {
  return {"TooManyRequestsException", std::move(message), 400, true};
}

AwsError SerializationError(std::string message) {
  return {"SerializationException", std::move(message), 400, true};
}

void RequestReader::Mismatch(const asl::Json& value, const char* target) {
  if (error_) return;
  std::string target_name = target;
  std::string message;
  if (target_name == "list" && !value.is_object()) {
    message = "Expected list or null";
  } else if (value.is_array()) {
    message = "Start of list found where not expected";
  } else if (value.is_object()) {
    message = "Start of structure or map found where not expected.";
  } else if (target_name == "structure") {
    message = "Expected null";
  } else {
    const char* kind = value.is_string()    ? "STRING_VALUE"
                       : value.is_boolean() ? (value.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE")
                                            : "NUMBER_VALUE";
    message = fmt::format("{} can not be converted to {}", kind,
                          target_name == "Integer" ? "an Integer" : "a String");
  }
  error_ = SerializationError(std::move(message));
}

std::optional<std::string> RequestReader::String(const asl::Json& parent, const char* member) {
  auto it = parent.find(member);
  if (it == parent.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    Mismatch(*it, "String");
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<int64_t> RequestReader::Integer(const asl::Json& parent, const char* member) {
  auto it = parent.find(member);
  if (it == parent.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number_unsigned()) {
    uint64_t value = it->get<uint64_t>();
    return value > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(value);
  }
  if (it->is_number_float()) {
    // Measured: a fractional number is truncated, not rejected.
    double value = it->get<double>();
    if (!std::isfinite(value) || std::fabs(value) > 9.2e18) {
      return value < 0 ? INT64_MIN : INT64_MAX;
    }
    return static_cast<int64_t>(value);
  }
  Mismatch(*it, "Integer");
  return std::nullopt;
}

const asl::Json* RequestReader::Structure(const asl::Json& parent, const char* member) {
  auto it = parent.find(member);
  if (it == parent.end() || it->is_null()) return nullptr;
  if (!it->is_object()) {
    Mismatch(*it, "structure");
    return nullptr;
  }
  return &*it;
}

std::optional<std::vector<std::string>> RequestReader::StringList(const asl::Json& parent,
                                                                 const char* member) {
  auto it = parent.find(member);
  if (it == parent.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) {
    Mismatch(*it, "list");
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (const asl::Json& item : *it) {
    if (!item.is_string()) {
      Mismatch(item, "String");
      return std::nullopt;
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

std::optional<AwsError> CheckRequestObject(const asl::Json& request) {
  if (request.is_object()) return std::nullopt;
  if (request.is_array()) return SerializationError("Start of list found where not expected");
  return SerializationError("");
}

void ValidationErrors::NotNull(const char* path) {
  messages_.push_back(fmt::format(
      "Value null at '{}' failed to satisfy constraint: Member must not be null", path));
}

void ValidationErrors::MinLength(const char* path, int64_t min) {
  messages_.push_back(
      fmt::format("Value at '{}' failed to satisfy constraint: Member must have "
                  "length greater than or equal to {}",
                  path, min));
}

void ValidationErrors::MaxLength(const char* path, int64_t max) {
  messages_.push_back(
      fmt::format("Value at '{}' failed to satisfy constraint: Member must have "
                  "length less than or equal to {}",
                  path, max));
}

void ValidationErrors::MinValue(const char* path, int64_t min) {
  messages_.push_back(
      fmt::format("Value at '{}' failed to satisfy constraint: Member must have "
                  "value greater than or equal to {}",
                  path, min));
}

void ValidationErrors::MaxValue(const char* path, int64_t max) {
  messages_.push_back(
      fmt::format("Value at '{}' failed to satisfy constraint: Member must have "
                  "value less than or equal to {}",
                  path, max));
}

void ValidationErrors::Pattern(const char* path, const char* pattern) {
  messages_.push_back(
      fmt::format("Value at '{}' failed to satisfy constraint: Member must "
                  "satisfy regular expression pattern: {}",
                  path, pattern));
}

std::optional<AwsError> ValidationErrors::ToError() const {
  if (messages_.empty()) return std::nullopt;
  std::string joined;
  for (const std::string& message : messages_) {
    if (!joined.empty()) joined += "; ";
    joined += message;
  }
  return InvalidRequest(fmt::format("{} validation error{} detected: {}", messages_.size(),
                                    messages_.size() == 1 ? "" : "s", joined));
}

int64_t ConstraintLength(const std::string& text) {
  int64_t units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // a 4-byte sequence is a surrogate pair in UTF-16
  }
  return units;
}

bool MatchesWorkGroupPattern(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsS3Path(const std::string& location) {
  if (location.rfind("s3://", 0) != 0) return false;
  std::string_view rest = std::string_view(location).substr(5);
  size_t slash = rest.find('/');
  return !rest.substr(0, slash).empty();
}

asl::Result<std::string, AwsError> ReadQueryExecutionId(const asl::Json& request,
                                                        RequestReader& reader,
                                                        ValidationErrors& errors) {
  // https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryExecution.html
  constexpr int64_t kMaxIdLength = 128;
  std::optional<std::string> id = reader.String(request, "QueryExecutionId");
  if (reader.error()) return asl::Fail(*reader.error());
  if (!id) {
    errors.NotNull("queryExecutionId");
  } else if (ConstraintLength(*id) < 1) {
    errors.MinLength("queryExecutionId", 1);
  } else if (ConstraintLength(*id) > kMaxIdLength) {
    errors.MaxLength("queryExecutionId", kMaxIdLength);
  }
  return id.value_or("");
}

}  // namespace sim::athena
