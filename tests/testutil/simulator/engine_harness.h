#pragma once
// Test helpers for running definitions in a simulation: parse a definition from a string
// (failing the test with every diagnostic), script task responses, and read the history back.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/validate/definition_parser.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/history/history_sink.h"
#include "simulator/services/mock_config.h"

namespace sfnsim_test {

// Parses a definition; ADD_FAILUREs every diagnostic and returns null when it is invalid.
std::shared_ptr<const asl::StateMachine> ParseMachine(const std::string& definition,
                                                      bool express = false);

// A backend scripted in code: per state name, the responses of successive invocations (the
// last one repeats).
class FakeBackend final : public sim::ServiceBackend {
 public:
  struct Response {
    bool fail = false;
    asl::Json output;
    asl::Error error;
    int64_t latency_ms = 0;
  };
  static Response Ok(asl::Json output, int64_t latency_ms = 0) {
    return {false, std::move(output), {}, latency_ms};
  }
  static Response Throw(std::string error, std::string cause, int64_t latency_ms = 0) {
    return {true, {}, asl::Error(std::move(error), std::move(cause)), latency_ms};
  }
  void On(const std::string& state, std::vector<Response> responses) {
    responses_[state] = std::move(responses);
  }
  bool Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) override;
  int calls(const std::string& state) const {
    auto it = calls_.find(state);
    return it == calls_.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, std::vector<Response>> responses_;
  std::map<std::string, int> calls_;
};

struct RunResult {
  sim::ExecutionStatus status = sim::ExecutionStatus::kRunning;
  asl::Json output;
  asl::Error error;
  asl::Json events;  // the history events, AWS CLI shape
  int64_t event_count = 0;
  int64_t duration_ms = 0;
};

// Runs `machine` on `input` in a fresh simulation with `backend` and returns how it ended.
RunResult RunMachine(std::shared_ptr<const asl::StateMachine> machine, const std::string& input,
              sim::ServiceBackend* backend = nullptr, sim::SimulationConfig config = {},
              bool express = false, bool keep_history = true);

// "1/0 ExecutionStarted, 2/0 PassStateEntered, …": ids, previous ids and types, for compact
// assertions on a history's shape.
std::string Shape(const asl::Json& events);

}  // namespace sfnsim_test
