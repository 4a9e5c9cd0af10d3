#pragma once
// Running a scenario: build the world, start the execution, run the virtual clock to the end,
// and gather what the summary, the expectations and the log need.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/scenario/scenario_report.h"
#include "simulator/scenario/scenario.h"

namespace sim {

struct RunOptions {
  std::optional<uint64_t> seed;  // overrides the scenario's
  std::string history_dir;       // "" : histories are only counted
  std::string log_path;          // "" : no JSON-lines log
  // Guard against loops that never advance virtual time (SimulationConfig::max_state_entries).
  uint64_t max_state_entries = 1'000'000'000;
  // Record a RunTrace for a report (ScenarioReport::trace): state tallies, handled failures,
  // a few histories. Costs a little time per event, and memory bounded per execution.
  bool trace = false;
  // Called every `progress_every_ms` of virtual time (and once at the end).
  std::function<void(const struct RunProgress&)> progress;
  int64_t progress_every_ms = 60'000;
};

struct RunProgress {
  int64_t virtual_ms = 0;  // since the start
  int64_t published = 0;   // SNS messages
  int64_t running = 0;     // executions not ended
  int64_t started = 0;
};

ScenarioReport RunScenario(const Scenario& scenario, const RunOptions& options);

}  // namespace sim
