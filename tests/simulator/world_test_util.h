#pragma once
// Running definitions against a World in tests: build the world from a JSON/YAML text, install
// it, start an execution, run, and read the histories back (the top-level one and every child
// execution's).

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "asl/load/source_text.h"
#include "asl/validate/definition_parser.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/history/history_sink.h"
#include "simulator/world/world.h"
#include "tests/testutil/json_file.h"

namespace sfnsim_test {

// Parses a world document (JSON or YAML); ADD_FAILUREs every diagnostic.
inline sim::WorldConfig WorldFromText(const std::string& text, const std::string& base = "") {
  auto parsed = asl::ParseText(text, asl::GuessSyntax(text, ""));
  if (!parsed.ok()) {
    for (const auto& e : parsed.error()) ADD_FAILURE() << "world text line " << e.line << ": " << e.message;
    return {};
  }
  asl::SourceMap source;
  source.file = "world";
  source.lines = parsed->lines;
  auto config = sim::ParseWorld(parsed->value, source, base);
  if (!config.ok()) {
    for (const asl::Diagnostic& d : config.error().items()) {
      ADD_FAILURE() << asl::FormatDiagnostic(d, source);
    }
    return {};
  }
  return std::move(config.value());
}

inline std::shared_ptr<const asl::StateMachine> Machine(const asl::Json& definition,
                                                        bool express = false) {
  asl::ParseOptions options;
  options.express = express;
  asl::ParsedDefinition parsed = asl::ParseDefinition(definition, options);
  for (const asl::Diagnostic& d : parsed.diagnostics.items()) {
    if (d.severity == asl::Severity::kError) ADD_FAILURE() << d.pointer << ": " << d.message;
  }
  return std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine));
}

// A simulation with a world installed and histories kept.
struct WorldRun {
  std::unique_ptr<sim::Simulation> simulation;
  std::unique_ptr<sim::World> world;
  sim::MemorySink sink;
  std::map<std::string, std::unique_ptr<sim::MemorySink>> child_sinks;  // by execution name
  sim::Execution* execution = nullptr;

  WorldRun(sim::WorldConfig config, sim::SimulationConfig settings = {}) {
    config.ApplyTo(settings);
    simulation = std::make_unique<sim::Simulation>(settings);
    world = std::make_unique<sim::World>(std::move(config));
    world->SetChildSinkFactory([this](const sim::ExecutionSpec& spec) -> sim::HistorySink* {
      auto& slot = child_sinks[spec.name];
      slot = std::make_unique<sim::MemorySink>();
      return slot.get();
    });
  }

  // Installs the world (failing the test on error).
  bool Install() {
    auto installed = world->Install(*simulation);
    EXPECT_TRUE(installed.ok()) << (installed.ok() ? "" : installed.error());
    return installed.ok();
  }

  // Registers `machine` as `name` and starts it (does not run).
  sim::Execution& Start(std::shared_ptr<const asl::StateMachine> machine,
                        const std::string& input, const std::string& name = "Main",
                        const std::string& execution_name = "run", bool express = false) {
    auto registered = world->RegisterStateMachine(name, machine, express);
    EXPECT_TRUE(registered.ok()) << (registered.ok() ? "" : registered.error());
    sim::ExecutionSpec spec;
    spec.machine = std::move(machine);
    spec.state_machine_name = name;
    spec.name = execution_name;
    spec.input_text = input;
    spec.express = express;
    spec.sink = &sink;
    execution = &simulation->StartExecution(std::move(spec));
    return *execution;
  }

  sim::Execution& Run(std::shared_ptr<const asl::StateMachine> machine, const std::string& input) {
    Install();
    Start(std::move(machine), input);
    simulation->Run();
    return *execution;
  }

  asl::Json Events() const { return asl::Json(sink.events()); }
};

// "1/0 ExecutionStarted, 2/0 TaskStateEntered, …"
inline std::string EventShape(const asl::Json& events) {
  std::string out;
  for (const asl::Json& e : events) {
    if (!out.empty()) out += ", ";
    out += std::to_string(e["id"].get<int64_t>()) + "/" +
           std::to_string(e["previousEventId"].get<int64_t>()) + " " + e["type"].get<std::string>();
  }
  return out;
}

// The first event of `type` (null when none).
inline asl::Json FindEvent(const asl::Json& events, const std::string& type) {
  for (const asl::Json& e : events) {
    if (e["type"] == type) return e;
  }
  return nullptr;
}

// A payload in an AWS CLI history event (JSON text) as a value.
inline asl::Json Payload(const asl::Json& text) {
  return asl::Json::parse(text.get<std::string>());
}

// Keys of an object, in order, joined by commas.
inline std::string Keys(const asl::Json& object) {
  std::string out;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!out.empty()) out += ",";
    out += it.key();
  }
  return out;
}

}  // namespace sfnsim_test
