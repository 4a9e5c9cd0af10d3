#pragma once
// The Athena service as the integration layer calls it. sim::AthenaModel
// (simulator/services/athena/athena_model.h) is the simulated service; AthenaModelApi adapts it.
// Keeping the integration behind this seam also lets tests drive it with a scripted Athena.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/integration/aws_error.h"

namespace sim {

class AthenaApi {
 public:
  virtual ~AthenaApi() = default;
  // `api`: startQueryExecution, getQueryExecution, getQueryResults, stopQueryExecution. The
  // request and response are the API's JSON shapes.
  virtual asl::Result<asl::Json, AwsError> Call(std::string_view api, const asl::Json& request,
                                                SimTime now) = 0;
  // When a query reaches SUCCEEDED, FAILED or CANCELLED; nullopt for an unknown id.
  virtual std::optional<SimTime> CompletionTime(const std::string& query_execution_id) const = 0;
};

}  // namespace sim
