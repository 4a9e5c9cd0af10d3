#include "asl/jsonata_pictures/datetime_picture.h"

#include <cctype>
#include <cstdlib>

#include "asl/jsonata_pictures/code_points.h"

namespace asl::jsonata_pictures {
namespace {

// F&O 9.8.4.1's default presentation of each component.
const char* DefaultPresentation(char32_t component) {
  switch (component) {
    case U'Y': case U'M': case U'D': case U'd': case U'W': case U'w': case U'X': case U'x':
    case U'H': case U'h': case U'f':
      return "1";
    case U'F': case U'P': case U'C': case U'E':
      return "n";
    case U'm': case U's':
      return "01";
    case U'Z': case U'z':
      return "01:01";
    default:
      return nullptr;
  }
}

std::optional<int> ParseWidth(const std::string& text) {
  if (text.empty() || text == "*") return std::nullopt;
  // parseInt: leading digits; a width that is not a number is no width.
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 6) return std::nullopt;
  return std::atoi(text.substr(0, digits).c_str());
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

PictureResult<std::vector<DateTimePart>> AnalyseDateTimePicture(const std::string& picture) {
  std::vector<DateTimePart> parts;
  auto add_literal = [&](size_t start, size_t end) {
    if (end > start) parts.push_back({true, ReplaceAll(picture.substr(start, end - start), "]]", "]"), {}});
  };
  size_t start = 0, pos = 0;
  while (pos < picture.size()) {
    if (picture[pos] != '[') {
      ++pos;
      continue;
    }
    if (pos + 1 < picture.size() && picture[pos + 1] == '[') {
      add_literal(start, pos);
      parts.push_back({true, "[", {}});
      pos += 2;
      start = pos;
      continue;
    }
    add_literal(start, pos);
    size_t close = picture.find(']', pos);
    if (close == std::string::npos) {
      return PictureError{"D3135",
                          "date/time picture '" + picture + "': a variable marker has no closing ']'",
                          picture.substr(pos)};
    }
    std::string marker_text;
    for (char c : picture.substr(pos + 1, close - pos - 1)) {
      if (!std::isspace(static_cast<unsigned char>(c))) marker_text += c;
    }
    std::u32string marker_points = DecodeUtf8(marker_text);
    DateTimeMarker marker;
    marker.component = marker_points.empty() ? 0 : marker_points[0];
    std::string rest = marker_points.empty() ? "" : EncodeUtf8(marker_points.substr(1));
    size_t comma = rest.rfind(',');
    std::string modifiers = rest;
    if (comma != std::string::npos) {
      std::string width = rest.substr(comma + 1);
      size_t dash = width.find('-');
      marker.has_width = true;
      marker.min_width = ParseWidth(width.substr(0, dash));
      if (dash != std::string::npos) marker.max_width = ParseWidth(width.substr(dash + 1));
      modifiers = rest.substr(0, comma);
    }
    std::u32string modifier_points = DecodeUtf8(modifiers);
    if (modifier_points.size() == 1) {
      marker.presentation1 = modifiers;
    } else if (modifier_points.size() > 1) {
      char32_t last = modifier_points.back();
      if (last == U'a' || last == U't' || last == U'c' || last == U'o') {
        marker.presentation2 = static_cast<char>(last);
        marker.presentation1 = EncodeUtf8(modifier_points.substr(0, modifier_points.size() - 1));
      } else {
        marker.presentation1 = modifiers;
      }
    } else {
      const char* fallback = DefaultPresentation(marker.component);
      if (fallback == nullptr) {
        std::string component = marker_points.empty() ? "" : EncodeUtf8(marker.component);
        return PictureError{"D3132",
                            "date/time picture '" + picture + "': unknown component '" +
                                component + "' in [" + marker_text + "]",
                            component};
      }
      marker.presentation1 = fallback;
    }
    const std::string& p1 = marker.presentation1;
    std::u32string components_with_integers = U"YMDdFWwXxHhmsf";
    if (p1[0] == 'n') {
      marker.names = LetterCase::kLower;
    } else if (p1[0] == 'N') {
      marker.names = p1.size() > 1 && p1[1] == 'n' ? LetterCase::kTitle : LetterCase::kUpper;
    } else if (components_with_integers.find(marker.component) != std::u32string::npos) {
      std::string pattern = p1;
      if (marker.presentation2 != 0) pattern += std::string(";") + marker.presentation2;
      PictureResult<IntegerPicture> format = AnalyseIntegerPicture(pattern);
      if (!format.ok()) return format.error();
      marker.integer = true;
      marker.format = format.value();
      if (marker.min_width && marker.format.mandatory_digits < *marker.min_width) {
        marker.format.mandatory_digits = *marker.min_width;
      }
      if (marker.component == U'Y') {
        if (marker.max_width) {
          marker.year_digits = *marker.max_width;
          marker.format.mandatory_digits = *marker.max_width;
        } else if (marker.format.mandatory_digits + marker.format.optional_digits >= 2) {
          marker.year_digits = marker.format.mandatory_digits + marker.format.optional_digits;
        }
      }
    }
    if (marker.integer && !parts.empty() && !parts.back().literal && parts.back().marker.integer) {
      parts.back().marker.parse_width = parts.back().marker.format.mandatory_digits;
    }
    if (marker.component == U'Z' || marker.component == U'z') {
      PictureResult<IntegerPicture> format = AnalyseIntegerPicture(p1);
      if (!format.ok()) return format.error();
      marker.format = format.value();
    }
    parts.push_back({false, "", marker});
    pos = close + 1;
    start = pos;
  }
  add_literal(start, pos);
  return parts;
}

}  // namespace asl::jsonata_pictures
