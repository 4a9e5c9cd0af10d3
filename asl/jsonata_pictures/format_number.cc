#include "asl/jsonata_pictures/format_number.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

#include "asl/jsonata_pictures/code_points.h"
#include "asl/jsonata_pictures/js_number.h"

namespace asl::jsonata_pictures {
namespace {

constexpr size_t kNpos = std::u32string::npos;

// The decimal format after the options are applied, every property as code points.
struct DecimalFormat {
  std::u32string decimal_separator = U".";
  std::u32string grouping_separator = U",";
  std::u32string exponent_separator = U"e";
  std::u32string infinity = U"Infinity";
  std::u32string minus_sign = U"-";
  std::u32string nan = U"NaN";
  std::u32string percent = U"%";
  std::u32string per_mille = U"\u2030";
  std::u32string zero_digit = U"0";
  std::u32string digit = U"#";
  std::u32string pattern_separator = U";";
  std::u32string digit_family;  // ten code points from zero_digit
  std::vector<std::u32string> active;

  bool IsFamilyDigit(char32_t c) const { return digit_family.find(c) != kNpos; }
  // The reference compares one character with each active string, so an active property of
  // more than one character never matches.
  bool IsActive(char32_t c) const {
    return std::find(active.begin(), active.end(), std::u32string(1, c)) != active.end();
  }
  bool Is(char32_t c, const std::u32string& property) const {
    return property.size() == 1 && property[0] == c;
  }
};

DecimalFormat MakeFormat(const DecimalFormatOptions& options) {
  DecimalFormat f;
  const std::pair<const char*, std::u32string*> fields[] = {
      {"decimal-separator", &f.decimal_separator}, {"grouping-separator", &f.grouping_separator},
      {"exponent-separator", &f.exponent_separator}, {"infinity", &f.infinity},
      {"minus-sign", &f.minus_sign}, {"NaN", &f.nan}, {"percent", &f.percent},
      {"per-mille", &f.per_mille}, {"zero-digit", &f.zero_digit}, {"digit", &f.digit},
      {"pattern-separator", &f.pattern_separator}};
  for (const auto& [name, field] : fields) {
    auto it = options.find(name);
    if (it != options.end()) *field = DecodeUtf8(it->second);
  }
  if (!f.zero_digit.empty()) {
    for (char32_t c = f.zero_digit[0]; c < f.zero_digit[0] + 10; ++c) f.digit_family += c;
  }
  for (char32_t c : f.digit_family) f.active.emplace_back(1, c);
  f.active.push_back(f.decimal_separator);
  f.active.push_back(f.exponent_separator);
  f.active.push_back(f.grouping_separator);
  f.active.push_back(f.digit);
  f.active.push_back(f.pattern_separator);
  return f;
}

// F&O 4.7.3's parts of one sub-picture.
struct Parts {
  std::u32string subpicture, prefix, suffix, active_part, mantissa_part, integer_part,
      fractional_part;
  std::optional<std::u32string> exponent_part;
};

size_t CountIf(const std::u32string& text, auto predicate) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), predicate));
}

Parts SplitParts(const DecimalFormat& f, const std::u32string& sub) {
  Parts p;
  p.subpicture = sub;
  auto counts = [&](char32_t c) { return f.IsActive(c) && !f.Is(c, f.exponent_separator); };
  for (size_t i = 0; i < sub.size(); ++i) {
    if (counts(sub[i])) {
      p.prefix = sub.substr(0, i);
      break;
    }
  }
  for (size_t i = sub.size(); i-- > 0;) {
    if (counts(sub[i])) {
      p.suffix = sub.substr(i + 1);
      break;
    }
  }
  size_t active_end = sub.size() - p.suffix.size();
  if (p.prefix.size() <= active_end) {
    p.active_part = sub.substr(p.prefix.size(), active_end - p.prefix.size());
  }
  size_t exponent_at = f.exponent_separator.empty()
                           ? kNpos
                           : sub.find(f.exponent_separator, p.prefix.size());
  if (exponent_at == kNpos || exponent_at > active_end) {
    p.mantissa_part = p.active_part;
  } else {
    // As the reference does: positions in the whole sub-picture cut the active part.
    p.mantissa_part = p.active_part.substr(0, std::min(exponent_at, p.active_part.size()));
    p.exponent_part = exponent_at + 1 <= p.active_part.size()
                          ? p.active_part.substr(exponent_at + 1)
                          : std::u32string();
  }
  size_t decimal_at =
      f.decimal_separator.empty() ? kNpos : p.mantissa_part.find(f.decimal_separator);
  if (decimal_at == kNpos) {
    p.integer_part = p.mantissa_part;
    p.fractional_part = p.suffix;
  } else {
    p.integer_part = p.mantissa_part.substr(0, decimal_at);
    p.fractional_part = p.mantissa_part.substr(decimal_at + 1);
  }
  return p;
}

