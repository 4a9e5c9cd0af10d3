#include "asl/runtime/data_flow_jsonata.h"

#include <fmt/format.h>

#include <optional>
#include <utility>

#include "asl/base/error_names.h"
#include "asl/runtime/io_pipeline.h"

namespace asl {

namespace {

// NONSTANDARD: AWS documents no time limit for one expression; sfnsim stops an expression
// after this much wall-clock time (U1001), so a runaway recursion cannot hang a simulation.
constexpr int64_t kExpressionTimeLimitMs = 10000;

// What $states holds for one step. Absent members are left out of $states.
struct StatesView {
  const Json* input = nullptr;
  const Json* result = nullptr;
  const Json* error_output = nullptr;
};

std::string Prefix(const std::string& expression, const std::string& location) {
  return fmt::format("The JSONata expression '{}' specified for the field '{}'", expression,
                     location);
}

Error QueryError(std::string cause, std::string location) {
  Error error(std::string(errors::kQueryEvaluationError), std::move(cause));
  error.location = std::move(location);
  return error;
}

// The cause AWS writes for a failed or undefined expression (recorded:
// jsonata_evaluation_failed_pass.json; "returned nothing (undefined)" as AWS answers it).
Error FailureError(const JsonataTemplate::Failure& failure) {
  std::string cause = Prefix(failure.expression, failure.location);
  if (!failure.error) {
    cause += " returned nothing (undefined).";
  } else {
    cause += " threw an error during evaluation. " + failure.error->code;
    if (!failure.error->message.empty()) cause += ": " + failure.error->message;
  }
  return QueryError(std::move(cause), failure.location);
}

// A result of the wrong JSON type (recorded: map_items_evaluation_failed.json).
Error WrongType(const JsonataTemplate& field, const char* expected, const Json& value) {
  std::vector<std::string_view> sources = field.Sources();
  std::string expression = sources.empty() ? std::string() : std::string(sources.front());
  return QueryError(fmt::format("{} returned an unexpected result type. Expected '{}', but was "
                                "'{}' for value: {}",
                                Prefix(expression, field.field_name()), expected,
                                TypeName(value), Dump(value)),
                    field.field_name());
}

// Evaluates `field` with $states and the workflow variables. Nothing is copied: $states is an
// object whose members borrow the state's documents, and variables are borrowed from their
// scope; the Context object is built only when an expression may read it.
// The options an expression of `field` is evaluated with: $states as an object whose members
// borrow the state's documents, the variables borrowed from their scope, the Context object
// built only when an expression may read it. `context` keeps that object's address.
jsonata::EvaluateOptions Options(const JsonataTemplate& field, FlowEnv& env,
                                 const StatesView& view, const Json*& context) {
  context = field.reads_context() ? env.ContextObject() : nullptr;
  jsonata::EvaluateOptions options;
  options.functions = &jsonata::FunctionSet::StepFunctions();
  options.objects = [&view, &context](std::string_view name,
                                      jsonata::EvaluateOptions::Members& members) {
    if (name != "states") return false;
    members = {{"input", view.input},
               {"result", view.result},
               {"errorOutput", view.error_output},
               {"context", context}};
    return true;
  };
  if (const VariableSource* variables = env.variables()) {
    options.variables = [variables](std::string_view name) {
      return variables->FindVariable(name);
    };
  }
  options.time_limit_ms = kExpressionTimeLimitMs;
  options.now_ms = [&env] { return env.NowMillis(); };
  options.random = [&env] { return env.random()->NextDouble(); };
  return options;
}

// Evaluates `field` with $states and the workflow variables; nothing is copied in.
Result<Json> Run(const JsonataTemplate& field, FlowEnv& env, const StatesView& view) {
  const Json* context = nullptr;
  jsonata::EvaluateOptions options = Options(field, env, view, context);
  JsonataTemplate::Failure failure;
  std::optional<Json> value = field.Evaluate(options, failure);
  if (!value) return Fail(FailureError(failure));
  return std::move(*value);
}

// The same, returning a document the state lent instead of a copy of it (`storage` holds a
// value built). Not for fields that read the Context object, which the engine rebuilds for
// every Map item: a pointer into it would not last.
Result<const Json*> RunBorrowing(const JsonataTemplate& field, FlowEnv& env,
                                 const StatesView& view, Json& storage) {
  if (field.reads_context()) {
    auto value = Run(field, env, view);
    if (!value.ok()) return Fail(std::move(value.error()));
    storage = std::move(*value);
    return &storage;
  }
  const Json* context = nullptr;
  jsonata::EvaluateOptions options = Options(field, env, view, context);
  JsonataTemplate::Failure failure;
  const Json* value = field.EvaluateBorrowing(options, storage, failure);
  if (value == nullptr) return Fail(FailureError(failure));
  return value;
}

}  // namespace

Result<SettingValue> EvaluateSetting(const JsonataTemplate& expression, const Json& input,
                                     FlowEnv& env, Json& storage) {
  auto value = Run(expression, env, {&input, nullptr, nullptr});
  if (!value.ok()) return Fail(std::move(value.error()));
  storage = std::move(*value);
  std::vector<std::string_view> sources = expression.Sources();
  return SettingValue{&storage, sources.empty() ? std::string() : std::string(sources.front())};
}

namespace jsonata_flow {

bool HasArguments(const State& state) { return state.arguments.has_value(); }

Result<Json> Arguments(const State& state, const Json& effective, FlowEnv& env) {
  return Run(*state.arguments, env, {&effective, nullptr, nullptr});
}

Result<Json> BatchInput(const State& state, const Json& effective, FlowEnv& env) {
  return Run(*state.item_batcher->batch_input_jsonata, env, {&effective, nullptr, nullptr});
}

Result<Json> ReaderRequest(const State& state, const Json& effective, FlowEnv& env) {
  if (!state.reader->arguments) return Json::object();
  return Run(*state.reader->arguments, env, {&effective, nullptr, nullptr});
}

Result<Json> WriterRequest(const State& state, const Json& effective, FlowEnv& env) {
  if (!state.writer->arguments) return Json::object();
  return Run(*state.writer->arguments, env, {&effective, nullptr, nullptr});
}

Result<bool> ChoiceMatches(const ChoiceBranch& branch, const Json& effective, FlowEnv& env) {
  auto value = Run(*branch.condition, env, {&effective, nullptr, nullptr});
  if (!value.ok()) return Fail(std::move(value.error()));
  if (!value->is_boolean()) return Fail(WrongType(*branch.condition, "boolean", *value));
  return value->get<bool>();
}

Result<const Json*> SelectMapItems(const State& state, const Json& effective, FlowEnv& env,
                                   Json& owned) {
  if (!state.items) return &effective;
  // The items usually are part of the input (`$states.input.rows`): pointed at, not copied,
  // as ItemsPath's are. The input and the variables stay put while the Map runs.
  auto items = RunBorrowing(*state.items, env, {&effective, nullptr, nullptr}, owned);
  if (!items.ok()) return Fail(std::move(items.error()));
  if (!(*items)->is_array()) return Fail(WrongType(*state.items, "array", **items));
  return *items;
}

Result<FailText> FailField(const StringOrPath& field, const Json& input, FlowEnv& env) {
  FailText out;
  out.present = field.present();
  if (field.literal) {
    out.text = *field.literal;
  } else if (field.expression) {
    auto value = Run(*field.expression, env, {&input, nullptr, nullptr});
    if (!value.ok()) return Fail(std::move(value.error()));
    if (!value->is_string()) return Fail(WrongType(*field.expression, "string", *value));
    out.text = value->get<std::string>();
  }
  return out;
}

Result<Json> StateOutput(const State& state, Json& raw_input, Json result, FlowEnv& env) {
  // Without Output the state's output is its result: the task's, Parallel's or Map's result,
  // and for the other states their input.
  if (!state.output) return result;
  bool has_result = state.type == StateType::kTask || state.type == StateType::kParallel ||
                    state.type == StateType::kMap;
  // A Pass state's "result" is its input, which the engine may have moved out of `raw_input`.
  if (!has_result) return Run(*state.output, env, {&result, nullptr, nullptr});
  return Run(*state.output, env, {&raw_input, &result, nullptr});
}

Result<const Json*> SelectOutput(const State& state, const Json& value, FlowEnv& env,
                                 Json& storage) {
  if (!state.output) return &value;
  auto output = Run(*state.output, env, {&value, nullptr, nullptr});
  if (!output.ok()) return Fail(std::move(output.error()));
  storage = std::move(*output);
  return &storage;
}

Result<const Json*> ChoiceOutput(const State& state, const ChoiceBranch* branch,
                                 const Json& value, FlowEnv& env, Json& storage) {
  if (branch == nullptr || !branch->output) {
    return jsonata_flow::SelectOutput(state, value, env, storage);
  }
  auto output = Run(*branch->output, env, {&value, nullptr, nullptr});
  if (!output.ok()) return Fail(std::move(output.error()));
  storage = std::move(*output);
  return &storage;
}

Result<Json> EvaluateAssign(const JsonataTemplate& assign, const AssignInputs& inputs,
                            FlowEnv& env) {
  return Run(assign, env, {inputs.input, inputs.result, inputs.error_output});
}

Result<Json> CatchOutput(const Catcher& catcher, const Json& raw_input, const Error& error,
                         FlowEnv& env) {
  Json error_output = ErrorOutput(error);
  // Without Output a JSONata catcher passes the error output on.
  if (!catcher.output) return error_output;
  return Run(*catcher.output, env, {&raw_input, nullptr, &error_output});
}

}  // namespace jsonata_flow
}  // namespace asl
