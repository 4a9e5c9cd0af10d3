// The Athena integration: optimized (arn:aws:states:::athena:…) and AWS SDK
// (arn:aws:states:::aws-sdk:athena:…) calls, and startQueryExecution.sync.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html

#include "simulator/services/athena/athena_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "asl/runtime/io_pipeline.h"
#include "simulator/engine/simulation.h"
#include "simulator/quotas/account_quotas.h"
#include "simulator/services/athena/athena_api.h"
#include "simulator/services/latency_model.h"
#include "simulator/services/scheduler.h"

namespace sim {

namespace {

enum AthenaOperation : int { kNoAthenaApi, kApi };

// Control-plane calls ~50–150 ms, a results page ~100–300 ms (docs/world.md).
constexpr LatencyDefault kAthenaLatency[] = {{"startQueryExecution", 50, 150},
                                       {"stopQueryExecution", 50, 150},
                                       {"getQueryExecution", 30, 80},
                                       {"getQueryResults", 100, 300}};

}  // namespace

const ServiceDescriptor& AthenaDescriptor() {
  static const ServiceDescriptor kDescriptor{
      .name = "athena",
      .names = &AthenaNames(),
      .latency = kAthenaLatency,
      .internal_error = {"InternalServerException", "An internal error occurred.", 500},
      .retry_suggestion = "Athena.TooManyRequestsException, Athena.InternalServerException, "
                          "Athena.SdkClientException",
      .section = "athena",
  };
  return kDescriptor;
}

int AthenaService::Route(const asl::TaskResource& r) const {
  using asl::IntegrationPattern;
  using asl::ResourceKind;
  if (r.service != "athena" || (r.kind != ResourceKind::kOptimized && r.kind != ResourceKind::kAwsSdk)) {
    return kNoAthenaApi;
  }
  bool rr = RequestResponseOrToken(r);
  bool start = r.api == "startQueryExecution";
  bool other = r.api == "getQueryExecution" || r.api == "getQueryResults" ||
               r.api == "stopQueryExecution";
  // .sync exists for startQueryExecution only; the others are request-response.
  if ((start && r.pattern != IntegrationPattern::kSync2 &&
       (r.kind == ResourceKind::kOptimized || rr)) ||
      (other && r.pattern == IntegrationPattern::kRequestResponse)) {
    return kApi;
  }
  return kNoAthenaApi;
}

void AthenaService::Call(int operation, ServiceCall& call) {
  if (operation != kApi) return;
  const TaskRequest& request = *call.request;
  const std::string& api = request.resource->api;
  const asl::Json& params = call.Parameters();
  if (AccountQuotas* quotas = call.host->quotas) {
    if (auto throttled = quotas->Athena(api, request.now)) return call.Fail(*throttled);
  }
  // The model takes calls in time order: it handles each at the moment it is made.
  auto response = athena_.Call(api, params, request.now);
  if (!response.ok()) return call.Fail(response.error());
  // The query id outlives the response, which is moved into the task's output.
  std::string query_id;
  if (auto id = response->find("QueryExecutionId"); id != response->end() && id->is_string()) {
    query_id = id->get<std::string>();
  }
  HttpExchange http;
  http.request_id = call.request_id;
  http.at = call.at;
  http.content_length = asl::SerializedSize(*response);
  asl::Json sorted = std::move(*response);
  if (call.sdk) {
    SortKeysInPlace(sorted);
    return call.Answer(std::move(sorted));
  }
  asl::Json output = OptimizedOutput(AthenaNames(), std::move(sorted), http);  // sorts it too
  if (request.resource->pattern != asl::IntegrationPattern::kSync) {
    // Measured once: the output is the response and the metadata (a page of rows is ~150 KB).
    DeferredResult measured;
    measured.max_bytes =
        static_cast<int64_t>(http.content_length) + kOptimizedMetadataMaxBytes;
    return call.AnswerDeferred(std::move(output), std::move(measured));
  }
  // .sync: TaskSubmitted with the start call's output, then the final GetQueryExecution
  // document when the query ends (by analogy with the recorded startExecution.sync; Athena's
  // own .sync is unrecorded, docs/reference/aws-semantics.md §11.2 and §14).
  call.handle->Submit(call.at, std::move(output));
  if (query_id.empty()) return;
  AwaitQuery(call.host, request, *call.handle, std::move(query_id), call.at);
}

void AthenaService::AwaitQuery(ServiceHost* host, const TaskRequest& request,
                               const TaskHandle& handle, std::string query_id, SimTime at) {
  std::optional<SimTime> done = athena_.CompletionTime(query_id);
  if (!done) return;
  // Step Functions learns of the end with one more GetQueryExecution.
  SimTime poll = std::max(*done, at);
  if (host->latency) {
    poll = poll + host->latency->Draw("athena", "getQueryExecution", host->simulation->random());
  }
  TaskRequest saved = request;
  saved.parameters = nullptr;
  saved.task_token = {};
  saved.lane = nullptr;  // it reads the lane as it is now, not as it was
  host->scheduler->At(poll, [this, host, saved, handle, query_id, poll]() {
    asl::Json get = {{"QueryExecutionId", query_id}};
    auto description = athena_.Call("getQueryExecution", get, poll);
    if (!description.ok()) {
      return handle.Fail(poll, OptimizedError(AthenaNames(), description.error(), host->ids->NewUuid()));
    }
    asl::Json sorted = SortedKeys(*description);
    std::string state;
    if (const asl::Json* q = sorted.contains("QueryExecution") ? &sorted["QueryExecution"] : nullptr;
        q && q->contains("Status") && (*q)["Status"].contains("State")) {
      state = (*q)["Status"]["State"].get<std::string>();
    }
    if (state == "SUCCEEDED") return handle.Succeed(poll, std::move(sorted));
    if (state == "FAILED" || state == "CANCELLED") {
      return handle.Fail(poll, asl::Error("States.TaskFailed", asl::Dump(sorted)));
    }
    // Not over yet (its end moved): wait again.
    AwaitQuery(host, saved, handle, query_id, poll);
  });
}

}  // namespace sim
