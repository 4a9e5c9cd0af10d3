#pragma once
// "Every row published exactly once": the keys a query says must be published against the keys
// of the messages that were. Lost keys come back as ranges in key order, so a summary can say
// which rows a failed executor left behind ("741-883 (143)") instead of listing thousands.

#include <cstdint>
#include <string>
#include <vector>

namespace sim {

// Consecutive keys of the expected list (in key order), all lost.
struct KeyRange {
  std::string first;
  std::string last;
  int64_t count = 0;
};

struct RowCheck {
  std::string description;  // the query
  int64_t expected = 0;     // distinct keys the query returned
  int64_t published_once = 0;
  int64_t duplicated = 0;                      // keys published more than once
  int64_t lost = 0;                            // keys never published
  int64_t unexpected = 0;                      // messages whose key the query did not return
  std::vector<KeyRange> lost_ranges;           // the first kMaxRanges, in key order
  int64_t lost_range_count = 0;                // all of them
  std::vector<std::string> duplicated_sample;  // the first kMaxSample, in key order
  std::string error;                           // the query failed, or a body had no key

  static constexpr size_t kMaxRanges = 20;
  static constexpr size_t kMaxSample = 10;
};

// Key order: by value when every expected key is an integer (so 999 comes before 1000), else
// as text. `published` holds one key per message, duplicates included.
RowCheck CompareKeys(std::vector<std::string> expected, const std::vector<std::string>& published);

}  // namespace sim
