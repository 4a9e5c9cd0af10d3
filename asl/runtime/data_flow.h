#pragma once
// The data-flow seam: everything a state does to its input, arguments, result and output goes
// through these functions, so the engine never names a query language. Each state's language
// is chosen when the definition is loaded (State::query_language) and every expression was
// compiled then; the functions dispatch on it with a switch (no virtual call on the hot path).
// JSONPath is data_flow_json_path.cc (over io_pipeline.h), JSONata data_flow_jsonata.cc;
// the workflow variables a step reads come from FlowEnv::variables() (variable_scope.h).
//
// The steps, in the order AWS applies them (docs/architecture.md, "Adding a query language"):
//   EffectiveInput (InputPath) -> Arguments (Parameters; ItemSelector per Map item)
//   -> the state's work -> SelectResult (ResultSelector) -> StateOutput (ResultPath + OutputPath)
// and, on a caught error, CatchOutput (the catcher's ResultPath over the error output).
//
// Errors are States.Runtime with AWS's message (the engine adds the "An error occurred while
// executing the state …" prefix), for intrinsic functions the error they raise, and for JSONata
// States.QueryEvaluationError with Error::location set (the engine writes EvaluationFailed).

#include <cstdint>
#include <string>

#include "asl/base/error.h"
#include "asl/base/eval_context.h"
#include "asl/base/json.h"
#include "asl/base/random.h"
#include "asl/base/result.h"
#include "asl/model/state_machine.h"

namespace asl {

// What the expressions of one state step may read besides the value they transform. The engine
// derives from it: the Context object ("$$" in JSONPath, $states.context in JSONata) is built
// only when an expression reads it, since building it costs more than most states' work.
class FlowEnv {
 public:
  explicit FlowEnv(Random* random, const VariableSource* variables = nullptr)
      : random_(random), variables_(variables) {}
  // The Context object for the current state (and Map item, task token) of the step.
  virtual const Json* ContextObject() = 0;
  // The simulation's clock (Unix milliseconds), for JSONata's $now and $millis.
  virtual int64_t NowMillis() { return 0; }
  Random* random() const { return random_; }
  // The workflow variables the step may read ("$name"); nullptr when none are set.
  const VariableSource* variables() const { return variables_; }

 protected:
  virtual ~FlowEnv() = default;

