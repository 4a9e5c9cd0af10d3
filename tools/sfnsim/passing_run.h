#pragma once
// `sfnsim run --lock`: the adapter between a scenario report (simulator/) and the verification
// record's input (deploy/), so that neither library depends on the other.

#include <optional>

#include "deploy/verification_record.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"

namespace sfnsim_cli {

// What a run verified: each state machine of the scenario that ran at least one execution.
// Nothing unless the report passed (no setup error, not halted).
std::optional<deploy::PassingRun> PassingRunOf(const sim::Scenario& scenario,
                                               const sim::ScenarioReport& report);

}  // namespace sfnsim_cli
