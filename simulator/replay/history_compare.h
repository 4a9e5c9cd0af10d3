#pragma once
// Comparing histories event for event, the way the conformance corpus was normalised: keys of
// the API structure sorted, JSON-text payloads that are objects parsed (nested JSON strings left
// alone), timestamps ignored, and placeholders in the expected history ("<uuid:1>",
// "arn:…:execution:<ArnPart_0idx>:<ExecArnPart_0idx>") matching any text consistently: the same
// placeholder must stand for the same value everywhere in one comparison.

#include <map>
#include <optional>
#include <string>

#include "asl/base/json.h"

namespace sim {

// The corpus normalisation applied to a history in the AWS CLI shape (events array).
asl::Json NormalizeHistory(const asl::Json& events);

struct Divergence {
  size_t index = 0;        // position in the event list
  int64_t event_id = 0;    // expected event's id (0 when the expected history is shorter)
  std::string where;       // JSON pointer inside the event
  std::string expected;
  std::string actual;
  std::string Describe() const;
};

class HistoryMatcher {
 public:
  // The first difference between two normalised histories, or nullopt when they match.
  std::optional<Divergence> Compare(const asl::Json& expected, const asl::Json& actual);
  // Value comparison with placeholders (used for outputs, errors, causes too).
  bool Matches(const asl::Json& expected, const asl::Json& actual, std::string& where);

 private:
  bool MatchString(const std::string& pattern, const std::string& value);
  std::map<std::string, std::string> bindings_;  // placeholder -> the value it stood for
};

}  // namespace sim
