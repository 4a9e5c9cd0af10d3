#pragma once
// Simulated AWS Lambda functions, served by scripted responses, by a local command (event JSON
// on stdin, result JSON on stdout) or by an echo of the event. An invocation reports what
// Lambda's Invoke API would: the payload, whether it is a function error, the executed version,
// and how long it ran in virtual time.
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/random.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/integration/aws_error.h"
#include "simulator/services/call_context.h"

namespace sim {

struct LambdaScriptedResponse {
  std::string payload = "null";  // the function's response text
  // An unhandled function error. A payload that is a JSON object with a string "errorType" is
  // one too, as it is for a command.
  bool function_error = false;
  std::optional<AwsError> service_error;  // Lambda itself refuses the call
  std::optional<Duration> duration;       // overrides the function's duration
};

enum class LambdaHandler { kEcho, kScripted, kCommand };

struct LambdaFunctionSpec {
  std::string name;
  LambdaHandler handler = LambdaHandler::kEcho;
  std::vector<LambdaScriptedResponse> responses;  // kScripted: in turn, the last one repeats
  std::string command;                            // kCommand: run with /bin/sh -c
  std::string working_directory;
  // Virtual run time of one invocation, uniform in [min, max]. Assumption: a small function.
  Duration min_duration{20};
  Duration max_duration{80};
  // The function's Timeout (Lambda's default: 3 s, at most 900 s). A command still running after
  // this much wall-clock time is killed and the invocation ends as a timed-out function does.
  Duration timeout{3000};
};

// The largest synchronous response Lambda returns (6 MB as Lambda counts it).
inline constexpr size_t kLambdaMaxResponseBytes = 6'291'556;

struct LambdaInvocation {
  std::string payload;  // the response body ("" for an asynchronous invocation)
  bool function_error = false;
  int status_code = 200;  // 200 RequestResponse, 202 Event, 204 DryRun
  std::string executed_version = "$LATEST";
  Duration duration;
};

class LambdaModel {
 public:
  LambdaModel(std::string partition, std::string region, std::string account);

  asl::Result<void, std::string> AddFunction(LambdaFunctionSpec spec);

  // Invokes `function` (a name, name:qualifier, a full or partial ARN) with the event text.
  // `request_id` is the invocation's id (it appears in runtime error messages).
  asl::Result<LambdaInvocation, AwsError> Invoke(std::string_view function,
                                                 std::string_view event,
                                                 std::string_view invocation_type,
                                                 std::string_view request_id, asl::Random& random);

  // The function a reference names, or "" when none is declared; the qualifier in *qualifier.
  std::string Resolve(std::string_view function, std::string* qualifier = nullptr) const;
  std::string FunctionArn(std::string_view name) const;
  int64_t invocations(std::string_view name) const;

 private:
  struct Function {
    LambdaFunctionSpec spec;
    int64_t invocations = 0;
  };
  std::string partition_;
  std::string region_;
  std::string account_;
  std::map<std::string, Function, std::less<>> functions_;
};

// Whether a Lambda payload is an error object: a JSON object with a string "errorType".
bool IsErrorPayload(std::string_view payload);

}  // namespace sim
