#include "simulator/harness/execute_setup.h"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <string_view>

#include "asl/base/timestamp.h"
#include "asl/load/source_text.h"
#include "simulator/engine/execution.h"
#include "simulator/history/history_event.h"
#include "simulator/services/mock_config.h"

namespace sim {

asl::Result<EnvironmentOptions, ExecuteSetupError> BuildExecuteOptions(
    const ExecuteSettings& settings) {
  EnvironmentOptions options;
  if (!settings.world_path.empty()) {
    auto loaded = LoadWorld(settings.world_path, settings.policy);
    if (!loaded.ok()) {
      return asl::Fail(ExecuteSetupError{settings.world_path, std::move(loaded.error()), ""});
    }
    options.world = std::move(loaded.value());
  }
  options.seed = settings.seed;
  options.max_state_entries = settings.max_state_entries;
  if (!settings.start_time.empty()) {
    auto instant = asl::ParseRfc3339(settings.start_time);
    if (!instant) {
      return asl::Fail(ExecuteSetupError{
          "", std::nullopt,
          fmt::format("--start-time \"{}\": expected an RFC 3339 timestamp such as "
                      "2024-01-01T00:00:00Z",
                      settings.start_time)});
    }
    options.start_time = SimTime{instant->UnixMillis()};
  }
  if (!settings.mock_config.empty() || !settings.test_case.empty()) {
    if (settings.mock_config.empty() || settings.test_case.empty()) {
      return asl::Fail(
          ExecuteSetupError{"", std::nullopt, "--mock-config and --test-case go together"});
    }
    auto loaded = MockConfig::Load(settings.mock_config);
    if (!loaded.ok()) {
      return asl::Fail(ExecuteSetupError{settings.mock_config, std::move(loaded.error()), ""});
    }
    auto mocks = std::make_shared<const MockConfig>(std::move(loaded.value()));
    // An explicit machine name selects it in the mock file; otherwise the test case is looked
    // up across the file's machines.
    auto states = mocks->TestCase(settings.state_machine_name, settings.test_case);
    if (!states.ok()) {
      return asl::Fail(ExecuteSetupError{settings.mock_config, std::nullopt, states.error()});
    }
    // Scripted responses take precedence over the world's services.
    options.front_backends.push_back(std::make_unique<ScriptedBackend>(std::move(states.value())));
    options.retained.push_back(std::move(mocks));
  }
  return options;
}

asl::Result<std::string, ExecuteSetupError> ReadExecutionInput(const std::string& path) {
  if (path.empty()) return std::string("{}");
  std::string text;
  std::string name = path;
  if (path == "-") {
    name = "<stdin>";
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    auto read = asl::ReadTextFile(path);
    if (!read.ok()) return asl::Fail(ExecuteSetupError{path, std::move(read.error()), ""});
    text = std::move(read.value());
  }
  auto parsed = asl::ParseText(text, asl::TextSyntax::kJson);
  if (!parsed.ok()) {
    std::string message;
    for (const asl::TextError& e : parsed.error()) {
      // An error about the whole text (an empty file) has no line: name the file alone.
      std::string where = e.line > 0 ? fmt::format("{}:{}:{}", name, e.line, e.column) : name;
      message += fmt::format("{}: the execution input must be JSON: {}\n", where, e.message);
    }
    return asl::Fail(ExecuteSetupError{name, std::nullopt, std::move(message)});
  }
  return text;
}

std::string ExecutionMachineName(const std::string& flag, const std::string& from_template,
                                 const std::string& definition_path) {
  if (!flag.empty()) return flag;
  if (!from_template.empty()) return from_template;
  std::string stem = std::filesystem::path(definition_path).filename().string();
  stem = stem.substr(0, stem.find('.'));
  return stem.empty() ? "StateMachine" : stem;
}

std::string UnfinishedReason(const Execution& execution, const Simulation& simulation) {
  if (execution.ended()) return "";
  if (simulation.halted() && !simulation.halt_reason().empty()) return simulation.halt_reason();
  if (simulation.halted()) {
    return fmt::format(
        "stopped after {} states entered with the execution still RUNNING: a loop that never "
        "advances virtual time? (an EXPRESS loop of Pass and Choice states would run into its "
        "5-minute timeout on AWS, and in sfnsim unless its engine latency is off, see "
        "docs/known-differences.md). Raise --max-steps if the run is just long.",
        simulation.state_entries());
  }
  return "the execution is still RUNNING with nothing left to happen (a task token no one "
         "sends back, or a task no backend answers)";
}

double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

asl::Json TimingJson(const Execution& execution, double wall_s, double cpu_s) {
  int64_t entered = 0;
#define SFN_EVENT(name)                                                         \
  if (std::string_view(#name).ends_with("StateEntered")) {                      \
    entered += execution.history().count(EventType::k##name);                   \
  }
#include "simulator/history/event_types.def"
#undef SFN_EVENT
  const int64_t events = execution.history().count();
  return {{"exec_s", wall_s},
          {"exec_cpu_s", cpu_s},
          {"history_events", events},
          {"state_transitions", entered},
          {"events_per_s", wall_s > 0 ? static_cast<double>(events) / wall_s : 0.0}};
}

}  // namespace sim
