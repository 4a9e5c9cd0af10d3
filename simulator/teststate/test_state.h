#pragma once
// TestState: AWS's API for running one state in isolation, as a library the API server calls.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
//
// The request is TestState's JSON body (definition, roleArn, input, inspectionLevel,
// revealSecrets, variables, stateName, mock, context, stateConfiguration) and the answer is its
// response body (output, error, cause, inspectionData, nextState, status) with AWS's field
// names. A request AWS would refuse comes back as a TestStateFailure (the server answers it
// with HTTP 400). docs/test-state.md describes what is covered and how it is tested.

#include <cstdint>
#include <string>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/world/world_config.h"

namespace sim {

// An API error: "ValidationException", "InvalidDefinition", "InvalidExecutionInput".
struct TestStateFailure {
  std::string code;
  std::string message;
};

struct TestStateOptions {
  // The server's --world: an unmocked Task calls its services. Null: a Task needs a mock.
  const WorldConfig* world = nullptr;
  uint64_t seed = 0;  // jittered retry back-off, generated execution names
  SimTime now;        // the server clock's time (the Context object's timestamps, $now)
  std::string region = "us-east-1";
  std::string account = "123456789012";
};

asl::Result<asl::Json, TestStateFailure> RunTestState(const asl::Json& request,
                                                      const TestStateOptions& options);

}  // namespace sim
