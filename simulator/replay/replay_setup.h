#pragma once
// What `sfnsim replay` prepares before it replays (docs/replay.md): the recording checked against
// the definition, the task outcomes to serve, and the world a --world file describes. The command
// only reads flags and prints.

#include <memory>
#include <string>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/model/state_machine.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/world/load_policy.h"
#include "simulator/world/world_config.h"

namespace sim {

// The definition a conformance corpus document carries (RecordedExecution::definition), parsed.
// Invalid: a line per problem, "FILE: /definition/States/A: …", each ending in a newline.
asl::Result<std::shared_ptr<const asl::StateMachine>, std::string> ParseRecordedDefinition(
    const asl::Json& definition, const std::string& file);

// Checks that `recorded` can be a run of `machine` (a note in it names the recorded states the
// definition no longer has) and reads the outcomes to replay. Errors start with the history
// files' names: "h1.json, h2.json: the history starts in …".
asl::Result<RecordedOutcomes, std::string> PrepareReplay(const asl::StateMachine& machine,
                                                         RecordedExecution& recorded,
                                                         const std::vector<std::string>& files);

// A --world file, read once: the parsed world serves the replay, the document goes into a saved
// test. Diagnostics are located in the file.
struct ReplayWorld {
  WorldConfig config;
  asl::Json document;
};
asl::Result<ReplayWorld, asl::DiagnosticList> LoadReplayWorld(const std::string& path,
                                                              const LoadPolicy& policy);

}  // namespace sim
