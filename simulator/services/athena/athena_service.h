#pragma once
// Athena as a Task calls it: optimized (arn:aws:states:::athena:…) and AWS SDK
// (arn:aws:states:::aws-sdk:athena:…) startQueryExecution[.sync], getQueryExecution,
// getQueryResults and stopQueryExecution, answered by an AthenaApi (athena_api.h).
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html

#include <string>

#include "simulator/services/service.h"
#include "simulator/services/service_descriptor.h"

namespace sim {

class AthenaApi;

const ServiceDescriptor& AthenaDescriptor();

class AthenaService final : public Service {
 public:
  explicit AthenaService(AthenaApi& athena) : athena_(athena) {}
  const ServiceDescriptor& descriptor() const override { return AthenaDescriptor(); }
  int Route(const asl::TaskResource& resource) const override;
  void Call(int operation, ServiceCall& call) override;

 private:
  // .sync: polls for the query's end and reports it on `handle`.
  void AwaitQuery(ServiceHost* host, const TaskRequest& request, const TaskHandle& handle,
                  std::string query_id, SimTime at);

  AthenaApi& athena_;
};

}  // namespace sim
