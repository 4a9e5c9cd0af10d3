#include "simulator/services/athena/csv_loader.h"

#include <fmt/format.h>

#include <set>

#include "asl/load/source_text.h"
#include "simulator/services/athena/lower_case.h"

namespace sim::athena {

namespace {

bool IsIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Parses one record starting at `pos`; advances `pos` past its line end and `line` past the
// lines it spans.
asl::Status<std::string> ParseRecord(std::string_view text, const std::string& name, size_t& pos,
                                     int& line, std::vector<CsvField>& fields) {
  fields.clear();
  int start_line = line;
  while (true) {
    CsvField field;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      while (true) {
        if (pos >= text.size()) {
          return asl::Fail(fmt::format("{}:{}: unterminated quoted field", name, start_line));
        }
        char c = text[pos];
        if (c == '"') {
          if (pos + 1 < text.size() && text[pos + 1] == '"') {
            field.text += '"';
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        if (c == '\n') ++line;
        field.text += c;
        ++pos;
      }
      if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
        return asl::Fail(
            fmt::format("{}:{}: unexpected character after a closing quote", name, line));
      }
    } else {
      size_t end = pos;
      while (end < text.size() && text[end] != ',' && text[end] != '\n' && text[end] != '\r') {
        if (text[end] == '"') {
          return asl::Fail(fmt::format("{}:{}: quote inside an unquoted field", name, line));
        }
        ++end;
      }
      field.text.assign(text.substr(pos, end - pos));
      field.is_null = field.text.empty();
      pos = end;
    }
    fields.push_back(std::move(field));
    if (pos < text.size() && text[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    ++line;
    return {};
  }
}

bool IsBlankLine(std::string_view text, size_t pos) {
  return pos >= text.size() || text[pos] == '\n' || (text[pos] == '\r');
}

}  // namespace

asl::Result<CsvFile, std::string> ParseCsv(std::string_view text, const std::string& name) {
  CsvFile file;
  file.name = name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  size_t pos = 0;
  int line = 1;
  if (text.empty()) return asl::Fail(fmt::format("{}: empty file: no header row", name));
  std::vector<CsvField> fields;
  TRY_STATUS(ParseRecord(text, name, pos, line, fields));
  std::set<std::string> seen;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string column = Lower(fields[i].text);
    if (!IsIdentifier(column)) {
      return asl::Fail(
          fmt::format("{}:1: column {} has an invalid name '{}' (letters, digits "
                      "and _ only)",
                      name, i + 1, fields[i].text));
    }
    if (!seen.insert(column).second) {
      return asl::Fail(fmt::format("{}:1: duplicate column '{}'", name, column));
    }
    file.header.push_back(std::move(column));
  }
  while (pos < text.size()) {
    if (IsBlankLine(text, pos)) {  // blank lines (e.g. a trailing newline) are skipped
      if (text[pos] == '\r') ++pos;
      if (pos < text.size() && text[pos] == '\n') ++pos;
      ++line;
      continue;
    }
    CsvRecord record;
    record.line = line;
    TRY_STATUS(ParseRecord(text, name, pos, line, record.fields));
    if (record.fields.size() != file.header.size()) {
      return asl::Fail(fmt::format("{}:{}: expected {} fields, found {}", name, record.line,
                                   file.header.size(), record.fields.size()));
    }
    file.records.push_back(std::move(record));
  }
  return file;
}

asl::Result<CsvFile, std::string> ReadCsvFile(const std::string& path) {
  auto text = asl::ReadTextFile(path, kMaxCsvFileBytes);
  if (!text.ok()) return asl::Fail(asl::ReadErrorText(text.error()));
  return ParseCsv(*text, path);
}

ColumnType InferColumnType(const CsvFile& file, size_t column) {
  // Candidates from the narrowest; a value that does not fit drops the ones it fails.
  const ColumnType kCandidates[] = {
      {TypeKind::kInteger, 0, 0}, {TypeKind::kBigint, 0, 0}, {TypeKind::kDouble, 0, 0},
      {TypeKind::kBoolean, 0, 0}, {TypeKind::kDate, 0, 0},   {TypeKind::kTimestamp, 0, 0},
  };
  constexpr size_t kCount = sizeof(kCandidates) / sizeof(kCandidates[0]);
  bool possible[kCount];
  for (bool& p : possible) p = true;
  bool any_value = false;
  StoredValue value;
  std::string error;
  for (const CsvRecord& record : file.records) {
    const CsvField& field = record.fields[column];
    if (field.is_null) continue;
    any_value = true;
    for (size_t i = 0; i < kCount; ++i) {
      if (possible[i] && !ConvertValue(kCandidates[i], field.text, &value, &error)) {
        possible[i] = false;
      }
    }
  }
  if (any_value) {
    for (size_t i = 0; i < kCount; ++i) {
      if (possible[i]) return kCandidates[i];
    }
  }
  return {TypeKind::kVarchar, 0, 0};
}

asl::Result<ColumnDeclaration, std::string> ParseColumnDeclaration(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  size_t space = text.find(' ');
  if (space == std::string_view::npos) {
    return asl::Fail(fmt::format("column '{}' has no type (expected \"name TYPE\")", text));
  }
  std::string name = Lower(text.substr(0, space));
  if (!IsIdentifier(name)) {
    return asl::Fail(fmt::format("column '{}' has an invalid name (letters, digits and _ only)",
                                 text.substr(0, space)));
  }
  std::string_view declared = text.substr(space + 1);
  std::optional<ColumnType> type = ParseDeclaredType(declared);
  if (!type) return asl::Fail(fmt::format("column '{}' has an unknown type '{}'", name, declared));
  return ColumnDeclaration{std::move(name), *type};
}

}  // namespace sim::athena
