#include "asl/validate/definition_parser.h"

#include <fmt/format.h>

#include "asl/base/utf8.h"
#include "asl/intrinsics/intrinsic_call.h"
#include "asl/validate/parser_internal.h"

namespace asl {

namespace parser {

namespace {

constexpr size_t kMaxStateNameLength = 80;  // AWS quota: state names are at most 80 characters

constexpr std::pair<const char*, StateType> kStateTypes[] = {
    {"Task", StateType::kTask},         {"Pass", StateType::kPass},
    {"Choice", StateType::kChoice},     {"Wait", StateType::kWait},
    {"Succeed", StateType::kSucceed},   {"Fail", StateType::kFail},
    {"Parallel", StateType::kParallel}, {"Map", StateType::kMap}};

std::optional<StateType> StateTypeFromName(std::string_view name) {
  for (const auto& [type_name, value] : kStateTypes) {
    if (name == type_name) return value;
  }
  return std::nullopt;
}

// The transitions of a state that is not otherwise parsed (a state of unknown Type), read without
// reporting anything, so the states it leads to are not also reported as unreachable.
void ReadTransitionsQuietly(const Json& object, State& state) {
  auto string_field = [](const Json& o, const char* key) -> std::string {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (auto type = StateTypeFromName(string_field(object, "Type"))) state.type = *type;
  state.next_name = string_field(object, "Next");
  auto end = object.find("End");
  state.end = end != object.end() && end->is_boolean() && end->get<bool>();
  state.default_name = string_field(object, "Default");
  if (auto choices = object.find("Choices"); choices != object.end() && choices->is_array()) {
    for (const Json& rule : *choices) {
      if (!rule.is_object()) continue;
      state.choices.emplace_back().next_name = string_field(rule, "Next");
    }
  }
  if (auto catchers = object.find("Catch"); catchers != object.end() && catchers->is_array()) {
    for (const Json& catcher : *catchers) {
      if (!catcher.is_object()) continue;
      state.catchers.emplace_back().next_name = string_field(catcher, "Next");
    }
  }
}

}  // namespace

MachineParser::MachineParser(DiagnosticList& diagnostics, const ParseOptions& options)
    : diagnostics_(diagnostics), express_(options.express) {}

std::unique_ptr<StateMachine> MachineParser::ParseMachine(
    const Json& object, const std::string& pointer, bool top_level,
    std::initializer_list<std::string_view> extra) {
  auto machine = std::make_unique<StateMachine>();
  machine->pointer = pointer;
  // The language of the state holding this machine (a Parallel or Map), restored for the rest
  // of its fields once the nested states are parsed.
  const QueryLanguage enclosing_language = language_;
  if (!object.is_object()) {
    diagnostics_.Add(DiagnosticCode::kWrongType, pointer,
                     fmt::format("expected a state machine object, got {}",
                                 DescribeValue(object)));
    return machine;
  }
  FieldReader reader(object, pointer, diagnostics_);
  for (std::string_view key : extra) reader.Accept(key);
  if (auto c = reader.String("Comment")) machine->comment = *c;
  if (auto start = reader.String("StartAt", /*required=*/true)) machine->start_at_name = *start;
  if (top_level) {
    if (auto v = reader.String("Version")) {
      machine->version = *v;
      if (*v != "1.0") {
        diagnostics_.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("Version"),
                         fmt::format("unsupported Version \"{}\": expected \"1.0\"", *v));
      }
    }
    // The range statelint and AWS's language service accept (a positive integer below
    // 99999999); a run still stops at the one-year maximum duration of a Standard execution.
    machine->timeout_seconds = reader.Integer("TimeoutSeconds", 1, 99999999);
    // Nested machines (Parallel branches, ItemProcessor, Iterator) cannot set QueryLanguage:
    // AWS answers "Field 'QueryLanguage' is not supported" there (measured with
    // ValidateStateMachineDefinition, floci-io/floci#2968), so it is an unknown field for them.
    if (auto q = reader.String("QueryLanguage")) {
      if (*q == "JSONata") {
        default_language_ = QueryLanguage::kJsonata;
      } else if (*q != "JSONPath") {
        diagnostics_.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("QueryLanguage"),
                         fmt::format("unknown QueryLanguage \"{}\": expected \"JSONPath\" or "
                                     "\"JSONata\"", *q));
      }
    }
  }
  const Json* states = reader.Object("States", /*required=*/true);
  reader.ReportUnknown(top_level ? "a state machine" : "a nested state machine");
  if (!states) return machine;
  std::string states_pointer = PointerJoin(pointer, "States");
  if (states->empty()) {
    diagnostics_.Add(DiagnosticCode::kNoStates, states_pointer,
                     "States must declare at least one state");
    return machine;
  }

