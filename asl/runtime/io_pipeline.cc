#include "asl/runtime/io_pipeline.h"

#include <fmt/format.h>

#include <array>
#include <utility>
#include <vector>

#include "asl/base/error_names.h"
#include "asl/base/json_limits.h"

namespace asl {

namespace {

// NONSTANDARD: AWS documents no depth limit for the values a state builds; sfnsim bounds every
// run-time value by kMaxJsonDepth (asl/base/json_limits.h), so that nothing copies, compares or
// serialises a value nested deeper (those operations recurse once per level).
Error TooDeep(std::string_view what) {
  return Error(std::string(errors::kRuntime),
               fmt::format("{} is nested more than {} levels deep, sfnsim's limit for JSON "
                           "values (docs/known-differences.md)",
                           what, kMaxJsonDepth));
}

// Levels ResultPath adds above the result.
int PathDepth(const ResultPathField& field) {
  return field.kind == ResultPathField::Kind::kPath
             ? static_cast<int>(field.path->path().steps().size())
             : 0;
}

}  // namespace

Result<const Json*> SelectPath(const InputOutputPath& field, const Json& input,
                               const Json* context, Json& storage,
                               const VariableSource* variables) {
  switch (field.kind) {
    case InputOutputPath::Kind::kDefault: return &input;
    case InputOutputPath::Kind::kNull:
      storage = Json::object();
      return &storage;
    case InputOutputPath::Kind::kPath: break;
  }
  const JsonPath& path = *field.path;
  const Json* found_root = path.Root(EvalContext{input, context, nullptr, variables});
  if (found_root == nullptr && path.is_variable()) {
    return Fail(Error(std::string(errors::kRuntime),
                      fmt::format("Invalid path '{}' : {}", path.text(),
                                  path.UnsetVariableDetail())));
  }
  const Json& root = found_root ? *found_root : input;
  if (path.is_definite()) {
    if (const Json* found = path.Find(root)) {
      // Checked before the copy, which would recurse once per level.
      if (JsonDepthExceeds(*found, kMaxJsonDepth)) {
        return Fail(TooDeep(fmt::format("The value the path '{}' selects", path.text())));
      }
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
  if (field.kind != ResultPathField::Kind::kNull &&
      JsonDepthExceeds(result, kMaxJsonDepth - PathDepth(field))) {
    return Fail(TooDeep("The state's output (its result placed at ResultPath)"));
  }
  switch (field.kind) {
    case ResultPathField::Kind::kDefault: return result;
    case ResultPathField::Kind::kNull: return raw_input;
    case ResultPathField::Kind::kPath: break;
  }
  return field.path->Apply(std::move(raw_input), std::move(result));
}

Status<> ApplyResultPathInPlace(const ResultPathField& field, Json& raw_input, Json result) {
  if (field.kind != ResultPathField::Kind::kNull &&
      JsonDepthExceeds(result, kMaxJsonDepth - PathDepth(field))) {
    return Fail(TooDeep("The state's output (its result placed at ResultPath)"));
  }
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

namespace {

// The size of a scalar in compact JSON.
size_t ScalarSize(const Json& value) {
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
    default: return 0;
  }
}

// Brackets and separators of a container: "[]" / "{}" plus a comma between members.
size_t FrameSize(const Json& container) {
  return 2 + (container.empty() ? 0 : container.size() - 1);
}

}  // namespace

// Walked with an explicit stack, one frame per open container: a value nested 100,000 deep
// (the input of a hostile test, or a loop that wraps its input once per iteration) must not
// overflow the call stack.
size_t SerializedSize(const Json& value) {
  if (!value.is_structured()) return ScalarSize(value);
  struct Frame {
    Json::const_iterator next, end;
    bool object;
  };
  size_t n = FrameSize(value);
  std::vector<Frame> open;
  open.push_back({value.cbegin(), value.cend(), value.is_object()});
  while (!open.empty()) {
    Frame& frame = open.back();
    if (frame.next == frame.end) {
      open.pop_back();
      continue;
    }
    if (frame.object) n += StringSize(frame.next.key()) + 1;  // "key":
    const Json& child = *frame.next;
    ++frame.next;
    if (child.is_structured()) {
      n += FrameSize(child);
      if (!child.empty()) open.push_back({child.cbegin(), child.cend(), child.is_object()});
    } else {
      n += ScalarSize(child);
    }
  }
  return n;
}

}  // namespace asl
