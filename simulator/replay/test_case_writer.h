#pragma once
// `sfnsim replay --save-test DIR`: a replayed failure kept as a scenario test (docs/scenarios.md).
// Writes into DIR:
//   NAME.yaml           the scenario: the world the replay used (paths rebased to DIR), the
//                       definition, the recorded input, `start.replay` pointing at the recorded
//                       history, and `expect` = how the replayed run ended (status, error, cause)
//   replay/NAME.recorded.json  the recorded history (get-execution-history shape): the outcomes
//   replay/NAME.input.json     the execution input, verbatim
//   replay/NAME.expected.json  the replayed history: what the definition given to replay produced
// (the data in a subdirectory, so that only the scenario is a CTest test in scenarios/).
// `sfnsim run DIR/NAME.yaml` then passes while the definition behaves as it did in the replay,
// and fails (exit 1) when it goes back to ending as it did in production.

#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/replayer.h"

namespace sim {

struct SavedTestSource {
  std::string name;                  // file stem and scenario name
  std::vector<std::string> history_files;
  std::string definition_path;       // as given to replay
  std::string state_machine_name;    // what the scenario calls it
  bool express = false;
  // The world document replay used (JSON value of the file) and its directory; null: none.
  const asl::Json* world = nullptr;
  std::string world_directory;
  std::vector<std::string> summary;  // lines for the header comment (how the replay went)
};

// The written files' paths, or an error naming the file that could not be written.
asl::Result<std::vector<std::string>, std::string> SaveReplayTest(
    const std::string& directory, const SavedTestSource& source,
    const RecordedExecution& recorded, const ReplayReport& report);

}  // namespace sim
