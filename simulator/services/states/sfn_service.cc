#include "simulator/services/states/sfn_service.h"

#include <fmt/format.h>

#include "asl/base/json_limits.h"
#include "asl/intrinsics/java_text.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/quotas/account_quotas.h"
#include "simulator/services/integration/request_fields.h"

namespace sim {

namespace {

bool ForbiddenNameChar(unsigned char c) {
  if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) return true;
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '<': case '>': case '{': case '}':
    case '[': case ']': case '?': case '*': case '"': case '#': case '%': case '\\':
    case '^': case '|': case '~': case '`': case '$': case '&': case ',': case ';':
    case ':': case '/':
      return true;
    default:
      return false;
  }
}

}  // namespace

bool ValidExecutionName(const std::string& name) {
  if (name.empty()) return false;
  // Characters, not bytes: count UTF-8 code points.
  size_t points = 0;
  for (unsigned char c : name) {
    if ((c & 0xC0) != 0x80) ++points;
    if (c < 0x80 && ForbiddenNameChar(c)) return false;
  }
  // U+0080–U+009F are encoded as C2 80 … C2 9F.
  for (size_t i = 0; i + 1 < name.size(); ++i) {
    if (static_cast<unsigned char>(name[i]) == 0xC2 &&
        static_cast<unsigned char>(name[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(name[i + 1]) <= 0x9F) {
      return false;
    }
  }
  return points <= 80;
}

std::optional<AwsError> CheckStartExecution(const std::string& name, std::string_view input) {
  // The request model's length constraints come first (a ValidationException lists them), then
  // the input's JSON, then the name's characters (the order sfnsim has always used for those
  // two; unrecorded).
  size_t name_points = 0;
  for (unsigned char c : name) name_points += (c & 0xC0) != 0x80;
  if (name_points > 80) {
    // Recorded: "Value '…' at 'name' failed to satisfy constraint: Member must have length less
    // than or equal to 80".
    return ServiceError("ValidationException",
                        fmt::format("1 validation error detected: Value '{}' at 'name' failed to "
                                    "satisfy constraint: Member must have length less than or "
                                    "equal to 80",
                                    name));
  }
  if (input.size() > kMaxExecutionInputBytes) {
    // The input is sensitive in the API model: validation messages leave its value out.
    return ServiceError("ValidationException",
                        fmt::format("1 validation error detected: Value at 'input' failed to "
                                    "satisfy constraint: Member must have length less than or "
                                    "equal to {}",
                                    kMaxExecutionInputBytes));
  }
  asl::JsonTextProblem problem = asl::JsonTextProblem::kMalformed;
  if (!asl::ParseJsonWithinLimits(input, asl::kMaxJsonDepth, &problem)) {
    if (problem == asl::JsonTextProblem::kTooDeep) {
      // NONSTANDARD: AWS's parser accepts up to about 1,000 levels; sfnsim stops at its own
      // limit, with AWS's error code and a message that says why.
      return ServiceError("InvalidExecutionInput",
                          fmt::format("Invalid State Machine Execution Input: nested deeper than "
                                      "{} levels (sfnsim's limit)",
                                      asl::kMaxJsonDepth));
    }
    return ServiceError("InvalidExecutionInput",
                        fmt::format("Invalid State Machine Execution Input: '{}'",
                                    std::string(input.substr(0, 100))));
  }
  if (!name.empty() && !ValidExecutionName(name)) {
    return ServiceError("InvalidName", fmt::format("Invalid Name: '{}'", name));
  }
  return std::nullopt;
}

SfnService::SfnService(Simulation& simulation, AccountQuotas* quotas)
    : sim_(simulation), quotas_(quotas) {}

asl::Result<std::string, std::string> SfnService::Register(
    const std::string& name, std::shared_ptr<const asl::StateMachine> machine, bool express) {
  if (!machine) return asl::Fail(fmt::format("state machine {} has no definition", name));
  // https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
  if (!ValidExecutionName(name)) {
    return asl::Fail(fmt::format("\"{}\" is not a valid state machine name", name));
  }
  std::string arn = sim_.StateMachineArn(name);
  if (machines_.count(arn)) return asl::Fail(fmt::format("state machine {} is declared twice", name));
  machines_[arn] = RegisteredMachine{name, arn, std::move(machine), express};
  return arn;
}

const RegisteredMachine* SfnService::Find(const std::string& arn) const {
  auto it = machines_.find(arn);
  return it == machines_.end() ? nullptr : &it->second;
}

bool SfnService::Replace(const std::string& arn,
                         std::shared_ptr<const asl::StateMachine> machine) {
  auto it = machines_.find(arn);
  if (it == machines_.end() || !machine) return false;
  it->second.machine = std::move(machine);
  return true;
}

asl::Result<SfnService::Started, AwsError> SfnService::StartExecution(const asl::Json& request,
                                                                      uint64_t parent,
                                                                      IdSource& ids) {
  if (!request.is_object()) return asl::Fail(ClientError("Unable to marshall request to JSON"));
  auto arn = TRY(StringField(request, "StateMachineArn"));
  if (!arn) {
    return asl::Fail(ServiceError("ValidationException",
                                  "1 validation error detected: Value null at 'stateMachineArn' "
                                  "failed to satisfy constraint: Member must not be null"));
  }
  if (!arn->starts_with("arn:")) {
    return asl::Fail(ServiceError("InvalidArn",
                                  fmt::format("Invalid Arn: 'Invalid ARN prefix: {}'", *arn)));
  }
  const RegisteredMachine* machine = Find(*arn);
  if (!machine) {
    return asl::Fail(ServiceError("StateMachineDoesNotExist",
                                  fmt::format("State Machine Does Not Exist: '{}'", *arn)));
  }
  // Input: JSON text as given, any other value serialised, none (or null) "{}" (recorded:
  // sfn_start_execution_sync.json starts the child with Input null and it reports "{}").
  std::string input = "{}";
  if (auto it = request.find("Input"); it != request.end() && !it->is_null()) {
    input = it->is_string() ? it->get<std::string>() : asl::Dump(*it);
  }
  auto given_name = TRY(StringField(request, "Name"));
  // An empty Name is a name that breaks the rules (at least 1 character), not an absent one.
  if (given_name && given_name->empty()) {
    return asl::Fail(ServiceError("InvalidName", "Invalid Name: ''"));
  }
  std::string name = given_name ? *given_name : ids.NewUuid();
  if (auto refused = CheckStartExecution(name, input)) return asl::Fail(std::move(*refused));
  // Same name within the state machine: the running execution with identical input is the
  // answer (idempotent); a different input or a closed execution is ExecutionAlreadyExists.
  // Express executions do not keep names. API reference, StartExecution "name".
  std::string execution_arn = sim_.ExecutionArn(machine->name, name, machine->express);
  if (!machine->express) {
    if (Execution* existing = sim_.FindExecution(execution_arn)) {
      if (!existing->ended() && existing->spec().input_text == input) {
        return Started{existing, true};
      }
      return asl::Fail(ServiceError("ExecutionAlreadyExists",
                                    fmt::format("Execution Already Exists: '{}'", execution_arn)));
    }
  }
  if (quotas_) {
    if (auto throttled = quotas_->StartExecution(sim_.now())) return asl::Fail(*throttled);
    int64_t limit = quotas_->config().max_open_executions;
    int64_t open = 0;
    if (static_cast<int64_t>(sim_.executions().size()) >= limit) {  // else it cannot be reached
      for (const auto& e : sim_.executions()) {
        if (!e->ended() && !e->spec().express) ++open;
      }
    }
    if (open >= limit && limit <= static_cast<int64_t>(sim_.executions().size())) {
      return asl::Fail(ServiceError("ExecutionLimitExceeded",
                                    "The maximum number of running executions has been "
                                    "reached. Running executions must end or be stopped before "
                                    "a new execution can be started."));
    }
  }
  // Only running ancestors count: a chain of executions that each hand over to the next and
  // end (the backfill executor's continuation) is as long as the work, as on AWS; a chain whose
  // links all wait for the next (.sync) grows without end when a state machine starts itself.
  int depth = 1;  // of the new execution below its first running ancestor
  for (uint64_t up = parent; up != 0 && depth <= kMaxExecutionNesting; ++depth) {
    const Execution* above = sim_.FindExecution(up);
    if (above == nullptr || above->ended()) break;
    up = above->spec().parent_execution;
  }
  if (depth > kMaxExecutionNesting) {
    std::string message = fmt::format(
        "sfnsim stopped the run: state machine {} would start an execution nested more than {} "
        "running levels deep (a state machine that starts itself, directly or through others?); "
        "AWS sets no such limit, sfnsim does (docs/world.md)",
        machine->name, kMaxExecutionNesting);
    sim_.Halt(message);
    return asl::Fail(ServiceError("ExecutionLimitExceeded", message));
  }
  ExecutionSpec spec;
  spec.machine = machine->machine;
  spec.state_machine_name = machine->name;
  spec.state_machine_arn = machine->arn;
  spec.name = name;
  spec.input_text = std::move(input);
  spec.express = machine->express;
  spec.parent_execution = parent;
  if (sink_factory_) spec.sink = sink_factory_(spec);
  Execution& execution = sim_.StartExecution(std::move(spec));
  return Started{&execution, false};
}

asl::Json SfnService::SyncDescription(const Execution& e, bool sync2) {
  asl::Json d = asl::Json::object();
  ExecutionStatus status = e.status();
  bool failed = status == ExecutionStatus::kFailed || status == ExecutionStatus::kAborted;
  if (failed && e.has_cause()) d["Cause"] = e.error().cause;
  if (failed && e.has_error()) d["Error"] = e.error().name;
  if (status == ExecutionStatus::kTimedOut) d["Error"] = "States.Timeout";
  d["ExecutionArn"] = e.arn();
  if (sync2) {
    d["Input"] = asl::ParseJsonWithinLimits(e.spec().input_text)
                     .value_or(asl::Json(e.spec().input_text));
  } else {
    d["Input"] = e.spec().input_text;
  }
  d["InputDetails"] = {{"Included", true}};
  d["Name"] = e.name();
  if (status == ExecutionStatus::kSucceeded) {
    d["Output"] = sync2 ? e.output() : asl::Json(asl::Dump(e.output()));
    d["OutputDetails"] = {{"Included", true}};
  }
  d["StartDate"] = e.start_time().ms;
  d["StateMachineArn"] = e.state_machine_arn();
  d["Status"] = StatusName(status);
  if (e.ended()) d["StopDate"] = e.stop_time().ms;
  return d;
}

size_t SfnService::StartExecutionResponseLength(const std::string& execution_arn, SimTime start) {
  // {"executionArn":"…","startDate":1.704067200123E9}
  std::string date = asl::intrinsics::JavaDoubleText(static_cast<double>(start.ms) / 1000.0);
  return std::string_view(R"({"executionArn":"","startDate":})").size() + execution_arn.size() +
         date.size();
}

}  // namespace sim
