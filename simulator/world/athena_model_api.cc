#include "simulator/world/athena_model_api.h"

#include <fmt/format.h>

namespace sim {

asl::Result<asl::Json, AwsError> AthenaModelApi::Call(std::string_view api,
                                                      const asl::Json& request, SimTime now) {
  if (api == "startQueryExecution") return model_.StartQueryExecution(request, now);
  if (api == "getQueryExecution") return model_.GetQueryExecution(request, now);
  if (api == "getQueryResults") return model_.GetQueryResults(request, now);
  if (api == "stopQueryExecution") return model_.StopQueryExecution(request, now);
  AwsError e;
  e.code = "UnknownOperationException";
  e.message = fmt::format("sfnsim's Athena does not simulate {}", api);
  e.http_status = 400;
  return asl::Fail(std::move(e));
}

}  // namespace sim
