#include "tests/testutil/simulator/engine_harness.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace sfnsim_test {

std::shared_ptr<const asl::StateMachine> ParseMachine(const std::string& definition,
                                                      bool express) {
  asl::Json doc = asl::Json::parse(definition, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    ADD_FAILURE() << "definition is not JSON: " << definition;
    return nullptr;
  }
  asl::ParseOptions options;
  options.express = express;
  asl::ParsedDefinition parsed = asl::ParseDefinition(doc, options);
  for (const asl::Diagnostic& d : parsed.diagnostics.items()) {
    if (d.severity == asl::Severity::kError) {
      ADD_FAILURE() << d.pointer << ": " << d.message;
    }
  }
  return std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine));
}

bool FakeBackend::Invoke(const sim::TaskRequest& request, const sim::TaskHandle& handle) {
  std::string state(request.state_name);
  auto it = responses_.find(state);
  if (it == responses_.end() || it->second.empty()) return false;
  int call = calls_[state]++;
  const Response& r = it->second[std::min<size_t>(call, it->second.size() - 1)];
  sim::SimTime done = request.now + sim::Duration{r.latency_ms};
  handle.Start(request.now);
  if (r.fail) handle.Fail(done, r.error);
  else handle.Succeed(done, r.output);
  return true;
}

RunResult RunMachine(std::shared_ptr<const asl::StateMachine> machine, const std::string& input,
              sim::ServiceBackend* backend, sim::SimulationConfig config, bool express,
              bool keep_history) {
  RunResult result;
  if (!machine) return result;
  sim::Simulation simulation(config);
  if (backend) simulation.AddBackend(backend);
  sim::MemorySink sink;
  sim::ExecutionSpec spec;
  spec.machine = machine;
  spec.state_machine_name = "Test";
  spec.name = "run";
  spec.input_text = input;
  spec.express = express;
  spec.sink = keep_history ? &sink : nullptr;
  sim::Execution& execution = simulation.StartExecution(std::move(spec));
  simulation.Run();
  result.status = execution.status();
  result.output = execution.output();
  result.error = execution.error();
  result.events = asl::Json(sink.events());
  result.event_count = execution.history().count();
  result.duration_ms = (execution.ended() ? execution.stop_time() : simulation.now()).ms -
                       execution.start_time().ms;
  return result;
}

std::string Shape(const asl::Json& events) {
  std::string out;
  for (const asl::Json& e : events) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{}/{} {}", e["id"].get<int64_t>(), e["previousEventId"].get<int64_t>(),
                       e["type"].get<std::string>());
  }
  return out;
}

}  // namespace sfnsim_test
