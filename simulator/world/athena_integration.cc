// The Athena integration: optimized (arn:aws:states:::athena:…) and AWS SDK
// (arn:aws:states:::aws-sdk:athena:…) calls, and startQueryExecution.sync.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html

#include <fmt/format.h>

#include "asl/runtime/io_pipeline.h"
#include "simulator/engine/simulation.h"
#include "simulator/quotas/account_quotas.h"
#include "simulator/services/latency_model.h"
#include "simulator/world/athena_api.h"
#include "simulator/world/aws_backend.h"
#include "simulator/world/scheduler.h"

namespace sim {

void AwsBackend::CallAthena(Call& call) {
  const TaskRequest& request = *call.request;
  const std::string& api = request.resource->api;
  static const asl::Json kEmpty = asl::Json::object();
  const asl::Json& params = request.parameters ? *request.parameters : kEmpty;
  if (services_.quotas) {
    if (auto throttled = services_.quotas->Athena(api, request.now)) return Fail(call, *throttled);
  }
  // The model takes calls in time order: it handles each at the moment it is made.
  auto response = services_.athena->Call(api, params, request.now);
  if (!response.ok()) return Fail(call, response.error());
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
  SortKeysInPlace(sorted);
  if (call.sdk) return Answer(call, std::move(sorted));
  asl::Json output = OptimizedOutput(AthenaNames(), std::move(sorted), http);
  if (request.resource->pattern != asl::IntegrationPattern::kSync) return Answer(call, std::move(output));
  // .sync: TaskSubmitted with the start call's output, then the final GetQueryExecution
  // document when the query ends (by analogy with the recorded startExecution.sync; Athena's
  // own .sync is unrecorded, docs/reference/aws-semantics.md §11.2 and §14).
  call.handle->Submit(call.at, std::move(output));
  if (query_id.empty()) return;
  AwaitQuery(request, *call.handle, std::move(query_id), call.at);
}

void AwsBackend::AwaitQuery(const TaskRequest& request, const TaskHandle& handle,
                            std::string query_id, SimTime at) {
  std::optional<SimTime> done = services_.athena->CompletionTime(query_id);
  if (!done) return;
  // Step Functions learns of the end with one more GetQueryExecution.
  SimTime poll = std::max(*done, at);
  if (services_.latency) {
    poll = poll + services_.latency->Draw("athena", "getQueryExecution", sim_.random());
  }
  TaskRequest saved = request;
  saved.parameters = nullptr;
  saved.task_token = {};
  saved.lane = nullptr;  // it reads the lane as it is now, not as it was
  services_.scheduler->At(poll, [this, saved, handle, query_id, poll]() {
    asl::Json get = {{"QueryExecutionId", query_id}};
    auto description = services_.athena->Call("getQueryExecution", get, poll);
    if (!description.ok()) {
      return handle.Fail(poll, OptimizedError(AthenaNames(), description.error(), NewUuid()));
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
    AwaitQuery(saved, handle, query_id, poll);
  });
}

}  // namespace sim
