#include "asl/jsonata_pictures/format_integer.h"

#include <cctype>
#include <cmath>

#include "asl/jsonata_pictures/code_points.h"
#include "asl/jsonata_pictures/integer_words.h"
#include "asl/jsonata_pictures/js_number.h"

namespace asl::jsonata_pictures {
namespace {

constexpr double kMaxRoman = 1e9;

std::string ChangeCase(std::string text, LetterCase letter_case) {
  for (char& c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (letter_case == LetterCase::kUpper) c = static_cast<char>(std::toupper(byte));
    if (letter_case == LetterCase::kLower) c = static_cast<char>(std::tolower(byte));
  }
  return text;
}

PictureError SequenceError(const IntegerPicture& picture) {
  return {"D3130",
          "integer picture '" + picture.token +
              "': no digit and no known format token (a, A, i, I, w, W, Ww)",
          picture.token};
}

std::u32string FormatDecimal(double magnitude, const IntegerPicture& picture) {
  std::u32string text = DecodeUtf8(JsNumberToString(magnitude));
  int pad = picture.mandatory_digits - static_cast<int>(text.size());
  if (pad > 0) text.insert(0, static_cast<size_t>(pad), U'0');
  if (picture.zero != U'0') {
    for (char32_t& c : text) {
      if (c >= U'0' && c <= U'9') c = c - U'0' + picture.zero;
    }
  }
  if (picture.regular) {
    size_t step = picture.separators[0].position;
    size_t digits = text.size();
    for (size_t k = (digits - 1) / step; k > 0; --k) {
      text.insert(text.size() - k * step, 1, picture.separators[0].character);
    }
  } else {
    // Leftmost first, so each position still counts from the right end.
    for (auto it = picture.separators.rbegin(); it != picture.separators.rend(); ++it) {
      if (it->position <= text.size()) {
        text.insert(text.size() - it->position, 1, it->character);
      }
    }
  }
  if (picture.ordinal) {
    char32_t last = text.back();
    char32_t before = text.size() > 1 ? text[text.size() - 2] : 0;
    const char32_t* suffix = U"th";
    if (before != U'1') {
      if (last == U'1') suffix = U"st";
      if (last == U'2') suffix = U"nd";
      if (last == U'3') suffix = U"rd";
    }
    text += suffix;
  }
  return text;
}

}  // namespace

PictureResult<std::string> FormatInteger(double value, const IntegerPicture& picture) {
  // JSON carries no infinity and the core rejects it first; letters would count down for ever.
  if (!std::isfinite(value)) {
    return PictureError{"D3130", "$formatInteger: " + JsNumberToString(value) + " is not a finite number",
                        std::nullopt};
  }
  value = std::floor(value);
  bool negative = value < 0;
  double magnitude = std::fabs(value);
  std::string text;
  switch (picture.style) {
    case IntegerStyle::kLetters:
      text = NumberToLetters(magnitude, picture.letter_case == LetterCase::kUpper ? 'A' : 'a');
      break;
    case IntegerStyle::kRoman:
      // One 'm' per thousand: the reference writes them until JavaScript runs out of string
      // length; sfnsim stops at a million of them rather than hang.
      if (magnitude > kMaxRoman) {
        return PictureError{"D3130",
                            "integer picture 'i': " + JsNumberToString(magnitude) +
                                " is too large to write in roman numerals (at most 1e9)",
                            std::string("i")};
      }
      text = NumberToRoman(magnitude);
      if (picture.letter_case == LetterCase::kUpper) text = ChangeCase(text, LetterCase::kUpper);
      break;
    case IntegerStyle::kWords:
      text = ChangeCase(NumberToWords(magnitude, picture.ordinal), picture.letter_case);
      break;
    case IntegerStyle::kDecimal:
      text = EncodeUtf8(FormatDecimal(magnitude, picture));
      break;
    case IntegerStyle::kSequence:
      return SequenceError(picture);
  }
  return negative ? "-" + text : text;
}

PictureResult<std::string> FormatInteger(double value, const std::string& picture) {
  PictureResult<IntegerPicture> analysed = AnalyseIntegerPicture(picture);
  if (!analysed.ok()) return analysed.error();
  return FormatInteger(value, analysed.value());
}

namespace {

// parseInt(text, 10): leading white space, a sign, then the longest run of ASCII digits.
std::optional<double> ParseIntPrefix(const std::u32string& text) {
  size_t i = 0;
  while (i < text.size() && (text[i] == U' ' || text[i] == U'\t' || text[i] == U'\n')) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == U'-' || text[i] == U'+')) negative = text[i++] == U'-';
  std::string digits;
  while (i < text.size() && text[i] >= U'0' && text[i] <= U'9') {
    digits += static_cast<char>(text[i++]);
  }
  if (digits.empty()) return std::nullopt;
  double value = std::strtod(digits.c_str(), nullptr);
  return negative ? -value : value;
}

}  // namespace

PictureResult<std::optional<double>> ParseInteger(const std::string& text,
                                                  const std::string& picture) {
  PictureResult<IntegerPicture> analysed = AnalyseIntegerPicture(picture);
  if (!analysed.ok()) return analysed.error();
  const IntegerPicture& format = analysed.value();
  switch (format.style) {
    case IntegerStyle::kLetters:
      return LettersToNumber(text, format.letter_case == LetterCase::kUpper ? 'A' : 'a');
    case IntegerStyle::kRoman:
      return RomanToNumber(text);
    case IntegerStyle::kWords:
      return WordsToNumber(text);
    case IntegerStyle::kSequence:
      return SequenceError(format);
    case IntegerStyle::kDecimal:
      break;
  }
  std::u32string digits = DecodeUtf8(text);
  if (format.ordinal && digits.size() >= 2) digits.resize(digits.size() - 2);
  std::u32string kept;
  for (char32_t c : digits) {
    bool separator = false;
    for (const GroupingSeparator& s : format.separators) separator |= s.character == c;
    if (separator) continue;
    kept += (c >= format.zero && c <= format.zero + 9) ? c - format.zero + U'0' : c;
  }
  return ParseIntPrefix(kept);
}

}  // namespace asl::jsonata_pictures
