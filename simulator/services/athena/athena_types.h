#pragma once
// Athena (Trino) column types, how a table declares them, how SQLite stores them, and how Athena
// prints their values in GetQueryResults (every value travels as a VarCharValue string).
// https://docs.aws.amazon.com/athena/latest/ug/data-types.html

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim::athena {

enum class TypeKind {
  kBoolean,
  kTinyint,
  kSmallint,
  kInteger,
  kBigint,
  kFloat,    // Trino "real"; Athena's ColumnInfo says "float"
  kDouble,
  kDecimal,
  kVarchar,
  kChar,
  kDate,
  kTimestamp,
  kUnknown,  // the type of a bare NULL
};

struct ColumnType {
  TypeKind kind = TypeKind::kVarchar;
  int precision = 0;  // decimal digits, char length
  int scale = 0;      // decimal fraction digits

  friend bool operator==(const ColumnType&, const ColumnType&) = default;
};

// A declared type, case-insensitively: Athena/Hive names (int, integer, bigint, double, float,
// real, decimal(p,s), varchar[(n)], string, char(n), boolean, date, timestamp, tinyint,
// smallint) and the SQLite spellings TEXT and INTEGER. nullopt when unknown.
std::optional<ColumnType> ParseDeclaredType(std::string_view declared);

// The type's name as ColumnInfo.Type shows it: "integer", "varchar", "decimal", …
const char* TypeName(TypeKind kind);

// The declared type given to the SQLite column: it names the Athena type (so
// sqlite3_column_decltype gives it back) and gets the right SQLite affinity
// (varchar/char -> TEXT, integers -> INTEGER, double/float -> REAL).
std::string SqliteDeclaration(const ColumnType& type);

// ColumnInfo.Precision / Scale / CaseSensitive as Athena reports them: fixed precisions per type
// (tinyint 3, smallint 5, integer 10, bigint 19, float and double 17, timestamp 3, unbounded
// varchar 2147483647), the digits of a decimal, the length of a char.
int ColumnInfoPrecision(const ColumnType& type);
int ColumnInfoScale(const ColumnType& type);
bool ColumnInfoCaseSensitive(const ColumnType& type);

// Java's Double.toString / Float.toString, as Athena prints double and real values: the
// shortest digits that round-trip, plain between 1e-3 and 1e7 ("1.5", "100.0"), otherwise
// computerized scientific notation ("1.0E20", "1.0E-7"); "NaN", "Infinity", "-0.0".
std::string FormatDouble(double value);
std::string FormatFloat(float value);
// A decimal with `scale` fraction digits ("12.50").
// NONSTANDARD: computed from a double, so beyond 15-17 significant digits it is not exact.
std::string FormatDecimal(double value, int scale);

// Checks and normalises a value of a date or timestamp column as SQLite stores it:
// date 'YYYY-MM-DD'; timestamp 'YYYY-MM-DD HH:MM:SS[.fff]' (stored with 3 fraction digits, as
// Athena prints timestamp(3)). nullopt when malformed.
std::optional<std::string> NormalizeDate(std::string_view text);
std::optional<std::string> NormalizeTimestamp(std::string_view text);

// A text value (from a CSV file or a row generator) as SQLite stores it in a column of a type:
// integers (range-checked for tinyint/smallint/integer), doubles, booleans as 1/0, dates and
// timestamps normalised, everything else as the text itself.
struct StoredValue {
  enum class Storage { kInteger, kReal, kText };
  Storage storage = Storage::kText;
  int64_t integer = 0;
  double real = 0;
  std::string_view text;  // the input itself, or `owned`
  std::string owned;
};
// False when `text` is not a value of `type`; `error` then says why ("'abc' is not an integer").
bool ConvertValue(const ColumnType& type, std::string_view text, StoredValue* out,
                  std::string* error);

}  // namespace sim::athena
