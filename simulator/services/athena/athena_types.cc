#include "simulator/services/athena/athena_types.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "simulator/services/athena/lower_case.h"

namespace sim::athena {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "name(a)" or "name(a,b)": the integer arguments; false when malformed.
bool ParseArguments(std::string_view args, int* first, int* second, bool* has_second) {
  args = Trim(args);
  if (args.size() < 2 || args.front() != '(' || args.back() != ')') return false;
  args = args.substr(1, args.size() - 2);
  size_t comma = args.find(',');
  *has_second = comma != std::string_view::npos;
  std::string_view a = Trim(args.substr(0, comma));
  auto r1 = std::from_chars(a.data(), a.data() + a.size(), *first);
  if (r1.ec != std::errc() || r1.ptr != a.data() + a.size()) return false;
  if (*has_second) {
    std::string_view b = Trim(args.substr(comma + 1));
    auto r2 = std::from_chars(b.data(), b.data() + b.size(), *second);
    if (r2.ec != std::errc() || r2.ptr != b.data() + b.size()) return false;
  }
  return true;
}

// Java's toString layout from shortest round-trip digits: `digits` without a point, the
// decimal exponent of the first digit.
std::string JavaLayout(bool negative, std::string_view digits, int exponent) {
  std::string out = negative ? "-" : "";
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out += digits;
    } else {
      size_t int_digits = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= int_digits) {
        out += digits;
        out.append(int_digits - digits.size(), '0');
        out += ".0";
      } else {
        out += digits.substr(0, int_digits);
        out += '.';
        out += digits.substr(int_digits);
      }
    }
    return out;
  }
  out += digits[0];
  out += '.';
  out += digits.size() > 1 ? digits.substr(1) : std::string_view("0");
  out += 'E';
  out += std::to_string(exponent);
  return out;
}

template <typename T>
std::string FormatJavaFloatingPoint(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  char buffer[64];
  // Shortest round-trip digits in scientific form: "d.ddde+XX" or "de-XX".
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(value),
                              std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  return JavaLayout(std::signbit(value), digits, exponent);
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::optional<ColumnType> ParseDeclaredType(std::string_view declared) {
  std::string text = Lower(Trim(declared));
  size_t paren = text.find('(');
  std::string base(Trim(std::string_view(text).substr(0, paren)));
  std::string_view args =
      paren == std::string::npos ? std::string_view() : std::string_view(text).substr(paren);
  int first = 0, second = 0;
  bool has_second = false;
  if (!args.empty() && !ParseArguments(args, &first, &second, &has_second)) return std::nullopt;
  bool has_args = !args.empty();
  auto plain = [&](TypeKind kind) -> std::optional<ColumnType> {
    if (has_args) return std::nullopt;
    return ColumnType{kind, 0, 0};
  };
  if (base == "boolean" || base == "bool") return plain(TypeKind::kBoolean);
  if (base == "tinyint") return plain(TypeKind::kTinyint);
  if (base == "smallint") return plain(TypeKind::kSmallint);
  if (base == "int" || base == "integer") return plain(TypeKind::kInteger);
  if (base == "bigint") return plain(TypeKind::kBigint);
  if (base == "float" || base == "real") return plain(TypeKind::kFloat);
  if (base == "double" || base == "double precision") return plain(TypeKind::kDouble);
  if (base == "date") return plain(TypeKind::kDate);
  if (base == "timestamp") return plain(TypeKind::kTimestamp);
  if (base == "string" || base == "text") return plain(TypeKind::kVarchar);
  if (base == "varchar") {
    if (has_second || (has_args && first < 1)) return std::nullopt;
    return ColumnType{TypeKind::kVarchar, has_args ? first : 0, 0};
  }
  if (base == "char") {
    if (has_second || (has_args && first < 1)) return std::nullopt;
    return ColumnType{TypeKind::kChar, has_args ? first : 1, 0};
  }
  if (base == "decimal") {
    // Hive's default decimal is decimal(10,0).
    int precision = has_args ? first : 10;
    int scale = has_second ? second : 0;
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) return std::nullopt;
    return ColumnType{TypeKind::kDecimal, precision, scale};
  }
  return std::nullopt;
}

const char* TypeName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kBoolean: return "boolean";
    case TypeKind::kTinyint: return "tinyint";
    case TypeKind::kSmallint: return "smallint";
    case TypeKind::kInteger: return "integer";
    case TypeKind::kBigint: return "bigint";
    case TypeKind::kFloat: return "float";
    case TypeKind::kDouble: return "double";
    case TypeKind::kDecimal: return "decimal";
    case TypeKind::kVarchar: return "varchar";
    case TypeKind::kChar: return "char";
    case TypeKind::kDate: return "date";
    case TypeKind::kTimestamp: return "timestamp";
    case TypeKind::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string SqliteDeclaration(const ColumnType& type) {
  switch (type.kind) {
    case TypeKind::kDecimal: return fmt::format("decimal({},{})", type.precision, type.scale);
    case TypeKind::kChar: return fmt::format("char({})", type.precision);
    case TypeKind::kVarchar:
      return type.precision > 0 ? fmt::format("varchar({})", type.precision) : "varchar";
    // "date" and "timestamp" get NUMERIC affinity, which leaves their text values alone.
    default: return TypeName(type.kind);
  }
}

