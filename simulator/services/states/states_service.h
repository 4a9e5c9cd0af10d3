#pragma once
// Step Functions as a Task calls it: arn:aws:states:::states:startExecution[.sync|.sync:2|
// .waitForTaskToken] and aws-sdk:sfn:startExecution. The child runs in the same Simulation
// (sfn_service.h).

#include "simulator/services/service.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

class SfnService;

const ServiceDescriptor& StatesDescriptor();

class StatesService final : public Service {
 public:
  explicit StatesService(SfnService& sfn) : sfn_(sfn) {}
  const ServiceDescriptor& descriptor() const override { return StatesDescriptor(); }
  int Route(const asl::TaskResource& resource) const override;
  void Call(int operation, ServiceCall& call) override;

 private:
  SfnService& sfn_;
};

}  // namespace sim
