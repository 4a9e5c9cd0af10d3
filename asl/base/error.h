#pragma once
// asl::Error: an ASL runtime error as Retry/Catch see it (States.Runtime, States.TaskFailed,
// SNS.InternalErrorException …). Errors are data, not C++ exceptions, because the language
// matches on them.

#include <optional>
#include <string>
#include <utility>

namespace asl {

struct Error {
  std::string name;   // the "Error" field, e.g. "States.IntrinsicFailure"
  std::string cause;  // the "Cause" field; may be empty
  // AWS distinguishes a missing cause (Fail state without Cause, StopExecution without one)
  // from an empty one in history details.
  bool has_cause = true;
  bool has_name = true;
  // States.QueryEvaluationError: where in the state the failing JSONata expression stands
  // ("Output/FunctionResult", "Items"), which AWS writes in the EvaluationFailed event.
  std::string location;

  Error() = default;
  Error(std::string error_name, std::string error_cause)
      : name(std::move(error_name)), cause(std::move(error_cause)) {}
  static Error NameOnly(std::string error_name) {
    Error e(std::move(error_name), "");
    e.has_cause = false;
    return e;
  }
};

}  // namespace asl
