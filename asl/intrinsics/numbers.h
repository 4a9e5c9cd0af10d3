#pragma once
// Numbers as the intrinsic functions read them. AWS's implementation is Java: a number argument
// becomes an int after rounding (States.MathAdd) or truncation (the other functions), and the
// limits are those of a Java int.

#include <cstdint>
#include <optional>

#include "asl/base/json.h"

namespace asl::intrinsics {

inline bool IsNumber(const Json& value) { return value.is_number(); }

// The value of a number as a double.
double ToDouble(const Json& number);

// Java's Math.round, exactly: floor(x + 0.5) without the rounding error of the addition, so
// 1.5 -> 2, 2.5 -> 3, -1.5 -> -1, -2.5 -> -2, 0.49999999999999994 -> 0. nullopt when `value` is
// not a number or the result does not fit an int64.
std::optional<int64_t> RoundHalfUp(const Json& value);

// Truncation toward zero, like Java's (int) cast of a double: 2.6 -> 2, -0.6 -> 0. nullopt when
// `value` is not a number or the result does not fit an int64.
std::optional<int64_t> Truncate(const Json& value);

inline bool FitsInt32(int64_t value) { return value >= INT32_MIN && value <= INT32_MAX; }

}  // namespace asl::intrinsics
