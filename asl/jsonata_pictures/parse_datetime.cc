#include "asl/jsonata_pictures/parse_datetime.h"

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "asl/jsonata_pictures/civil_time.h"
#include "asl/jsonata_pictures/code_points.h"
#include "asl/jsonata_pictures/datetime_picture.h"
#include "asl/jsonata_pictures/integer_words.h"
#include "asl/jsonata_pictures/iso8601.h"

namespace asl::jsonata_pictures {
namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                             "Friday", "Saturday", "Sunday"};

char32_t Fold(char32_t c) { return c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c; }

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// What one part of the picture matches, in the order the reference's regular expression
// (one group per part, anchored, case-insensitive) would try: the end positions, longest first.
enum class Shape { kLiteral, kDigits, kLetters, kRoman, kWords, kName, kTimezone };

struct MatchPart {
  Shape shape = Shape::kLiteral;
  std::u32string literal;   // kLiteral; "GMT" prefix for kTimezone z
  int min_digits = 1, max_digits = -1;  // kDigits; -1 = no limit
  bool ordinal = false;     // kDigits: th|st|nd|rd after the digits
  char32_t separator = 0;   // kTimezone: the hour:minute separator, 0 for none
  DateTimeMarker marker;
  std::map<std::u32string, int> names;  // kName
};

std::vector<size_t> Ends(const MatchPart& part, const std::u32string& text, size_t pos) {
  std::vector<size_t> ends;
  auto run = [&](auto accepts) {
    size_t end = pos;
    while (end < text.size() && accepts(text[end])) ++end;
    return end;
  };
  switch (part.shape) {
    case Shape::kLiteral: {
      if (pos + part.literal.size() > text.size()) return ends;
      for (size_t i = 0; i < part.literal.size(); ++i) {
        if (Fold(text[pos + i]) != Fold(part.literal[i])) return ends;
      }
      ends.push_back(pos + part.literal.size());
      return ends;
    }
    case Shape::kDigits: {
      size_t end = run(IsAsciiDigit);
      size_t most = part.max_digits < 0 ? end - pos : std::min<size_t>(end - pos, part.max_digits);
      for (size_t n = most; n >= static_cast<size_t>(part.min_digits) && n > 0; --n) {
        size_t at = pos + n;
        if (!part.ordinal) {
          ends.push_back(at);
          continue;
        }
        if (at + 2 > text.size()) continue;
        std::u32string suffix = {Fold(text[at]), Fold(text[at + 1])};
        if (suffix == U"th" || suffix == U"st" || suffix == U"nd" || suffix == U"rd") {
          ends.push_back(at + 2);
        }
      }
      return ends;
    }
    case Shape::kLetters:
    case Shape::kName: {
      size_t end = run([](char32_t c) { return Fold(c) >= U'a' && Fold(c) <= U'z'; });
      for (size_t at = end; at > pos; --at) ends.push_back(at);
      return ends;
    }
    case Shape::kRoman: {
      static const std::u32string kRomanLetters = U"mdclxvi";
      size_t end = run([](char32_t c) { return kRomanLetters.find(Fold(c)) != std::u32string::npos; });
      for (size_t at = end; at > pos; --at) ends.push_back(at);
      return ends;
    }
    case Shape::kWords: {
      // A run of number words, "and", and the separators '-', ',' and ' '.
      std::set<size_t> reachable;
      std::vector<size_t> frontier = {pos};
      std::vector<std::u32string> tokens;
      for (const auto& [word, value] : NumberWordValues()) tokens.push_back(DecodeUtf8(word));
      tokens.push_back(U"and");
      while (!frontier.empty()) {
        size_t at = frontier.back();
        frontier.pop_back();
        auto reach = [&](size_t next) {
          if (reachable.insert(next).second) frontier.push_back(next);
        };
        if (at < text.size() && (text[at] == U'-' || text[at] == U',' || text[at] == U' ')) {
          reach(at + 1);
        }
        for (const std::u32string& token : tokens) {
          if (at + token.size() > text.size()) continue;
          bool same = true;
          for (size_t i = 0; i < token.size() && same; ++i) same = Fold(text[at + i]) == token[i];
          if (same) reach(at + token.size());
        }
      }
      ends.assign(reachable.rbegin(), reachable.rend());
      return ends;
    }
    case Shape::kTimezone: {
      size_t at = pos;
      for (char32_t c : part.literal) {
        if (at >= text.size() || Fold(text[at]) != Fold(c)) return ends;
        ++at;
      }
      if (at >= text.size() || (text[at] != U'-' && text[at] != U'+')) return ends;
      size_t end = at + 1;
      while (end < text.size() && IsAsciiDigit(text[end])) ++end;
      for (size_t hours_end = end; hours_end > at + 1; --hours_end) {
        if (part.separator == 0) {
          ends.push_back(hours_end);
          continue;
        }
        if (hours_end < text.size() && text[hours_end] == part.separator) {
          size_t minutes_end = hours_end + 1;
          while (minutes_end < text.size() && IsAsciiDigit(text[minutes_end])) ++minutes_end;
          for (size_t m = minutes_end; m > hours_end + 1; --m) ends.push_back(m);
        }
      }
      return ends;
    }
  }
  return ends;
}

