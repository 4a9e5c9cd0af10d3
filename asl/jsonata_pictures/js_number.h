#pragma once
// Numbers as JavaScript prints and rounds them. The reference implementation of the picture
// functions is written in JavaScript and leans on Number.prototype.toString, toFixed and
// Math.round; matching its output digit for digit needs the same three operations.

#include <string>

namespace asl::jsonata_pictures {

// Number::toString (ECMA-262 6.1.6.1.20): shortest round-trip digits, exponent form outside
// [1e-7, 1e21).
std::string JsNumberToString(double value);

// Number.prototype.toFixed(digits) for digits in [0, 100]: the exact binary value rounded half
// away from zero; ToString for |value| >= 1e21.
std::string JsToFixed(double value, int digits);

// JSONata's $round(value, precision): half to even, shifting the decimal point in the decimal
// text rather than multiplying, so 2.675 -> 2.68 as the reference gives.
double JsonataRound(double value, int precision);

}  // namespace asl::jsonata_pictures
