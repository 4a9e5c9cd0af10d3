#pragma once
// A scenario's expectations (its `expect:` section) against a finished run's report. Reads the
// report only: it runs nothing, so running, expecting and balancing depend one way
// (balance -> run -> expectations -> bucket figures).

#include <vector>

#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_report.h"

namespace sim {

std::vector<ExpectationResult> EvaluateExpectations(const Scenario& scenario,
                                                    const ScenarioReport& report);

}  // namespace sim
