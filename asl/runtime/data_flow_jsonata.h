#pragma once
// The JSONata implementation of the data-flow seam (asl/runtime/data_flow.h): Arguments,
// Output, Items, ItemSelector, Choice conditions, Catch Output and the settings written as
// expressions, over $states.input, $states.result, $states.errorOutput and $states.context.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
// Only data_flow.cc calls these; each function has the meaning of its namesake there.

#include <string>

#include "asl/runtime/data_flow.h"

namespace asl::jsonata_flow {

bool HasArguments(const State& state);
Result<Json> Arguments(const State& state, const Json& effective, FlowEnv& env);
Result<Json> BatchInput(const State& state, const Json& effective, FlowEnv& env);
Result<Json> ReaderRequest(const State& state, const Json& effective, FlowEnv& env);
Result<Json> WriterRequest(const State& state, const Json& effective, FlowEnv& env);
Result<bool> ChoiceMatches(const ChoiceBranch& branch, const Json& effective, FlowEnv& env);
Result<const Json*> SelectMapItems(const State& state, const Json& effective, FlowEnv& env,
                                   Json& owned);
Result<FailText> FailField(const StringOrPath& field, const Json& input, FlowEnv& env);
Result<Json> StateOutput(const State& state, Json& raw_input, Json result, FlowEnv& env);
Result<const Json*> SelectOutput(const State& state, const Json& value, FlowEnv& env,
                                 Json& storage);
Result<Json> CatchOutput(const Catcher& catcher, const Json& raw_input, const Error& error,
                         FlowEnv& env);
Result<const Json*> ChoiceOutput(const State& state, const ChoiceBranch* branch,
                                 const Json& value, FlowEnv& env, Json& storage);
Result<Json> EvaluateAssign(const JsonataTemplate& assign, const AssignInputs& inputs,
                            FlowEnv& env);

}  // namespace asl::jsonata_flow