bool Contains(const std::u32string& text, const std::u32string& part) {
  return !part.empty() && text.find(part) != kNpos;
}
bool Repeats(const std::u32string& text, const std::u32string& part) {
  return !part.empty() && text.find(part) != text.rfind(part);
}

// F&O 4.7.3's rules; as in the reference, the last rule broken names the error.
std::optional<PictureError> Validate(const DecimalFormat& f, const Parts& p) {
  const std::u32string& sub = p.subpicture;
  const char* code = nullptr;
  const char* why = nullptr;
  auto fail = [&](const char* c, const char* w) { code = c, why = w; };
  if (Repeats(sub, f.decimal_separator)) {
    fail("D3081", "a sub-picture must not contain more than one decimal-separator");
  }
  if (Repeats(sub, f.percent)) fail("D3082", "a sub-picture must not contain more than one percent");
  if (Repeats(sub, f.per_mille)) {
    fail("D3083", "a sub-picture must not contain more than one per-mille");
  }
  if (Contains(sub, f.percent) && Contains(sub, f.per_mille)) {
    fail("D3084", "a sub-picture must not contain both a percent and a per-mille");
  }
  bool has_digit = std::any_of(p.mantissa_part.begin(), p.mantissa_part.end(), [&](char32_t c) {
    return f.IsFamilyDigit(c) || f.Is(c, f.digit);
  });
  if (!has_digit) {
    fail("D3085", "the mantissa of a sub-picture must contain a digit or an optional digit");
  }
  if (std::any_of(p.active_part.begin(), p.active_part.end(),
                  [&](char32_t c) { return !f.IsActive(c); })) {
    fail("D3086", "a sub-picture must not have a passive character between active characters");
  }
  size_t decimal_at = f.decimal_separator.empty() ? kNpos : sub.find(f.decimal_separator);
  if (decimal_at != kNpos) {
    bool before = decimal_at > 0 && f.Is(sub[decimal_at - 1], f.grouping_separator);
    bool after = decimal_at + 1 < sub.size() && f.Is(sub[decimal_at + 1], f.grouping_separator);
    if (before || after) {
      fail("D3087", "a grouping-separator must not be next to the decimal-separator");
    }
  } else if (!p.integer_part.empty() && f.Is(p.integer_part.back(), f.grouping_separator)) {
    fail("D3088", "the integer part must not end with a grouping-separator");
  }
  if (Contains(sub, f.grouping_separator + f.grouping_separator)) {
    fail("D3089", "a sub-picture must not contain two adjacent grouping-separators");
  }
  size_t optional_at = f.digit.empty() ? kNpos : p.integer_part.find(f.digit);
  if (optional_at != kNpos &&
      CountIf(p.integer_part.substr(0, optional_at), [&](char32_t c) { return f.IsFamilyDigit(c); })) {
    fail("D3090", "the integer part must not have an optional digit after a mandatory digit");
  }
  optional_at = f.digit.empty() ? kNpos : p.fractional_part.rfind(f.digit);
  if (optional_at != kNpos &&
      CountIf(p.fractional_part.substr(optional_at), [&](char32_t c) { return f.IsFamilyDigit(c); })) {
    fail("D3091", "the fractional part must not have a mandatory digit after an optional digit");
  }
  if (p.exponent_part && !p.exponent_part->empty() &&
      (Contains(sub, f.percent) || Contains(sub, f.per_mille))) {
    fail("D3092", "a sub-picture with an exponent must not contain a percent or a per-mille");
  }
  if (p.exponent_part &&
      (p.exponent_part->empty() || CountIf(*p.exponent_part, [&](char32_t c) {
         return !f.IsFamilyDigit(c);
       }))) {
    fail("D3093", "the exponent of a sub-picture must be one or more decimal digits");
  }
  if (code == nullptr) return std::nullopt;
  return PictureError{code, std::string("$formatNumber picture '") + EncodeUtf8(sub) + "': " + why,
                      EncodeUtf8(sub)};
}

// F&O 4.7.4's variables of one sub-picture.
struct Analysis {
  std::vector<size_t> integer_grouping, fractional_grouping;
  size_t regular_grouping = 0;
  int minimum_integer = 0, scaling_factor = 0, minimum_fraction = 0, maximum_fraction = 0,
      minimum_exponent = 0;
  std::u32string prefix, suffix, picture;
};