// parseInt(text): leading sign and digits; nullopt for none.
std::optional<double> ParseIntText(const std::u32string& text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == U'-' || text[i] == U'+')) negative = text[i++] == U'-';
  double value = 0;
  size_t start = i;
  while (i < text.size() && IsAsciiDigit(text[i])) value = value * 10 + (text[i++] - U'0');
  if (i == start) return std::nullopt;
  return negative ? -value : value;
}

// The value of a matched part; nullopt where the reference's would be undefined or NaN.
std::optional<double> PartValue(const MatchPart& part, const std::u32string& matched) {
  std::string utf8 = EncodeUtf8(matched);
  switch (part.shape) {
    case Shape::kLiteral:
      return std::nullopt;
    case Shape::kName: {
      auto it = part.names.find(matched);
      if (it == part.names.end()) return std::nullopt;
      return it->second;
    }
    case Shape::kTimezone: {
      std::u32string value = matched.substr(part.literal.size());
      double hours = 0, minutes = 0;
      if (part.separator != 0) {
        size_t at = value.find(part.separator);
        hours = ParseIntText(value.substr(0, at)).value_or(NAN);
        minutes = ParseIntText(value.substr(at + 1)).value_or(NAN);
      } else if (value.size() - 1 <= 2) {
        hours = ParseIntText(value).value_or(NAN);
      } else {
        hours = ParseIntText(value.substr(0, 3)).value_or(NAN);
        minutes = ParseIntText(value.substr(3)).value_or(NAN);
      }
      double offset = hours * 60 + minutes;
      if (std::isnan(offset)) return std::nullopt;
      return offset;
    }
    case Shape::kDigits: {
      std::u32string digits = part.ordinal ? matched.substr(0, matched.size() - 2) : matched;
      if (part.marker.component == U'f') {
        // Fractional seconds: the digits are a fraction of a second, cut to milliseconds.
        double value = ParseIntText(digits).value_or(0);
        return std::floor(value * std::pow(10, 3 - static_cast<double>(digits.size())));
      }
      return ParseIntText(digits);
    }
    case Shape::kWords:
      return WordsToNumber(utf8);
    case Shape::kRoman:
      return RomanToNumber(utf8);
    case Shape::kLetters: {
      // The reference's expression is case-insensitive, but its letters count from 'a' or 'A'
      // as the picture says, so text of the other case is no number.
      bool upper = part.marker.format.letter_case == LetterCase::kUpper;
      return LettersToNumber(utf8, upper ? 'A' : 'a');
    }
  }
  return std::nullopt;
}

