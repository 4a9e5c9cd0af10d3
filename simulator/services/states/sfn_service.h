#pragma once
// Step Functions itself as a service tasks call: StartExecution starts a real child execution in
// the same Simulation, with its own history, quotas and the name rules of the API.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/model/state_machine.h"
#include "simulator/engine/execution_spec.h"
#include "simulator/services/integration/aws_error.h"
#include "simulator/services/call_context.h"

namespace sim {

class AccountQuotas;
class Execution;
class HistorySink;
class Simulation;

struct RegisteredMachine {
  std::string name;
  std::string arn;
  std::shared_ptr<const asl::StateMachine> machine;
  bool express = false;
};

class SfnService {
 public:
  SfnService(Simulation& simulation, AccountQuotas* quotas);

  // Makes a state machine startable by name or ARN.
  asl::Result<std::string, std::string> Register(const std::string& name,
                                                 std::shared_ptr<const asl::StateMachine> machine,
                                                 bool express);
  const RegisteredMachine* Find(const std::string& arn) const;
  // UpdateStateMachine: executions started from now on run `machine` (running ones keep theirs).
  // False when no machine has that ARN.
  bool Replace(const std::string& arn, std::shared_ptr<const asl::StateMachine> machine);
  // DeleteStateMachine: no execution can start it any more (running ones go on).
  void Remove(const std::string& arn) { machines_.erase(arn); }
  const std::map<std::string, RegisteredMachine>& machines() const { return machines_; }

  // Where a child execution's history goes (null / unset: counted only).
  void SetSinkFactory(std::function<HistorySink*(const ExecutionSpec&)> factory) {
    sink_factory_ = std::move(factory);
  }

  struct Started {
    Execution* execution = nullptr;
    bool existing = false;  // the call named a running execution with the same input
  };
  // StartExecution at the simulation's current time. `request`: {StateMachineArn, Input, Name}.
  // Errors: StateMachineDoesNotExist, InvalidArn, InvalidName, InvalidExecutionInput,
  // ExecutionAlreadyExists, ExecutionLimitExceeded, and the StartExecution throttle.
  asl::Result<Started, AwsError> StartExecution(const asl::Json& request, uint64_t parent,
                                                IdSource& ids);

  // DescribeExecution as the .sync integration reports it (keys alphabetical, dates in epoch
  // milliseconds): {Cause?, Error?, ExecutionArn, Input, InputDetails, Name, Output?,
  // OutputDetails?, StartDate, StateMachineArn, Status, StopDate}. `sync2`: Input and Output as
  // JSON values instead of JSON text (recorded: sfn_start_execution_sync*.json).
  static asl::Json SyncDescription(const Execution& execution, bool sync2);

  // StartExecution's response body as Step Functions sends it (JSON 1.0, dates in epoch
  // seconds), for the Content-Length an optimized integration reports.
  static size_t StartExecutionResponseLength(const std::string& execution_arn, SimTime start);

 private:
  Simulation& sim_;
  AccountQuotas* quotas_;
  std::map<std::string, RegisteredMachine> machines_;  // by ARN
  std::function<HistorySink*(const ExecutionSpec&)> sink_factory_;
};

// The name rules of StartExecution: 1 to 80 characters, none of whitespace, < > { } [ ] ? *
// " # % \ ^ | ~ ` $ & , ; : / or control characters.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html#StepFunctions-StartExecution-request-name
bool ValidExecutionName(const std::string& name);

// The deepest chain of running nested executions (an execution started by a running one started
// by a running one …) a run allows. AWS sets no such limit, but a state machine that starts
// itself and waits (.sync) grows without end (~250 MB/s of simulated executions); at this depth
// the simulation is halted with a message naming the state machine (docs/world.md). Ended
// ancestors do not count: a chain of executions that hand over to the next is bounded by
// SimulationConfig::max_executions instead.
inline constexpr int kMaxExecutionNesting = 1000;

// The most bytes (UTF-8) of an execution's input StartExecution accepts.
inline constexpr size_t kMaxExecutionInputBytes = 262'144;

// StartExecution's own checks of an execution's name ("" = none given: a random one) and input
// text, as it answers them (API reference, StartExecution: name 1-80 characters of the allowed
// set, input at most 262,144 bytes of JSON):
// * a name over 80 characters: ValidationException "1 validation error detected: Value 'NAME' at
//   'name' failed to satisfy constraint: Member must have length less than or equal to 80";
// * a name with a forbidden character: InvalidName "Invalid Name: 'NAME'";
// * an input over 262,144 bytes: ValidationException "… Value at 'input' failed to satisfy
//   constraint: Member must have length less than or equal to 262144";
// * an input that is not JSON, or (sfnsim's own limit) nests deeper than asl::kMaxJsonDepth:
//   InvalidExecutionInput.
// Every place an execution starts applies them: nested StartExecution tasks, scenarios, and
// `sfnsim execute`.
std::optional<AwsError> CheckStartExecution(const std::string& name, std::string_view input);

}  // namespace sim
