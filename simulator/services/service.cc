#include "simulator/services/service.h"

#include "simulator/services/task_callbacks.h"

namespace sim {

const asl::Json& ServiceCall::Parameters() const {
  static const asl::Json kEmpty = asl::Json::object();
  return request->parameters ? *request->parameters : kEmpty;
}

asl::Error ServiceCall::TaskError(const AwsError& error) const {
  return sdk ? SdkError(*service, error, request_id) : OptimizedError(*service, error, request_id);
}

void ServiceCall::Fail(const AwsError& error) const { handle->Fail(at, TaskError(error)); }

void ServiceCall::Answer(asl::Json output) const {
  if (request->resource->pattern == asl::IntegrationPattern::kWaitForTaskToken) {
    handle->Submit(at, std::move(output));
    if (host && host->callbacks) host->callbacks->Await(*request, *handle, at);
    return;
  }
  handle->Succeed(at, std::move(output));
}

void ServiceCall::AnswerDeferred(asl::Json core, DeferredResult deferred) const {
  if (request->resource->pattern == asl::IntegrationPattern::kWaitForTaskToken) {
    return Answer(deferred.complete ? deferred.complete(std::move(core)) : std::move(core));
  }
  handle->SucceedDeferred(at, std::move(core), std::move(deferred));
}

bool RequestResponseOrToken(const asl::TaskResource& r) {
  return r.pattern == asl::IntegrationPattern::kRequestResponse ||
         r.pattern == asl::IntegrationPattern::kWaitForTaskToken;
}

bool IsApi(const asl::TaskResource& r, asl::ResourceKind kind, std::string_view service,
           std::string_view api) {
  return r.kind == kind && r.service == service && r.api == api;
}

}  // namespace sim
