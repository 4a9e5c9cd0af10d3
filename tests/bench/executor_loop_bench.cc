// The executor-style loop (the shared peers' workload W1): Init Pass, then N x (Task sns:publish
// with a scripted result -> Pass with States.MathAdd -> Choice page < pages), 9N + 6 history
// events per execution. Measured with the history only counted, streamed to a file, and kept
// in memory; the figure that matters is `events_per_second`. The EngineLatency variant runs it
// with AWS's default engine latency (a timer per state entered, docs/world.md), as a world does.
//   ./build/sfnsim_bench --benchmark_filter=ExecutorLoop

#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/history/history_sink.h"
#include "simulator/services/mock_config.h"
#include "tests/bench/scripted_machine.h"

namespace sim {
namespace {

constexpr const char* kDefinition = R"json({
  "StartAt": "Init",
  "States": {
    "Init": {"Type": "Pass",
             "Parameters": {"page": 0, "pages.$": "$.pages", "topic.$": "$.topic"},
             "Next": "PublishPage"},
    "PublishPage": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                    "Parameters": {"TopicArn.$": "$.topic",
                                   "Message.$": "States.Format('page {} of {}', $.page, $.pages)"},
                    "ResultPath": "$.published", "Next": "Increment"},
    "Increment": {"Type": "Pass",
                  "Parameters": {"page.$": "States.MathAdd($.page, 1)", "pages.$": "$.pages",
                                 "topic.$": "$.topic"},
                  "Next": "MorePages"},
    "MorePages": {"Type": "Choice",
                  "Choices": [{"Variable": "$.page", "NumericLessThanPath": "$.pages",
                               "Next": "PublishPage"}],
                  "Default": "Done"},
    "Done": {"Type": "Succeed"}
  }
})json";

constexpr const char* kMockConfig = R"({
  "StateMachines": {"Loop": {"TestCases": {"Bench": {"PublishPage": "Published"}}}},
  "MockedResponses": {"Published": {
      "0-1000000": {"Return": {"MessageId": "00000000-0000-4000-8000-000000000001"}}}}
})";

enum class Keep { kCounted, kStreamed, kInMemory };

// Runs the loop once per benchmark iteration; reports history events per second.
void RunExecutorLoop(benchmark::State& state, Keep keep,
                     EngineLatency engine = EngineLatency::None()) {
  const int64_t pages = state.range(0);
  std::optional<ScriptedMachine> loaded =
      LoadScriptedMachine(state, kDefinition, kMockConfig, "Loop", "Bench");
  if (!loaded) return;
  const std::string input =
      R"({"pages": )" + std::to_string(pages) +
      R"(, "topic": "arn:aws:sns:us-east-1:123456789012:etl-pages"})";
  const std::string stream_path = "/tmp/sfnsim_bench_history.json";

  int64_t events = 0;
  for (auto _ : state) {
    ScriptedBackend backend(loaded->states);
    SimulationConfig config;
    config.engine_latency = engine;
    Simulation simulation(config);
    simulation.AddBackend(&backend);
    std::unique_ptr<HistorySink> sink;
    if (keep == Keep::kStreamed) sink = std::make_unique<StreamingSink>(stream_path);
    if (keep == Keep::kInMemory) sink = std::make_unique<MemorySink>();
    ExecutionSpec spec;
    spec.machine = loaded->machine;
    spec.state_machine_name = "Loop";
    spec.name = "bench";
    spec.input_text = input;
    spec.sink = sink.get();
    Execution& execution = simulation.StartExecution(std::move(spec));
    simulation.Run();
    if (execution.status() != ExecutionStatus::kSucceeded ||
        execution.history().count() != 9 * pages + 6) {
      state.SkipWithError("the loop did not succeed with 9N + 6 events");
      return;
    }
    events += execution.history().count();
  }
  if (keep == Keep::kStreamed) std::remove(stream_path.c_str());
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(9 * pages + 6);
}

void BM_ExecutorLoopCounted(benchmark::State& state) { RunExecutorLoop(state, Keep::kCounted); }
void BM_ExecutorLoopStreamed(benchmark::State& state) { RunExecutorLoop(state, Keep::kStreamed); }
void BM_ExecutorLoopInMemory(benchmark::State& state) { RunExecutorLoop(state, Keep::kInMemory); }
void BM_ExecutorLoopEngineLatency(benchmark::State& state) {
  RunExecutorLoop(state, Keep::kCounted, EngineLatency::AwsDefaults());
}

// 2,700 iterations: the peers' largest W1 run (24,306 events, just under the limit).
BENCHMARK(BM_ExecutorLoopCounted)->Arg(100)->Arg(2700)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExecutorLoopStreamed)->Arg(2700)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExecutorLoopInMemory)->Arg(2700)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExecutorLoopEngineLatency)->Arg(100)->Arg(2700)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sim
