#pragma once
// A finished scenario as text for people (the summary) and as JUnit XML for CI. Both depend on
// nothing but the report, so the same scenario and seed print the same bytes.

#include <string>
#include <vector>

#include "simulator/scenario/scenario_run.h"

namespace sim {

std::string FormatSummary(const ScenarioReport& report);

// Text made safe inside XML or HTML markup and attribute values (&, <, >, ", '; control
// characters XML cannot carry become '?').
std::string XmlEscape(const std::string& text);

// Percentage of each bucket's (and the whole run's) published rows done at `columns` evenly
// spaced points of virtual time; part of the summary.
std::string FormatCompletion(const ScenarioReport& report, int columns = 8);

// One <testsuite> per scenario, one <testcase> per expectation.
std::string FormatJUnit(const std::vector<ScenarioReport>& reports);

}  // namespace sim
