// CreateStateMachine, UpdateStateMachine, DescribeStateMachine, DeleteStateMachine,
// ListStateMachines, ValidateStateMachineDefinition.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html

#include <fmt/format.h>

#include "simulator/api/api_internal.h"
#include "simulator/api/definition_check.h"
#include "simulator/api/served_history.h"
#include "simulator/services/states/sfn_service.h"
#include "simulator/world/world.h"

namespace sim::api {

namespace {

std::string TypeOf(const ApiRequest& request) {
  std::string type = request.OptionalString("type").value_or("STANDARD");
  if (type != "STANDARD" && type != "EXPRESS") {
    Fail(InvalidMember("type", type,
                       "Member must satisfy enum value set: [STANDARD, EXPRESS]"));
  }
  return type;
}

std::shared_ptr<const asl::StateMachine> Compile(const std::string& definition, bool express) {
  CheckedDefinition checked = CheckDefinition(definition, express);
  if (!checked.machine) Fail("InvalidDefinition", InvalidDefinitionMessage(checked));
  return checked.machine;
}

asl::Json LoggingOf(const ApiRequest& request) {
  if (const asl::Json* logging = request.Member("loggingConfiguration")) {
    if (!logging->is_object()) Fail(SerializationError("loggingConfiguration must be an object"));
    return *logging;
  }
  return {{"level", "OFF"}, {"includeExecutionData", false}};
}

asl::Json TracingOf(const ApiRequest& request) {
  if (const asl::Json* tracing = request.Member("tracingConfiguration")) {
    if (!tracing->is_object()) Fail(SerializationError("tracingConfiguration must be an object"));
    return *tracing;
  }
  return {{"enabled", false}};
}

}  // namespace


asl::Json StepFunctionsApi::CreateStateMachine(const ApiRequest& request) {
  const std::string name = request.RequiredString("name");
  const std::string definition = request.RequiredString("definition");
  const std::string role_arn = request.RequiredString("roleArn");
  const std::string type = TypeOf(request);
  request.CheckLength("name", name, 1, 80);
  request.CheckLength("definition", definition, 1, 1048576);
  CheckName(name);
  CheckArn(role_arn);
  const std::string arn = env_->simulation().StateMachineArn(name);
  asl::Json logging = LoggingOf(request);
  asl::Json tracing = TracingOf(request);
  auto tags = ReadTags(request);
  if (auto it = machines_.find(arn); it != machines_.end()) {
    // Idempotent on name, definition, type, logging and tracing (API reference); a different
    // role or tags are ignored.
    const StateMachineRecord& existing = *it->second;
    if (existing.definition != definition || existing.type != type ||
        existing.logging_configuration != logging || existing.tracing_configuration != tracing) {
      Fail("StateMachineAlreadyExists", fmt::format("State Machine Already Exists: '{}'", arn));
    }
    return {{"stateMachineArn", arn}, {"creationDate", WireTimestamp(existing.creation_date)}};
  }
  auto record = std::make_shared<StateMachineRecord>();
  record->name = name;
  record->arn = arn;
  record->type = type;
  record->definition = definition;
  record->role_arn = role_arn;
  record->machine = Compile(definition, type == "EXPRESS");
  record->creation_date = Now();
  record->logging_configuration = std::move(logging);
  record->tracing_configuration = std::move(tracing);
  if (auto registered = env_->RegisterStateMachine(name, record->machine, record->express());
      !registered.ok()) {
    Fail("InvalidName", registered.error());
  }
  machines_[arn] = record;
  if (!tags.empty()) MergeTags(tags_[arn], tags);
  return {{"stateMachineArn", arn}, {"creationDate", WireTimestamp(record->creation_date)}};
}

asl::Json StepFunctionsApi::UpdateStateMachine(const ApiRequest& request) {
  const std::string arn = request.RequiredString("stateMachineArn");
  const StateMachineRecord& current = *MachineByArn(arn);
  std::optional<std::string> definition = request.OptionalString("definition");
  std::optional<std::string> role_arn = request.OptionalString("roleArn");
  const bool logging = request.Member("loggingConfiguration") != nullptr;
  const bool tracing = request.Member("tracingConfiguration") != nullptr;
  if (!definition && !role_arn && !logging && !tracing) {
    Fail("MissingRequiredParameter",
         "Either the definition, the roleArn, the loggingConfiguration or the "
         "tracingConfiguration must be specified");
  }
  // Executions already running keep the machine they started with: a new record.
  auto updated = std::make_shared<StateMachineRecord>(current);
  if (definition) {
    request.CheckLength("definition", *definition, 1, 1048576);
    updated->machine = Compile(*definition, updated->express());
    updated->definition = *definition;
  }
  if (role_arn) {
    CheckArn(*role_arn);
    updated->role_arn = *role_arn;
  }
  if (logging) updated->logging_configuration = LoggingOf(request);
  if (tracing) updated->tracing_configuration = TracingOf(request);
  updated->update_date = Now();
  if (env_->world() != nullptr) env_->world()->sfn().Replace(arn, updated->machine);
  machines_[arn] = updated;
  return {{"updateDate", WireTimestamp(*updated->update_date)}};
}

asl::Json StepFunctionsApi::DescribeStateMachine(const ApiRequest& request) {
  const StateMachineRecord& m = *MachineByArn(request.RequiredString("stateMachineArn"));
  asl::Json out = asl::Json::object();
  out["stateMachineArn"] = m.arn;
  out["name"] = m.name;
  out["status"] = "ACTIVE";
  out["definition"] = m.definition;
  out["roleArn"] = m.role_arn;
  out["type"] = m.type;
  out["creationDate"] = WireTimestamp(m.creation_date);
  out["loggingConfiguration"] = m.logging_configuration;
  out["tracingConfiguration"] = m.tracing_configuration;
  return out;
}

asl::Json StepFunctionsApi::DeleteStateMachine(const ApiRequest& request) {
  const std::string arn = request.RequiredString("stateMachineArn");
  CheckArn(arn);
  // Deleting a machine that does not exist succeeds (the call is idempotent); running
  // executions go on to their end.
  if (machines_.erase(arn) > 0) {
    tags_.erase(arn);
    if (env_->world() != nullptr) env_->world()->sfn().Remove(arn);
  }
  return asl::Json::object();
}

asl::Json StepFunctionsApi::ListStateMachines(const ApiRequest& request) {
  const int64_t page = request.PageSize(100);
  uint64_t start = 0;
  if (auto token = request.OptionalString("nextToken")) start = PagePosition(*token);
  asl::Json list = asl::Json::array();
  uint64_t position = 0;
  asl::Json response = asl::Json::object();
  for (const auto& [arn, m] : machines_) {  // in ARN order, which is name order
    if (position++ < start) continue;
    if (static_cast<int64_t>(list.size()) == page) {
      response["nextToken"] = PageToken(position - 1);
      break;
    }
    list.push_back({{"stateMachineArn", m->arn},
                    {"name", m->name},
                    {"type", m->type},
                    {"creationDate", WireTimestamp(m->creation_date)}});
  }
  response["stateMachines"] = std::move(list);
  return response;
}

asl::Json StepFunctionsApi::ValidateStateMachineDefinition(const ApiRequest& request) {
  const std::string definition = request.RequiredString("definition");
  const std::string type = TypeOf(request);
  const int64_t max_results = request.PageSize(100);
  return ValidationResponse(CheckDefinition(definition, type == "EXPRESS"), max_results);
}

}  // namespace sim::api