  machine->states.reserve(states->size());
  for (auto it = states->begin(); it != states->end(); ++it) {
    State& state = machine->states.emplace_back();
    state.name = it.key();
    state.pointer = PointerJoin(states_pointer, it.key());
  }
  machine->Index();
  StateId id = 0;
  for (auto it = states->begin(); it != states->end(); ++it, ++id) {
    State& state = machine->states[id];
    ParseState(it.key(), it.value(), state.pointer, state);
  }

  if (!machine->start_at_name.empty()) {
    machine->start_at = machine->Find(machine->start_at_name);
    if (machine->start_at == kNoState) {
      std::vector<std::string> names;
      for (const State& s : machine->states) names.push_back(s.name);
      std::string message =
          fmt::format("StartAt names state \"{}\", which does not exist", machine->start_at_name);
      std::string hint = SpellCheck(machine->start_at_name, names);
      if (!hint.empty()) message += fmt::format(" (did you mean \"{}\"?)", hint);
      diagnostics_.Add(DiagnosticCode::kUnknownStartAt, PointerJoin(pointer, "StartAt"), message);
    }
  }
  ResolveTransitions(*machine);
  CheckReachability(*machine);
  language_ = enclosing_language;
  return machine;
}

void MachineParser::ParseState(const std::string& name, const Json& object,
                               const std::string& pointer, State& state) {
  if (name.empty() || CodePoints(name) > kMaxStateNameLength) {
    diagnostics_.Add(DiagnosticCode::kInvalidName, pointer,
                     fmt::format("state names must be 1 to {} characters long, got {}",
                                 kMaxStateNameLength, CodePoints(name)));
  }
  if (auto it = all_names_.find(name); it != all_names_.end() && it->second != pointer) {
    diagnostics_.Add(DiagnosticCode::kDuplicateStateName, pointer,
                     fmt::format("state name \"{}\" is already used at {}: state names must be "
                                 "unique in the whole state machine", name, it->second));
  } else {
    all_names_.emplace(name, pointer);
  }
  if (!object.is_object()) {
    diagnostics_.Add(DiagnosticCode::kWrongType, pointer,
                     fmt::format("expected a state object, got {}", DescribeValue(object)));
    unparsed_.insert(pointer);
    return;
  }
  FieldReader reader(object, pointer, diagnostics_);
  if (auto c = reader.String("Comment")) state.comment = *c;
  std::optional<std::string> type = reader.String("Type", /*required=*/true);
  // The data-flow seam is chosen here, once per state: the state's own QueryLanguage, else the
  // top-level one (nested machines cannot set it, so their states inherit the top level's).
  state.query_language = default_language_;
  if (auto q = reader.String("QueryLanguage")) {
    if (*q == "JSONata") {
      state.query_language = QueryLanguage::kJsonata;
    } else if (*q == "JSONPath") {
      // https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html: a JSONPath
      // machine may convert single states to JSONata, not the other way round.
      if (default_language_ == QueryLanguage::kJsonata) {
        diagnostics_.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("QueryLanguage"),
                         "a state cannot set QueryLanguage \"JSONPath\" when the state machine's "
                         "QueryLanguage is \"JSONata\"");
      }
    } else {
      diagnostics_.Add(DiagnosticCode::kInvalidValue, reader.PointerTo("QueryLanguage"),
                       fmt::format("unknown QueryLanguage \"{}\": expected \"JSONPath\" or "
                                   "\"JSONata\"", *q));
    }
  }
  language_ = state.query_language;
  if (!type) {
    ReadTransitionsQuietly(object, state);
    unparsed_.insert(pointer);
    return;
  }
  std::optional<StateType> known = StateTypeFromName(*type);
  if (!known) {
    std::vector<std::string> names;
    for (const auto& entry : kStateTypes) names.emplace_back(entry.first);
    std::string message = fmt::format("unknown state Type \"{}\"", *type);
    std::string hint = SpellCheck(*type, names);
    if (!hint.empty()) message += fmt::format(" (did you mean \"{}\"?)", hint);
    else message += ": expected Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map";
    diagnostics_.Add(DiagnosticCode::kUnknownStateType, reader.PointerTo("Type"), message);
    ReadTransitionsQuietly(object, state);
    unparsed_.insert(pointer);
    return;
  }
  state.type = *known;
  // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html: "The
  // following state types support Assign: Pass, Task, Map, Parallel, Choice, Wait."
  if (state.type != StateType::kSucceed && state.type != StateType::kFail) {
    state.assign = ParseAssign(reader);
  }
  if (language_ == QueryLanguage::kJsonata) ParseJsonataFields(reader, state);
  switch (state.type) {
    case StateType::kTask: ParseTask(reader, state); break;
    case StateType::kPass: ParsePass(reader, state); break;
    case StateType::kChoice: ParseChoice(reader, state); break;
    case StateType::kWait: ParseWait(reader, state); break;
    case StateType::kSucceed: ParseSucceed(reader, state); break;
    case StateType::kFail: ParseFail(reader, state); break;
    case StateType::kParallel: ParseParallel(reader, state); break;
    case StateType::kMap: ParseMap(reader, state); break;
  }
  // Fields that exist only in one language get a pointed message instead of "not valid".
  if (language_ == QueryLanguage::kJsonata) {
    ReportJsonPathOnlyFields(reader);
    reader.ReportUnknown(fmt::format("a JSONata {} state", StateTypeName(state.type)));
    return;
  }
  for (const char* jsonata_field : {"Arguments", "Output", "Items"}) {
    if (reader.Has(jsonata_field)) {
      reader.Accept(jsonata_field);
      diagnostics_.Add(DiagnosticCode::kUnknownField, reader.PointerTo(jsonata_field),
                       fmt::format("field \"{}\" is only valid with QueryLanguage \"JSONata\"",
                                   jsonata_field));
    }
  }
  reader.ReportUnknown(fmt::format("a {} state", StateTypeName(state.type)));
}

