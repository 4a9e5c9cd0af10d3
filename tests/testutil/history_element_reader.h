#pragma once
// Reads a sequence of history event types as elements of the table the engine emits by and the
// budget counts by (asl/model/history_elements.def). Shared by the test that holds the table
// against AWS's recordings (tests/asl) and the one that holds the engine to it (tests/simulator).

#include <cstddef>
#include <string>
#include <vector>

#include "asl/model/history_events.h"

namespace sfnsim_test {

// Reads `events` (without the execution's first and terminal events) as table elements, the
// longest that matches at each point; an element may be cut short only by the end of the history
// or by a …Aborted event (the execution ended while the state ran). An element that a Map
// iteration writes around its item's events (MapIterationStarted … MapIterationSucceeded) opens
// with its first event and closes with its last, the item's elements between. Lanes must not
// interleave (one Parallel branch, or Map iterations one at a time). Returns "" or the first
// place that no element explains.
inline std::string ReadAsElements(const std::vector<std::string>& events) {
  constexpr size_t kElementCount = 0
#define SFN_ELEMENT(name, ...) +1
#include "asl/model/history_elements.def"
#undef SFN_ELEMENT
      ;
  using asl::ElementEvents;
  using asl::HistoryElement;
  using asl::HistoryEventTypeName;
  // Open "around" elements: for each, the events that may close it.
  std::vector<std::vector<std::string>> open;
  size_t i = 0;
  while (i < events.size()) {
    if (!open.empty()) {
      bool closes = false;
      for (const std::string& closing : open.back()) closes = closes || closing == events[i];
      if (closes) {
        open.pop_back();
        ++i;
        continue;
      }
    }
    size_t best = 0;
    std::vector<std::string> closers;  // of the two-event elements this event may open
    for (size_t e = 0; e < kElementCount; ++e) {
      auto seq = ElementEvents(static_cast<HistoryElement>(e));
      size_t n = 0;
      while (n < seq.size() && i + n < events.size() &&
             events[i + n] == HistoryEventTypeName(seq[n])) {
        ++n;
      }
      bool whole = n == seq.size();
      bool cut = n > 0 && (i + n == events.size() || events[i + n].ends_with("Aborted"));
      if ((whole || cut) && n > best) best = n;
      if (n >= 1 && seq.size() == 2 && events[i].starts_with("MapIteration")) {
        closers.emplace_back(HistoryEventTypeName(seq[1]));
      }
    }
    if (best == 0 && !closers.empty()) {
      open.push_back(std::move(closers));
      ++i;
      continue;
    }
    if (best == 0) {
      return "event " + std::to_string(i + 2) + " (" + events[i] +
             ") starts no element of the table";
    }
    i += best;
  }
  if (!open.empty()) return "a Map iteration is never closed";
  return "";
}

}  // namespace sfnsim_test
