#pragma once
// Scripted task responses in AWS Step Functions Local's MockConfigFile format.
// https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html
//
//   {"StateMachines": {"<machine>": {"TestCases": {"<case>": {"<state>": "<response>"}}}},
//    "MockedResponses": {"<response>": {"0": {"Return": …}, "1-2": {"Throw": {"Error", "Cause"}}}}}
//
// Keys of a mocked response are zero-based invocation indexes of the state within one
// execution (retries count), or inclusive ranges "a-b".

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/engine/service_backend.h"

namespace sim {

struct MockedStep {
  int64_t first = 0;  // invocation indexes, inclusive
  int64_t last = 0;
  bool is_throw = false;
  asl::Json value;    // Return
  asl::Error error;   // Throw
};

struct MockedResponse {
  std::string name;
  std::vector<MockedStep> steps;  // sorted by `first`, non-overlapping
  const MockedStep* Find(int64_t invocation) const;
};

class MockConfig {
 public:
  // Parses and validates; every problem is reported with its JSON pointer.
  static asl::Result<MockConfig, asl::DiagnosticList> Parse(const asl::Json& document);
  static asl::Result<MockConfig, asl::DiagnosticList> Load(const std::string& path);

  // state name -> mocked response, for one test case of one state machine. When the machine
  // name is empty, the case is looked up across machines (it must be unambiguous). The error
  // names what exists.
  asl::Result<std::map<std::string, const MockedResponse*>, std::string> TestCase(
      const std::string& state_machine, const std::string& test_case) const;

 private:
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> machines_;
  std::map<std::string, MockedResponse> responses_;
};

// Serves the tasks of the states a test case mocks; other states fall through to the next
// backend. An invocation index the response does not cover fails the task with a clear
// States.Runtime error (AWS Step Functions Local's behaviour there is not documented).
class ScriptedBackend final : public ServiceBackend {
 public:
  explicit ScriptedBackend(std::map<std::string, const MockedResponse*> states)
      : states_(std::move(states)) {}
  bool Invoke(const TaskRequest& request, const TaskHandle& handle) override;

 private:
  std::map<std::string, const MockedResponse*> states_;
};

}  // namespace sim
