#pragma once
// What the action files of StepFunctionsApi share: the record of an execution started through
// the API, and the small helpers every action uses. Not for use outside simulator/api.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "asl/base/json.h"
#include "simulator/api/step_functions_api.h"

namespace sim::api {

struct StepFunctionsApi::ExecutionRecord {
  std::string arn;
  Execution* execution = nullptr;  // owned by the environment
  ServedHistory* history = nullptr;  // owned by the environment
  // The machine as it was when the execution started (DescribeStateMachineForExecution).
  std::shared_ptr<const StateMachineRecord> machine;
  uint64_t sequence = 0;
};

// "Invalid Arn: 'Invalid ARN prefix: x'" unless `arn` starts like one.
void CheckArn(const std::string& arn);
// A state machine's or execution's name: 1..80 characters of what AWS allows.
void CheckName(const std::string& name);

// A request's `tags` ([{key, value}], lengths checked); none when absent.
std::vector<std::pair<std::string, std::string>> ReadTags(const ApiRequest& request);
// Adds or replaces tags by key, keeping the order they were first given in.
void MergeTags(std::vector<std::pair<std::string, std::string>>& into,
               const std::vector<std::pair<std::string, std::string>>& tags);

// An opaque page token for a position; InvalidToken when it is not one of ours.
std::string PageToken(uint64_t position);
uint64_t PagePosition(const std::string& token);

}  // namespace sim::api
