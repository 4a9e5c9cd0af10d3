#pragma once
// SQS as a Task calls it: arn:aws:states:::sqs:sendMessage[.waitForTaskToken] (optimized) and
// aws-sdk:sqs:sendMessage / sendMessageBatch.

#include <string>
#include <vector>

#include "simulator/services/service.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

class SqsModel;

const ServiceDescriptor& SqsDescriptor();

class SqsService final : public Service {
 public:
  // `queues`: the declared queues' names, in the order the summary lists them.
  SqsService(SqsModel& model, std::vector<std::string> queues)
      : model_(model), queues_(std::move(queues)) {}
  const ServiceDescriptor& descriptor() const override { return SqsDescriptor(); }
  int Route(const asl::TaskResource& resource) const override;
  void Call(int operation, ServiceCall& call) override;
  void Summarize(asl::Json& summary) const override;

 private:
  void SendMessage(ServiceCall& call);
  void SendMessageBatch(ServiceCall& call);

  SqsModel& model_;
  std::vector<std::string> queues_;
};

}  // namespace sim
