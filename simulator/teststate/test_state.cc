// RunTestState: the request read and checked, the state compiled and run, the response built
// with AWS's member names. AWS writes the response's members, and inspectionData's, in
// alphabetical order (LocalStack's AWS-validated snapshots show no other order), so they are
// written so here too.

#include "simulator/teststate/test_state.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "asl/base/json.h"
#include "simulator/teststate/state_runner.h"
#include "simulator/teststate/test_state_request.h"
#include "simulator/teststate/tested_state.h"

namespace sim {

namespace {

const char* StatusName(TestStatus status) {
  switch (status) {
    case TestStatus::kSucceeded: return "SUCCEEDED";
    case TestStatus::kFailed: return "FAILED";
    case TestStatus::kRetriable: return "RETRIABLE";
    case TestStatus::kCaughtError: return "CAUGHT_ERROR";
  }
  return "FAILED";
}

// `object`'s members in alphabetical order of their names, nested objects too (errorDetails).
asl::Json Alphabetical(const asl::Json& object) {
  std::vector<std::string> names;
  names.reserve(object.size());
  for (const auto& [name, value] : object.items()) names.push_back(name);
  std::sort(names.begin(), names.end());
  asl::Json sorted = asl::ObjectWithCapacity(names.size());
  for (const std::string& name : names) {
    const asl::Json& value = object.at(name);
    sorted[name] = value.is_object() ? Alphabetical(value) : value;
  }
  return sorted;
}

asl::Json Response(TestStateOutcome outcome, const TestStateRequest& request) {
  asl::Json response = asl::Json::object();
  if (outcome.error) {
    if (outcome.error->has_cause) response["cause"] = outcome.error->cause;
    if (outcome.error->has_name) response["error"] = outcome.error->name;
  }
  if (request.level != InspectionLevel::kInfo && !outcome.inspection.empty()) {
    response["inspectionData"] = Alphabetical(outcome.inspection);
  }
  if (!outcome.next_state.empty()) response["nextState"] = outcome.next_state;
  if (outcome.output) response["output"] = asl::Dump(*outcome.output);
  response["status"] = StatusName(outcome.status);
  return response;
}

}  // namespace

asl::Result<asl::Json, TestStateFailure> RunTestState(const asl::Json& body,
                                                      const TestStateOptions& options) {
  auto request = ReadTestStateRequest(body);
  if (!request.ok()) return asl::Fail(std::move(request.error()));
  auto tested = CompileTestedState(*request);
  if (!tested.ok()) return asl::Fail(std::move(tested.error()));
  if (auto checked = CheckRequest(*tested, *request, options.world != nullptr); !checked.ok()) {
    return asl::Fail(std::move(checked).error());
  }
  auto outcome = RunTestedState(*tested, *request, options);
  if (!outcome.ok()) return asl::Fail(std::move(outcome.error()));
  return Response(std::move(*outcome), *request);
}

}  // namespace sim
