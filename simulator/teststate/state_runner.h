#pragma once
// Running the tested state once, the way TestState does: the state's data flow from the
// request's input (through asl/runtime, the same seam the engine uses), its work (the mock,
// or the world's service for an unmocked Task), and then Retry and Catch with the retry count
// the request gives in place of earlier attempts. What each step produced is kept for
// inspectionData.

#include <optional>
#include <string>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/teststate/test_state.h"
#include "simulator/teststate/test_state_request.h"
#include "simulator/teststate/tested_state.h"

namespace sim {

enum class TestStatus : uint8_t { kSucceeded, kFailed, kRetriable, kCaughtError };

struct TestStateOutcome {
  TestStatus status = TestStatus::kSucceeded;
  std::optional<asl::Json> output;
  std::optional<asl::Error> error;
  std::string next_state;  // "" when the state ends or fails
  // inspectionData's members, in the order they were produced (only at DEBUG and TRACE):
  // payloads as JSON text, the Map settings as numbers, errorDetails as an object.
  asl::Json inspection = asl::Json::object();
};

// A TestStateFailure only when the request cannot be answered at all (the world cannot serve
// an unmocked Task, a Distributed Map's reader has no data to read).
asl::Result<TestStateOutcome, TestStateFailure> RunTestedState(const TestedState& tested,
                                                               const TestStateRequest& request,
                                                               const TestStateOptions& options);

}  // namespace sim