std::vector<size_t> GroupingPositions(const DecimalFormat& f, const Parts& p,
                                      const std::u32string& part, bool to_left) {
  std::vector<size_t> positions;
  if (f.grouping_separator.empty()) return positions;
  auto is_digit = [&](char32_t c) { return f.IsFamilyDigit(c) || f.Is(c, f.digit); };
  size_t at = part.find(f.grouping_separator);
  while (at != kNpos) {
    positions.push_back(CountIf(to_left ? part.substr(0, at) : part.substr(at), is_digit));
    // The reference looks for the next separator in the integer part whichever part it is
    // scanning; copied, since it decides the output.
    at = p.integer_part.find(f.grouping_separator, at + 1);
  }
  return positions;
}

size_t RegularGrouping(const std::vector<size_t>& positions) {
  if (positions.empty()) return 0;
  size_t factor = 0;
  for (size_t x : positions) factor = std::gcd(factor, x);
  if (factor == 0) return 0;
  for (size_t k = 1; k <= positions.size(); ++k) {
    if (std::find(positions.begin(), positions.end(), k * factor) == positions.end()) return 0;
  }
  return factor;
}

Analysis Analyse(const DecimalFormat& f, const Parts& p) {
  Analysis a;
  a.integer_grouping = GroupingPositions(f, p, p.integer_part, false);
  a.regular_grouping = RegularGrouping(a.integer_grouping);
  a.fractional_grouping = GroupingPositions(f, p, p.fractional_part, true);
  auto family = [&](char32_t c) { return f.IsFamilyDigit(c); };
  auto any_digit = [&](char32_t c) { return f.IsFamilyDigit(c) || f.Is(c, f.digit); };
  a.minimum_integer = static_cast<int>(CountIf(p.integer_part, family));
  a.scaling_factor = a.minimum_integer;
  a.minimum_fraction = static_cast<int>(CountIf(p.fractional_part, family));
  a.maximum_fraction = static_cast<int>(CountIf(p.fractional_part, any_digit));
  bool exponent = p.exponent_part.has_value();
  if (a.minimum_integer == 0 && a.maximum_fraction == 0) {
    if (exponent) {
      a.minimum_fraction = a.maximum_fraction = 1;
    } else {
      a.minimum_integer = 1;
    }
  }
  if (exponent && a.minimum_integer == 0 && Contains(p.integer_part, f.digit)) {
    a.minimum_integer = 1;
  }
  if (a.minimum_integer == 0 && a.minimum_fraction == 0) a.minimum_fraction = 1;
  if (exponent) a.minimum_exponent = static_cast<int>(CountIf(*p.exponent_part, family));
  a.prefix = p.prefix;
  a.suffix = p.suffix;
  a.picture = p.subpicture;
  return a;
}

std::vector<std::u32string> Split(const std::u32string& text, const std::u32string& separator) {
  std::vector<std::u32string> out;
  if (separator.empty()) {
    // JavaScript's split(""): one piece per character, and one empty piece for no text.
    for (char32_t c : text) out.emplace_back(1, c);
    if (out.empty()) out.emplace_back();
    return out;
  }
  size_t start = 0;
  for (size_t at = text.find(separator); at != kNpos; at = text.find(separator, start)) {
    out.push_back(text.substr(start, at - start));
    start = at + separator.size();
  }
  out.push_back(text.substr(start));
  return out;
}

// toFixed's digits of |value| in the zero-digit's family.
std::u32string MakeString(const DecimalFormat& f, double value, int places) {
  std::u32string out = DecodeUtf8(JsToFixed(std::fabs(value), places));
  if (f.zero_digit != U"0" && f.digit_family.size() == 10) {
    for (char32_t& c : out) {
      if (c >= U'0' && c <= U'9') c = f.digit_family[c - U'0'];
    }
  }
  return out;
}

std::u32string Repeat(const std::u32string& text, int n) {
  std::u32string out;
  for (int i = 0; i < n; ++i) out += text;
  return out;
}

