#pragma once
// The integration layer: one ServiceBackend that serves every Task resource a simulated service
// can answer, the way Step Functions calls it. It only dispatches: each service
// (simulator/services/<name>/, listed in simulator/registry/registry.cc) says which of its
// operations serves a resource, once per resource (the answer is cached), and serves the call.
//
// Every call takes a latency drawn from the LatencyModel and gets its request id (and message
// ids) from the simulation's seeded generator; the service checks it against the account quotas.
// Resources no service serves fall through to the next backend.

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "simulator/services/service.h"
#include "simulator/engine/service_backend.h"

namespace sim {

class Simulation;

class AwsBackend final : public ServiceBackend, public IdSource {
 public:
  // `services` in the order they are asked (registry order); not owned, they outlive the
  // backend. `host` gives them the latency model, quotas, timers and callbacks (its simulation
  // and ids are set here).
  AwsBackend(Simulation& simulation, std::vector<Service*> services, ServiceHost host);
  ~AwsBackend() override;

  bool Invoke(const TaskRequest& request, const TaskHandle& handle) override;
  std::string NewUuid() override;

  // Whether this backend serves `resource` (with the services it has).
  bool Serves(const asl::TaskResource& resource);

 private:
  struct Route {
    Service* service = nullptr;  // null: no service serves it
    int operation = 0;
  };
  Route RouteOf(const asl::TaskResource& resource);

  Simulation& sim_;
  std::vector<Service*> services_;
  ServiceHost host_;
  std::unordered_map<const asl::TaskResource*, Route> routes_;
};

}  // namespace sim
