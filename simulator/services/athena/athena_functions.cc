#include "simulator/services/athena/athena_functions.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/services/athena/athena_types.h"

namespace sim::athena {

namespace {

std::string_view TextArg(sqlite3_value* value) {
  const unsigned char* text = sqlite3_value_text(value);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_value_bytes(value))};
}

struct CivilDate {
  int year = 0, month = 0, day = 0;
};

// The date at the start of a 'YYYY-MM-DD…' text; false (with an error set) when malformed.
bool DateArg(sqlite3_context* context, sqlite3_value* value, CivilDate* date) {
  std::string_view text = TextArg(value);
  std::optional<std::string> normalized;
  if (text.size() >= 10) normalized = NormalizeDate(text.substr(0, 10));
  if (!normalized || (text.size() > 10 && text[10] != ' ' && text[10] != 'T')) {
    std::string message =
        "INVALID_CAST_ARGUMENT: Value cannot be cast to date: " + std::string(text);
    sqlite3_result_error(context, message.c_str(), -1);
    return false;
  }
  date->year = std::stoi(normalized->substr(0, 4));
  date->month = std::stoi(normalized->substr(5, 2));
  date->day = std::stoi(normalized->substr(8, 2));
  return true;
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(CivilDate d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (d.month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

enum class DatePart { kYear, kMonth, kDay, kQuarter, kDayOfWeek, kDayOfYear };

void ExtractDatePart(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  CivilDate date;
  if (!DateArg(context, argv[0], &date)) return;
  auto part = static_cast<DatePart>(reinterpret_cast<intptr_t>(sqlite3_user_data(context)));
  int64_t result = 0;
  switch (part) {
    case DatePart::kYear: result = date.year; break;
    case DatePart::kMonth: result = date.month; break;
    case DatePart::kDay: result = date.day; break;
    case DatePart::kQuarter: result = (date.month - 1) / 3 + 1; break;
    case DatePart::kDayOfWeek: {
      int64_t days = DaysFromCivil(date);  // 1970-01-01 was a Thursday (ISO 4)
      result = ((days % 7) + 7 + 3) % 7 + 1;
      break;
    }
    case DatePart::kDayOfYear:
      result = DaysFromCivil(date) - DaysFromCivil({date.year, 1, 1}) + 1;
      break;
  }
  sqlite3_result_int64(context, result);
}

void FromIso8601Date(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view text = TextArg(argv[0]);
  std::optional<std::string> date = NormalizeDate(text);
  if (!date) {
    std::string message =
        "INVALID_FUNCTION_ARGUMENT: Invalid format: \"" + std::string(text) + "\"";
    return sqlite3_result_error(context, message.c_str(), -1);
  }
  sqlite3_result_text(context, date->data(), static_cast<int>(date->size()), SQLITE_TRANSIENT);
}

// Trino's mod: the remainder with the sign of the dividend; integer for integer arguments.
void Mod(sqlite3_context* context, int, sqlite3_value** argv) {
  int t0 = sqlite3_value_numeric_type(argv[0]), t1 = sqlite3_value_numeric_type(argv[1]);
  if (t0 == SQLITE_NULL || t1 == SQLITE_NULL) return sqlite3_result_null(context);
  if (t0 == SQLITE_INTEGER && t1 == SQLITE_INTEGER) {
    int64_t a = sqlite3_value_int64(argv[0]), b = sqlite3_value_int64(argv[1]);
    if (b == 0) return sqlite3_result_error(context, "DIVISION_BY_ZERO: Division by zero", -1);
    if (b == -1) return sqlite3_result_int64(context, 0);  // avoids INT64_MIN % -1
    return sqlite3_result_int64(context, a % b);
  }
  double a = sqlite3_value_double(argv[0]), b = sqlite3_value_double(argv[1]);
  sqlite3_result_double(context, std::fmod(a, b));
}

void Concat(sqlite3_context* context, int argc, sqlite3_value** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(context);
    out += TextArg(argv[i]);
  }
  sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

size_t CountCharacters(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

void Strpos(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  std::string_view haystack = TextArg(argv[0]);
  size_t at = haystack.find(TextArg(argv[1]));
  if (at == std::string_view::npos) return sqlite3_result_int64(context, 0);
  sqlite3_result_int64(context, static_cast<int64_t>(CountCharacters(haystack.substr(0, at)) + 1));
}

}  // namespace

int RegisterAthenaFunctions(sqlite3* db) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  struct DatePartFunction {
    const char* name;
    DatePart part;
  };
  static constexpr DatePartFunction kDateParts[] = {
      {"year", DatePart::kYear},           {"month", DatePart::kMonth},
      {"day", DatePart::kDay},             {"day_of_month", DatePart::kDay},
      {"quarter", DatePart::kQuarter},     {"day_of_week", DatePart::kDayOfWeek},
      {"dow", DatePart::kDayOfWeek},       {"day_of_year", DatePart::kDayOfYear},
      {"doy", DatePart::kDayOfYear},
  };
  for (const DatePartFunction& f : kDateParts) {
    void* part = reinterpret_cast<void*>(static_cast<intptr_t>(f.part));
    int rc = sqlite3_create_function_v2(db, f.name, 1, kFlags, part, &ExtractDatePart, nullptr,
                                        nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
  }
  struct Function {
    const char* name;
    int arity;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
  };
  static constexpr Function kFunctions[] = {
      {"from_iso8601_date", 1, &FromIso8601Date},
      {"mod", 2, &Mod},
      {"concat", -1, &Concat},
      {"strpos", 2, &Strpos},
  };
  for (const Function& f : kFunctions) {
    int rc = sqlite3_create_function_v2(db, f.name, f.arity, kFlags, nullptr, f.fn, nullptr,
                                        nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

}  // namespace sim::athena
