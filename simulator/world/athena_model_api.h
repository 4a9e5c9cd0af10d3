#pragma once
// The simulated Athena (sim::AthenaModel) behind the integration's AthenaApi seam.

#include "simulator/services/athena/athena_model.h"
#include "simulator/services/athena/athena_api.h"

namespace sim {

class AthenaModelApi final : public AthenaApi {
 public:
  explicit AthenaModelApi(AthenaModel& model) : model_(model) {}

  asl::Result<asl::Json, AwsError> Call(std::string_view api, const asl::Json& request,
                                        SimTime now) override;
  std::optional<SimTime> CompletionTime(const std::string& query_execution_id) const override {
    return model_.CompletionTime(query_execution_id);
  }

 private:
  AthenaModel& model_;
};

}  // namespace sim