void MachineParser::ParseInputOutput(FieldReader& reader, State& state, bool parameters,
                                     bool result_path, bool result_selector) {
  if (language_ == QueryLanguage::kJsonata) return;  // none of these fields exist there
  auto parse_io = [&](std::string_view key, InputOutputPath& out) {
    const Json* v = reader.Get(key);
    if (!v) return;
    if (v->is_null()) {
      out.kind = InputOutputPath::Kind::kNull;
      return;
    }
    out.path = ParsePathValue(*v, reader.PointerTo(key), /*reference_path=*/false,
                              /*allow_context=*/true);
    if (out.path) out.kind = InputOutputPath::Kind::kPath;
  };
  parse_io("InputPath", state.input_path);
  parse_io("OutputPath", state.output_path);
  if (parameters) state.parameters = ParseTemplate(reader, "Parameters", TemplateShape::kAny);
  if (result_selector) {
    state.result_selector = ParseTemplate(reader, "ResultSelector", TemplateShape::kAny);
  }
  if (result_path) state.result_path = ParseResultPath(reader);
}

ResultPathField MachineParser::ParseResultPath(FieldReader& reader) {
  ResultPathField out;
  const Json* v = reader.Get("ResultPath");
  if (!v) return out;
  if (v->is_null()) {
    out.kind = ResultPathField::Kind::kNull;
    return out;
  }
  // https://states-language.net/spec.html#filters: "The value of ResultPath MUST NOT begin with
  // $$; i.e. it may not be used to insert content into the Context Object."
  out.path = ParseReferencePath(*v, reader.PointerTo("ResultPath"), /*allow_context=*/false,
                                "a reference path string or null");
  if (out.path) out.kind = ResultPathField::Kind::kPath;
  return out;
}

