#pragma once
// A finished scenario as text for people (the summary) and as JUnit XML for CI. Both depend on
// nothing but the report, so the same scenario and seed print the same bytes.

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/scenario/scenario_run.h"

namespace sim {

std::string FormatSummary(const ScenarioReport& report);

// Text made safe inside XML or HTML markup and attribute values (&, <, >, ", '; control
// characters XML cannot carry become '?').
std::string XmlEscape(const std::string& text);

// Rows published by evenly spaced points of virtual time, up to CompletionSpan: the completion
// table of the summary (8 points) and the report's curves (report_data.cc) count the same way.
struct CompletionCounts {
  std::vector<int64_t> times;               // span * (c + 1) / points, c = 0 .. points - 1
  std::vector<int64_t> totals;              // per bucket (ScenarioReport::buckets)
  std::vector<std::vector<int64_t>> done;   // per bucket: rows published by each time
  std::vector<int64_t> overall;             // all buckets: rows published by each time
};
// First start to the last message, which can come after the last execution stopped (a publish
// in flight when its execution failed still reaches SNS).
int64_t CompletionSpan(const ScenarioReport& report);
CompletionCounts CountCompletion(const ScenarioReport& report, int points);

// Percentage of each bucket's (and the whole run's) published rows done at `columns` evenly
// spaced points of virtual time; part of the summary.
std::string FormatCompletion(const ScenarioReport& report, int columns = 8);

// One <testsuite> per scenario, one <testcase> per expectation.
std::string FormatJUnit(const std::vector<ScenarioReport>& reports);

// FormatJUnit in parts: one run's <testsuite> element with the counts the <testsuites> header
// adds up, and the document made of such parts in order. A sharded sweep keeps each run's part
// (shard_result.h) and `sfnsim merge` joins them into the bytes FormatJUnit writes.
struct JUnitSuite {
  int64_t tests = 0;     // the run's own testcase and one per expectation
  int64_t failures = 0;
  std::string xml;       // "  <testsuite …>\n … </testsuite>\n"
};
JUnitSuite JUnitSuiteOf(const ScenarioReport& report);
std::string JoinJUnit(const std::vector<JUnitSuite>& suites);

}  // namespace sim
