// Compiling the tested state and checking the request against it.
// Message texts marked "AWS's text" come from LocalStack's AWS-validated TestState snapshots
// (tests/aws/services/stepfunctions/v2/test_state/*.snapshot.json); the others are sfnsim's
// (docs/known-differences.md, "TestState").

#include "simulator/teststate/tested_state.h"

#include <fmt/format.h>

#include <set>
#include <string_view>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/runtime/variable_scope.h"
#include "asl/validate/definition_parser.h"
#include "simulator/teststate/mock_schema.h"

namespace sim {

namespace {

using Failed = asl::Failure<TestStateFailure>;

Failed Validation(std::string message) {
  return asl::Fail(TestStateFailure{"ValidationException", std::move(message)});
}
Failed InvalidDefinition(std::string message) {
  return asl::Fail(TestStateFailure{"InvalidDefinition", std::move(message)});
}

// The names a single state transitions to, which must exist for the wrapper machine to be
// valid: Next, Default, each Choice rule's Next, each catcher's Next.
std::set<std::string> TransitionTargets(const asl::Json& state) {
  std::set<std::string> targets;
  auto add = [&](const asl::Json& holder, const char* key) {
    auto it = holder.find(key);
    if (it != holder.end() && it->is_string()) targets.insert(it->get<std::string>());
  };
  add(state, "Next");
  add(state, "Default");
  for (const char* list : {"Choices", "Catch"}) {
    auto it = state.find(list);
    if (it == state.end() || !it->is_array()) continue;
    for (const asl::Json& entry : *it) {
      if (entry.is_object()) add(entry, "Next");
    }
  }
  targets.erase(kSingleStateName);
  return targets;
}

// The definition's errors, each with the pointer as the caller wrote it (`prefix`, the
// wrapper's "/States/StateName", taken off).
std::string DescribeErrors(const asl::DiagnosticList& diagnostics, std::string_view prefix) {
  std::string message = "Invalid State Machine Definition: ";
  bool first = true;
  for (const asl::Diagnostic& d : diagnostics.items()) {
    if (d.severity != asl::Severity::kError) continue;
    std::string pointer = d.pointer;
    if (!prefix.empty() && pointer.compare(0, prefix.size(), prefix) == 0) {
      pointer.erase(0, prefix.size());
    }
    if (pointer.empty()) pointer = "/";
    if (!first) message += ", ";
    first = false;
    message += fmt::format("'{}: {} at {}'", asl::CodeString(d.code), d.message, pointer);
  }
  return message;
}

// The state named `name` in `machine` or any machine nested in its states.
const asl::State* FindState(const asl::StateMachine& machine, const std::string& name) {
  if (asl::StateId id = machine.Find(name); id != asl::kNoState) return &machine.state(id);
  for (const asl::State& state : machine.states) {
    if (state.processor) {
      if (const asl::State* found = FindState(*state.processor, name)) return found;
    }
    for (const auto& branch : state.branches) {
      if (const asl::State* found = FindState(*branch, name)) return found;
    }
  }
  return nullptr;
}

bool NeedsCallback(const asl::TaskResource& resource) {
  return resource.kind == asl::ResourceKind::kActivity ||
         resource.pattern != asl::IntegrationPattern::kRequestResponse;
}

// The Context object a caller may supply: the members AWS's Context object has, with their
// types. AWS's texts for the cases LocalStack recorded (unknown field, Execution.Id's type,
// Map, Task on a state without a callback).
asl::Status<TestStateFailure> CheckContext(const asl::Json& context, const asl::State& state) {
  constexpr std::string_view kPrefix = "Invalid Context object provided: ";
  if (!context.is_object()) {
    return Validation(fmt::format("{}the Context object must be a JSON object, got {}", kPrefix,
                                  asl::TypeName(context)));
  }
  struct Field {
    const char* name;
    bool integer;  // else a string (Execution.Input may be any value)
  };
  struct Section {
    const char* name;
    std::vector<Field> fields;
  };
  static const std::vector<Section> kSections = {
      {"Execution",
       {{"Id", false}, {"Input", false}, {"Name", false}, {"RoleArn", false},
        {"StartTime", false}, {"RedriveCount", true}, {"RedriveTime", false}}},
      {"State", {{"EnteredTime", false}, {"Name", false}, {"RetryCount", true}}},
      {"StateMachine", {{"Id", false}, {"Name", false}}},
      {"Task", {{"Token", false}}},
  };
  for (const auto& [key, value] : context.items()) {
    if (key == "Map") {
      return Validation(
          fmt::format("{}'Map' field is not supported when mocking a Context object", kPrefix));
    }
    const Section* section = nullptr;
    for (const Section& s : kSections) {
      if (key == s.name) section = &s;
    }
    if (!section) return Validation(fmt::format("{}Field '{}' is not allowed", kPrefix, key));
    if (key == "Task" &&
        (state.type != asl::StateType::kTask || !NeedsCallback(*state.resource))) {
      return Validation(fmt::format(
          "{}Context object contains 'Task' when state is not a Task state with a '.sync' or "
          "'.waitForTaskToken' service integration pattern",
          kPrefix));
    }
    if (!value.is_object()) {
      return Validation(fmt::format("{}{} must be an object", kPrefix, key));
    }
    for (const auto& [member, member_value] : value.items()) {
      const Field* field = nullptr;
      for (const Field& f : section->fields) {
        if (member == f.name) field = &f;
      }
      if (!field) return Validation(fmt::format("{}Field '{}' is not allowed", kPrefix, member));
      if (key == "Execution" && member == "Input") continue;
      if (field->integer ? !member_value.is_number_integer() : !member_value.is_string()) {
        return Validation(fmt::format("{}{}.{} must be {}", kPrefix, key, member,
                                      field->integer ? "an integer" : "a string"));
      }
    }
  }
  return {};
}

// A mocked Map or Parallel result stands for what the state's iterations or branches
// returned: AWS's texts.
asl::Status<TestStateFailure> CheckMockShape(const asl::State& state, const asl::Json& result) {
  if (state.type == asl::StateType::kMap) {
    if (state.writer && state.writer->resource) {
      if (!result.is_object()) return Validation("Mocked result must be a JSON object.");
    } else if (!result.is_array()) {
      return Validation("Mocked result must be an array.");
    }
  } else if (state.type == asl::StateType::kParallel) {
    if (!result.is_array()) return Validation("Mocked result must be an array.");
    if (result.size() != state.branches.size()) {
      return Validation(
          "Mocked result must contain the same number of items as number of Parallel "
          "branches.");
    }
  }
  return {};
}

}  // namespace

asl::Result<TestedState, TestStateFailure> CompileTestedState(const TestStateRequest& request) {
  const asl::Json& definition = request.definition;
  bool whole_machine = definition.contains("States");
  TestedState tested;
  if (request.state_name.empty()) {
    if (whole_machine) {
      return InvalidDefinition(
          "The definition is a state machine (it has \"States\"): name the state to test "
          "with stateName, or give the state's own definition");
    }
    // One state: wrapped in a machine of its own so every rule of asl/validate applies.
    asl::Json wrapper = asl::Json::object();
    wrapper["StartAt"] = kSingleStateName;
    asl::Json states = asl::Json::object();
    states[kSingleStateName] = definition;
    for (const std::string& target : TransitionTargets(definition)) {
      states[target] = {{"Type", "Succeed"}};
    }
    wrapper["States"] = std::move(states);
    asl::ParsedDefinition parsed = asl::ParseDefinition(wrapper);
    if (!parsed.machine || parsed.diagnostics.HasErrors()) {
      return InvalidDefinition(
          DescribeErrors(parsed.diagnostics, std::string("/States/") + kSingleStateName));
    }
    tested.machine = std::move(parsed.machine);
    tested.state = &tested.machine->state(tested.machine->Find(kSingleStateName));
    return tested;
  }
  if (!whole_machine) {
    return InvalidDefinition(
        "With stateName the definition must be a whole state machine (StartAt and States)");
  }
  asl::ParsedDefinition parsed = asl::ParseDefinition(definition);
  if (!parsed.machine || parsed.diagnostics.HasErrors()) {
    return InvalidDefinition(DescribeErrors(parsed.diagnostics, ""));
  }
  tested.machine = std::move(parsed.machine);
  tested.state = FindState(*tested.machine, request.state_name);
  // AWS's text.
  if (!tested.state) return Validation("State not found in definition");
  return tested;
}

asl::Status<TestStateFailure> CheckRequest(const TestedState& tested,
                                           const TestStateRequest& request, bool has_world) {
  const asl::State& state = *tested.state;
  const bool map_or_parallel =
      state.type == asl::StateType::kMap || state.type == asl::StateType::kParallel;
  if (map_or_parallel && !request.mock) {
    // AWS's text and code.
    return InvalidDefinition(
        "TestState API does not support Map or Parallel states. Supported state types "
        "include: [Task, Wait, Pass, Succeed, Fail, Choice]");
  }
  if (request.mock && state.type != asl::StateType::kTask && !map_or_parallel) {
    // AWS's text.
    return Validation(fmt::format("State type '{}' is not supported when a mock is specified",
                                  asl::StateTypeName(state.type)));
  }
  if (request.context) {
    if (auto checked = CheckContext(*request.context, state); !checked.ok()) return checked;
  }
  if (!request.variables.is_null()) {
    for (const auto& [name, value] : request.variables.items()) {
      if (std::string why = asl::InvalidVariableName(name); !why.empty()) {
        return Validation(fmt::format("The 'variables' member names an invalid variable '{}': {}",
                                      name, why));
      }
    }
  }
  if (request.error_caused_by_state) {
    if (!map_or_parallel || !request.mock || !request.mock->error_output) {
      return Validation(
          "stateConfiguration.errorCausedByState applies only to a Map or Parallel state "
          "tested with mock.errorOutput");
    }
    const asl::State* found = nullptr;
    if (state.processor) found = FindState(*state.processor, *request.error_caused_by_state);
    for (const auto& branch : state.branches) {
      if (!found) found = FindState(*branch, *request.error_caused_by_state);
    }
    if (!found) {
      return Validation(fmt::format(
          "stateConfiguration.errorCausedByState '{}' is not a state of the {} state's {}",
          *request.error_caused_by_state, asl::StateTypeName(state.type),
          state.type == asl::StateType::kMap ? "ItemProcessor" : "Branches"));
    }
  }
  if (request.mock && request.mock->result) {
    if (auto shape = CheckMockShape(state, *request.mock->result); !shape.ok()) return shape;
    if (state.type == asl::StateType::kTask && request.mock->mode != FieldValidationMode::kNone) {
      std::string problem = CheckMockedResult(*state.resource, *request.mock->result,
                                              request.mock->mode == FieldValidationMode::kStrict);
      // AWS's text (the part after the colon names the field as AWS does).
      if (!problem.empty()) {
        return Validation(fmt::format("Mock result schema validation error: {}", problem));
      }
    }
  }
  if (state.type == asl::StateType::kTask && !request.mock) {
    const asl::TaskResource& resource = *state.resource;
    if (NeedsCallback(resource)) {
      return Validation(fmt::format(
          "TestState supports Activity tasks and the .sync and .waitForTaskToken integration "
          "patterns only when a mock is specified (Resource '{}')",
          resource.arn));
    }
    // AWS's text.
    if (!request.role_arn) return Validation("RoleArn must be specified when testing a Task state");
    if (!has_world) {
      return Validation(fmt::format(
          "sfnsim has no world to call for the Task state's Resource '{}': start the server "
          "with --world, or give the request a mock",
          resource.arn));
    }
  }
  return {};
}

}  // namespace sim