std::optional<ReferencePath> MachineParser::ParseReferencePath(const Json& value,
                                                               const std::string& pointer,
                                                               bool allow_context,
                                                               std::string_view expected) {
  if (!value.is_string()) {
    diagnostics_.Add(DiagnosticCode::kWrongType, pointer,
                     fmt::format("expected {}, got {}", expected, DescribeValue(value)));
    return std::nullopt;
  }
  // The JSONPath syntax and Context-object checks, with their own messages.
  std::optional<JsonPath> path = ParsePathValue(value, pointer, /*reference_path=*/false,
                                                allow_context);
  if (!path) return std::nullopt;
  auto parsed = ReferencePath::Parse(path->text(), allow_context);
  if (!parsed.ok()) {
    diagnostics_.Add(DiagnosticCode::kInvalidReferencePath, pointer,
                     fmt::format("\"{}\" is {}", path->text(), parsed.error()));
    return std::nullopt;
  }
  return std::move(parsed.value());
}

std::optional<JsonPath> MachineParser::ParsePathValue(const Json& value,
                                                      const std::string& pointer,
                                                      bool reference_path, bool allow_context) {
  if (reference_path) {
    std::optional<ReferencePath> ref =
        ParseReferencePath(value, pointer, allow_context, "a reference path string");
    if (!ref) return std::nullopt;
    return ref->path();
  }
  if (!value.is_string()) {
    diagnostics_.Add(DiagnosticCode::kWrongType, pointer,
                     fmt::format("expected a JSONPath string, got {}", DescribeValue(value)));
    return std::nullopt;
  }
  const std::string& text = value.get_ref<const std::string&>();
  if (IntrinsicCall::LooksLikeCall(text)) {
    diagnostics_.Add(DiagnosticCode::kInvalidJsonPath, pointer,
                     fmt::format("\"{}\" is an intrinsic function call, but this field takes a "
                                 "path", text));
    return std::nullopt;
  }
  auto parsed = JsonPath::Parse(text);
  if (!parsed.ok()) {
    diagnostics_.Add(DiagnosticCode::kInvalidJsonPath, pointer,
                     fmt::format("invalid JSONPath \"{}\": {}", text, parsed.error()));
    return std::nullopt;
  }
  if (parsed->is_context() && !allow_context) {
    diagnostics_.Add(DiagnosticCode::kContextPathNotAllowed, pointer,
                     fmt::format("\"{}\" refers to the Context object ($$), which this field "
                                 "cannot use", text));
    return std::nullopt;
  }
  return std::move(parsed.value());
}

std::optional<JsonPath> MachineParser::ParsePath(FieldReader& reader, std::string_view key,
                                                 bool reference_path, bool allow_context) {
  const Json* v = reader.Get(key);
  if (!v) return std::nullopt;
  return ParsePathValue(*v, reader.PointerTo(key), reference_path, allow_context);
}

std::optional<PayloadTemplate> MachineParser::ParseTemplate(FieldReader& reader,
                                                            std::string_view key,
                                                            TemplateShape shape) {
  const Json* v = reader.Get(key);
  if (!v) return std::nullopt;
  if (shape == TemplateShape::kObject && !v->is_object()) {
    reader.WrongType(key, "an object (a payload template)", *v);
    return std::nullopt;
  }
  auto compiled = PayloadTemplate::Compile(*v);
  if (!compiled.ok()) {
    for (const TemplateIssue& issue : compiled.error()) {
      diagnostics_.Add(issue.intrinsic ? DiagnosticCode::kInvalidIntrinsic
                                       : DiagnosticCode::kInvalidPayloadTemplate,
                       reader.PointerTo(key) + issue.pointer, issue.message);
    }
    return std::nullopt;
  }
  return std::move(compiled.value());
}

