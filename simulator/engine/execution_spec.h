#pragma once
// What starting an execution takes, and how it ended.

#include <cstdint>
#include <memory>
#include <string>

#include "asl/base/error.h"
#include "asl/model/state_machine.h"
#include "simulator/history/history_sink.h"

namespace sim {

enum class ExecutionStatus { kRunning, kSucceeded, kFailed, kTimedOut, kAborted };

// "RUNNING", "SUCCEEDED", … as DescribeExecution reports the status.
const char* StatusName(ExecutionStatus status);

struct ExecutionSpec {
  // The compiled definition; shared so child executions and map runs can outlive the caller's
  // copy.
  std::shared_ptr<const asl::StateMachine> machine;
  std::string state_machine_name = "StateMachine";
  std::string state_machine_arn;  // derived from the name when empty
  std::string name;               // execution name; a seeded UUID when empty
  std::string input_text = "{}";  // the input exactly as given (AWS echoes it verbatim)
  bool express = false;
  std::string role_arn;           // the simulation's default when empty
  HistorySink* sink = nullptr;    // null: the history is only counted
  uint64_t parent_execution = 0;  // the execution that started this one (0: none)
  // For distributed-map children: the map run's ARN (their executions are named after it).
  std::string map_run_arn;
};

}  // namespace sim