std::u32string Format(const DecimalFormat& f, const Analysis& pic, double value) {
  double adjusted = value;
  if (Contains(pic.picture, f.percent)) {
    adjusted = value * 100;
  } else if (Contains(pic.picture, f.per_mille)) {
    adjusted = value * 1000;
  }
  double mantissa = adjusted;
  std::optional<int> exponent;
  if (pic.minimum_exponent != 0) {
    double max_mantissa = std::pow(10, pic.scaling_factor);
    double min_mantissa = std::pow(10, pic.scaling_factor - 1);
    int e = 0;
    // Zero stays zero (the reference would loop for ever; its 2.x release stops at zero).
    while (mantissa != 0 && std::fabs(mantissa) < min_mantissa) mantissa *= 10, --e;
    while (std::fabs(mantissa) > max_mantissa) mantissa /= 10, ++e;
    exponent = e;
  }
  double rounded = JsonataRound(mantissa, pic.maximum_fraction);
  std::u32string text = MakeString(f, rounded, pic.maximum_fraction);
  size_t decimal_at = text.find(U'.');
  if (decimal_at == kNpos) {
    text += f.decimal_separator;
  } else {
    text.replace(decimal_at, 1, f.decimal_separator);
  }
  const std::u32string& zero = f.zero_digit;
  while (!zero.empty() && text.compare(0, zero.size(), zero) == 0) text.erase(0, zero.size());
  while (!zero.empty() && text.size() >= zero.size() &&
         text.compare(text.size() - zero.size(), zero.size(), zero) == 0) {
    text.erase(text.size() - zero.size());
  }
  // Lengths below count code points; the reference counts UTF-16 units (the same for every
  // separator in the Basic Multilingual Plane).
  decimal_at = text.find(f.decimal_separator);
  int pad_left = pic.minimum_integer - static_cast<int>(decimal_at);
  int pad_right = pic.minimum_fraction - static_cast<int>(text.size() - decimal_at - 1);
  if (pad_left > 0) text = Repeat(zero, pad_left) + text;
  if (pad_right > 0) text += Repeat(zero, pad_right);
  decimal_at = text.find(f.decimal_separator);
  if (pic.regular_grouping > 0) {
    size_t groups = decimal_at == 0 ? 0 : (decimal_at - 1) / pic.regular_grouping;
    for (size_t g = 1; g <= groups; ++g) {
      text.insert(decimal_at - g * pic.regular_grouping, f.grouping_separator);
    }
  } else {
    for (size_t pos : pic.integer_grouping) {
      if (pos <= decimal_at) text.insert(decimal_at - pos, f.grouping_separator);
      ++decimal_at;
    }
  }
  decimal_at = text.find(f.decimal_separator);
  for (size_t pos : pic.fractional_grouping) {
    text.insert(std::min(text.size(), pos + decimal_at + 1), f.grouping_separator);
  }
  decimal_at = text.find(f.decimal_separator);
  // The reference drops the last character, which is the decimal separator in every case the
  // pictures allow (it is the last one whenever the picture has none).
  if (!Contains(pic.picture, f.decimal_separator) || decimal_at == text.size() - 1) {
    text.pop_back();
  }
  if (exponent) {
    std::u32string digits = MakeString(f, *exponent, 0);
    int pad = pic.minimum_exponent - static_cast<int>(digits.size());
    if (pad > 0) digits = Repeat(zero, pad) + digits;
    text += f.exponent_separator + (*exponent < 0 ? f.minus_sign : U"") + digits;
  }
  return pic.prefix + text + pic.suffix;
}

}  // namespace

PictureResult<std::string> FormatNumber(double value, const std::string& picture,
                                        const DecimalFormatOptions& options) {
  DecimalFormat f = MakeFormat(options);
  std::u32string text = DecodeUtf8(picture);
  std::vector<std::u32string> subpictures = Split(text, f.pattern_separator);
  if (subpictures.size() > 2) {
    return PictureError{"D3080",
                        "$formatNumber picture '" + picture +
                            "': at most two sub-pictures (positive;negative) are allowed",
                        picture};
  }
  std::vector<Analysis> analyses;
  for (const std::u32string& sub : subpictures) {
    Parts parts = SplitParts(f, sub);
    if (auto error = Validate(f, parts)) return *error;
    analyses.push_back(Analyse(f, parts));
  }
  if (analyses.size() == 1) {
    analyses.push_back(analyses[0]);
    analyses[1].prefix = f.minus_sign + analyses[1].prefix;
  }
  // JSON has no NaN or infinity, and the reference leaves them to its TODOs; print them with
  // the decimal format's own strings rather than loop or print digits of nothing.
  if (std::isnan(value)) return EncodeUtf8(f.nan);
  if (std::isinf(value)) {
    const Analysis& pic = value > 0 ? analyses[0] : analyses[1];
    return EncodeUtf8(pic.prefix + f.infinity + pic.suffix);
  }
  return EncodeUtf8(Format(f, value >= 0 ? analyses[0] : analyses[1], value));
}

}  // namespace asl::jsonata_pictures
