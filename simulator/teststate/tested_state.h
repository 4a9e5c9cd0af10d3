#pragma once
// The state a TestState request runs: its definition compiled with every rule asl/validate
// applies, and the checks AWS makes on the request before running it (state types TestState
// accepts, what a mock may be used with, the Context object a caller supplies).

#include <memory>
#include <string>

#include "asl/base/result.h"
#include "asl/model/state_machine.h"
#include "simulator/teststate/test_state.h"
#include "simulator/teststate/test_state_request.h"

namespace sim {

// The name a state given on its own runs under: what AWS's Context object shows as
// $$.State.Name for it (LocalStack's AWS-validated TestState snapshots).
inline constexpr const char* kSingleStateName = "StateName";

struct TestedState {
  std::unique_ptr<asl::StateMachine> machine;  // owns `state`
  const asl::State* state = nullptr;
};

// Compiles the definition: one state (wrapped in a machine of its own, its transition targets
// standing in as Succeed states) or, with stateName, a whole machine in which the state is
// found, at the top level or inside a Map or Parallel. Definition errors are InvalidDefinition
// with the JSON pointer inside the definition as given.
asl::Result<TestedState, TestStateFailure> CompileTestedState(const TestStateRequest& request);

// The checks AWS makes before running the state: Map and Parallel only with a mock, a mock
// only on Task, Map and Parallel, a role for an unmocked Task, the supplied Context object's
// fields, a mocked result's shape. `has_world` says whether an unmocked Task can be served.
asl::Status<TestStateFailure> CheckRequest(const TestedState& tested,
                                           const TestStateRequest& request, bool has_world);

}  // namespace sim