int ColumnInfoPrecision(const ColumnType& type) {
  switch (type.kind) {
    case TypeKind::kTinyint: return 3;
    case TypeKind::kSmallint: return 5;
    case TypeKind::kInteger: return 10;
    case TypeKind::kBigint: return 19;
    case TypeKind::kFloat:
    case TypeKind::kDouble: return 17;
    case TypeKind::kTimestamp: return 3;
    case TypeKind::kDecimal:
    case TypeKind::kChar: return type.precision;
    case TypeKind::kVarchar: return type.precision > 0 ? type.precision : 2147483647;
    default: return 0;
  }
}

int ColumnInfoScale(const ColumnType& type) {
  return type.kind == TypeKind::kDecimal ? type.scale : 0;
}

bool ColumnInfoCaseSensitive(const ColumnType& type) {
  return type.kind == TypeKind::kVarchar || type.kind == TypeKind::kChar;
}

std::string FormatDouble(double value) { return FormatJavaFloatingPoint(value); }
std::string FormatFloat(float value) { return FormatJavaFloatingPoint(value); }

std::string FormatDecimal(double value, int scale) { return fmt::format("{:.{}f}", value, scale); }

std::optional<std::string> NormalizeDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!AllDigits(y) || !AllDigits(m) || !AllDigits(d)) return std::nullopt;
  int year = ToInt(y), month = ToInt(m), day = ToInt(d);
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return std::string(text);
}

std::optional<std::string> NormalizeTimestamp(std::string_view text) {
  if (text.size() < 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  if (!NormalizeDate(text.substr(0, 10))) return std::nullopt;
  std::string_view h = text.substr(11, 2), mi = text.substr(14, 2), s = text.substr(17, 2);
  if (!AllDigits(h) || !AllDigits(mi) || !AllDigits(s)) return std::nullopt;
  if (ToInt(h) > 23 || ToInt(mi) > 59 || ToInt(s) > 59) return std::nullopt;
  std::string_view fraction = text.substr(19);
  std::string millis = "000";
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() < 2 || fraction.size() > 4) return std::nullopt;
    std::string_view digits = fraction.substr(1);
    if (!AllDigits(digits)) return std::nullopt;
    millis.replace(0, digits.size(), digits);
  }
  return std::string(text.substr(0, 19)) + "." + millis;
}

namespace {

bool ParseInt64(std::string_view text, int64_t* value) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
  return result.ec == std::errc() && result.ptr == text.data() + text.size() && !text.empty();
}

bool ParseReal(std::string_view text, double* value) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
  if (result.ec == std::errc() && result.ptr == text.data() + text.size()) return true;
  // Java's spellings, as Athena prints them.
  std::string lower = Lower(text);
  if (lower == "infinity" || lower == "-infinity" || lower == "nan" || lower == "-nan") {
    *value = lower == "nan" || lower == "-nan" ? std::nan("")
             : lower[0] == '-'                 ? -HUGE_VAL
                                               : HUGE_VAL;
    return true;
  }
  return false;
}

}  // namespace

bool ConvertValue(const ColumnType& type, std::string_view text, StoredValue* out,
                  std::string* error) {
  using Storage = StoredValue::Storage;
  auto fail = [&](const char* what) {
    *error = fmt::format("'{}' is not {}", text, what);
    return false;
  };
  switch (type.kind) {
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint: {
      static constexpr int64_t kMax[] = {127, 32767, 2147483647};
      int64_t value = 0;
      const char* article = type.kind == TypeKind::kInteger ? "an integer" : "a";
      std::string what = type.kind == TypeKind::kInteger
                             ? std::string(article)
                             : std::string(article) + " " + TypeName(type.kind);
      if (!ParseInt64(text, &value)) return fail(what.c_str());
      if (type.kind != TypeKind::kBigint) {
        int64_t max = kMax[static_cast<int>(type.kind) - static_cast<int>(TypeKind::kTinyint)];
        if (value > max || value < -max - 1) {
          *error = fmt::format("'{}' is out of range for {}", text, TypeName(type.kind));
          return false;
        }
      }
      out->storage = Storage::kInteger;
      out->integer = value;
      return true;
    }
    case TypeKind::kFloat:
    case TypeKind::kDouble:
    case TypeKind::kDecimal: {
      double value = 0;
      if (!ParseReal(text, &value)) return fail("a number");
      out->storage = Storage::kReal;
      out->real =
          type.kind == TypeKind::kFloat ? static_cast<double>(static_cast<float>(value)) : value;
      return true;
    }
    case TypeKind::kBoolean: {
      std::string lower = Lower(text);
      if (lower != "true" && lower != "false") return fail("a boolean (true or false)");
      out->storage = Storage::kInteger;
      out->integer = lower == "true" ? 1 : 0;
      return true;
    }
    case TypeKind::kDate: {
      std::optional<std::string> date = NormalizeDate(text);
      if (!date) return fail("a date (YYYY-MM-DD)");
      out->storage = Storage::kText;
      out->owned = std::move(*date);
      out->text = out->owned;
      return true;
    }
    case TypeKind::kTimestamp: {
      std::optional<std::string> timestamp = NormalizeTimestamp(text);
      if (!timestamp) return fail("a timestamp (YYYY-MM-DD HH:MM:SS[.fff])");
      out->storage = Storage::kText;
      out->owned = std::move(*timestamp);
      out->text = out->owned;
      return true;
    }
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kUnknown:
      out->storage = Storage::kText;
      out->text = text;
      return true;
  }
  return fail("a value");
}

}  // namespace sim::athena
