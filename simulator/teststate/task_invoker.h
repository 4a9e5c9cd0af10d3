#pragma once
// An unmocked Task of a TestState request: the call goes to the simulated account (the
// server's --world) through a one-off sim::Environment, the way an execution's Task would, and
// the virtual clock runs until the service answers.

#include <string>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/model/state_machine.h"
#include "simulator/teststate/test_state.h"

namespace sim {

// What the call came to: the service's result, or the error a Retry or Catch would see.
struct TaskCallOutcome {
  bool succeeded = false;
  asl::Json result;
  asl::Error error;
};

// Who is calling: the names the request carries in its Context object.
struct TaskCaller {
  std::string execution_arn;
  std::string execution_name;
  std::string state_machine_arn;
  std::string state_name;
};

// Calls `state`'s Resource with `parameters`. A TestStateFailure when the world cannot be
// installed or has nothing that serves the Resource (the request cannot be answered).
asl::Result<TaskCallOutcome, TestStateFailure> CallWorld(const TestStateOptions& options,
                                                         const asl::State& state,
                                                         const asl::Json& parameters,
                                                         const TaskCaller& caller);

}  // namespace sim