void MachineParser::ParseTransition(FieldReader& reader, State& state) {
  std::optional<std::string> next = reader.String("Next");
  std::optional<bool> end = reader.Boolean("End");
  if (next) state.next_name = *next;
  if (end) state.end = *end;
  if (next && end && *end) {
    diagnostics_.Add(DiagnosticCode::kNextOrEnd, reader.PointerTo("End"),
                     "a state cannot have both \"Next\" and \"End\": true");
  } else if (!next && !(end && *end) && !reader.Has("Next")) {
    diagnostics_.Add(DiagnosticCode::kNextOrEnd, state.pointer,
                     fmt::format("{} state needs \"Next\" or \"End\": true",
                                 StateTypeName(state.type)));
  }
}

IntOrPath MachineParser::ParseIntOrPath(FieldReader& reader, std::string_view key, int64_t min,
                                        int64_t max) {
  IntOrPath out;
  if (jsonata()) {
    // A literal or an expression; the *Path form does not exist in JSONata.
    const Json* value = reader.Get(key);
    if (value && JsonataTemplate::IsExpression(*value)) {
      out.expression = CompileJsonata(*value, reader.PointerTo(key), std::string(key));
    } else {
      out.value = reader.Integer(key, min, max);
    }
    return out;
  }
  std::string path_key = std::string(key) + "Path";
  reader.Exclusive({key, path_key});
  out.value = reader.Integer(key, min, max);
  out.path = ParsePath(reader, path_key, /*reference_path=*/true, /*allow_context=*/true);
  return out;
}

void MachineParser::CollectNames(const Json& machine) {
  if (!machine.is_object()) return;
  auto states = machine.find("States");
  if (states == machine.end() || !states->is_object()) return;
  for (auto it = states->begin(); it != states->end(); ++it) {
    declared_names_.insert(it.key());
    if (!it->is_object()) continue;
    // The errors Fail states throw: a Retry or Catch naming one of them matches it, even when
    // it is a States.* name the language does not define (SFN0303).
    if (auto type = it->find("Type"); type != it->end() && *type == "Fail") {
      if (auto error = it->find("Error"); error != it->end() && error->is_string()) {
        thrown_errors_.insert(error->get<std::string>());
      }
      if (it->contains("ErrorPath")) any_error_thrown_ = true;
    }
    if (auto branches = it->find("Branches"); branches != it->end() && branches->is_array()) {
      for (const Json& branch : *branches) CollectNames(branch);
    }
    for (const char* key : {"ItemProcessor", "Iterator"}) {
      if (auto processor = it->find(key); processor != it->end()) CollectNames(*processor);
    }
  }
}

void MachineParser::ResolveTransitions(StateMachine& machine) {
  std::vector<std::string> names;
  for (const State& s : machine.states) names.push_back(s.name);
  auto resolve = [&](const std::string& target, const std::string& pointer) -> StateId {
    StateId id = machine.Find(target);
    if (id != kNoState) return id;
    std::string message = fmt::format("state \"{}\" does not exist", target);
    if (declared_names_.count(target)) {
      message = fmt::format("state \"{}\" is outside this {}: transitions cannot leave a "
                            "Parallel branch or a Map item processor",
                            target, machine.pointer.empty() ? "state machine" : "nested machine");
    } else if (std::string hint = SpellCheck(target, names); !hint.empty()) {
      message += fmt::format(" (did you mean \"{}\"?)", hint);
    }
    diagnostics_.Add(DiagnosticCode::kUnknownNextState, pointer, message);
    return kNoState;
  };
  for (State& state : machine.states) {
    if (!state.next_name.empty()) {
      state.next = resolve(state.next_name, PointerJoin(state.pointer, "Next"));
    }
    for (size_t i = 0; i < state.choices.size(); ++i) {
      ChoiceBranch& branch = state.choices[i];
      if (branch.next_name.empty()) continue;
      branch.next = resolve(branch.next_name,
                            PointerJoin(PointerJoin(PointerJoin(state.pointer, "Choices"), i),
                                        "Next"));
    }
    if (!state.default_name.empty()) {
      state.default_next = resolve(state.default_name, PointerJoin(state.pointer, "Default"));
    }
    for (size_t i = 0; i < state.catchers.size(); ++i) {
      Catcher& catcher = state.catchers[i];
      if (catcher.next_name.empty()) continue;
      catcher.next = resolve(catcher.next_name,
                             PointerJoin(PointerJoin(PointerJoin(state.pointer, "Catch"), i),
                                         "Next"));
    }
  }
}

