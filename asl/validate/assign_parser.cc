// Assign: the workflow variables a state, a Choice rule or a catcher sets, and the rule that
// a Map iteration or Parallel branch assigns only variables of its own scope.
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html

#include <fmt/format.h>

#include <map>

#include "asl/runtime/variable_scope.h"
#include "asl/validate/parser_internal.h"

namespace asl::parser {

namespace {

constexpr std::string_view kPathSuffix = ".$";

bool EndsWithPathSuffix(std::string_view key) {
  return key.size() >= kPathSuffix.size() &&
         key.substr(key.size() - kPathSuffix.size()) == kPathSuffix;
}

}  // namespace

Assignment MachineParser::ParseAssign(FieldReader& reader) {
  Assignment out;
  const Json* value = reader.Get("Assign");
  if (!value) return out;
  std::string pointer = reader.PointerTo("Assign");
  if (!value->is_object()) {
    reader.WrongType("Assign", "an object of variable names and values", *value);
    return out;
  }
  bool names_ok = true;
  for (const auto& [key, member] : value->items()) {
    std::string member_pointer = PointerJoin(pointer, key);
    // JSONPath selects with "name.$"; in JSONata a name is only a name.
    std::string_view name = key;
    if (!jsonata() && EndsWithPathSuffix(name)) name.remove_suffix(kPathSuffix.size());
    std::string why = InvalidVariableName(name);
    if (!why.empty()) {
      diagnostics_.Add(DiagnosticCode::kInvalidVariable, member_pointer,
                       fmt::format("invalid variable name \"{}\": {}", key, why));
      names_ok = false;
      continue;
    }
    for (const auto& [earlier, earlier_pointer] : out.names) {
      if (earlier == name) {
        diagnostics_.Add(DiagnosticCode::kInvalidVariable, member_pointer,
                         fmt::format("variable \"{}\" is assigned twice in one Assign (also "
                                     "at {})", name, earlier_pointer));
        names_ok = false;
      }
    }
    out.names.emplace_back(std::string(name), member_pointer);
  }
  if (!names_ok) return out;
  if (jsonata()) {
    out.jsonata = CompileJsonata(*value, pointer, "Assign");
  } else {
    out.json_path = ParseTemplate(reader, "Assign", TemplateShape::kObject);
  }
  return out;
}

namespace {

// Every variable a machine's own states assign (not its nested machines'), with a pointer.
void CollectAssigned(const StateMachine& machine,
                     std::vector<std::pair<std::string, std::string>>& out) {
  auto add = [&out](const Assignment& assignment) {
    out.insert(out.end(), assignment.names.begin(), assignment.names.end());
  };
  for (const State& state : machine.states) {
    add(state.assign);
    for (const ChoiceBranch& branch : state.choices) add(branch.assign);
    for (const Catcher& catcher : state.catchers) add(catcher.assign);
  }
}

// `outer`: the names the enclosing scopes assign, each with where.
void CheckScope(StateMachine& machine, std::map<std::string, std::string> outer,
                DiagnosticList& diagnostics) {
  std::vector<std::pair<std::string, std::string>> own;
  CollectAssigned(machine, own);
  machine.assigns_variables = !own.empty();
  for (const auto& [name, pointer] : own) {
    auto it = outer.find(name);
    if (it == outer.end()) continue;
    diagnostics.Add(DiagnosticCode::kInvalidVariable, pointer,
                    fmt::format("variable \"{}\" is assigned in an outer scope (at {}): states "
                                "in a Map iteration or Parallel branch can read it but not "
                                "assign it",
                                name, it->second));
  }
  for (const auto& [name, pointer] : own) outer.emplace(name, pointer);
  for (State& state : machine.states) {
    for (auto& branch : state.branches) {
      if (branch) CheckScope(*branch, outer, diagnostics);
    }
    if (!state.processor) continue;
    // A Distributed Map's children are executions of their own: they neither see nor touch
    // the parent's variables.
    if (state.map_mode == MapMode::kDistributed) {
      CheckScope(*state.processor, {}, diagnostics);
    } else {
      CheckScope(*state.processor, outer, diagnostics);
    }
  }
}

}  // namespace

void MachineParser::CheckVariableScopes(StateMachine& machine) {
  CheckScope(machine, {}, diagnostics_);
}

}  // namespace asl::parser
