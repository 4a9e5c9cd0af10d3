#include "asl/validate/field_reader.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace asl {

std::string DescribeValue(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string: {
      const std::string& s = value.get_ref<const std::string&>();
      if (s.size() > 40) return fmt::format("string \"{}…\"", s.substr(0, 40));
      return fmt::format("string \"{}\"", s);
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
    case Json::value_t::boolean: return fmt::format("{} {}", TypeName(value), Dump(value));
    default: return TypeName(value);
  }
}

FieldReader::FieldReader(const Json& object, std::string pointer, DiagnosticList& diagnostics)
    : object_(object), pointer_(std::move(pointer)), diagnostics_(diagnostics) {}

bool FieldReader::Has(std::string_view key) const {
  return object_.is_object() && object_.contains(key);
}

const Json* FieldReader::Get(std::string_view key) {
  if (std::find(queried_.begin(), queried_.end(), key) == queried_.end()) {
    queried_.emplace_back(key);
  }
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end()) return nullptr;
  Accept(key);
  return &*it;
}

void FieldReader::Accept(std::string_view key) {
  if (std::find(queried_.begin(), queried_.end(), key) == queried_.end()) {
    queried_.emplace_back(key);
  }
  if (std::find(read_.begin(), read_.end(), key) == read_.end()) read_.emplace_back(key);
}

void FieldReader::Missing(std::string_view key) {
  diagnostics_.Add(DiagnosticCode::kMissingField, pointer_,
                   fmt::format("required field \"{}\" is missing", key));
}

void FieldReader::WrongType(std::string_view key, std::string_view expected, const Json& got) {
  diagnostics_.Add(DiagnosticCode::kWrongType, PointerTo(key),
                   fmt::format("expected {}, got {}", expected, DescribeValue(got)));
}

std::optional<std::string> FieldReader::String(std::string_view key, bool required) {
  const Json* v = Get(key);
  if (!v) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!v->is_string()) {
    WrongType(key, "a string", *v);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> FieldReader::NonEmptyString(std::string_view key, bool required) {
  std::optional<std::string> s = String(key, required);
  if (s && s->empty()) {
    diagnostics_.Add(DiagnosticCode::kInvalidValue, PointerTo(key),
                     "expected a non-empty string");
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> FieldReader::Integer(std::string_view key, int64_t min, int64_t max,
                                            bool required) {
  const Json* v = Get(key);
  if (!v) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!v->is_number_integer()) {
    WrongType(key, "an integer", *v);
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    diagnostics_.Add(DiagnosticCode::kOutOfRange, PointerTo(key),
                     fmt::format("{} is out of range: expected an integer from {} to {}",
                                 Dump(*v), min, max));
    return std::nullopt;
  }
  int64_t value = v->get<int64_t>();
  if (value < min || value > max) {
    diagnostics_.Add(DiagnosticCode::kOutOfRange, PointerTo(key),
                     fmt::format("{} is out of range: expected an integer from {} to {}", value,
                                 min, max));
    return std::nullopt;
  }
  return value;
}

std::optional<double> FieldReader::Number(std::string_view key, double min, double max,
                                          bool required) {
  const Json* v = Get(key);
  if (!v) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!v->is_number()) {
    WrongType(key, "a number", *v);
    return std::nullopt;
  }
  double value = v->get<double>();
  if (!(value >= min && value <= max)) {
    std::string expected = std::isinf(max) ? fmt::format("a number of at least {}", min)
                                           : fmt::format("a number from {} to {}", min, max);
    diagnostics_.Add(DiagnosticCode::kOutOfRange, PointerTo(key),
                     fmt::format("{} is out of range: expected {}", Dump(*v), expected));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> FieldReader::Boolean(std::string_view key, bool required) {
  const Json* v = Get(key);
  if (!v) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!v->is_boolean()) {
    WrongType(key, "a boolean", *v);
    return std::nullopt;
  }
  return v->get<bool>();
}

const Json* FieldReader::Object(std::string_view key, bool required) {
  const Json* v = Get(key);
  if (!v) {
    if (required) Missing(key);
    return nullptr;
  }
  if (!v->is_object()) {
    WrongType(key, "an object", *v);
    return nullptr;
  }
  return v;
}

const Json* FieldReader::Array(std::string_view key, bool required) {
  const Json* v = Get(key);
  if (!v) {
    if (required) Missing(key);
    return nullptr;
  }
  if (!v->is_array()) {
    WrongType(key, "an array", *v);
    return nullptr;
  }
  return v;
}

void FieldReader::Exclusive(std::initializer_list<std::string_view> keys) {
  std::string_view first;
  for (std::string_view key : keys) {
    if (!Has(key)) continue;
    if (first.empty()) {
      first = key;
      continue;
    }
    diagnostics_.Add(DiagnosticCode::kMutuallyExclusive, PointerTo(key),
                     fmt::format("\"{}\" cannot be used together with \"{}\"", key, first));
  }
}

void FieldReader::ReportUnknown(std::string_view where) {
  if (!object_.is_object()) return;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    const std::string& key = it.key();
    if (std::find(read_.begin(), read_.end(), key) != read_.end()) continue;
    std::string message = fmt::format("field \"{}\" is not valid in {}", key, where);
    std::string suggestion = SpellCheck(key, queried_);
    if (!suggestion.empty() && suggestion != key && !Has(suggestion)) {
      message += fmt::format(" (did you mean \"{}\"?)", suggestion);
    }
    diagnostics_.Add(DiagnosticCode::kUnknownField, PointerTo(key), message);
  }
}

}  // namespace asl
