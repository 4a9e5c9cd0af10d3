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

std::optional<int64_t> CanonicalInteger(const std::string& text) {
  int64_t value = 0;
  if (!ParseInteger(text, &value)) return std::nullopt;
  // from_chars takes "007" and "-0" too; only the text to_string would write is canonical.
  bool leading_zero = text.size() > 1 && (text[0] == '0' || (text[0] == '-' && text[1] == '0'));
  if (leading_zero) return std::nullopt;
  return value;
}

void PublishedKeys::Add(std::string key) {
  if (std::optional<int64_t> value = CanonicalInteger(key)) {
    integers_.push_back(*value);
  } else {
    texts_.push_back(std::move(key));
  }
}

namespace {

// Counts per expected key -> the check's figures. `text(i)` prints expected key i.
template <typename KeyText>
void Summarise(const std::vector<int64_t>& counts, KeyText text, RowCheck& rows) {
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 1) ++rows.published_once;
    if (counts[i] > 1) {
      ++rows.duplicated;
      if (rows.duplicated_sample.size() < RowCheck::kMaxSample) {
        rows.duplicated_sample.push_back(text(i));
      }
    }
    if (counts[i] != 0) continue;
    ++rows.lost;
    if (i > 0 && counts[i - 1] == 0) {  // continues the range before it
      if (rows.lost_ranges.size() == static_cast<size_t>(rows.lost_range_count)) {
        rows.lost_ranges.back().last = text(i);
        ++rows.lost_ranges.back().count;
      }
      continue;
    }
    if (rows.lost_ranges.size() < RowCheck::kMaxRanges) {
      rows.lost_ranges.push_back({text(i), text(i), 1});
    }
    ++rows.lost_range_count;
  }
}

// Every expected key a canonical integer (the usual case: row ids): sorted numbers and a merge,
// 16 bytes a key, instead of a hash index of strings (≈ 100 bytes a key).
bool CompareIntegerKeys(std::vector<std::string>& expected, const PublishedKeys& published,
                        RowCheck& rows) {
  std::vector<int64_t> keys;
  keys.reserve(expected.size());
  for (const std::string& key : expected) {
    std::optional<int64_t> value = CanonicalInteger(key);
    if (!value) return false;
    keys.push_back(*value);
  }
  std::vector<std::string>().swap(expected);  // the strings are no longer needed
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  rows.expected = static_cast<int64_t>(keys.size());

  std::vector<int64_t> sent = published.integers();
  std::sort(sent.begin(), sent.end());
  // Keys that are not canonical integers cannot equal any expected key's text.
  rows.unexpected = static_cast<int64_t>(published.texts().size());
  std::vector<int64_t> counts(keys.size(), 0);
  size_t k = 0;
  for (int64_t key : sent) {
    while (k < keys.size() && keys[k] < key) ++k;
    if (k < keys.size() && keys[k] == key) {
      ++counts[k];
    } else {
      ++rows.unexpected;
    }
  }
  Summarise(counts, [&](size_t i) { return std::to_string(keys[i]); }, rows);
  return true;
}

}  // namespace

RowCheck CompareKeys(std::vector<std::string> expected, const PublishedKeys& published) {
  RowCheck rows;
  if (CompareIntegerKeys(expected, published, rows)) return rows;
  SortKeys(expected);
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  rows.expected = static_cast<int64_t>(expected.size());

  std::unordered_map<std::string, size_t> index;
  index.reserve(expected.size());
  for (size_t i = 0; i < expected.size(); ++i) index.emplace(expected[i], i);
  std::vector<int64_t> counts(expected.size(), 0);
  auto count = [&](const std::string& key) {
    auto it = index.find(key);
    if (it == index.end())
      ++rows.unexpected;
    else
      ++counts[it->second];
  };
  for (int64_t key : published.integers()) count(std::to_string(key));
  for (const std::string& key : published.texts()) count(key);
  Summarise(counts, [&](size_t i) { return expected[i]; }, rows);
  return rows;
}

RowCheck CompareKeys(std::vector<std::string> expected, const std::vector<std::string>& published) {
  PublishedKeys keys;
  for (const std::string& key : published) keys.Add(key);
  return CompareKeys(std::move(expected), keys);
}

}  // namespace sim
