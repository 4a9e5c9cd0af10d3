// GetExecutionHistory: pages of an execution's events, oldest first or (reverseOrder) newest
// first, with or without the payloads.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html

#include <fmt/format.h>

#include "simulator/api/api_internal.h"
#include "simulator/api/served_history.h"
#include "simulator/engine/execution.h"

namespace sim::api {

asl::Json StepFunctionsApi::GetExecutionHistory(const ApiRequest& request) {
  const ExecutionRecord& record = ExecutionByArn(request.RequiredString("executionArn"));
  if (record.machine->express()) {
    // AWS keeps no history for EXPRESS executions (they go to CloudWatch Logs).
    Fail("InvalidArn", fmt::format("Invalid Arn: 'Resource type not valid in this context: "
                                   "express' ({})",
                                   record.arn));
  }
  const bool reverse = request.OptionalBoolean("reverseOrder").value_or(false);
  const bool include_data = request.OptionalBoolean("includeExecutionData").value_or(true);
  const int64_t page = request.PageSize(100);
  const ServedHistory& history = *record.history;
  const uint64_t size = history.size();
  // A position counts events from the first one in the order asked for.
  uint64_t position = 0;
  if (auto token = request.OptionalString("nextToken")) {
    position = PagePosition(*token);
    if (position > size) Fail("InvalidToken", fmt::format("Invalid Token: '{}'", *token));
  }
  asl::Json events = asl::Json::array();
  asl::Json response = asl::Json::object();
  for (; position < size; ++position) {
    if (static_cast<int64_t>(events.size()) == page) {
      response["nextToken"] = PageToken(position);
      break;
    }
    const size_t index = reverse ? size - 1 - position : position;
    events.push_back(history.WireEvent(index, include_data));
  }
  response["events"] = std::move(events);
  return response;
}

}  // namespace sim::api