void MachineParser::CheckReachability(StateMachine& machine) {
  if (machine.states.empty()) return;
  // As AWS (MISSING_END_STATE, "Workflow has no terminal state"): the machine must have a
  // terminal state somewhere. A loop whose only terminal state is unreachable is reported as
  // unreachable below, as AWS reports it (floci-io/floci#2735 measured both cases).
  // A state that could not be parsed (not an object, no known Type) may be the terminal one.
  bool any_terminal = false;
  for (const State& s : machine.states) {
    any_terminal |= s.IsTerminal() || unparsed_.count(s.pointer) > 0;
  }
  if (!any_terminal) {
    diagnostics_.Add(DiagnosticCode::kNoTerminalState, PointerJoin(machine.pointer, "States"),
                     "the state machine has no terminal state: at least one state must be a "
                     "Succeed or Fail state or have \"End\": true");
  }
  if (machine.start_at == kNoState) return;
  std::vector<bool> seen(machine.states.size(), false);
  std::vector<StateId> stack{machine.start_at};
  seen[machine.start_at] = true;
  auto push = [&](StateId id) {
    if (id != kNoState && !seen[id]) {
      seen[id] = true;
      stack.push_back(id);
    }
  };
  while (!stack.empty()) {
    const State& s = machine.states[stack.back()];
    stack.pop_back();
    push(s.next);
    for (const ChoiceBranch& b : s.choices) push(b.next);
    push(s.default_next);
    for (const Catcher& c : s.catchers) push(c.next);
  }
  for (StateId id = 0; id < machine.states.size(); ++id) {
    if (!seen[id]) {
      diagnostics_.Add(DiagnosticCode::kUnreachableState, machine.states[id].pointer,
                       fmt::format("state \"{}\" is not reachable from StartAt \"{}\"",
                                   machine.states[id].name, machine.start_at_name));
    }
  }
}

}  // namespace parser

const char* StateTypeName(StateType type) {
  switch (type) {
    case StateType::kTask: return "Task";
    case StateType::kPass: return "Pass";
    case StateType::kChoice: return "Choice";
    case StateType::kWait: return "Wait";
    case StateType::kSucceed: return "Succeed";
    case StateType::kFail: return "Fail";
    case StateType::kParallel: return "Parallel";
    case StateType::kMap: return "Map";
  }
  return "?";
}

ParsedDefinition ParseDefinition(const Json& definition, const ParseOptions& options) {
  ParsedDefinition result;
  if (!definition.is_object()) {
    result.diagnostics.Add(DiagnosticCode::kNotAnObject, "",
                           fmt::format("a state machine definition must be a JSON object, got {}",
                                       DescribeValue(definition)));
    return result;
  }
  parser::MachineParser machine_parser(result.diagnostics, options);
  machine_parser.CollectNames(definition);
  std::unique_ptr<StateMachine> machine =
      machine_parser.ParseMachine(definition, "", /*top_level=*/true);
  if (machine) machine_parser.CheckVariableScopes(*machine);
  if (!result.diagnostics.HasErrors()) result.machine = std::move(machine);
  return result;
}

}  // namespace asl
