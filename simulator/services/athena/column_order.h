#pragma once
// What the load pass of a regenerated table learns about the order of its columns along the
// rows, so that the virtual table can answer some queries without scanning every row:
//
//  * a column whose values never decrease from one row to the next (as SQLite's BINARY
//    comparison orders them) turns an indexed column's comparison with a constant into one
//    contiguous range of rows (found by binary search over its distinct values);
//  * a column whose values strictly increase gives the rows in its ORDER BY order already.
//
// Only integer and text values qualify (a column with a NULL or a real value never does).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/services/athena/athena_types.h"

namespace sim::athena {

// A row range [begin, end).
struct RowRange {
  int64_t begin = 0;
  int64_t end = 0;
  bool empty() const { return begin >= end; }
  RowRange Intersect(RowRange other) const;
};

// Comparisons the ranges answer (SQLite's SQLITE_INDEX_CONSTRAINT_EQ, _GT, _LE, _LT, _GE).
enum class Comparison { kEq, kGt, kLe, kLt, kGe };

class ColumnOrder {
 public:
  // `keep_keys`: record the distinct values and where each starts (for Range()); else only the
  // order flags are tracked.
  explicit ColumnOrder(bool keep_keys = false) : keep_keys_(keep_keys) {}

  // Row values in row order (row 0 first).
  void AddNull();
  void AddInteger(int64_t value);
  void AddText(std::string_view text);
  void AddReal();

  bool non_decreasing() const { return non_decreasing_; }
  bool strictly_increasing() const { return strictly_increasing_; }
  bool has_keys() const { return keep_keys_ && non_decreasing_; }
  bool is_integer() const { return kind_ == Kind::kInteger; }
  bool is_text() const { return kind_ == Kind::kText; }
  // Distinct values recorded (0 when has_keys() is false).
  size_t distinct_values() const { return has_keys() ? starts_.size() : 0; }

  // The rows whose value compares true with `value`, out of `rows` (needs has_keys() and a
  // value of the column's kind).
  RowRange Range(Comparison op, int64_t value, int64_t rows) const;
  RowRange Range(Comparison op, std::string_view value, int64_t rows) const;

 private:
  enum class Kind { kNone, kInteger, kText, kOther };
  void Disqualify();
  void Advance(int order);  // order: the new value compared with the previous one
  template <typename Key>
  RowRange RangeOf(const std::vector<Key>& keys, Comparison op, const Key& value,
                   int64_t rows) const;

  bool keep_keys_;
  Kind kind_ = Kind::kNone;
  bool non_decreasing_ = true;
  bool strictly_increasing_ = true;
  int64_t row_ = 0;  // rows seen
  int64_t last_integer_ = 0;
  std::string last_text_;
  // With keep_keys_: the distinct values in order, and the first row of each.
  std::vector<int64_t> integer_keys_;
  std::vector<std::string> text_keys_;
  std::vector<int64_t> starts_;
};

}  // namespace sim::athena
