#include "asl/runtime/data_flow_json_path.h"

#include <fmt/format.h>

#include <utility>

#include "asl/base/error_names.h"
#include "asl/base/eval_context.h"
#include "asl/runtime/io_pipeline.h"

namespace asl {

namespace {

bool UsesContext(const InputOutputPath& field) {
  return field.kind == InputOutputPath::Kind::kPath && field.path->is_context();
}

// The Context object only when a compiled expression reads it.
template <typename Compiled>
const Json* ContextIfUsed(const Compiled& compiled, FlowEnv& env) {
  return compiled.uses_context() ? env.ContextObject() : nullptr;
}

// The document `path` starts from: "$$" the Context object, "$name" a variable (nullptr when
// it is not set), else `input`.
const Json* Root(const JsonPath& path, const Json& input, FlowEnv& env) {
  if (path.is_context()) return env.ContextObject();
  return path.Root(EvalContext{input, nullptr, nullptr, env.variables()});
}

Error UnsetVariable(const JsonPath& path) {
  return Error(std::string(errors::kRuntime),
               fmt::format("Invalid path '{}' : {}", path.text(), path.UnsetVariableDetail()));
}

Error InvalidPath(const JsonPath& path, const Json& root) {
  return Error(std::string(errors::kRuntime),
               fmt::format("Invalid path '{}' : {}", path.text(), path.NotFoundDetail(root)));
}

}  // namespace

// *Path settings exist only in JSONPath states (JSONata writes the expression in the field).
Result<SettingValue> SelectSetting(const JsonPath& path, const Json& effective, FlowEnv& env) {
  const Json* root = Root(path, effective, env);
  if (!root) return Fail(UnsetVariable(path));
  const Json* value = path.Find(*root);
  if (!value) return Fail(InvalidPath(path, *root));
  return SettingValue{value, path.text()};
}

namespace json_path_flow {

Result<const Json*> EffectiveInput(const State& state, const Json& raw, FlowEnv& env,
                                   Json& storage) {
  const Json* context = UsesContext(state.input_path) ? env.ContextObject() : nullptr;
  return SelectPath(state.input_path, raw, context, storage, env.variables());
}

bool EffectiveInputIsRaw(const State& state) {
  return state.input_path.kind == InputOutputPath::Kind::kDefault;
}

bool HasArguments(const State& state) { return state.parameters.has_value(); }

Result<Json> Arguments(const State& state, const Json& effective, FlowEnv& env) {
  EvalContext eval{effective, ContextIfUsed(*state.parameters, env), env.random(), env.variables()};
  return state.parameters->Evaluate(eval);
}

Result<std::string> CredentialsRole(const State& state, const Json& effective, FlowEnv& env) {
  std::string role;
  if (!state.credentials) return role;
  EvalContext eval{effective, ContextIfUsed(*state.credentials, env), env.random(),
                   env.variables()};
  auto evaluated = state.credentials->Evaluate(eval);
  if (!evaluated.ok()) return Fail(std::move(evaluated.error()));
  if (auto it = evaluated->find("RoleArn"); it != evaluated->end() && it->is_string()) {
    role = it->get<std::string>();
  }
  return role;
}

Result<Json> BatchInput(const State& state, const Json& effective, FlowEnv& env) {
  const PayloadTemplate& batch_input = *state.item_batcher->batch_input;
  EvalContext eval{effective, ContextIfUsed(batch_input, env), env.random(), env.variables()};
  return batch_input.Evaluate(eval);
}

namespace {
Result<Json> EvaluateRequest(const std::optional<PayloadTemplate>& request, const Json& effective,
                             FlowEnv& env) {
  if (!request) return Json::object();
  EvalContext eval{effective, ContextIfUsed(*request, env), env.random(), env.variables()};
  return request->Evaluate(eval);
}
}  // namespace

Result<Json> ReaderRequest(const State& state, const Json& effective, FlowEnv& env) {
  return EvaluateRequest(state.reader->parameters, effective, env);
}

Result<Json> WriterRequest(const State& state, const Json& effective, FlowEnv& env) {
  return EvaluateRequest(state.writer->parameters, effective, env);
}

Result<bool> ChoiceMatches(const ChoiceBranch& branch, const Json& effective, FlowEnv& env) {
  EvalContext eval{effective, ContextIfUsed(branch.rule, env), env.random(), env.variables()};
  return branch.rule.Evaluate(eval);
}

Result<const Json*> SelectMapItems(const State& state, const Json& effective, FlowEnv& env,
                             Json& owned) {
  // "$" is the effective input itself; "$$" (also a root) is the Context object.
  if (!state.items_path ||
      (state.items_path->is_root() && !state.items_path->path().is_context())) {
    return &effective;
  }
  const JsonPath& path = state.items_path->path();
  const Json* root = Root(path, effective, env);
  if (!root) return Fail(UnsetVariable(path));
  const Json* selected = path.Find(*root);
  if (!selected) return Fail(InvalidPath(path, *root));
  // The Context object changes with every item (Map.Item): items found in it are copied.
  if (path.is_context() && selected->is_array()) {
    owned = *selected;
    selected = &owned;
  }
  return selected;
}

Result<FailText> FailField(const StringOrPath& field, const char* field_name, const Json& input,
                           FlowEnv& env) {
  FailText out;
  out.present = field.present();
  if (field.literal) {
    out.text = *field.literal;
  } else if (field.intrinsic) {
    EvalContext eval{input, ContextIfUsed(*field.intrinsic, env), env.random(), env.variables()};
    auto value = field.intrinsic->Evaluate(eval);
    if (!value.ok()) return Fail(std::move(value.error()));
    out.text = value->is_string() ? value->get<std::string>() : Dump(*value);
  } else if (field.path) {
    const Json* root = Root(*field.path, input, env);
    if (!root) return Fail(UnsetVariable(*field.path));
    const Json* value = field.path->Find(*root);
    if (!value) {
      return Fail(Error(std::string(errors::kRuntime),
                        fmt::format("The JSONPath '{}' specified for the field '{}' could not be "
                                    "found in the input '{}'",
                                    field.path->text(), field_name, Dump(input))));
    }
    out.text = value->is_string() ? value->get<std::string>() : Dump(*value);
  }
  return out;
}

Result<Json> SelectResult(const State& state, Json result, FlowEnv& env) {
  if (!state.result_selector) return result;
  EvalContext eval{result, ContextIfUsed(*state.result_selector, env), env.random(),
                   env.variables()};
  return state.result_selector->Evaluate(eval);
}

Result<Json> StateOutput(const State& state, Json& raw_input, Json result, RawInput raw_mode,
                         FlowEnv& env, Json& scratch) {
  // Without an OutputPath nothing can fail after ResultPath, which leaves the raw input alone
  // when it fails, so the result is written into the raw input where it stands; with one, into
  // a copy when a Catch may still need the raw input.
  if (state.output_path.kind == InputOutputPath::Kind::kDefault) {
    auto applied = ApplyResultPathInPlace(state.result_path, raw_input, std::move(result));
    if (!applied.ok()) return Fail(std::move(applied).error());
    return std::move(raw_input);
  }
  Json raw;
  if (state.result_path.kind != ResultPathField::Kind::kDefault) {
    raw = raw_mode == RawInput::kKeep ? raw_input : std::move(raw_input);
  }
  auto applied = ApplyResultPath(state.result_path, std::move(raw), std::move(result));
  if (!applied.ok()) return Fail(std::move(applied.error()));
  auto selected = json_path_flow::SelectOutput(state, *applied, env, scratch);
  if (!selected.ok()) return Fail(std::move(selected.error()));
  return TakeSelected(*selected, *applied, scratch);
}

Result<const Json*> SelectOutput(const State& state, const Json& value, FlowEnv& env,
                                 Json& storage) {
  const Json* context = UsesContext(state.output_path) ? env.ContextObject() : nullptr;
  return SelectPath(state.output_path, value, context, storage, env.variables());
}

Result<Json> CatchOutput(const Catcher& catcher, const Json& raw_input, const Error& error) {
  return ApplyResultPath(catcher.result_path, raw_input, ErrorOutput(error));
}

// An Assign is a payload template over "$" (what AssignInputs::path_root says), "$$" and the
// variables from before the state.
Result<Json> EvaluateAssign(const PayloadTemplate& assign, const AssignInputs& inputs,
                            FlowEnv& env) {
  static const Json kNothing = Json::object();
  const Json& root = inputs.path_root ? *inputs.path_root : kNothing;
  EvalContext eval{root, ContextIfUsed(assign, env), env.random(), env.variables()};
  return assign.Evaluate(eval);
}

}  // namespace json_path_flow
}  // namespace asl
