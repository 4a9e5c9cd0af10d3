#include "simulator/services/lambda/lambda_model.h"

#include <fmt/format.h>

#include "asl/base/json.h"
#include "asl/base/json_limits.h"
#include "simulator/services/integration/request_fields.h"
#include "simulator/services/lambda/command_runner.h"

namespace sim {

namespace {

// What a Lambda runtime reports when the handler process exits early (AWS's text:
// "RequestId: <id> Error: Runtime exited with error: exit status 1", errorType
// Runtime.ExitError).
std::string ExitErrorPayload(std::string_view request_id, std::string_view how) {
  asl::Json error = asl::Json::object();
  error["errorMessage"] =
      fmt::format("RequestId: {} Error: Runtime exited with error: {}", request_id, how);
  error["errorType"] = "Runtime.ExitError";
  return asl::Dump(error);
}

std::string TrimTrailingSpace(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' ||
                           text.back() == '\t')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

bool IsErrorPayload(std::string_view payload) {
  if (payload.empty() || payload.front() != '{') return false;
  asl::Json parsed = asl::ParseJsonWithinLimits(payload).value_or(asl::Json());
  if (!parsed.is_object()) return false;
  auto it = parsed.find("errorType");
  return it != parsed.end() && it->is_string();
}

LambdaModel::LambdaModel(std::string partition, std::string region, std::string account)
    : partition_(std::move(partition)), region_(std::move(region)), account_(std::move(account)) {}

std::string LambdaModel::FunctionArn(std::string_view name) const {
  return fmt::format("arn:{}:lambda:{}:{}:function:{}", partition_, region_, account_, name);
}

asl::Result<void, std::string> LambdaModel::AddFunction(LambdaFunctionSpec spec) {
  if (spec.name.empty() || spec.name.find(':') != std::string::npos) {
    return asl::Fail(fmt::format("\"{}\" is not a function name", spec.name));
  }
  if (functions_.count(spec.name)) {
    return asl::Fail(fmt::format("function {} is declared twice", spec.name));
  }
  if (spec.handler == LambdaHandler::kScripted && spec.responses.empty()) {
    return asl::Fail(fmt::format("function {} has no scripted responses", spec.name));
  }
  if (spec.handler == LambdaHandler::kCommand && spec.command.empty()) {
    return asl::Fail(fmt::format("function {} has no command", spec.name));
  }
  if (spec.max_duration < spec.min_duration) {
    return asl::Fail(fmt::format("function {}: the longest duration is below the shortest",
                                 spec.name));
  }
  std::string name = spec.name;
  functions_.emplace(std::move(name), Function{std::move(spec), 0});
  return {};
}

std::string LambdaModel::Resolve(std::string_view ref, std::string* qualifier) const {
  // NAME, NAME:QUALIFIER, ACCOUNT:function:NAME[:Q], arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:Q]
  // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#lambda-Invoke-request-FunctionName
  std::string_view rest = ref;
  size_t function = rest.find(":function:");
  if (function != std::string_view::npos) rest = rest.substr(function + 10);
  size_t colon = rest.find(':');
  std::string_view name = rest.substr(0, colon);
  if (qualifier) {
    *qualifier = colon == std::string_view::npos ? "" : std::string(rest.substr(colon + 1));
  }
  return functions_.count(name) ? std::string(name) : "";
}

int64_t LambdaModel::invocations(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? 0 : it->second.invocations;
}

asl::Result<LambdaInvocation, AwsError> LambdaModel::Invoke(std::string_view ref,
                                                            std::string_view event,
                                                            std::string_view invocation_type,
                                                            std::string_view request_id,
                                                            asl::Random& random) {
  std::string qualifier;
  std::string name = Resolve(ref, &qualifier);
  if (name.empty()) {
    std::string_view rest = ref;
    if (size_t f = rest.find(":function:"); f != std::string_view::npos) rest = rest.substr(f + 10);
    std::string_view base = rest.substr(0, rest.find(':'));
    // Recorded: lambda_invoke_no_such_function.json.
    return asl::Fail(ServiceError(
        "ResourceNotFoundException",
        fmt::format("Function not found: {}:{}", FunctionArn(base),
                    qualifier.empty() ? "$LATEST" : qualifier),
        404));
  }
  if (!invocation_type.empty() && invocation_type != "RequestResponse" &&
      invocation_type != "Event" && invocation_type != "DryRun") {
    return asl::Fail(ServiceError(
        "ValidationException",
        fmt::format("1 validation error detected: Value '{}' at 'invocationType' failed to "
                    "satisfy constraint: Member must satisfy enum value set: [Event, "
                    "RequestResponse, DryRun]", invocation_type)));
  }
  Function& fn = functions_.find(name)->second;
  LambdaInvocation result;
  // A numeric qualifier is a published version; aliases and $LATEST run $LATEST here.
  if (!qualifier.empty() && qualifier.find_first_not_of("0123456789") == std::string::npos) {
    result.executed_version = qualifier;
  }
  if (invocation_type == "DryRun") {
    result.status_code = 204;
    result.payload = "";
    return result;
  }
  ++fn.invocations;
  const LambdaFunctionSpec& spec = fn.spec;
  result.duration = Duration{random.NextInRange(spec.min_duration.ms, spec.max_duration.ms)};
  switch (spec.handler) {
    case LambdaHandler::kEcho:
      result.payload = std::string(event);
      break;
    case LambdaHandler::kScripted: {
      size_t index = static_cast<size_t>(fn.invocations - 1);
      const LambdaScriptedResponse& r = spec.responses[std::min(index, spec.responses.size() - 1)];
      if (r.service_error) return asl::Fail(*r.service_error);
      result.payload = r.payload;
      result.function_error = r.function_error || IsErrorPayload(r.payload);
      if (r.duration) result.duration = *r.duration;
      break;
    }
    case LambdaHandler::kCommand: {
      CommandLimits limits;
      limits.timeout_ms = spec.timeout.ms;
      limits.max_output_bytes = kLambdaMaxResponseBytes;
      CommandResult run = RunCommand(spec.command, event, spec.working_directory, limits);
      if (run.timed_out) {
        // A function timeout: Lambda answers with an error payload that has no errorType, which
        // Step Functions reports as Lambda.Unknown (docs: "Handle Lambda service exceptions").
        asl::Json error = asl::Json::object();
        error["errorMessage"] = fmt::format("RequestId: {} Error: Task timed out after {:.2f} "
                                            "seconds", request_id, spec.timeout.ms / 1000.0);
        result.payload = asl::Dump(error);
        result.function_error = true;
        result.duration = spec.timeout;
      } else if (run.output_too_large) {
        asl::Json error = asl::Json::object();
        error["errorMessage"] = fmt::format(
            "Response payload size exceeded maximum allowed payload size ({} bytes).",
            kLambdaMaxResponseBytes);
        error["errorType"] = "Function.ResponseSizeTooLarge";
        result.payload = asl::Dump(error);
        result.function_error = true;
      } else if (!run.started) {
        result.payload = ExitErrorPayload(request_id, "exit status 127");
        result.function_error = true;
      } else if (run.signaled) {
        result.payload =
            ExitErrorPayload(request_id, run.signal == 9 ? std::string("signal: killed")
                                                         : fmt::format("signal: {}", run.signal));
        result.function_error = true;
      } else if (run.exit_status != 0) {
        result.payload = ExitErrorPayload(request_id, fmt::format("exit status {}", run.exit_status));
        result.function_error = true;
      } else {
        std::string out = TrimTrailingSpace(std::move(run.out));
        if (out.empty()) out = "null";  // a handler that returns nothing returns null
        asl::JsonTextProblem problem = asl::JsonTextProblem::kMalformed;
        if (!asl::ParseJsonWithinLimits(out, asl::kMaxJsonDepth, &problem)) {
          // NONSTANDARD: a real runtime would refuse a non-JSON result in its own way (and
          // Step Functions a result nested deeper than its parser's ~1,000 levels); sfnsim
          // reports either as a function error that says what happened.
          asl::Json error = asl::Json::object();
          error["errorMessage"] =
              problem == asl::JsonTextProblem::kTooDeep
                  ? fmt::format("sfnsim: the command of function {} printed JSON nested deeper "
                                "than {} levels (sfnsim's limit)",
                                name, asl::kMaxJsonDepth)
                  : fmt::format("sfnsim: the command of function {} printed text that is not "
                                "JSON: {}",
                                name, out.substr(0, 200));
          error["errorType"] = "Runtime.InvalidOutput";
          result.payload = asl::Dump(error);
          result.function_error = true;
        } else {
          result.payload = std::move(out);
          result.function_error = IsErrorPayload(result.payload);
        }
      }
      break;
    }
  }
  if (invocation_type == "Event") {
    // Asynchronous: Lambda queues the event and answers 202 with an empty body.
    result.status_code = 202;
    result.payload = "";
    result.function_error = false;
  }
  return result;
}

}  // namespace sim