PictureResult<MatchPart> ToMatchPart(const DateTimePart& part) {
  MatchPart m;
  if (part.literal) {
    m.literal = DecodeUtf8(part.text);
    return m;
  }
  m.marker = part.marker;
  char32_t c = part.marker.component;
  if (c == U'Z' || c == U'z') {
    m.shape = Shape::kTimezone;
    if (c == U'z') m.literal = U"GMT";
    if (part.marker.format.regular) m.separator = part.marker.format.separators[0].character;
    return m;
  }
  if (part.marker.integer) {
    const IntegerPicture& f = part.marker.format;
    switch (f.style) {
      case IntegerStyle::kLetters: m.shape = Shape::kLetters; return m;
      case IntegerStyle::kRoman: m.shape = Shape::kRoman; return m;
      case IntegerStyle::kWords: m.shape = Shape::kWords; return m;
      case IntegerStyle::kSequence:
        return PictureError{"D3130", "date/time picture: '" + f.token + "' is no integer format",
                            f.token};
      case IntegerStyle::kDecimal:
        break;
    }
    m.shape = Shape::kDigits;
    m.ordinal = f.ordinal;
    int n = c == U'Y' ? part.marker.year_digits : -1;
    if (part.marker.parse_width > 0) {
      m.min_digits = m.max_digits = part.marker.parse_width;
    } else if (n > 0) {
      m.min_digits = f.optional_digits == 0 ? n : n - f.optional_digits;
      m.max_digits = n;
    }
    return m;
  }
  m.shape = Shape::kName;
  auto add = [&](const char* name, int value) {
    std::u32string key = DecodeUtf8(name);
    if (part.marker.max_width && key.size() > static_cast<size_t>(*part.marker.max_width)) {
      key.resize(static_cast<size_t>(*part.marker.max_width));
    }
    m.names[key] = value;
  };
  if (c == U'M' || c == U'x') {
    for (int i = 0; i < 12; ++i) add(kMonths[i], i + 1);
  } else if (c == U'F') {
    for (int i = 0; i < 7; ++i) add(kDays[i], i + 1);
  } else if (c == U'P') {
    m.names = {{U"am", 0}, {U"AM", 0}, {U"pm", 1}, {U"PM", 1}};
  } else {
    std::string component = EncodeUtf8(c);
    return PictureError{"D3133", "date/time component '" + component + "' cannot be read as a name",
                        component};
  }
  return m;
}

// Anchored match of every part; failed (part, position) pairs are remembered, so the search is
// polynomial however the picture is written.
bool MatchAll(const std::vector<MatchPart>& parts, const std::u32string& text,
              std::vector<std::u32string>& groups) {
  std::set<std::pair<size_t, size_t>> failed;
  std::function<bool(size_t, size_t)> match = [&](size_t i, size_t pos) {
    if (i == parts.size()) return pos == text.size();
    if (failed.count({i, pos})) return false;
    for (size_t end : Ends(parts[i], text, pos)) {
      if (match(i + 1, end)) {
        groups[i] = text.substr(pos, end - pos);
        return true;
      }
    }
    failed.insert({i, pos});
    return false;
  };
  groups.assign(parts.size(), U"");
  return match(0, 0);
}

int64_t NowComponent(double now_millis, char component) {
  CivilTime t = CivilFromMillis(static_cast<int64_t>(now_millis));
  switch (component) {
    case 'Y': return t.year;
    case 'M': return t.month;
    case 'D': return t.day;
    case 'd': return t.day_of_year;
    case 'H': return t.hour;
    case 'h': return t.hour % 12 == 0 ? 12 : t.hour % 12;
    case 'P': return t.hour >= 12 ? 1 : 0;
    case 'm': return t.minute;
    case 's': return t.second;
    case 'f': return t.millisecond;
    case 'F': return t.iso_weekday;
    default: return 0;
  }
}

PictureError Gap(const std::string& picture) {
  return {"D3136",
          "$toMillis picture '" + picture +
              "': the date/time components leave a gap, or form a week-based date, which cannot "
              "be turned into a timestamp",
          std::nullopt};
}

}  // namespace

