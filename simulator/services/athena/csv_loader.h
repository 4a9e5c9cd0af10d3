#pragma once
// CSV table files for the Athena model: RFC 4180 records (comma-separated, '"' quoting with ""
// escapes, CRLF or LF line ends, newlines allowed inside quotes), a header row of column names,
// and the column types, declared or inferred. Every error names the file and line.
// https://www.rfc-editor.org/rfc/rfc4180
//
// An empty unquoted field is NULL; an empty quoted field ("") is the empty string.
// NONSTANDARD: Athena's CSV SerDes differ among themselves (OpenCSVSerde reads every field as a
// string, LazySimpleSerDe has no quoting); this is one clear rule instead.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/result.h"
#include "simulator/services/athena/athena_types.h"

namespace sim::athena {

struct CsvField {
  std::string text;
  bool is_null = false;
};

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<CsvField> fields;
};

struct CsvFile {
  std::string name;  // the path, for error messages
  std::vector<std::string> header;
  std::vector<CsvRecord> records;
};

// Parses CSV text. `name` prefixes every error ("<name>:<line>: …").
asl::Result<CsvFile, std::string> ParseCsv(std::string_view text, const std::string& name);
// The largest CSV table file read (256 MiB): a bigger table belongs in a generator.
inline constexpr uintmax_t kMaxCsvFileBytes = uintmax_t{256} << 20;
// Reads (asl::ReadTextFile: regular files only, at most kMaxCsvFileBytes) and parses a file.
asl::Result<CsvFile, std::string> ReadCsvFile(const std::string& path);

// The narrowest type that holds every non-NULL value of the column: integer, bigint, double,
// boolean (true/false, any case), date (YYYY-MM-DD), timestamp (YYYY-MM-DD HH:MM:SS[.fff]),
// else varchar. A column of NULLs only is varchar.
ColumnType InferColumnType(const CsvFile& file, size_t column);

// A declared column "name TYPE" (for CSV files and generated tables); the error says what is
// wrong with it.
struct ColumnDeclaration {
  std::string name;
  ColumnType type;
};
asl::Result<ColumnDeclaration, std::string> ParseColumnDeclaration(std::string_view text);

}  // namespace sim::athena
