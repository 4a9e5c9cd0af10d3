#pragma once
// The JSONPath implementation of the data-flow seam (asl/runtime/data_flow.h): InputPath,
// Parameters, ResultSelector, ResultPath, OutputPath, ItemsPath, ItemSelector and the *Path
// settings, as the States language defines them. Only data_flow.cc calls these; each function
// has the meaning of its namesake there.

#include <string>

#include "asl/runtime/data_flow.h"

namespace asl::json_path_flow {

Result<const Json*> EffectiveInput(const State& state, const Json& raw, FlowEnv& env,
                                   Json& storage);
bool EffectiveInputIsRaw(const State& state);
bool HasArguments(const State& state);
Result<Json> Arguments(const State& state, const Json& effective, FlowEnv& env);
Result<std::string> CredentialsRole(const State& state, const Json& effective, FlowEnv& env);
Result<Json> BatchInput(const State& state, const Json& effective, FlowEnv& env);
Result<Json> ReaderRequest(const State& state, const Json& effective, FlowEnv& env);
Result<Json> WriterRequest(const State& state, const Json& effective, FlowEnv& env);
Result<bool> ChoiceMatches(const ChoiceBranch& branch, const Json& effective, FlowEnv& env);
Result<const Json*> SelectMapItems(const State& state, const Json& effective, FlowEnv& env,
                             Json& owned);
Result<FailText> FailField(const StringOrPath& field, const char* field_name, const Json& input,
                           FlowEnv& env);
Result<Json> SelectResult(const State& state, Json result, FlowEnv& env);
Result<Json> StateOutput(const State& state, Json& raw_input, Json result, RawInput raw_mode,
                         FlowEnv& env, Json& scratch);
Result<const Json*> SelectOutput(const State& state, const Json& value, FlowEnv& env,
                                 Json& storage);
Result<Json> CatchOutput(const Catcher& catcher, const Json& raw_input, const Error& error);
Result<Json> EvaluateAssign(const PayloadTemplate& assign, const AssignInputs& inputs,
                            FlowEnv& env);

}  // namespace asl::json_path_flow
