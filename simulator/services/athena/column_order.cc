#include "simulator/services/athena/column_order.h"

#include <algorithm>

namespace sim::athena {

RowRange RowRange::Intersect(RowRange other) const {
  return {std::max(begin, other.begin), std::min(end, other.end)};
}

void ColumnOrder::Disqualify() {
  kind_ = Kind::kOther;
  non_decreasing_ = false;
  strictly_increasing_ = false;
  integer_keys_ = {};
  text_keys_ = {};
  starts_ = {};
}

void ColumnOrder::Advance(int order) {
  if (row_ > 0 && order < 0) {
    Disqualify();
  } else if (row_ > 0 && order == 0) {
    strictly_increasing_ = false;
  } else if (keep_keys_) {
    starts_.push_back(row_);
  }
  ++row_;
}

void ColumnOrder::AddNull() {
  Disqualify();
  ++row_;
}

void ColumnOrder::AddReal() {
  Disqualify();
  ++row_;
}

void ColumnOrder::AddInteger(int64_t value) {
  if (kind_ == Kind::kNone) kind_ = Kind::kInteger;
  if (kind_ != Kind::kInteger) {
    Disqualify();
    ++row_;
    return;
  }
  int order = row_ == 0 ? 1 : (value < last_integer_ ? -1 : (value == last_integer_ ? 0 : 1));
  Advance(order);
  if (kind_ != Kind::kInteger) return;
  if (keep_keys_ && order > 0) integer_keys_.push_back(value);
  last_integer_ = value;
}

void ColumnOrder::AddText(std::string_view text) {
  if (kind_ == Kind::kNone) kind_ = Kind::kText;
  if (kind_ != Kind::kText) {
    Disqualify();
    ++row_;
    return;
  }
  // std::string_view compares bytes as unsigned chars: SQLite's BINARY collation.
  int compared = row_ == 0 ? 1 : text.compare(last_text_);
  int order = compared < 0 ? -1 : (compared == 0 ? 0 : 1);
  Advance(order);
  if (kind_ != Kind::kText) return;
  if (keep_keys_ && order > 0) text_keys_.emplace_back(text);
  if (order != 0) last_text_.assign(text);
}

template <typename Key>
RowRange ColumnOrder::RangeOf(const std::vector<Key>& keys, Comparison op, const Key& value,
                              int64_t rows) const {
  // The first row of the k-th distinct value (rows for one past the last).
  auto start = [&](typename std::vector<Key>::const_iterator it) {
    size_t k = static_cast<size_t>(it - keys.begin());
    return k < starts_.size() ? starts_[k] : rows;
  };
  auto lower = std::lower_bound(keys.begin(), keys.end(), value);
  auto upper = std::upper_bound(keys.begin(), keys.end(), value);
  switch (op) {
    case Comparison::kEq: return {start(lower), start(upper)};
    case Comparison::kGt: return {start(upper), rows};
    case Comparison::kGe: return {start(lower), rows};
    case Comparison::kLt: return {0, start(lower)};
    case Comparison::kLe: return {0, start(upper)};
  }
  return {0, rows};
}

RowRange ColumnOrder::Range(Comparison op, int64_t value, int64_t rows) const {
  if (!has_keys() || kind_ != Kind::kInteger) return {0, rows};
  return RangeOf(integer_keys_, op, value, rows);
}

RowRange ColumnOrder::Range(Comparison op, std::string_view value, int64_t rows) const {
  if (!has_keys() || kind_ != Kind::kText) return {0, rows};
  // std::string compares as unsigned bytes, as SQLite's BINARY collation does.
  return RangeOf(text_keys_, op, std::string(value), rows);
}

}  // namespace sim::athena
