#include "simulator/world/aws_backend.h"

#include "simulator/engine/simulation.h"
#include "simulator/services/latency_model.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

AwsBackend::AwsBackend(Simulation& simulation, std::vector<Service*> services, ServiceHost host)
    : sim_(simulation), services_(std::move(services)), host_(host) {
  host_.simulation = &simulation;
  host_.ids = this;
}

AwsBackend::~AwsBackend() = default;

std::string AwsBackend::NewUuid() { return sim_.NewUuid(); }

AwsBackend::Route AwsBackend::RouteOf(const asl::TaskResource& r) {
  auto cached = routes_.find(&r);
  if (cached != routes_.end()) return cached->second;
  Route route;
  for (Service* service : services_) {
    if (int operation = service->Route(r); operation != 0) {
      route = {service, operation};
      break;
    }
  }
  routes_.emplace(&r, route);
  return route;
}

bool AwsBackend::Serves(const asl::TaskResource& resource) {
  return RouteOf(resource).service != nullptr;
}

bool AwsBackend::Invoke(const TaskRequest& request, const TaskHandle& handle) {
  const asl::TaskResource& r = *request.resource;
  Route route = RouteOf(r);
  if (!route.service) return false;
  std::string_view api = r.kind == asl::ResourceKind::kLambda ? "invoke" : std::string_view(r.api);
  const ServiceNames& names = *route.service->descriptor().names;
  ServiceCall call;
  call.request = &request;
  call.handle = &handle;
  call.service = &names;
  call.sdk = r.kind == asl::ResourceKind::kAwsSdk;
  call.request_id = sim_.NewUuid();
  call.host = &host_;
  Duration latency{0};
  if (host_.latency) latency = host_.latency->Draw(names.integration, api, sim_.random());
  call.at = request.now + latency;
  call.context.at = call.at;
  call.context.execution_arn = request.execution_arn;
  call.context.state_name = request.state_name;
  call.context.ids = this;
  handle.Start(request.now);
  route.service->Call(route.operation, call);
  return true;
}

}  // namespace sim
