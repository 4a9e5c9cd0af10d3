#include "simulator/faults/fault_injector.h"

#include <fmt/format.h>

#include "simulator/engine/execution.h"
#include "simulator/services/integration/aws_response.h"
#include "simulator/registry/registry.h"

namespace sim {

namespace {

std::string_view Canonical(std::string_view service) { return CanonicalServiceName(service); }

std::string_view ServiceOf(const asl::TaskResource& r) {
  return r.kind == asl::ResourceKind::kLambda ? std::string_view("lambda")
                                              : Canonical(r.service);
}

std::string_view ApiOf(const asl::TaskResource& r) {
  return r.kind == asl::ResourceKind::kLambda ? std::string_view("invoke")
                                              : std::string_view(r.api);
}

// Whether `resource` names the task's resource or the target in its parameters.
bool ResourceMatches(std::string_view resource, const TaskRequest& request) {
  if (request.resource->arn == resource) return true;
  if (!request.parameters || !request.parameters->is_object()) return false;
  // The parameters any service names its target with (its descriptor's target_fields).
  for (const ServiceDescriptor* service : Services()) {
    for (std::string_view key : service->target_fields) {
      auto it = request.parameters->find(std::string(key));
      if (it != request.parameters->end() && it->is_string() &&
          it->get_ref<const std::string&>() == resource) {
        return true;
      }
    }
  }
  return false;
}

AwsError Internal(const char* code, const char* message, int status) {
  AwsError e;
  e.code = code;
  e.message = message;
  e.http_status = status;
  e.sender_fault = false;
  return e;
}

}  // namespace

AwsError FaultInjectingBackend::DefaultError(std::string_view service) {
  // The service's documented internal error (its descriptor); AWS's generic one otherwise.
  if (const ServiceDescriptor* descriptor = FindService(service)) {
    AwsError e;
    e.code = std::string(descriptor->internal_error.code);
    e.message = std::string(descriptor->internal_error.message);
    e.http_status = descriptor->internal_error.status;
    e.sender_fault = false;
    return e;
  }
  return Internal("InternalFailure", "The request processing has failed because of an unknown "
                                     "error, exception or failure.", 500);
}

FaultInjectingBackend::FaultInjectingBackend(ServiceBackend* target, uint64_t seed,
                                             std::function<std::string()> request_ids)
    : target_(target),
      // A stream of its own, so the faults depend only on the seed and the calls.
      random_(seed ^ 0xFA17FA17FA17FA17ull),
      request_ids_(std::move(request_ids)) {}

void FaultInjectingBackend::AddRule(FaultRule rule) {
  if (rule.name.empty()) rule.name = fmt::format("fault {}", rules_.size());
  rules_.push_back(std::move(rule));
  counters_.emplace_back();
}

bool FaultInjectingBackend::Matches(const FaultRule& rule, const TaskRequest& request) const {
  const asl::TaskResource& r = *request.resource;
  if (!rule.service.empty() && Canonical(rule.service) != ServiceOf(r)) return false;
  if (!rule.api.empty() && rule.api != ApiOf(r)) return false;
  if (!rule.state.empty() && rule.state != request.state_name) return false;
  if (!rule.resource.empty() && !ResourceMatches(rule.resource, request)) return false;
  return true;
}

bool FaultInjectingBackend::Fires(size_t index, const TaskRequest& request) {
  const FaultRule& rule = rules_[index];
  int64_t number = ++counters_[index].matched;
  bool fire = rule.calls.count(number) != 0;
  if (rule.window_start || rule.window_end) {
    bool after_start = !rule.window_start || request.now >= *rule.window_start;
    bool before_end = !rule.window_end || request.now < *rule.window_end;
    if (after_start && before_end) fire = true;
  }
  // Always draw for a rule with a rate, so one rule's draws never depend on the others.
  if (rule.rate > 0 && random_.NextDouble() < rule.rate) fire = true;
  return fire;
}

asl::Error FaultInjectingBackend::ErrorFor(const FaultRule& rule, const TaskRequest& request) {
  if (rule.literal_error) return *rule.literal_error;
  const asl::TaskResource& r = *request.resource;
  AwsError error = rule.aws_error ? *rule.aws_error : DefaultError(ServiceOf(r));
  std::string request_id = request_ids_ ? request_ids_() : std::string();
  const ServiceNames* names = FindServiceNames(ServiceOf(r));
  if (!names) {
    std::string code = error.code.ends_with("Exception") ? error.code : error.code + "Exception";
    return asl::Error(fmt::format("{}.{}", r.service, code), error.message);
  }
  if (r.kind == asl::ResourceKind::kAwsSdk) return SdkError(*names, error, request_id);
  return OptimizedError(*names, error, request_id);
}

bool FaultInjectingBackend::Invoke(const TaskRequest& request, const TaskHandle& handle) {
  std::optional<size_t> chosen;
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!Matches(rules_[i], request)) continue;
    if (Fires(i, request) && !chosen) chosen = i;
  }
  if (!chosen) return target_ && target_->Invoke(request, handle);
  const FaultRule& rule = rules_[*chosen];
  ++counters_[*chosen].fired;
  InjectedFault fault;
  fault.rule = rule.name;
  fault.execution_id = request.execution_id;
  fault.execution_arn = std::string(request.execution_arn);
  fault.state_name = std::string(request.state_name);
  fault.service = std::string(ServiceOf(*request.resource));
  fault.api = std::string(ApiOf(*request.resource));
  fault.call_number = counters_[*chosen].matched;
  fault.time = request.now;
  fault.mode = rule.mode;
  Duration delay{rule.delay_ms};
  switch (rule.mode) {
    case FaultRule::Mode::kFail: {
      asl::Error error = ErrorFor(rule, request);
      fault.error = error.name;
      fault.cause = error.cause;
      pending_[request.execution_id][handle.id()] = injected_.size();
      injected_.push_back(std::move(fault));
      handle.Start(request.now);
      handle.Fail(request.now + delay, std::move(error));
      return true;
    }
    case FaultRule::Mode::kHang:
      pending_[request.execution_id][handle.id()] = injected_.size();
      injected_.push_back(std::move(fault));
      handle.Start(request.now);
      return true;
    case FaultRule::Mode::kAfter:
    case FaultRule::Mode::kDelay: {
      uint64_t id = next_proxy_++;
      Proxy proxy;
      proxy.real = handle;
      proxy.delay = delay;
      proxy.execution_id = request.execution_id;
      if (rule.mode == FaultRule::Mode::kAfter) {
        proxy.fail_with = ErrorFor(rule, request);
        fault.error = proxy.fail_with->name;
        fault.cause = proxy.fail_with->cause;
      }
      proxy.fault = injected_.size();
      injected_.push_back(std::move(fault));
      proxies_.emplace(id, std::move(proxy));
      TaskHandle wrapped(this, id);
      if (target_ && target_->Invoke(request, wrapped)) return true;
      proxies_.erase(id);
      injected_.pop_back();
      return false;
    }
  }
  return false;
}

