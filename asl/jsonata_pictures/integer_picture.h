#pragma once
// The integer picture of $formatInteger and $parseInteger (XPath F&O 3.1 section 4.6.1, as the
// JSONata reference implementation reads it): a decimal-digit pattern with grouping separators,
// `a`/`A` letters, `i`/`I` roman numerals, `w`/`W`/`Ww` English words, and `;o` for ordinals.
// The date/time pictures reuse it for their components.

#include <string>
#include <vector>

#include "asl/jsonata_pictures/picture_error.h"

namespace asl::jsonata_pictures {

enum class IntegerStyle { kDecimal, kLetters, kRoman, kWords, kSequence };
enum class LetterCase { kLower, kUpper, kTitle };

struct GroupingSeparator {
  size_t position = 0;  // digits to its right
  char32_t character = 0;
};

struct IntegerPicture {
  IntegerStyle style = IntegerStyle::kDecimal;
  LetterCase letter_case = LetterCase::kLower;
  bool ordinal = false;
  char32_t zero = U'0';          // the zero of the digit family
  int mandatory_digits = 0;
  int optional_digits = 0;
  bool regular = false;          // one separator repeated every `separators[0].position` digits
  std::vector<GroupingSeparator> separators;  // right to left
  std::string token;             // the primary format, for D3130
};

// D3131 when the digits of the pattern come from two digit families.
PictureResult<IntegerPicture> AnalyseIntegerPicture(const std::string& picture);

// The digit families whose zero the pictures accept (Unicode category Nd, zeros only).
bool IsDecimalZero(char32_t c);
char32_t DecimalZeroOf(char32_t c);  // 0 when c is not a decimal digit

}  // namespace asl::jsonata_pictures
