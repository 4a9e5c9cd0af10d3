#include "simulator/world/aws_backend.h"

#include <fmt/format.h>

#include "asl/base/json_limits.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/quotas/account_quotas.h"
#include "simulator/services/integration/request_fields.h"
#include "simulator/services/lambda/lambda_model.h"
#include "simulator/services/latency_model.h"
#include "simulator/services/sns/sns_model.h"
#include "simulator/services/sqs/sqs_model.h"
#include "simulator/world/scheduler.h"
#include "simulator/world/sfn_service.h"
#include "simulator/world/task_callbacks.h"

namespace sim {

namespace {

using asl::IntegrationPattern;
using asl::ResourceKind;

bool Is(const asl::TaskResource& r, ResourceKind kind, std::string_view service,
        std::string_view api) {
  return r.kind == kind && r.service == service && r.api == api;
}

bool RequestResponseOrToken(const asl::TaskResource& r) {
  return r.pattern == IntegrationPattern::kRequestResponse ||
         r.pattern == IntegrationPattern::kWaitForTaskToken;
}

const asl::Json& Parameters(const TaskRequest& request) {
  static const asl::Json kEmpty = asl::Json::object();
  return request.parameters ? *request.parameters : kEmpty;
}

}  // namespace

AwsBackend::AwsBackend(Simulation& simulation, ServiceSet services)
    : sim_(simulation), services_(services) {}

AwsBackend::~AwsBackend() = default;

std::string AwsBackend::NewUuid() { return sim_.NewUuid(); }

AwsBackend::Route AwsBackend::RouteOf(const asl::TaskResource& r) {
  auto cached = routes_.find(&r);
  if (cached != routes_.end()) return cached->second;
  Route route = Route::kNone;
  bool rr = RequestResponseOrToken(r);
  if (r.kind == ResourceKind::kLambda) {
    if (services_.lambda) route = Route::kLambdaFunction;
  } else if (services_.sns && rr &&
             (Is(r, ResourceKind::kOptimized, "sns", "publish") ||
              Is(r, ResourceKind::kAwsSdk, "sns", "publish"))) {
    route = Route::kSnsPublish;
  } else if (services_.sns && rr && Is(r, ResourceKind::kAwsSdk, "sns", "publishBatch")) {
    route = Route::kSnsPublishBatch;
  } else if (services_.sqs && rr &&
             (Is(r, ResourceKind::kOptimized, "sqs", "sendMessage") ||
              Is(r, ResourceKind::kAwsSdk, "sqs", "sendMessage"))) {
    route = Route::kSqsSendMessage;
  } else if (services_.sqs && rr && Is(r, ResourceKind::kAwsSdk, "sqs", "sendMessageBatch")) {
    route = Route::kSqsSendMessageBatch;
  } else if (services_.lambda && rr &&
             (Is(r, ResourceKind::kOptimized, "lambda", "invoke") ||
              Is(r, ResourceKind::kAwsSdk, "lambda", "invoke"))) {
    route = Route::kLambdaInvoke;
  } else if (services_.sfn && (Is(r, ResourceKind::kOptimized, "states", "startExecution") ||
                               (rr && Is(r, ResourceKind::kAwsSdk, "sfn", "startExecution")))) {
    route = Route::kStartExecution;
  } else if (services_.athena && r.service == "athena" &&
             (r.kind == ResourceKind::kOptimized || r.kind == ResourceKind::kAwsSdk)) {
    bool start = r.api == "startQueryExecution";
    bool other = r.api == "getQueryExecution" || r.api == "getQueryResults" ||
                 r.api == "stopQueryExecution";
    // .sync exists for startQueryExecution only; the others are request-response.
    if ((start && r.pattern != IntegrationPattern::kSync2 &&
         (r.kind == ResourceKind::kOptimized || rr)) ||
        (other && r.pattern == IntegrationPattern::kRequestResponse)) {
      route = Route::kAthena;
    }
  }
  routes_.emplace(&r, route);
  return route;
}

bool AwsBackend::Serves(const asl::TaskResource& resource) {
  return RouteOf(resource) != Route::kNone;
}

bool AwsBackend::Invoke(const TaskRequest& request, const TaskHandle& handle) {
  const asl::TaskResource& r = *request.resource;
  Route route = RouteOf(r);
  if (route == Route::kNone) return false;
  std::string_view api = r.kind == ResourceKind::kLambda ? "invoke" : std::string_view(r.api);
  const ServiceNames* service = nullptr;
  switch (route) {
    case Route::kSnsPublish:
    case Route::kSnsPublishBatch: service = &SnsNames(); break;
    case Route::kSqsSendMessage:
    case Route::kSqsSendMessageBatch: service = &SqsNames(); break;
    case Route::kLambdaInvoke:
    case Route::kLambdaFunction: service = &LambdaNames(); break;
    case Route::kStartExecution: service = &SfnNames(); break;
    case Route::kAthena: service = &AthenaNames(); break;
    case Route::kNone: return false;
  }
  Call call = NewCall(request, handle, *service, api);
  handle.Start(request.now);
  switch (route) {
    case Route::kSnsPublish: Publish(call); break;
    case Route::kSnsPublishBatch: PublishBatch(call); break;
    case Route::kSqsSendMessage: SendMessage(call); break;
    case Route::kSqsSendMessageBatch: SendMessageBatch(call); break;
    case Route::kLambdaInvoke: InvokeLambda(call, /*bare=*/false); break;
    case Route::kLambdaFunction: InvokeLambda(call, /*bare=*/true); break;
    case Route::kStartExecution: StartExecution(call); break;
    case Route::kAthena: CallAthena(call); break;
    case Route::kNone: break;
  }
  return true;
}

AwsBackend::Call AwsBackend::NewCall(const TaskRequest& request, const TaskHandle& handle,
                                     const ServiceNames& service, std::string_view api) {
  Call call;
  call.request = &request;
  call.handle = &handle;
  call.service = &service;
  call.sdk = request.resource->kind == ResourceKind::kAwsSdk;
  call.request_id = sim_.NewUuid();
  Duration latency{0};
  if (services_.latency) latency = services_.latency->Draw(service.integration, api, sim_.random());
  call.at = request.now + latency;
  call.context.at = call.at;
  call.context.execution_arn = request.execution_arn;
  call.context.state_name = request.state_name;
  call.context.ids = this;
  return call;
}

asl::Error AwsBackend::TaskError(const Call& call, const AwsError& error) const {
  return call.sdk ? SdkError(*call.service, error, call.request_id)
                  : OptimizedError(*call.service, error, call.request_id);
}

void AwsBackend::Fail(const Call& call, const AwsError& error) {
  call.handle->Fail(call.at, TaskError(call, error));
}

void AwsBackend::Answer(const Call& call, asl::Json output) {
  if (call.request->resource->pattern == IntegrationPattern::kWaitForTaskToken) {
    call.handle->Submit(call.at, std::move(output));
    if (services_.callbacks) services_.callbacks->Await(*call.request, *call.handle, call.at);
    return;
  }
  call.handle->Succeed(call.at, std::move(output));
}

void AwsBackend::Publish(Call& call) {
  const asl::Json& params = Parameters(*call.request);
  if (services_.quotas) {
    if (auto throttled = services_.quotas->SnsPublish(call.request->now, 1)) {
      return Fail(call, *throttled);
    }
  }
  auto response = services_.sns->Publish(params, call.context);
  if (!response.ok()) return Fail(call, response.error());
  if (call.sdk) return Answer(call, SortedKeys(*response));
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.content_length = SnsModel::PublishResponseLength(
      (*response)["MessageId"].get_ref<const std::string&>(), call.request_id,
      response->contains("SequenceNumber")
          ? (*response)["SequenceNumber"].get_ref<const std::string&>()
          : std::string_view());
  Answer(call, OptimizedOutput(SnsNames(), std::move(*response), http));
}

void AwsBackend::PublishBatch(Call& call) {
  const asl::Json& params = Parameters(*call.request);
  if (services_.quotas) {
    auto entries = params.find("PublishBatchRequestEntries");
    int64_t n = entries != params.end() && entries->is_array()
                    ? static_cast<int64_t>(entries->size())
                    : 1;
    if (auto throttled = services_.quotas->SnsPublish(call.request->now, std::max<int64_t>(n, 1))) {
      return Fail(call, *throttled);
    }
  }
  auto response = services_.sns->PublishBatch(params, call.context);
  if (!response.ok()) return Fail(call, response.error());
  Answer(call, std::move(*response));
}

void AwsBackend::SendMessage(Call& call) {
  auto response = services_.sqs->SendMessage(Parameters(*call.request), call.context);
  if (!response.ok()) return Fail(call, response.error());
  asl::Json sorted = SortedKeys(*response);
  if (call.sdk) return Answer(call, std::move(sorted));
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.content_length = asl::Dump(sorted).size();  // JSON 1.0 body (106 bytes as recorded)
  Answer(call, OptimizedOutput(SqsNames(), std::move(sorted), http));
}

void AwsBackend::SendMessageBatch(Call& call) {
  auto response = services_.sqs->SendMessageBatch(Parameters(*call.request), call.context);
  if (!response.ok()) return Fail(call, response.error());
  Answer(call, std::move(*response));
}

void AwsBackend::InvokeLambda(Call& call, bool bare) {
  const TaskRequest& request = *call.request;
  const asl::Json& params = Parameters(request);
  std::string function, invocation_type, event;
  if (bare) {
    // A bare ARN calls the function with the state's effective input (or Parameters) and
    // returns its payload (recorded: lambda_bare_arn_pipe.json).
    function = request.resource->arn;
    event = asl::Dump(params);
  } else {
    auto name = StringField(params, "FunctionName");
    if (!name.ok()) return Fail(call, name.error());
    if (!name.value()) {
      return Fail(call, ServiceError("ValidationException",
                                     "1 validation error detected: Value null at 'functionName' "
                                     "failed to satisfy constraint: Member must not be null"));
    }
    function = **name;
    auto qualifier = StringField(params, "Qualifier");
    if (!qualifier.ok()) return Fail(call, qualifier.error());
    if (qualifier.value()) function += ":" + **qualifier;
    auto type = StringField(params, "InvocationType");
    if (!type.ok()) return Fail(call, type.error());
    invocation_type = type.value().value_or("");
    // No Payload (or null) sends "{}" (recorded: lambda_invoke_optimized.json's identity
    // function, invoked with Payload null, returns {}).
    auto payload = params.find("Payload");
    event = payload == params.end() || payload->is_null() ? "{}" : asl::Dump(*payload);
  }
  if (services_.quotas) {
    if (auto throttled = services_.quotas->LambdaInvoke(request.now)) return Fail(call, *throttled);
  }
  auto invoked = services_.lambda->Invoke(function, event, invocation_type, call.request_id,
                                          sim_.random());
  if (!invoked.ok()) return Fail(call, invoked.error());
  LambdaInvocation& result = *invoked;
  call.at = call.at + result.duration;
  call.context.at = call.at;
  if (services_.quotas) services_.quotas->LambdaRunning(call.at);
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
      return Answer(call, std::move(out));
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
    return Answer(call, std::move(payload));
  }
  asl::Json out = asl::Json::object();
  out["ExecutedVersion"] = result.executed_version;
  // A payload that is not JSON comes back as a string.
  out["Payload"] = json ? std::move(payload) : asl::Json(result.payload);
  out["StatusCode"] = result.status_code;
  if (call.sdk) {
    // NONSTANDARD: the SDK's Payload is a byte blob; sfnsim gives its text.
    out["Payload"] = result.payload;
    return Answer(call, std::move(out));
  }
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.status = result.status_code;
  http.content_length = result.payload.size();
  http.executed_version = result.executed_version;
  uint64_t trace = sim_.random().Next();
  std::string trace_id = fmt::format("root=1-{:08x}-{:012x}{:012x};sampled=0",
                                     static_cast<uint32_t>(call.at.ms / 1000),
                                     trace >> 16, trace & 0xFFFFFFFFFFFFull);
  http.trace_id = trace_id;
  Answer(call, OptimizedOutput(LambdaNames(), std::move(out), http, "Payload"));
}