PictureResult<std::optional<double>> ToMillis(const std::string& text,
                                              const std::optional<std::string>& picture,
                                              double now_millis) {
  if (!picture) {
    std::optional<double> millis = ParseIso8601(text);
    if (!millis) {
      return PictureError{"D3110",
                          "$toMillis: '" + text + "' is not an ISO 8601 timestamp", text};
    }
    return std::optional<double>(*millis);
  }
  PictureResult<std::vector<DateTimePart>> analysed = AnalyseDateTimePicture(*picture);
  if (!analysed.ok()) return analysed.error();
  std::vector<MatchPart> parts;
  for (const DateTimePart& part : analysed.value()) {
    PictureResult<MatchPart> m = ToMatchPart(part);
    if (!m.ok()) return m.error();
    parts.push_back(m.value());
  }
  std::vector<std::u32string> groups;
  if (!MatchAll(parts, DecodeUtf8(text), groups)) return std::optional<double>();
  // Each component's value; a key present with nullopt is the reference's undefined/NaN.
  std::map<char, std::optional<double>> components;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].shape == Shape::kLiteral) continue;
    char32_t c = parts[i].marker.component;
    if (c > 0x7F) continue;
    components[static_cast<char>(c)] = PartValue(parts[i], groups[i]);
  }
  if (components.empty()) return std::optional<double>();
  auto given = [&](char c) {
    auto it = components.find(c);
    return it != components.end() && it->second.has_value();
  };
  // The reference's bit masks: which components form a date (YMD, Yd, Xxw, XW) and a time.
  auto mask_of = [&](const char* order) {
    int mask = 0;
    for (const char* c = order; *c; ++c) mask = (mask << 1) | (given(*c) ? 1 : 0);
    return mask;
  };
  auto is_type = [](int type, int mask) { return (~type & mask) == 0 && (type & mask) != 0; };
  int date_mask = mask_of("YXMxWwdD");
  bool date_a = is_type(161, date_mask);
  bool date_b = !date_a && is_type(130, date_mask);
  bool date_c = is_type(84, date_mask);
  bool date_d = !date_c && is_type(72, date_mask);
  int time_mask = mask_of("PHhmsf");
  bool time_a = is_type(23, time_mask);
  bool time_b = !time_a && is_type(47, time_mask);
  std::string order = std::string(date_b ? "YD" : date_c ? "XxwF" : date_d ? "XWF" : "YMD") +
                      (time_b ? "Phmsf" : "Hmsf");
  std::map<char, double> values;
  bool start_given = false, end_given = false;
  for (char c : order) {
    if (!given(c)) {
      if (start_given) {
        values[c] = (c == 'M' || c == 'D' || c == 'd') ? 1 : 0;
        end_given = true;
      } else {
        values[c] = static_cast<double>(NowComponent(now_millis, c));
      }
    } else {
      start_given = true;
      if (end_given) return Gap(*picture);
      values[c] = *components[c];
    }
  }
  for (const auto& [c, v] : components) {
    if (!values.count(c)) values[c] = v.value_or(NAN);
  }
  if (date_c || date_d) return Gap(*picture);
  double month = values.count('M') && values['M'] > 0 ? values['M'] - 1 : 0;
  double day = values['D'];
  if (date_b) {
    month = 0;
    day = values['d'];  // Date.UTC rolls the day of the year over into the months
  }
  double hour = values['H'];
  if (time_b) {
    hour = values['h'] == 12 ? 0 : values['h'];
    if (values['P'] == 1) hour += 12;
  }
  double year = values['Y'];
  for (double v : {year, month, day, hour, values['m'], values['s'], values['f']}) {
    if (!std::isfinite(v)) return std::optional<double>();
  }
  // Date.UTC: years 0-99 are 1900-1999; months and days roll over.
  if (year >= 0 && year <= 99) year += 1900;
  double whole_years = std::floor(month / 12);
  int month_index = static_cast<int>(month - whole_years * 12);
  double days = static_cast<double>(
                    DaysFromCivil(static_cast<int64_t>(year + whole_years), month_index + 1, 1)) +
                (day - 1);
  double millis = days * 86400000.0 + hour * 3600000.0 + values['m'] * 60000.0 +
                  values['s'] * 1000.0 + values['f'];
  double zone = given('Z') ? *components['Z'] : given('z') ? *components['z'] : 0;
  millis -= zone * 60000.0;
  if (std::fabs(millis) > kMaxDateMillis) return std::optional<double>();
  return std::optional<double>(millis);
}

}  // namespace asl::jsonata_pictures