 private:
  Random* random_;
  const VariableSource* variables_;
};

// --- Input ------------------------------------------------------------------------------------

// The effective input (InputPath): `raw` itself or `storage` filled with the selection.
Result<const Json*> EffectiveInput(const State& state, const Json& raw, FlowEnv& env,
                                   Json& storage);
// Whether the effective input is always the raw input itself (no copy is worth keeping).
bool EffectiveInputIsRaw(const State& state);

// Whether the state builds its arguments (Parameters / ItemSelector) rather than passing the
// effective input on.
bool HasArguments(const State& state);
// Parameters (Task, Pass, Parallel; a Map's ItemSelector per item: `env` then has the item in
// its Context object). Only when HasArguments(state).
Result<Json> Arguments(const State& state, const Json& effective, FlowEnv& env);
// A Task's Credentials, if it has any: the RoleArn it names ("" when none).
Result<std::string> CredentialsRole(const State& state, const Json& effective, FlowEnv& env);
// A Distributed Map's ItemBatcher BatchInput (JSONata: over $states.input). Only when the
// batcher has one.
Result<Json> BatchInput(const State& state, const Json& effective, FlowEnv& env);
// A Distributed Map's S3 requests: the ItemReader's Parameters / Arguments (Bucket and Key or
// Prefix) and the ResultWriter's (Bucket, Prefix), over the effective input. An empty object
// when the reader or writer has none. Only when the state has the reader / writer.
Result<Json> ReaderRequest(const State& state, const Json& effective, FlowEnv& env);
Result<Json> WriterRequest(const State& state, const Json& effective, FlowEnv& env);

// A Choice branch's rule against the effective input.
Result<bool> ChoiceMatches(const State& state, const ChoiceBranch& branch, const Json& effective, FlowEnv& env);

// The items a Map iterates over (ItemsPath), not yet checked to be an array: a pointer into
// `effective` or, for items found in the Context object (which changes per item), `owned`.
Result<const Json*> SelectMapItems(const State& state, const Json& effective, FlowEnv& env,
                             Json& owned);

// A value a *Path setting selects (SecondsPath, TimestampPath, TimeoutSecondsPath, Map
// settings), with the text to quote in messages about it. Runtime error when it selects nothing.
struct SettingValue {
  const Json* value = nullptr;
  std::string text;  // the expression, as written
};
Result<SettingValue> SelectSetting(const JsonPath& path, const Json& effective, FlowEnv& env);
// The same for a JSONata state's setting written as an expression ("Seconds": "{% … %}"):
// the value it yields, kept in `storage`. States.QueryEvaluationError when it fails.
Result<SettingValue> EvaluateSetting(const JsonataTemplate& expression, const Json& input,
                                     FlowEnv& env, Json& storage);

// A Fail state's Error/ErrorPath or Cause/CausePath: the string it yields; `present` is false
// when the state has neither field.
struct FailText {
  bool present = false;
  std::string text;
};
Result<FailText> FailField(const State& state, const StringOrPath& field, const char* field_name,
                           const Json& input, FlowEnv& env);

// --- Output -----------------------------------------------------------------------------------

// ResultSelector over a task's (or Parallel/Map's) result; the result itself when absent.
Result<Json> SelectResult(const State& state, Json result, FlowEnv& env);

// A JSONata Choice state's output when `branch` matched (nullptr: the Default was taken): the
// rule's own Output if it has one, else as SelectOutput. JSONPath: SelectOutput.
Result<const Json*> ChoiceOutput(const State& state, const ChoiceBranch* branch,
                                 const Json& value, FlowEnv& env, Json& storage);

// What happens to the raw input when ResultPath and OutputPath run over it.
enum class RawInput : uint8_t {
  kKeep,     // left as it was when either fails (a Catch still needs it)
  kConsume,  // may be moved from in any case (a state that cannot catch)
};
// ResultPath then OutputPath: the state's output. The result is written into `raw_input` where
// it stands whenever nothing can fail after ResultPath (docs/performance.md).
Result<Json> StateOutput(const State& state, Json& raw_input, Json result, RawInput raw_mode,
                         FlowEnv& env, Json& scratch);
// OutputPath alone (Choice, Wait, Succeed): `value` itself or `storage` with the selection.
Result<const Json*> SelectOutput(const State& state, const Json& value, FlowEnv& env,
                                 Json& storage);

// A catcher's output: the error output placed by its ResultPath in the raw input (JSONata: its
// Output over $states.errorOutput, else the error output itself).
Result<Json> CatchOutput(const State& state, const Catcher& catcher, const Json& raw_input,
                         const Error& error, FlowEnv& env);

// --- Workflow variables -----------------------------------------------------------------------

// What an Assign reads. JSONPath's "$" is the state's result (Task, Map and Parallel after
// ResultSelector; Pass its Result, Parameters or effective input), the effective input
// (Choice, Wait), or the error output (a catcher). JSONata reads $states.
struct AssignInputs {
  const Json* path_root = nullptr;     // JSONPath "$"
  const Json* input = nullptr;         // $states.input
  const Json* result = nullptr;        // $states.result
  const Json* error_output = nullptr;  // $states.errorOutput
};
// Evaluates an Assign against the variables from before the state (every expression sees the
// same values; env.variables() is not changed): {name: value} in the order written, or null
// when `assignment` is absent. States.DataLimitExceeded when one value, or all of them
// together, exceed 256 KiB (kMaxVariableBytes, kMaxAssignBytes in variable_scope.h).
Result<Json> EvaluateAssign(const State& state, const Assignment& assignment,
                            const AssignInputs& inputs, FlowEnv& env);

// What a selection points at, moved out of whichever holds it: for a value about to be replaced
// anyway, a move instead of a copy.
inline Json TakeSelected(const Json* selected, Json& input, Json& storage) {
  return std::move(selected == &input ? input : storage);
}

}  // namespace asl
