#pragma once
// SNS as a Task calls it: arn:aws:states:::sns:publish[.waitForTaskToken] (optimized, with
// SdkHttpMetadata) and aws-sdk:sns:publish / publishBatch (plain API responses).

#include "simulator/services/service.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

class SnsModel;

const ServiceDescriptor& SnsDescriptor();

class SnsService final : public Service {
 public:
  explicit SnsService(SnsModel& model) : model_(model) {}
  const ServiceDescriptor& descriptor() const override { return SnsDescriptor(); }
  int Route(const asl::TaskResource& resource) const override;
  void Call(int operation, ServiceCall& call) override;
  void Summarize(asl::Json& summary) const override;

 private:
  void Publish(ServiceCall& call);
  void PublishBatch(ServiceCall& call);

  SnsModel& model_;
};

}  // namespace sim
