#include "simulator/services/lambda/lambda_service.h"

#include <fmt/format.h>

#include "asl/base/json_limits.h"
#include "simulator/engine/simulation.h"
#include "simulator/quotas/account_quotas.h"
#include "simulator/services/integration/request_fields.h"
#include "simulator/services/lambda/lambda_model.h"

namespace sim {

namespace {

enum LambdaOperation : int { kNoLambdaApi, kInvoke, kFunction };

constexpr LatencyDefault kLambdaLatency[] = {{"invoke", 10, 30}};
constexpr std::string_view kLambdaTargets[] = {"FunctionName"};

}  // namespace

const ServiceDescriptor& LambdaDescriptor() {
  static const ServiceDescriptor kDescriptor{
      .name = "lambda",
      .names = &LambdaNames(),
      .latency = kLambdaLatency,
      .internal_error = {"ServiceException", "The Lambda service encountered an internal error.",
                         500},
      .target_fields = kLambdaTargets,
      .retry_suggestion = "Lambda.ServiceException, Lambda.AWSLambdaException, "
                          "Lambda.SdkClientException, Lambda.TooManyRequestsException",
      .section = "lambda",
  };
  return kDescriptor;
}

int LambdaService::Route(const asl::TaskResource& r) const {
  using asl::ResourceKind;
  if (r.kind == ResourceKind::kLambda) return kFunction;
  if (!RequestResponseOrToken(r)) return kNoLambdaApi;
  if (IsApi(r, ResourceKind::kOptimized, "lambda", "invoke") ||
      IsApi(r, ResourceKind::kAwsSdk, "lambda", "invoke")) {
    return kInvoke;
  }
  return kNoLambdaApi;
}

void LambdaService::Call(int operation, ServiceCall& call) {
  if (operation == kInvoke) return Invoke(call, /*bare=*/false);
  if (operation == kFunction) return Invoke(call, /*bare=*/true);
}

void LambdaService::Invoke(ServiceCall& call, bool bare) {
  const TaskRequest& request = *call.request;
  const asl::Json& params = call.Parameters();
  std::string function, invocation_type, event;
  if (bare) {
    // A bare ARN calls the function with the state's effective input (or Parameters) and
    // returns its payload (recorded: lambda_bare_arn_pipe.json).
    function = request.resource->arn;
    event = asl::Dump(params);
  } else {
    auto name = StringField(params, "FunctionName");
    if (!name.ok()) return call.Fail(name.error());
    if (!name.value()) {
      return call.Fail(ServiceError("ValidationException",
                                     "1 validation error detected: Value null at 'functionName' "
                                     "failed to satisfy constraint: Member must not be null"));
    }
    function = **name;
    auto qualifier = StringField(params, "Qualifier");
    if (!qualifier.ok()) return call.Fail(qualifier.error());
    if (qualifier.value()) function += ":" + **qualifier;
    auto type = StringField(params, "InvocationType");
    if (!type.ok()) return call.Fail(type.error());
    invocation_type = type.value().value_or("");
    // No Payload (or null) sends "{}" (recorded: lambda_invoke_optimized.json's identity
    // function, invoked with Payload null, returns {}).
    auto payload = params.find("Payload");
    event = payload == params.end() || payload->is_null() ? "{}" : asl::Dump(*payload);
  }
  AccountQuotas* quotas = call.host->quotas;
  if (quotas) {
    if (auto throttled = quotas->LambdaInvoke(request.now)) return call.Fail(*throttled);
  }
  auto invoked = model_.Invoke(function, event, invocation_type, call.request_id,
                               call.host->simulation->random());
  if (!invoked.ok()) return call.Fail(invoked.error());
  LambdaInvocation& result = *invoked;
  call.at = call.at + result.duration;
  call.context.at = call.at;
  if (quotas) quotas->LambdaRunning(call.at);
  // A payload nested deeper than a run accepts is handled as text that is not JSON (ASSUMED:
  // Step Functions' parser refuses such a payload as it refuses any that does not parse).
  std::optional<asl::Json> parsed_payload = result.payload.empty()
                                                ? asl::Json(std::string())
                                                : asl::ParseJsonWithinLimits(result.payload);
  bool json = parsed_payload.has_value();
  asl::Json payload = json ? std::move(*parsed_payload) : asl::Json();
  if (result.function_error) {
    // An unhandled function error: its errorType names the task error (Lambda.Unknown without
    // one) and the payload is the cause, verbatim for a bare ARN (recorded with the Python
    // runtime's spacing in lambda_bare_arn_exception_caught.json), re-serialised compactly by
    // lambda:invoke (lambda_invoke_exception_caught.json).
    std::string name = "Lambda.Unknown";
    if (json && payload.is_object()) {
      if (auto t = payload.find("errorType"); t != payload.end() && t->is_string()) {
        name = t->get<std::string>();
      }
    }
    if (call.sdk) {
      // The SDK does not raise on a function error: Invoke answers 200 with FunctionError.
      asl::Json out = asl::Json::object();
      out["ExecutedVersion"] = result.executed_version;
      out["FunctionError"] = "Unhandled";
      out["Payload"] = result.payload;
      out["StatusCode"] = result.status_code;
      return call.Answer(std::move(out));
    }
    std::string cause = bare || !json ? result.payload : asl::Dump(payload);
    return call.handle->Fail(call.at, asl::Error(std::move(name), std::move(cause)));
  }
  if (bare) {
    if (!json) {
      return call.handle->Fail(call.at,
                               asl::Error("Lambda.Unknown", "The function returned text that is "
                                                            "not JSON: " + result.payload));
    }
    return call.Answer(std::move(payload));
  }
  asl::Json out = asl::Json::object();
  out["ExecutedVersion"] = result.executed_version;
  // A payload that is not JSON comes back as a string.
  out["Payload"] = json ? std::move(payload) : asl::Json(result.payload);
  out["StatusCode"] = result.status_code;
  if (call.sdk) {
    // NONSTANDARD: the SDK's Payload is a byte blob; sfnsim gives its text.
    out["Payload"] = result.payload;
    return call.Answer(std::move(out));
  }
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.status = result.status_code;
  http.content_length = result.payload.size();
  http.executed_version = result.executed_version;
  uint64_t trace = call.host->simulation->random().Next();
  std::string trace_id = fmt::format("root=1-{:08x}-{:012x}{:012x};sampled=0",
                                     static_cast<uint32_t>(call.at.ms / 1000),
                                     trace >> 16, trace & 0xFFFFFFFFFFFFull);
  http.trace_id = trace_id;
  call.Answer(OptimizedOutput(LambdaNames(), std::move(out), http, "Payload"));
}

}  // namespace sim
