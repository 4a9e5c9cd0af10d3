#pragma once
// DynamoDB's typed attribute values as JSON: {"S": "text"}, {"N": "12.5"} (numbers travel as
// strings), {"B": base64}, {"BOOL": true}, {"NULL": true}, {"L": [...]}, {"M": {...}},
// {"SS": [...]}, {"NS": [...]}, {"BS": [...]}.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html

#include <optional>
#include <string>
#include <string_view>

#include "asl/base/json.h"

namespace sim::dynamodb {

// Why `value` is not a valid AttributeValue ("" when it is), in DynamoDB's words where it has
// them. `path` names the attribute for the message.
std::string CheckAttributeValue(const asl::Json& value, std::string_view path);
// The value's type descriptor ("S", "N", …); "" when not a one-member object.
std::string_view TypeOf(const asl::Json& value);

// Compares two DynamoDB numbers (valid N strings) numerically: -1, 0 or 1.
int CompareNumbers(std::string_view a, std::string_view b);
// Whether `text` is a number DynamoDB accepts (decimal, optional sign and exponent).
bool IsNumber(std::string_view text);
// a + b (or a - b with `subtract`), exactly, in DynamoDB's canonical form ("12.5", "-3", "0").
std::string AddNumbers(std::string_view a, std::string_view b, bool subtract = false);

// Compares two values of the same scalar type (S byte-wise, N numerically, B by its text);
// nullopt when the types differ or are not S, N or B.
std::optional<int> CompareScalars(const asl::Json& a, const asl::Json& b);
// Equality as DynamoDB's `=` sees it: same type and value (numbers numerically, sets as sets).
bool Equal(const asl::Json& a, const asl::Json& b);

}  // namespace sim::dynamodb
