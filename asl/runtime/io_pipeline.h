#pragma once
// The data-flow steps every state applies, as the States language defines them:
// InputPath -> Parameters -> (the state's work) -> ResultSelector -> ResultPath -> OutputPath.
// https://states-language.net/spec.html#filters
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
//
// Errors are States.Runtime with AWS's message (without the "An error occurred while executing
// the state …" prefix, which the engine adds because only it knows the event id).

#include <string>
#include <vector>

#include "asl/base/error.h"
#include "asl/base/eval_context.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/model/state_machine.h"

namespace asl {

// InputPath / OutputPath. Returns a pointer to the selected value: `input` itself when the field
// is absent ("$"), otherwise `storage` filled with the selection ({} for null).
// A "$name" path reads the workflow variable from `variables`.
Result<const Json*> SelectPath(const InputOutputPath& field, const Json& input,
                               const Json* context, Json& storage,
                               const VariableSource* variables = nullptr);

// ResultPath: where `result` goes in `raw_input`. Absent: the result replaces the input; null:
// the input passes through unchanged.
Result<Json> ApplyResultPath(const ResultPathField& field, Json raw_input, Json result);
// The same, writing into `raw_input` where it stands; on failure it is left as it was.
Status<> ApplyResultPathInPlace(const ResultPathField& field, Json& raw_input, Json result);

// The error output a Catch passes on: {"Error": …, "Cause": …} in that order. A missing cause
// is "" when the error has a name, and both are null when the failure named neither (a
// SendTaskFailure without error or cause), as AWS records.
Json ErrorOutput(const Error& error);

// Whether an error name matches a retrier's or catcher's ErrorEquals.
// https://states-language.net/spec.html#error-names: States.ALL matches every error but
// States.Runtime; States.TaskFailed matches every error but States.Timeout (and Runtime).
bool ErrorMatches(const std::vector<std::string>& error_equals, const Error& error);

// Serialised size in bytes of `value` as compact UTF-8 JSON, without building the string.
size_t SerializedSize(const Json& value);

// The payload quota: 262,144 bytes for state input/output, task results, execution I/O.
inline constexpr size_t kMaxPayloadBytes = 262144;

}  // namespace asl
