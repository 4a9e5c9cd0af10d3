#include "simulator/scenario/row_check.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace sim {

namespace {

bool ParseInteger(const std::string& text, int64_t* value) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size();
}

void SortKeys(std::vector<std::string>& keys) {
  std::vector<std::pair<int64_t, std::string>> numbered;
  numbered.reserve(keys.size());
  for (std::string& key : keys) {
    int64_t value;
    if (!ParseInteger(key, &value)) {
      std::sort(keys.begin(), keys.end());
      return;
    }
    numbered.emplace_back(value, std::move(key));
  }
  std::sort(numbered.begin(), numbered.end());
  for (size_t i = 0; i < keys.size(); ++i) keys[i] = std::move(numbered[i].second);
}

}  // namespace

RowCheck CompareKeys(std::vector<std::string> expected, const std::vector<std::string>& published) {
  RowCheck rows;
  SortKeys(expected);
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  rows.expected = static_cast<int64_t>(expected.size());

  std::unordered_map<std::string, size_t> index;
  index.reserve(expected.size());
  for (size_t i = 0; i < expected.size(); ++i) index.emplace(expected[i], i);
  std::vector<int64_t> counts(expected.size(), 0);
  for (const std::string& key : published) {
    auto it = index.find(key);
    if (it == index.end())
      ++rows.unexpected;
    else
      ++counts[it->second];
  }

  for (size_t i = 0; i < expected.size(); ++i) {
    if (counts[i] == 1) ++rows.published_once;
    if (counts[i] > 1) {
      ++rows.duplicated;
      if (rows.duplicated_sample.size() < RowCheck::kMaxSample) {
        rows.duplicated_sample.push_back(expected[i]);
      }
    }
    if (counts[i] != 0) continue;
    ++rows.lost;
    if (i > 0 && counts[i - 1] == 0) {  // continues the range before it
      if (rows.lost_ranges.size() == static_cast<size_t>(rows.lost_range_count)) {
        rows.lost_ranges.back().last = expected[i];
        ++rows.lost_ranges.back().count;
      }
      continue;
    }
    if (rows.lost_ranges.size() < RowCheck::kMaxRanges) {
      rows.lost_ranges.push_back({expected[i], expected[i], 1});
    }
    ++rows.lost_range_count;
  }
  return rows;
}

}  // namespace sim
