#pragma once
// A benchmark's state machine with the scripted Task responses of one mock test case (AWS Step
// Functions Local MockConfigFile format), as the engine benchmarks run them.

#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "asl/validate/definition_parser.h"
#include "simulator/services/mock_config.h"

namespace sim {

struct ScriptedMachine {
  std::shared_ptr<const asl::StateMachine> machine;
  std::unique_ptr<MockConfig> mocks;  // owns the responses `states` points to
  std::map<std::string, const MockedResponse*> states;
};

// Parses both; on a problem, skips the benchmark with an error and returns nullopt.
inline std::optional<ScriptedMachine> LoadScriptedMachine(benchmark::State& state,
                                                          const char* definition,
                                                          const char* mock_config,
                                                          const std::string& machine_name,
                                                          const std::string& test_case) {
  asl::ParsedDefinition parsed = asl::ParseDefinition(asl::Json::parse(definition));
  auto mocks = MockConfig::Parse(asl::Json::parse(mock_config));
  if (!parsed.machine || !mocks.ok()) {
    state.SkipWithError("the benchmark's definition or mock config does not parse");
    return std::nullopt;
  }
  ScriptedMachine loaded;
  loaded.machine = std::move(parsed.machine);
  loaded.mocks = std::make_unique<MockConfig>(std::move(mocks.value()));
  auto states = loaded.mocks->TestCase(machine_name, test_case);
  if (!states.ok()) {
    state.SkipWithError(states.error().c_str());
    return std::nullopt;
  }
  loaded.states = std::move(states.value());
  return loaded;
}

}  // namespace sim