void FaultInjectingBackend::TaskStarted(uint64_t task, SimTime at, std::string worker_name) {
  auto it = proxies_.find(task);
  if (it == proxies_.end()) return;
  it->second.real.Start(at + it->second.delay, std::move(worker_name));
}

void FaultInjectingBackend::TaskSubmitted(uint64_t task, SimTime at, asl::Json output) {
  auto it = proxies_.find(task);
  if (it == proxies_.end()) return;
  Proxy& p = it->second;
  if (p.fail_with) {
    // The start call's response is lost: the task fails where it would have been submitted.
    pending_[p.execution_id][p.real.id()] = p.fault;
    p.real.Fail(at + p.delay, *p.fail_with);
    proxies_.erase(it);
    return;
  }
  p.real.Submit(at + p.delay, std::move(output));
}

void FaultInjectingBackend::TaskHeartbeat(uint64_t task, SimTime at) {
  auto it = proxies_.find(task);
  if (it == proxies_.end()) return;
  it->second.real.Heartbeat(at + it->second.delay);
}

std::optional<FaultInjectingBackend::Proxy> FaultInjectingBackend::SucceedingProxy(uint64_t task,
                                                                                   SimTime at) {
  auto it = proxies_.find(task);
  if (it == proxies_.end()) return std::nullopt;
  Proxy p = std::move(it->second);
  proxies_.erase(it);
  if (p.fail_with) {
    pending_[p.execution_id][p.real.id()] = p.fault;
    p.real.Fail(at + p.delay, *p.fail_with);
    return std::nullopt;
  }
  return p;
}

void FaultInjectingBackend::TaskSucceeded(uint64_t task, SimTime at, asl::Json output) {
  if (auto p = SucceedingProxy(task, at)) p->real.Succeed(at + p->delay, std::move(output));
}

void FaultInjectingBackend::TaskSucceededDeferred(uint64_t task, SimTime at, asl::Json core,
                                                  DeferredResult deferred) {
  if (auto p = SucceedingProxy(task, at)) {
    p->real.SucceedDeferred(at + p->delay, std::move(core), std::move(deferred));
  }
}

void FaultInjectingBackend::TaskFailed(uint64_t task, SimTime at, asl::Error error) {
  auto it = proxies_.find(task);
  if (it == proxies_.end()) return;
  Proxy p = std::move(it->second);
  proxies_.erase(it);
  // The service failed on its own; the injected fault did not decide this outcome.
  if (p.fail_with) {
    injected_[p.fault].error.clear();
    injected_[p.fault].cause.clear();
  }
  p.real.Fail(at + p.delay, std::move(error));
}

void FaultInjectingBackend::TaskOnAbandon(uint64_t task, std::function<void()> cancel) {
  auto it = proxies_.find(task);
  if (it == proxies_.end()) return;
  it->second.real.OnAbandon(std::move(cancel));
}

void FaultInjectingBackend::OnFailureHandled(const FailureReport& report) {
  if (!report.execution || report.task_id == 0) return;
  auto exec = pending_.find(report.execution->id());
  if (exec == pending_.end()) return;
  auto it = exec->second.find(report.task_id);
  if (it == exec->second.end()) return;
  InjectedFault& fault = injected_[it->second];
  fault.handled = true;
  fault.handling = report.handling;
  fault.index = report.index;
  if (fault.mode == FaultRule::Mode::kHang && report.error) {
    fault.error = report.error->name;  // States.Timeout, from the state's TimeoutSeconds
  }
  exec->second.erase(it);
  if (exec->second.empty()) pending_.erase(exec);
}

}  // namespace sim
