#include "simulator/world/sfn_service.h"

#include <fmt/format.h>

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
    if (it->is_string()) {
      input = it->get<std::string>();
      asl::Json parsed = asl::Json::parse(input, nullptr, false);
      if (parsed.is_discarded()) {
        return asl::Fail(ServiceError(
            "InvalidExecutionInput",
            fmt::format("Invalid State Machine Execution Input: '{}'", input.substr(0, 100))));
      }
    } else {
      input = asl::Dump(*it);
    }
  }
  auto given_name = TRY(StringField(request, "Name"));
  std::string name = given_name ? *given_name : ids.NewUuid();
  if (!ValidExecutionName(name)) {
    return asl::Fail(ServiceError("InvalidName", fmt::format("Invalid Name: '{}'", name)));
  }
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
    asl::Json input = asl::Json::parse(e.spec().input_text, nullptr, false);
    d["Input"] = input.is_discarded() ? asl::Json(e.spec().input_text) : input;
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
