#pragma once
// The catalogue of intrinsic functions: name -> id, how many arguments each takes, which
// literals each argument position can accept, and the implementation.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/intrinsics/function.h"

namespace asl::intrinsics {

// The kinds of literal an argument position accepts (a bit set). A path or a nested call is
// accepted anywhere: its value is only known at run time.
enum LiteralKinds : uint8_t {
  kNoLiteral = 0,  // arrays and objects: no literal can be one
  kStringLiteral = 1,
  kNumberLiteral = 2,
  kBooleanLiteral = 4,
  kNullLiteral = 8,
  kAnyLiteral = 15,
};

struct ParamSpec {
  uint8_t literals;
  std::string_view expected;  // "an array", "a number", … for messages
};

inline constexpr int kVariadic = -1;

struct FunctionInfo {
  FunctionId id;
  std::string_view name;  // "States.ArrayPartition"
  int min_args;
  int max_args;  // kVariadic: no upper bound
  // One spec per position; a variadic function's last spec covers every further argument.
  ParamSpec params[3];
  int param_count;
  Impl impl;

  const ParamSpec& param(size_t index) const {
    return params[index < static_cast<size_t>(param_count) ? index : param_count - 1];
  }
};

const FunctionInfo& Info(FunctionId id);
std::optional<FunctionId> Lookup(std::string_view name);
// Every function name, for "did you mean" suggestions.
const std::vector<std::string>& AllFunctionNames();

// "takes 2 arguments", "takes 2 or 3 arguments", "takes at least 1 argument", "takes no
// arguments".
std::string ArityText(const FunctionInfo& info);

}  // namespace asl::intrinsics
