#pragma once
// Lambda as a Task calls it: arn:aws:states:::lambda:invoke[.waitForTaskToken] (optimized),
// aws-sdk:lambda:invoke, and a bare function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME),
// which returns the function's payload.

#include "simulator/services/service.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

class LambdaModel;

const ServiceDescriptor& LambdaDescriptor();

class LambdaService final : public Service {
 public:
  explicit LambdaService(LambdaModel& model) : model_(model) {}
  const ServiceDescriptor& descriptor() const override { return LambdaDescriptor(); }
  int Route(const asl::TaskResource& resource) const override;
  void Call(int operation, ServiceCall& call) override;

 private:
  void Invoke(ServiceCall& call, bool bare);

  LambdaModel& model_;
};

}  // namespace sim
