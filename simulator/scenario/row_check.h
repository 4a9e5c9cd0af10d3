#pragma once
// "Every row published exactly once": the keys a query says must be published against the keys
// of the messages that were. Lost keys come back as ranges in key order, so a summary can say
// which rows a failed executor left behind ("741-883 (143)") instead of listing thousands.

#include <cstdint>
#include <optional>
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

// The keys of published messages, one per message, duplicates included. Keys that are decimal
// integers written the usual way (a row id: no sign but '-', no leading zero) are kept as
// numbers, 8 bytes each instead of a 32-byte string: a full backfill checks 8 M of them.
class PublishedKeys {
 public:
  void Add(std::string key);
  size_t size() const { return integers_.size() + texts_.size(); }
  bool empty() const { return size() == 0; }
  const std::vector<int64_t>& integers() const { return integers_; }
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  std::vector<int64_t> integers_;
  std::vector<std::string> texts_;
};

// The integer `text` writes in the usual way ("17", "-3"; not "017", "+1", "-0"), if it is one.
std::optional<int64_t> CanonicalInteger(const std::string& text);

// Key order: by value when every expected key is an integer (so 999 comes before 1000), else
// as text.
RowCheck CompareKeys(std::vector<std::string> expected, const PublishedKeys& published);
RowCheck CompareKeys(std::vector<std::string> expected, const std::vector<std::string>& published);

}  // namespace sim