void AwsBackend::StartExecution(Call& call) {
  // The child starts when the call reaches Step Functions; copy what is needed.
  const TaskRequest& request = *call.request;
  const asl::TaskResource* resource = request.resource;
  asl::Json params = Parameters(request);
  TaskHandle handle = *call.handle;
  // The request's views point into the execution and its definition, which outlive the task;
  // the token does not (the task may time out first): keep a copy.
  TaskRequest saved = request;
  saved.parameters = nullptr;
  saved.task_token = {};
  std::string token(request.task_token);
  bool sdk = call.sdk;
  std::string request_id = call.request_id;
  SimTime at = call.at;
  uint64_t parent = request.execution_id;
  services_.scheduler->At(at, [this, resource, params = std::move(params), handle, saved, token,
                               sdk, request_id, at, parent]() {
    auto started = services_.sfn->StartExecution(params, parent, *this);
    TaskRequest current = saved;
    current.task_token = token;
    Call done;
    done.request = &current;
    done.handle = &handle;
    done.service = &SfnNames();
    done.sdk = sdk;
    done.request_id = request_id;
    done.at = at;
    if (!started.ok()) return Fail(done, started.error());
    Execution& child = *started->execution;
    asl::Json output = asl::Json::object();
    output["ExecutionArn"] = child.arn();
    if (sdk) {
      output["StartDate"] = FormatIso8601Millis(child.start_time());
      return Answer(done, std::move(output));
    }
    output["StartDate"] = child.start_time().ms;
    HttpExchange http;
    http.request_id = request_id;
    http.at = at;
    http.content_length = SfnService::StartExecutionResponseLength(child.arn(), child.start_time());
    asl::Json start_output = OptimizedOutput(SfnNames(), std::move(output), http);
    IntegrationPattern pattern = resource->pattern;
    if (pattern != IntegrationPattern::kSync && pattern != IntegrationPattern::kSync2) {
      return Answer(done, std::move(start_output));
    }
    // .sync: TaskSubmitted now, then the describe document when the child ends.
    handle.Submit(at, std::move(start_output));
    bool sync2 = pattern == IntegrationPattern::kSync2;
    auto finish = [handle, sync2, this](Execution& ended) {
      asl::Json description = SfnService::SyncDescription(ended, sync2);
      if (ended.status() == ExecutionStatus::kSucceeded) {
        handle.Succeed(sim_.now(), std::move(description));
      } else {
        handle.Fail(sim_.now(), asl::Error("States.TaskFailed", asl::Dump(description)));
      }
    };
    if (child.ended()) return finish(child);
    child.Watch(finish);
    // A .sync task given up before its child ends (the parent failed, was stopped or timed
    // out, the task timed out, its branch was aborted) stops the child, as Step Functions does
    // with the StopExecution permission its .sync policy requires (docs: "IAM policies for
    // nested workflows"; Batch jobs of an aborted task are likewise terminated). The child
    // ends ABORTED; ASSUMED: its ExecutionAborted carries no error or cause.
    uint64_t child_id = child.id();
    handle.OnAbandon([this, child_id] {
      services_.scheduler->At(sim_.now(), [this, child_id] {
        Execution* running = sim_.FindExecution(child_id);
        if (running && !running->ended()) running->Stop(std::nullopt, std::nullopt);
      });
    });
  });
}

}  // namespace sim
