#pragma once
// A query's result as Athena keeps it (every value already printed as Athena prints it), and
// GetQueryResults' paging over it.
// https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html
//
// The rows are one contiguous text arena with an end offset per cell, so a 380,000-row result
// costs its text plus 8 bytes a cell.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "simulator/services/athena/athena_types.h"

namespace sim::athena {

struct ResultColumn {
  std::string name;  // the label Athena shows: the column name, the alias, or _col<i>
  ColumnType type;
};

class ResultTable {
 public:
  void AddColumn(ResultColumn column) { columns_.push_back(std::move(column)); }
  const std::vector<ResultColumn>& columns() const { return columns_; }
  std::vector<ResultColumn>& mutable_columns() { return columns_; }

  // Cells are appended row by row, column by column.
  void AppendCell(std::string_view text) {
    arena_.append(text);
    ends_.push_back(arena_.size());
  }
  void AppendNull() { ends_.push_back(arena_.size() | kNullBit); }
  // Drops every row (and the memory they held), keeping the columns.
  void ClearRows() {
    arena_ = std::string();
    ends_ = std::vector<uint64_t>();
  }
  // Rewrites every non-NULL cell of one column (rare: a column whose type is only known after
  // every row was read). Rebuilds the arena.
  void TransformColumn(size_t column, std::string (*transform)(std::string_view));

  size_t row_count() const { return columns_.empty() ? 0 : ends_.size() / columns_.size(); }
  bool IsNull(size_t row, size_t column) const {
    return (ends_[Index(row, column)] & kNullBit) != 0;
  }
  std::string_view Cell(size_t row, size_t column) const;
  // Bytes of text held (the size of the result as Athena would write it, less separators).
  size_t text_bytes() const { return arena_.size(); }

 private:
  static constexpr uint64_t kNullBit = 1ull << 63;
  size_t Index(size_t row, size_t column) const { return row * columns_.size() + column; }
  uint64_t Begin(size_t index) const { return index == 0 ? 0 : ends_[index - 1] & ~kNullBit; }

  std::vector<ResultColumn> columns_;
  std::string arena_;
  std::vector<uint64_t> ends_;
};

// ResultSetMetadata.ColumnInfo for the columns, in the API's field order.
asl::Json ColumnInfoJson(const std::vector<ResultColumn>& columns);

// One GetQueryResults page: rows [offset, offset + count) of the rows Athena pages over, which
// for a SELECT are the header row (the column names) followed by the data rows. `rows` holds
// data rows [first_row, first_row + rows.row_count()) of a result of `total_rows` rows, which
// must include those of the page. The response's fields are in the API reference's order
// (NextToken, ResultSet {ResultSetMetadata, Rows}, UpdateCount), which is also how Step
// Functions serialises the SDK's response object.
asl::Json ResultPage(const ResultTable& rows, size_t first_row, size_t total_rows,
                     bool with_header_row, size_t offset, size_t count,
                     const std::optional<std::string>& next_token);
// The same over a whole result.
inline asl::Json ResultPage(const ResultTable& table, bool with_header_row, size_t offset,
                            size_t count, const std::optional<std::string>& next_token) {
  return ResultPage(table, 0, table.row_count(), with_header_row, offset, count, next_token);
}

// NextToken: opaque base64 text naming a row offset of one query, with a checksum keyed by
// `key` (per query) so a token of another query, or an altered one, is rejected.
std::string EncodePageToken(uint64_t key, uint64_t offset);
std::optional<uint64_t> DecodePageToken(uint64_t key, std::string_view token);

}  // namespace sim::athena
