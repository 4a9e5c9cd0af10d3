#include "asl/jsonata_pictures/iso8601.h"

#include <cctype>

#include "asl/jsonata_pictures/civil_time.h"

namespace asl::jsonata_pictures {
namespace {

bool Digits(const std::string& text, size_t& pos, size_t count, int& value) {
  value = 0;
  for (size_t i = 0; i < count; ++i, ++pos) {
    if (pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[pos]))) return false;
    value = value * 10 + (text[pos] - '0');
  }
  return true;
}

}  // namespace

std::optional<double> ParseIso8601(const std::string& text) {
  size_t pos = 0;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  if (!Digits(text, pos, 4, year)) return std::nullopt;
  if (pos < text.size() && text[pos] == '-') {
    ++pos;
    if (!Digits(text, pos, 2, month) || month < 1 || month > 12) return std::nullopt;
    if (pos < text.size() && text[pos] == '-') {
      ++pos;
      if (!Digits(text, pos, 2, day) || day < 1 || day > 31) return std::nullopt;
    }
  }
  int offset_minutes = 0;
  if (pos < text.size() && text[pos] == 'T') {
    ++pos;
    if (!Digits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
        !Digits(text, pos, 2, minute) || pos >= text.size() || text[pos++] != ':' ||
        !Digits(text, pos, 2, second) || hour > 24 || minute > 59 || second > 59) {
      return std::nullopt;
    }
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      size_t start = pos;
      int scale = 100;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        millis += (text[pos] - '0') * scale;  // digits past the third are dropped, as V8 does
        scale /= 10;
        ++pos;
      }
      if (pos == start) return std::nullopt;
    }
    // A date-time without an offset is local time to JavaScript; sfnsim has no local zone and
    // reads it as UTC (docs/jsonata-pictures.md).
    if (pos < text.size() && text[pos] == 'Z') {
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      int sign = text[pos++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!Digits(text, pos, 2, oh)) return std::nullopt;
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!Digits(text, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    }
  }
  if (pos != text.size()) return std::nullopt;
  if (hour == 24 && (minute != 0 || second != 0 || millis != 0)) return std::nullopt;
  double days = static_cast<double>(DaysFromCivil(year, month, day));
  return days * 86400000.0 + hour * 3600000.0 + minute * 60000.0 + second * 1000.0 + millis -
         offset_minutes * 60000.0;
}

}  // namespace asl::jsonata_pictures
