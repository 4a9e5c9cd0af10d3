#include "asl/intrinsics/registry.h"

#include <fmt/format.h>

namespace asl::intrinsics {

namespace {

constexpr ParamSpec kAny{kAnyLiteral, "any value"};
constexpr ParamSpec kArray{kNoLiteral, "an array"};
constexpr ParamSpec kObject{kNoLiteral, "a JSON object"};
constexpr ParamSpec kNumber{kNumberLiteral, "a number"};
constexpr ParamSpec kString{kStringLiteral, "a string"};
constexpr ParamSpec kBoolean{kBooleanLiteral, "a boolean"};

// Argument counts and types from
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
// (each function's "Input validation" list). States.Hash accepts any data: AWS hashes a number
// or an object by its text (observed on AWS, conformance cases
// HASH-014 and HASH-017), so only a string is refused for the algorithm.
constexpr FunctionInfo kFunctions[] = {
    {FunctionId::kArray, "States.Array", 0, kVariadic, {kAny}, 1, impl::Array},
    {FunctionId::kArrayPartition, "States.ArrayPartition", 2, 2, {kArray, kNumber}, 2,
     impl::ArrayPartition},
    {FunctionId::kArrayContains, "States.ArrayContains", 2, 2, {kArray, kAny}, 2,
     impl::ArrayContains},
    {FunctionId::kArrayRange, "States.ArrayRange", 3, 3, {kNumber, kNumber, kNumber}, 3,
     impl::ArrayRange},
    {FunctionId::kArrayGetItem, "States.ArrayGetItem", 2, 2, {kArray, kNumber}, 2,
     impl::ArrayGetItem},
    {FunctionId::kArrayLength, "States.ArrayLength", 1, 1, {kArray}, 1, impl::ArrayLength},
    {FunctionId::kArrayUnique, "States.ArrayUnique", 1, 1, {kArray}, 1, impl::ArrayUnique},
    {FunctionId::kBase64Encode, "States.Base64Encode", 1, 1, {kString}, 1, impl::Base64Encode},
    {FunctionId::kBase64Decode, "States.Base64Decode", 1, 1, {kString}, 1, impl::Base64Decode},
    {FunctionId::kHash, "States.Hash", 2, 2, {kAny, kString}, 2, impl::Hash},
    {FunctionId::kJsonMerge, "States.JsonMerge", 3, 3, {kObject, kObject, kBoolean}, 3,
     impl::JsonMerge},
    {FunctionId::kStringToJson, "States.StringToJson", 1, 1, {kString}, 1, impl::StringToJson},
    {FunctionId::kJsonToString, "States.JsonToString", 1, 1, {kAny}, 1, impl::JsonToString},
    {FunctionId::kMathRandom, "States.MathRandom", 2, 3, {kNumber, kNumber, kNumber}, 3,
     impl::MathRandom},
    {FunctionId::kMathAdd, "States.MathAdd", 2, 2, {kNumber, kNumber}, 2, impl::MathAdd},
    {FunctionId::kStringSplit, "States.StringSplit", 2, 2, {kString, kString}, 2,
     impl::StringSplit},
    {FunctionId::kUuid, "States.UUID", 0, 0, {kAny}, 1, impl::Uuid},
    {FunctionId::kFormat, "States.Format", 1, kVariadic, {kString, kAny}, 2, impl::Format},
};

static_assert(std::size(kFunctions) == static_cast<size_t>(FunctionId::kCount));

}  // namespace

const FunctionInfo& Info(FunctionId id) { return kFunctions[static_cast<size_t>(id)]; }

std::optional<FunctionId> Lookup(std::string_view name) {
  for (const FunctionInfo& info : kFunctions) {
    if (info.name == name) return info.id;
  }
  return std::nullopt;
}

const std::vector<std::string>& AllFunctionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const FunctionInfo& info : kFunctions) all.emplace_back(info.name);
    return all;
  }();
  return names;
}

std::string ArityText(const FunctionInfo& info) {
  auto arguments = [](int n) { return n == 1 ? "argument" : "arguments"; };
  if (info.max_args == kVariadic) {
    return fmt::format("takes at least {} {}", info.min_args, arguments(info.min_args));
  }
  if (info.max_args == 0) return "takes no arguments";
  if (info.min_args == info.max_args) {
    return fmt::format("takes {} {}", info.min_args, arguments(info.min_args));
  }
  return fmt::format("takes {} or {} arguments", info.min_args, info.max_args);
}

Fault InvalidArguments(FunctionId id) {
  return {kInvalidArgumentsError, fmt::format("Invalid arguments in {}", Info(id).name)};
}

}  // namespace asl::intrinsics
