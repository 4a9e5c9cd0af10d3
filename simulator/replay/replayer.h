#pragma once
// Re-running a definition against a recorded execution (the way Temporal's WorkflowReplayer
// re-runs workflow code against a history): the recorded input, start time and task outcomes
// (RecordedBackend, per state and Map iteration, at the recorded offsets), then the new history
// compared with the recorded one event for event.
//
//   auto recorded = sim::LoadRecordedExecution({"history.json"}, "");
//   auto outcomes = sim::RecordedOutcomes::FromEvents(recorded->events);
//   sim::ReplayReport report = sim::Replay(machine, *recorded, *outcomes, {});
//   report.identical();  // or report.divergence: event id, expected vs actual, state
//
// A changed definition may make calls the recording does not have: a world (docs/world.md)
// serves them, else they fail with States.Runtime saying what is missing. The conformance suite
// (tests/integration/conformance_test.cc) and `sfnsim replay` both go through here.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/model/state_machine.h"
#include "simulator/replay/history_compare.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/world/world_config.h"

namespace sim {

struct ReplayOptions {
  // Serves the calls the recording lacks (copied; its seed, partition… are overridden by the
  // recording's where it has them). Null: such calls fail with States.Runtime.
  const WorldConfig* world = nullptr;
  bool express = false;
  uint64_t max_state_entries = 100'000'000;  // guard against loops that never advance time
  // Accept a history that has the same events as the recording with concurrent lanes (a
  // Parallel's branches, a Map's iterations) interleaved in another order, and so other ids
  // and previousEventIds. Off by default: a replay whose ids or links differ has diverged
  // (`sfnsim replay --allow-interleaving` turns this on). The conformance suite turns it on
  // for the recordings whose interleaving depended on AWS's timing.
  bool allow_interleaving = false;
};

struct ReplayReport {
  std::string setup_error;           // the replay could not run (a world that does not install)
  asl::Json events = asl::Json::array();  // the replayed history, AWS CLI shape
  asl::Json description;             // DescribeExecution of the replayed execution
  std::string status;                // its status: SUCCEEDED, FAILED, …, RUNNING
  std::string recorded_status;
  std::optional<Divergence> divergence;
  // allow_interleaving only: the same events, concurrent lanes in another order.
  bool modulo_interleaving = false;
  std::string diverged_state;        // the state the diverging event belongs to
  std::string diverged_lane;         // its Map iteration ("" at the top level)
  std::vector<UnrecordedCall> unrecorded;
  bool halted = false;               // stopped on max_state_entries

  bool identical() const { return setup_error.empty() && !divergence && status == recorded_status; }
};

ReplayReport Replay(std::shared_ptr<const asl::StateMachine> machine,
                    const RecordedExecution& recorded, const RecordedOutcomes& outcomes,
                    const ReplayOptions& options);

// The names of every state in the machine, nested machines included.
std::vector<std::string> AllStateNames(const asl::StateMachine& machine);

// Checks that the history can be of this definition: its first state exists in it. The error
// says which state the history starts in and what the definition has. `missing` gets the
// recorded states the definition no longer has (their outcomes are not replayed).
asl::Status<std::string> CheckHistoryFitsDefinition(const asl::StateMachine& machine,
                                                    const RecordedExecution& recorded,
                                                    std::vector<std::string>& missing);

}  // namespace sim
