#include "asl/jsonata_pictures/format_datetime.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "asl/jsonata_pictures/civil_time.h"
#include "asl/jsonata_pictures/code_points.h"
#include "asl/jsonata_pictures/datetime_picture.h"
#include "asl/jsonata_pictures/format_integer.h"

namespace asl::jsonata_pictures {
namespace {

const char* const kMonthNames[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};
const char* const kDayNames[] = {"", "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday", "Sunday"};

// The Thursday of the ISO week holding `t`: its year and month own the week.
CivilTime ThursdayOfWeek(int64_t millis, const CivilTime& t) {
  return CivilFromMillis(millis + static_cast<int64_t>(4 - t.iso_weekday) * 86400000);
}

// A component's integer value, or its text for P, C and E.
struct Fragment {
  int64_t number = 0;
  std::string text;
};

Fragment ComponentValue(int64_t millis, char32_t component) {
  CivilTime t = CivilFromMillis(millis);
  switch (component) {
    case U'Y': return {t.year, ""};
    case U'M': return {t.month, ""};
    case U'D': return {t.day, ""};
    case U'd': return {t.day_of_year, ""};
    case U'F': return {t.iso_weekday, ""};
    case U'W': return {(ThursdayOfWeek(millis, t).day_of_year - 1) / 7 + 1, ""};
    case U'X': return {ThursdayOfWeek(millis, t).year, ""};
    case U'w': return {(ThursdayOfWeek(millis, t).day - 1) / 7 + 1, ""};
    case U'x': return {ThursdayOfWeek(millis, t).month, ""};
    case U'H': return {t.hour, ""};
    case U'h': return {t.hour % 12 == 0 ? 12 : t.hour % 12, ""};
    case U'P': return {0, t.hour >= 12 ? "pm" : "am"};
    case U'm': return {t.minute, ""};
    case U's': return {t.second, ""};
    case U'f': return {t.millisecond, ""};
    case U'C': case U'E': return {0, "ISO"};
    default: return {};
  }
}

std::string Cased(std::string text, LetterCase letter_case) {
  for (char& c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (letter_case == LetterCase::kUpper) c = static_cast<char>(std::toupper(byte));
    if (letter_case == LetterCase::kLower) c = static_cast<char>(std::tolower(byte));
  }
  return text;
}

PictureResult<std::string> FormatTimezone(const DateTimeMarker& marker, int offset_hours,
                                          int offset_minutes) {
  int offset = offset_hours * 100 + offset_minutes;
  std::string text;
  if (marker.format.regular) {
    PictureResult<std::string> r = FormatInteger(offset, marker.format);
    if (!r.ok()) return r.error();
    text = r.value();
  } else {
    int digits = marker.format.mandatory_digits;
    if (digits == 1 || digits == 2) {
      PictureResult<std::string> r = FormatInteger(offset_hours, marker.format);
      if (!r.ok()) return r.error();
      text = r.value();
      if (offset_minutes != 0) text += ":" + FormatInteger(offset_minutes, "00").value();
    } else if (digits == 3 || digits == 4) {
      PictureResult<std::string> r = FormatInteger(offset, marker.format);
      if (!r.ok()) return r.error();
      text = r.value();
    } else {
      return PictureError{"D3134",
                          "timezone picture '" + marker.presentation1 +
                              "': the offset takes 1 to 4 digits, not " + std::to_string(digits),
                          marker.presentation1};
    }
  }
  if (offset >= 0) text = "+" + text;
  if (marker.component == U'z') text = "GMT" + text;
  if (offset == 0 && marker.presentation2 == 't') text = "Z";
  return text;
}

PictureResult<std::string> FormatComponent(int64_t millis, const DateTimeMarker& marker,
                                           int offset_hours, int offset_minutes) {
  static const std::u32string kIntegerComponents = U"YMDdFWwXxHhms";
  char32_t c = marker.component;
  Fragment value = ComponentValue(millis, c);
  if (kIntegerComponents.find(c) != std::u32string::npos) {
    if (c == U'Y' && marker.year_digits != -1) {
      double modulus = std::pow(10, marker.year_digits);
      value.number = static_cast<int64_t>(std::fmod(static_cast<double>(value.number), modulus));
    }
    if (marker.names) {
      std::string name;
      if (c == U'M' || c == U'x') {
        name = kMonthNames[value.number - 1];
      } else if (c == U'F') {
        name = kDayNames[value.number];
      } else {
        std::string component = EncodeUtf8(c);
        return PictureError{"D3133",
                            "date/time component '" + component + "' has no name to write",
                            component};
      }
      name = Cased(name, *marker.names);
      if (marker.max_width && name.size() > static_cast<size_t>(*marker.max_width)) {
        name.resize(static_cast<size_t>(*marker.max_width));
      }
      return name;
    }
    return FormatInteger(static_cast<double>(value.number), marker.format);
  }
  if (c == U'f') return FormatInteger(static_cast<double>(value.number), marker.format);
  if (c == U'Z' || c == U'z') return FormatTimezone(marker, offset_hours, offset_minutes);
  if (c == U'P' && marker.names == LetterCase::kUpper) return Cased(value.text, LetterCase::kUpper);
  return value.text;
}

}  // namespace

PictureResult<std::string> FromMillis(double millis, const std::optional<std::string>& picture,
                                      const std::optional<std::string>& timezone) {
  int offset_hours = 0, offset_minutes = 0;
  if (timezone) {
    // parseInt of "+hhmm": the sign and the leading digits.
    const char* text = timezone->c_str();
    while (std::isspace(static_cast<unsigned char>(*text))) ++text;
    bool negative = *text == '-';
    if (*text == '-' || *text == '+') ++text;
    int offset = 0;
    for (int n = 0; std::isdigit(static_cast<unsigned char>(*text)) && n < 6; ++text, ++n) {
      offset = offset * 10 + (*text - '0');
    }
    if (negative) offset = -offset;
    offset_hours = static_cast<int>(FloorDiv(offset, 100));
    offset_minutes = offset % 100;  // JavaScript's %: the sign of the dividend
  }
  PictureResult<std::vector<DateTimePart>> parts =
      AnalyseDateTimePicture(picture ? *picture : kIso8601Picture);
  if (!parts.ok()) return parts.error();
  double shifted = std::trunc(millis) + (offset_hours * 60.0 + offset_minutes) * 60000.0;
  if (!std::isfinite(shifted) || std::fabs(shifted) > kMaxDateMillis) {
    // JavaScript's Date has no such instant; the reference then prints "NaN" for every field.
    return PictureError{"D3110",
                        "$fromMillis: " + std::to_string(millis) +
                            " is outside the range of dates (+-8.64e15 ms)",
                        std::nullopt};
  }
  std::string out;
  for (const DateTimePart& part : parts.value()) {
    if (part.literal) {
      out += part.text;
      continue;
    }
    PictureResult<std::string> text = FormatComponent(static_cast<int64_t>(shifted), part.marker,
                                                      offset_hours, offset_minutes);
    if (!text.ok()) return text.error();
    out += text.value();
  }
  return out;
}

}  // namespace asl::jsonata_pictures
