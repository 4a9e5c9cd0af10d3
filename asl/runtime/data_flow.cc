#include "asl/runtime/data_flow.h"

#include <fmt/format.h>

#include <utility>

#include "asl/base/error_names.h"
#include "asl/runtime/io_pipeline.h"
#include "asl/runtime/variable_scope.h"

#include "asl/runtime/data_flow_json_path.h"
#include "asl/runtime/data_flow_jsonata.h"

// Each function picks the implementation of the state's query language with a plain switch:
// the seam costs no call beyond the implementation's. JSONata has no InputPath, ResultSelector,
// ResultPath or OutputPath: those steps pass their value through.

namespace asl {

namespace {

// NONSTANDARD: the limits are the developer guide's; AWS's error name and cause text for an
// Assign over them are not recorded, so sfnsim reports States.DataLimitExceeded, the error of
// the payload quota, with a cause of its own (docs/known-differences.md).
Status<> CheckAssignSize(const State& state, const Json& assigned) {
  if (!assigned.is_object()) return {};
  size_t total = 0;
  for (const auto& [name, value] : assigned.items()) {
    size_t bytes = SerializedSize(value);
    if (bytes > kMaxVariableBytes) {
      return Fail(Error(std::string(errors::kDataLimitExceeded),
                        fmt::format("The state '{}' assigned the variable '{}' a value of {} "
                                    "bytes; a variable may hold at most {} bytes",
                                    state.name, name, bytes, kMaxVariableBytes)));
    }
    total += bytes;
  }
  if (total > kMaxAssignBytes) {
    return Fail(Error(std::string(errors::kDataLimitExceeded),
                      fmt::format("The Assign of state '{}' sets {} bytes of variables; one "
                                  "Assign may set at most {} bytes",
                                  state.name, total, kMaxAssignBytes)));
  }
  return {};
}

}  // namespace

Result<const Json*> EffectiveInput(const State& state, const Json& raw, FlowEnv& env,
                                   Json& storage) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return &raw;
  }
  return json_path_flow::EffectiveInput(state, raw, env, storage);
}

bool EffectiveInputIsRaw(const State& state) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return true;
  }
  return json_path_flow::EffectiveInputIsRaw(state);
}

bool HasArguments(const State& state) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::HasArguments(state);
  }
  return json_path_flow::HasArguments(state);
}

Result<Json> Arguments(const State& state, const Json& effective, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::Arguments(state, effective, env);
  }
  return json_path_flow::Arguments(state, effective, env);
}

Result<std::string> CredentialsRole(const State& state, const Json& effective, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: break;  // a literal RoleArn, read as JSONPath does
  }
  return json_path_flow::CredentialsRole(state, effective, env);
}

Result<Json> BatchInput(const State& state, const Json& effective, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::BatchInput(state, effective, env);
  }
  return json_path_flow::BatchInput(state, effective, env);
}

Result<Json> ReaderRequest(const State& state, const Json& effective, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::ReaderRequest(state, effective, env);
  }
  return json_path_flow::ReaderRequest(state, effective, env);
}

Result<Json> WriterRequest(const State& state, const Json& effective, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::WriterRequest(state, effective, env);
  }
  return json_path_flow::WriterRequest(state, effective, env);
}

Result<bool> ChoiceMatches(const State& state, const ChoiceBranch& branch, const Json& effective,
                           FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::ChoiceMatches(branch, effective, env);
  }
  return json_path_flow::ChoiceMatches(branch, effective, env);
}

Result<const Json*> SelectMapItems(const State& state, const Json& effective, FlowEnv& env,
                             Json& owned) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata:
      return jsonata_flow::SelectMapItems(state, effective, env, owned);
  }
  return json_path_flow::SelectMapItems(state, effective, env, owned);
}

Result<FailText> FailField(const State& state, const StringOrPath& field, const char* field_name,
                           const Json& input, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::FailField(field, input, env);
  }
  return json_path_flow::FailField(field, field_name, input, env);
}

Result<Json> SelectResult(const State& state, Json result, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return result;
  }
  return json_path_flow::SelectResult(state, std::move(result), env);
}

Result<Json> StateOutput(const State& state, Json& raw_input, Json result, RawInput raw_mode,
                         FlowEnv& env, Json& scratch) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata:
      return jsonata_flow::StateOutput(state, raw_input, std::move(result), env);
  }
  return json_path_flow::StateOutput(state, raw_input, std::move(result), raw_mode, env, scratch);
}

Result<const Json*> SelectOutput(const State& state, const Json& value, FlowEnv& env,
                                 Json& storage) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::SelectOutput(state, value, env, storage);
  }
  return json_path_flow::SelectOutput(state, value, env, storage);
}

Result<const Json*> ChoiceOutput(const State& state, const ChoiceBranch* branch,
                                 const Json& value, FlowEnv& env, Json& storage) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata:
      return jsonata_flow::ChoiceOutput(state, branch, value, env, storage);
  }
  return json_path_flow::SelectOutput(state, value, env, storage);
}

Result<Json> EvaluateAssign(const State& state, const Assignment& assignment,
                            const AssignInputs& inputs, FlowEnv& env) {
  Result<Json> assigned = Json();
  if (assignment.jsonata) {
    assigned = jsonata_flow::EvaluateAssign(*assignment.jsonata, inputs, env);
  } else if (assignment.json_path) {
    assigned = json_path_flow::EvaluateAssign(*assignment.json_path, inputs, env);
  } else {
    return Json();
  }
  if (!assigned.ok()) return assigned;
  TRY_STATUS(CheckAssignSize(state, *assigned));
  return assigned;
}

Result<Json> CatchOutput(const State& state, const Catcher& catcher, const Json& raw_input,
                         const Error& error, FlowEnv& env) {
  switch (state.query_language) {
    case QueryLanguage::kJsonPath: break;
    case QueryLanguage::kJsonata: return jsonata_flow::CatchOutput(catcher, raw_input, error, env);
  }
  return json_path_flow::CatchOutput(catcher, raw_input, error);
}

}  // namespace asl
