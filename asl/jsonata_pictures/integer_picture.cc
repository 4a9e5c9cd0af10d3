#include "asl/jsonata_pictures/integer_picture.h"

#include <algorithm>
#include <numeric>

#include "asl/jsonata_pictures/code_points.h"

namespace asl::jsonata_pictures {
namespace {

// The zeros of the Unicode decimal digit families the reference lists.
constexpr char32_t kDecimalZeros[] = {
    0x30,   0x660,  0x6F0,  0x7C0,  0x966,  0x9E6,  0xA66,  0xAE6,  0xB66,  0xBE6,
    0xC66,  0xCE6,  0xD66,  0xDE6,  0xE50,  0xED0,  0xF20,  0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

size_t RegularRepeat(const std::vector<GroupingSeparator>& separators) {
  if (separators.empty()) return 0;
  for (const GroupingSeparator& s : separators) {
    if (s.character != separators[0].character) return 0;
  }
  size_t factor = 0;
  for (const GroupingSeparator& s : separators) factor = std::gcd(factor, s.position);
  if (factor == 0) return 0;
  for (size_t k = 1; k <= separators.size(); ++k) {
    bool found = std::any_of(separators.begin(), separators.end(),
                             [&](const GroupingSeparator& s) { return s.position == k * factor; });
    if (!found) return 0;
  }
  return factor;
}

}  // namespace

bool IsDecimalZero(char32_t c) {
  return std::find(std::begin(kDecimalZeros), std::end(kDecimalZeros), c) !=
         std::end(kDecimalZeros);
}

char32_t DecimalZeroOf(char32_t c) {
  for (char32_t zero : kDecimalZeros) {
    if (c >= zero && c <= zero + 9) return zero;
  }
  return 0;
}

PictureResult<IntegerPicture> AnalyseIntegerPicture(const std::string& picture) {
  IntegerPicture format;
  std::string primary = picture;
  size_t semicolon = picture.rfind(';');
  if (semicolon != std::string::npos) {
    primary = picture.substr(0, semicolon);
    format.ordinal = picture.size() > semicolon + 1 && picture[semicolon + 1] == 'o';
  }
  if (primary == "A" || primary == "a") {
    format.style = IntegerStyle::kLetters;
    format.letter_case = primary == "A" ? LetterCase::kUpper : LetterCase::kLower;
    return format;
  }
  if (primary == "I" || primary == "i") {
    format.style = IntegerStyle::kRoman;
    format.letter_case = primary == "I" ? LetterCase::kUpper : LetterCase::kLower;
    return format;
  }
  if (primary == "W" || primary == "Ww" || primary == "w") {
    format.style = IntegerStyle::kWords;
    format.letter_case = primary == "W"    ? LetterCase::kUpper
                         : primary == "Ww" ? LetterCase::kTitle
                                           : LetterCase::kLower;
    return format;
  }
  std::u32string code_points = DecodeUtf8(primary);
  char32_t zero = 0;
  size_t position = 0;
  std::vector<GroupingSeparator> separators;
  for (auto it = code_points.rbegin(); it != code_points.rend(); ++it) {
    char32_t family = DecimalZeroOf(*it);
    if (family != 0) {
      ++format.mandatory_digits;
      ++position;
      if (zero == 0) {
        zero = family;
      } else if (family != zero) {
        return PictureError{"D3131",
                            "integer picture '" + picture +
                                "': its digits must all come from the same decimal digit family",
                            picture};
      }
    } else if (*it == U'#') {
      ++position;
      ++format.optional_digits;
    } else {
      separators.push_back({position, *it});
    }
  }
  if (format.mandatory_digits == 0) {
    format.style = IntegerStyle::kSequence;
    format.token = primary;
    return format;
  }
  format.zero = zero;
  size_t regular = RegularRepeat(separators);
  if (regular > 0) {
    format.regular = true;
    format.separators = {{regular, separators[0].character}};
  } else {
    format.separators = separators;
  }
  return format;
}

}  // namespace asl::jsonata_pictures
