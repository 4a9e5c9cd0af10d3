#include "asl/runtime/io_pipeline.h"

#include <fmt/format.h>

#include <array>

#include "asl/base/error_names.h"

namespace asl {

Result<const Json*> SelectPath(const InputOutputPath& field, const Json& input,
                               const Json* context, Json& storage) {
  switch (field.kind) {
    case InputOutputPath::Kind::kDefault: return &input;
    case InputOutputPath::Kind::kNull:
      storage = Json::object();
      return &storage;
    case InputOutputPath::Kind::kPath: break;
  }
  const JsonPath& path = *field.path;
  const Json& root = path.is_context() ? (context ? *context : input) : input;
  if (path.is_definite()) {
    if (const Json* found = path.Find(root)) {
      storage = *found;
      return &storage;
    }
  } else if (std::optional<Json> value = path.Evaluate(root)) {
    storage = std::move(*value);
    return &storage;
  }
  return Fail(Error(std::string(errors::kRuntime),
                    fmt::format("Invalid path '{}' : {}", path.text(), path.NotFoundDetail(root))));
}

Result<Json> ApplyResultPath(const ResultPathField& field, Json raw_input, Json result) {
  switch (field.kind) {
    case ResultPathField::Kind::kDefault: return result;
    case ResultPathField::Kind::kNull: return raw_input;
    case ResultPathField::Kind::kPath: break;
  }
  return field.path->Apply(std::move(raw_input), std::move(result));
}

Status<> ApplyResultPathInPlace(const ResultPathField& field, Json& raw_input, Json result) {
  switch (field.kind) {
    case ResultPathField::Kind::kDefault: raw_input = std::move(result); return {};
    case ResultPathField::Kind::kNull: return {};
    case ResultPathField::Kind::kPath: break;
  }
  return field.path->ApplyInPlace(raw_input, std::move(result));
}

Json ErrorOutput(const Error& error) {
  Json out = Json::object();
  if (!error.has_name && !error.has_cause) {
    out["Error"] = nullptr;
    out["Cause"] = nullptr;
    return out;
  }
  out["Error"] = error.has_name ? Json(error.name) : Json(nullptr);
  out["Cause"] = error.has_cause ? Json(error.cause) : Json("");
  return out;
}

bool ErrorMatches(const std::vector<std::string>& error_equals, const Error& error) {
  for (const std::string& name : error_equals) {
    if (name == error.name && error.has_name) return true;
    if (error.name == errors::kRuntime) continue;  // never retried or caught
    if (name == errors::kAll) return true;
    if (name == errors::kTaskFailed && error.name != errors::kTimeout) return true;
  }
  return false;
}

namespace {

// Bytes each byte of a string takes in compact JSON beyond itself: 1 for the two-character
// escapes, 5 for \u00XX. A table, because a page of query results is mostly string bytes and
// is measured after every state.
constexpr std::array<uint8_t, 256> MakeEscapeExtra() {
  std::array<uint8_t, 256> extra{};
  for (int c = 0; c < 0x20; ++c) extra[c] = 5;
  for (unsigned char c : {'"', '\\', '\b', '\f', '\n', '\r', '\t'}) extra[c] = 1;
  return extra;
}
constexpr std::array<uint8_t, 256> kEscapeExtra = MakeEscapeExtra();

size_t StringSize(const std::string& s) {
  size_t n = 2 + s.size();  // quotes
  for (unsigned char c : s) n += kEscapeExtra[c];
  return n;
}
}  // namespace

size_t SerializedSize(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return 4;
    case Json::value_t::boolean: return value.get<bool>() ? 4 : 5;
    case Json::value_t::string: return StringSize(value.get_ref<const std::string&>());
    case Json::value_t::number_integer: {
      int64_t v = value.get<int64_t>();
      size_t n = v < 0 ? 2 : 1;
      uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
      while (u >= 10) {
        u /= 10;
        ++n;
      }
      return n;
    }
    case Json::value_t::number_unsigned: {
      uint64_t u = value.get<uint64_t>();
      size_t n = 1;
      while (u >= 10) {
        u /= 10;
        ++n;
      }
      return n;
    }
    case Json::value_t::number_float: return value.dump().size();
    case Json::value_t::array: {
      size_t n = 2 + (value.empty() ? 0 : value.size() - 1);
      for (const Json& item : value) n += SerializedSize(item);
      return n;
    }
    case Json::value_t::object: {
      size_t n = 2 + (value.empty() ? 0 : value.size() - 1);
      for (auto it = value.begin(); it != value.end(); ++it) {
        n += StringSize(it.key()) + 1 + SerializedSize(it.value());
      }
      return n;
    }
    default: return 0;
  }
}

}  // namespace asl
