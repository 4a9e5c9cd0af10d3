#include "simulator/services/states/states_service.h"

#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/services/scheduler.h"
#include "simulator/services/states/sfn_service.h"

namespace sim {

using asl::IntegrationPattern;

namespace {

enum StatesOperation : int { kNoStatesApi, kStartExecution };

constexpr LatencyDefault kStatesLatency[] = {{"startExecution", 25, 50}};
constexpr std::string_view kStatesTargets[] = {"StateMachineArn"};

}  // namespace

const ServiceDescriptor& StatesDescriptor() {
  static const ServiceDescriptor kDescriptor{
      .name = "states",
      .alias = "sfn",
      .names = &SfnNames(),
      .latency = kStatesLatency,
      .internal_error = {"ServiceUnavailable", "Service Unavailable", 503},
      .target_fields = kStatesTargets,
      .retry_suggestion = "StepFunctions.ExecutionLimitExceededException, "
                          "StepFunctions.AWSStepFunctionsException, "
                          "StepFunctions.SdkClientException",
      .section = "state_machines",
  };
  return kDescriptor;
}

int StatesService::Route(const asl::TaskResource& r) const {
  using asl::ResourceKind;
  if (IsApi(r, ResourceKind::kOptimized, "states", "startExecution") ||
      (RequestResponseOrToken(r) && IsApi(r, ResourceKind::kAwsSdk, "sfn", "startExecution"))) {
    return kStartExecution;
  }
  return kNoStatesApi;
}

void StatesService::Call(int operation, ServiceCall& call) {
  if (operation != kStartExecution) return;
  // The child starts when the call reaches Step Functions; copy what is needed.
  const TaskRequest& request = *call.request;
  const asl::TaskResource* resource = request.resource;
  asl::Json params = call.Parameters();
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
  ServiceHost* host = call.host;
  host->scheduler->At(at, [this, host, resource, params = std::move(params), handle, saved, token,
                           sdk, request_id, at, parent]() {
    auto started = sfn_.StartExecution(params, parent, *host->ids);
    TaskRequest current = saved;
    current.task_token = token;
    ServiceCall done;
    done.host = host;
    done.request = &current;
    done.handle = &handle;
    done.service = &SfnNames();
    done.sdk = sdk;
    done.request_id = request_id;
    done.at = at;
    if (!started.ok()) return done.Fail(started.error());
    Execution& child = *started->execution;
    asl::Json output = asl::Json::object();
    output["ExecutionArn"] = child.arn();
    if (sdk) {
      output["StartDate"] = FormatIso8601Millis(child.start_time());
      return done.Answer(std::move(output));
    }
    output["StartDate"] = child.start_time().ms;
    HttpExchange http;
    http.request_id = request_id;
    http.at = at;
    http.content_length = SfnService::StartExecutionResponseLength(child.arn(), child.start_time());
    asl::Json start_output = OptimizedOutput(SfnNames(), std::move(output), http);
    IntegrationPattern pattern = resource->pattern;
    if (pattern != IntegrationPattern::kSync && pattern != IntegrationPattern::kSync2) {
      return done.Answer(std::move(start_output));
    }
    // .sync: TaskSubmitted now, then the describe document when the child ends.
    handle.Submit(at, std::move(start_output));
    bool sync2 = pattern == IntegrationPattern::kSync2;
    Simulation* simulation = host->simulation;
    auto finish = [handle, sync2, simulation](Execution& ended) {
      asl::Json description = SfnService::SyncDescription(ended, sync2);
      if (ended.status() == ExecutionStatus::kSucceeded) {
        handle.Succeed(simulation->now(), std::move(description));
      } else {
        handle.Fail(simulation->now(), asl::Error("States.TaskFailed", asl::Dump(description)));
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
    handle.OnAbandon([host, child_id] {
      host->scheduler->At(host->simulation->now(), [host, child_id] {
        Execution* running = host->simulation->FindExecution(child_id);
        if (running && !running->ended()) running->Stop(std::nullopt, std::nullopt);
      });
    });
  });
}

}  // namespace sim
