#pragma once
// A simulated service as the integration backend sees it: which Task resources it serves and how
// it answers one call. The backend (simulator/world/aws_backend.h) only dispatches: it asks each
// service once per resource which of its operations serves it (cached), draws the latency,
// makes the request id and hands the call over. What a service is made of (names, world
// section, latencies, faults, lint facts) is its descriptor (service_descriptor.h); the one
// table of descriptors is registry.h.

#include <string>
#include <string_view>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/integration/aws_error.h"
#include "simulator/services/call_context.h"
#include "simulator/services/delivery_observer.h"
#include "simulator/services/integration/aws_response.h"
#include "simulator/engine/service_backend.h"

namespace sim {

class AccountQuotas;
class LatencyModel;
class Scheduler;
class Simulation;
class TaskCallbacks;
struct ServiceDescriptor;

// What every service may use while it serves calls: the simulation (clock, seeded random
// stream, executions), the account's quotas, the latency model, timers and task-token callbacks.
// Owned by the backend; outlives every call.
struct ServiceHost {
  Simulation* simulation = nullptr;
  IdSource* ids = nullptr;  // request and message ids from the simulation's seeded generator
  const LatencyModel* latency = nullptr;
  AccountQuotas* quotas = nullptr;
  TaskCallbacks* callbacks = nullptr;
  Scheduler* scheduler = nullptr;
  // Told of each record the service accepts that a scenario may count (delivery_observer.h);
  // check empty() before building one.
  DeliveryFanOut* deliveries = nullptr;
};

// One call in flight: what the request was and how to report it.
struct ServiceCall {
  const TaskRequest* request = nullptr;
  const TaskHandle* handle = nullptr;
  const ServiceNames* service = nullptr;
  bool sdk = false;  // an aws-sdk integration
  std::string request_id;
  SimTime at;  // when the response comes back (request.now + latency)
  CallContext context;
  ServiceHost* host = nullptr;

  // The task's parameters (an empty object when it has none).
  const asl::Json& Parameters() const;
  // The task error for a service error, named per integration kind (aws_response.h).
  asl::Error TaskError(const AwsError& error) const;
  void Fail(const AwsError& error) const;
  // Reports a start call's result: TaskSucceeded, or for .waitForTaskToken TaskSubmitted and a
  // wait for the token.
  void Answer(asl::Json output) const;
  // The same with the answer's wrapping deferred (DeferredResult): a .waitForTaskToken
  // submission is built whole at once.
  void AnswerDeferred(asl::Json core, DeferredResult deferred) const;
};

class Service {
 public:
  virtual ~Service() = default;
  virtual const ServiceDescriptor& descriptor() const = 0;
  // Which of its operations serves `resource` (0: none). Asked once per resource: the backend
  // caches the answer, so it may be as slow as it likes.
  virtual int Route(const asl::TaskResource& resource) const = 0;
  // Serves one call `Route` gave `operation` for; the task has been started (handle.Start).
  virtual void Call(int operation, ServiceCall& call) = 0;
  // Adds its part of the world's summary to `summary` (nothing by default).
  virtual void Summarize(asl::Json& summary) const { (void)summary; }
};

// Whether a resource's pattern is request-response or .waitForTaskToken (what most APIs take).
bool RequestResponseOrToken(const asl::TaskResource& resource);
// Whether `resource` is `service:api` of the given kind.
bool IsApi(const asl::TaskResource& resource, asl::ResourceKind kind, std::string_view service,
           std::string_view api);

}  // namespace sim
