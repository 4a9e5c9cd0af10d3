#include "simulator/scenario/scenario_report.h"

#include <algorithm>

namespace sim {

bool ScenarioReport::passed() const {
  if (!setup_error.empty() || halted) return false;
  return std::all_of(expectations.begin(), expectations.end(),
                     [](const ExpectationResult& r) { return r.passed; });
}

const ExecutionRecord* ScenarioReport::largest_history() const {
  const ExecutionRecord* best = nullptr;
  for (const ExecutionRecord& e : executions) {
    if (e.express) continue;
    if (best == nullptr || e.history_events > best->history_events) best = &e;
  }
  return best;
}

}  // namespace sim
