#include "simulator/services/athena/result_replay.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace sim::athena {

ReplayedResult::ReplayedResult(SqliteStatement statement, std::vector<ResultColumn> columns,
                               std::vector<CellFormat> formats, size_t rows)
    : statement_(std::move(statement)),
      columns_(std::move(columns)),
      formats_(std::move(formats)),
      rows_(rows) {
  for (const ResultColumn& column : columns_) empty_.AddColumn(column);
}

void ReplayedResult::Park() {
  if (next_ == 0) return;
  statement_.Reset();
  next_ = 0;
}

asl::Result<const ResultTable*, std::string> ReplayedResult::Read(size_t first, size_t count) {
  first = std::min(first, rows_);
  count = std::min(count, rows_ - first);
  if (has_last_ && last_first_ == first && last_.row_count() == count) return &last_;
  // Nothing to step to (the page after a full last page): the statement stays where it is.
  if (count == 0) return &empty_;
  ResultTable page;
  for (const ResultColumn& column : columns_) page.AddColumn(column);
  if (first < next_) Park();
  auto step = [&]() -> asl::Status<std::string> {
    int rc = statement_.Step();
    if (rc != SQLITE_ROW) {
      Park();
      return asl::Fail(fmt::format("the result ended at row {} of {} when read again", next_,
                                   rows_));
    }
    ++next_;
    return {};
  };
  while (next_ < first) TRY_STATUS(step());
  while (next_ < first + count) {
    TRY_STATUS(step());
    AppendRow(statement_, formats_, &page);
  }
  // Past the last row: release what the run holds (cursors, a sorter).
  if (next_ == rows_) Park();
  last_ = std::move(page);
  last_first_ = first;
  has_last_ = true;
  return &last_;
}

}  // namespace sim::athena
