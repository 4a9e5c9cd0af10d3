#include "simulator/replay/history_compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "asl/base/json_limits.h"

namespace sim {

namespace {

// Fields of the API structure that carry payloads (JSON text).
bool IsPayloadKey(const std::string& key) {
  return key == "input" || key == "output" || key == "parameters" || key == "cause";
}

// Structure keys are sorted (the corpus recorder sorted them). Payloads keep the order AWS
// wrote: a payload string that starts with '{' and parses becomes the object, and a payload
// that is already an object (as the corpus stores it) is kept as it is.
asl::Json NormalizeStructure(const asl::Json& value) {
  if (value.is_array()) {
    asl::Json out = asl::Json::array();
    for (const asl::Json& v : value) out.push_back(NormalizeStructure(v));
    return out;
  }
  if (!value.is_object()) return value;
  std::vector<std::string> keys;
  for (auto it = value.begin(); it != value.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  asl::Json out = asl::Json::object();
  for (const std::string& k : keys) {
    const asl::Json& v = value[k];
    if (IsPayloadKey(k)) {
      if (v.is_string() && !v.get_ref<const std::string&>().empty() &&
          v.get_ref<const std::string&>()[0] == '{') {
        out[k] = asl::ParseJsonWithinLimits(v.get_ref<const std::string&>()).value_or(v);
      } else {
        out[k] = v;
      }
    } else {
      out[k] = NormalizeStructure(v);
    }
  }
  return out;
}

// Normalised words the recorder wrote for times it could not keep.
bool IsTimeWord(const std::string& s) {
  return s == "timestamp" || s == "date" || s == "start-date" || s == "stop-date" ||
         s == "start-time" || s == "entered-time";
}

// Placeholders the recorder wrote without angle brackets.
bool IsBarePlaceholder(const std::string& s) {
  return s == "activity_arn" || s == "map_run_arn" || s == "snf_role_arn";
}

}  // namespace

asl::Json NormalizeHistory(const asl::Json& events) {
  asl::Json out = asl::Json::array();
  for (const asl::Json& e : events) {
    asl::Json n = NormalizeStructure(e);
    if (n.contains("timestamp")) n["timestamp"] = "timestamp";
    out.push_back(std::move(n));
  }
  return out;
}

std::string Divergence::Describe() const {
  return fmt::format("event #{} (index {}) at {}: expected {}, got {}", event_id, index,
                     where.empty() ? "/" : where, expected, actual);
}

bool HistoryMatcher::MatchString(const std::string& pattern, const std::string& value) {
  if (pattern == value) return true;
  if (IsTimeWord(pattern)) return true;
  if (IsBarePlaceholder(pattern)) {
    auto [it, inserted] = bindings_.emplace(pattern, value);
    return inserted || it->second == value;
  }
  // Split the pattern into literal text and <placeholder>s, then match left to right.
  struct Piece {
    bool placeholder;
    std::string text;
  };
  std::vector<Piece> pieces;
  size_t i = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find('<', i);
    // The recorder sometimes nested placeholders ("<<task_token>:1>"): match brackets.
    size_t close = std::string::npos;
    if (open != std::string::npos) {
      int depth = 0;
      for (size_t k = open; k < pattern.size(); ++k) {
        if (pattern[k] == '<') ++depth;
        if (pattern[k] == '>' && --depth == 0) {
          close = k;
          break;
        }
      }
    }
    if (open == std::string::npos || close == std::string::npos) {
      pieces.push_back({false, pattern.substr(i)});
      break;
    }
    if (open > i) pieces.push_back({false, pattern.substr(i, open - i)});
    pieces.push_back({true, pattern.substr(open, close - open + 1)});
    i = close + 1;
  }
  if (std::none_of(pieces.begin(), pieces.end(), [](const Piece& p) { return p.placeholder; })) {
    return false;
  }
  // Backtracking match: a placeholder takes the shortest text that lets the rest match.
  std::map<std::string, std::string> trial = bindings_;
  std::function<bool(size_t, size_t)> match = [&](size_t piece, size_t pos) -> bool {
    if (piece == pieces.size()) return pos == value.size();
    const Piece& p = pieces[piece];
    if (!p.placeholder) {
      if (value.compare(pos, p.text.size(), p.text) != 0) return false;
      return match(piece + 1, pos + p.text.size());
    }
    auto bound = trial.find(p.text);
    if (bound != trial.end()) {
      if (value.compare(pos, bound->second.size(), bound->second) != 0) return false;
      return match(piece + 1, pos + bound->second.size());
    }
    for (size_t end = pos + 1; end <= value.size(); ++end) {
      trial[p.text] = value.substr(pos, end - pos);
      if (match(piece + 1, end)) return true;
    }
    trial.erase(p.text);
    return false;
  };
  if (!match(0, 0)) return false;
  bindings_ = std::move(trial);
  return true;
}

bool HistoryMatcher::Matches(const asl::Json& expected, const asl::Json& actual,
                             std::string& where) {
  if (expected.is_string() && actual.is_string()) {
    if (MatchString(expected.get<std::string>(), actual.get<std::string>())) return true;
    return false;
  }
  if (expected.is_string() && IsTimeWord(expected.get<std::string>())) return true;
  // The recorder also parsed some JSON strings nested in payloads: accept the text of the
  // same object.
  if (expected.is_object() && actual.is_string()) {
    auto parsed = asl::ParseJsonWithinLimits(actual.get_ref<const std::string&>());
    if (parsed && parsed->is_object()) return Matches(expected, *parsed, where);
  }
  if (expected.is_object() && actual.is_object()) {
    if (expected.size() != actual.size()) {
      std::vector<std::string> missing, extra;
      for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (!actual.contains(it.key())) missing.push_back(it.key());
      }
      for (auto it = actual.begin(); it != actual.end(); ++it) {
        if (!expected.contains(it.key())) extra.push_back(it.key());
      }
      where += fmt::format(" (keys missing: [{}], unexpected: [{}])", fmt::join(missing, ","),
                           fmt::join(extra, ","));
      return false;
    }
    auto a = actual.begin();
    for (auto e = expected.begin(); e != expected.end(); ++e, ++a) {
      if (e.key() != a.key()) {
        where += fmt::format(" (key order: expected \"{}\", got \"{}\")", e.key(), a.key());
        return false;
      }
      std::string inner = where + "/" + e.key();
      if (!Matches(*e, *a, inner)) {
        where = inner;
        return false;
      }
    }
    return true;
  }
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      where += fmt::format(" (array size {} vs {})", expected.size(), actual.size());
      return false;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      std::string inner = where + "/" + std::to_string(i);
      if (!Matches(expected[i], actual[i], inner)) {
        where = inner;
        return false;
      }
    }
    return true;
  }
  if (expected.is_number() && actual.is_number()) {
    return expected.get<double>() == actual.get<double>();
  }
  return expected == actual;
}

std::optional<Divergence> HistoryMatcher::Compare(const asl::Json& expected,
                                                  const asl::Json& actual) {
  size_t n = std::max(expected.size(), actual.size());
  for (size_t i = 0; i < n; ++i) {
    Divergence d;
    d.index = i;
    if (i >= expected.size() || i >= actual.size()) {
      d.event_id = i < expected.size() ? expected[i].value("id", int64_t{0}) : 0;
      d.expected = i < expected.size() ? asl::Dump(expected[i]).substr(0, 300) : "(no event)";
      d.actual = i < actual.size() ? asl::Dump(actual[i]).substr(0, 300) : "(no event)";
      return d;
    }
    std::string where;
    if (!Matches(expected[i], actual[i], where)) {
      d.event_id = expected[i].value("id", int64_t{0});
      d.where = where;
      d.expected = asl::Dump(expected[i]).substr(0, 400);
      d.actual = asl::Dump(actual[i]).substr(0, 400);
      return d;
    }
  }
  return std::nullopt;
}

}  // namespace sim
