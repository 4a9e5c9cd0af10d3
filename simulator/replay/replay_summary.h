#pragma once
// What `sfnsim replay` prints: whether the replay is identical to the recording, else the first
// divergence (event id, the state and Map iteration, where in the event, expected and actual),
// and how the recorded and the replayed runs end — in words when the definition changed, e.g.
// "the SNS.InternalErrorException at event 47 (state "PublishRecord", PublishPage[3]) is now
// retried and the execution succeeds".

#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/replay/replayer.h"

namespace sim {

// "SUCCEEDED", "FAILED (Backfill.PublishFailed: record …)" for the execution-ending event.
std::string DescribeEnding(const asl::Json& events);

// Sentences on what the changed definition does with the recorded failures: each failure whose
// state now makes a call the recording did not have is "now retried"; a failure the run no
// longer reaches is not mentioned. Ends with how the replayed execution ends.
std::vector<std::string> DescribeChanges(const RecordedOutcomes& outcomes,
                                         const ReplayReport& report);

// The whole report as text (several lines, ends with a newline). Deterministic.
std::string FormatReplaySummary(const RecordedExecution& recorded,
                                const RecordedOutcomes& outcomes, const ReplayReport& report);

// The same as a JSON object (`--format json`).
asl::Json ReplaySummaryJson(const RecordedExecution& recorded, const RecordedOutcomes& outcomes,
                            const ReplayReport& report);

}  // namespace sim
