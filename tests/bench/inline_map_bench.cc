// An inline Map over 1,000 items (the shared peers' workload W2): MaxConcurrency 40, an
// ItemSelector reading $$.Map.Item.*, and per item a Pass (States.Format) and a Task
// (sns:publish with a scripted result, ResultSelector). 9N + 6 history events, counted; the
// figure that matters is `events_per_second`.
//   ./build/sfnsim_bench --benchmark_filter=InlineMap

#include <benchmark/benchmark.h>

#include <memory>
#include <optional>
#include <string>

#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/services/mock_config.h"
#include "tests/bench/scripted_machine.h"

namespace sim {
namespace {

constexpr const char* kInlineMapDefinition = R"json({
  "StartAt": "EachItem",
  "States": {
    "EachItem": {
      "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 40,
      "ItemSelector": {"id.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "INLINE"},
        "StartAt": "Prepare",
        "States": {
          "Prepare": {"Type": "Pass",
                      "Parameters": {"msg.$": "States.Format('item {} at {}', $.id, $.index)"},
                      "Next": "Publish"},
          "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                      "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:etl-pages",
                                     "Message.$": "$.msg"},
                      "ResultSelector": {"id.$": "$.MessageId"},
                      "End": true}
        }
      },
      "ResultSelector": {"count.$": "States.ArrayLength($)"},
      "ResultPath": "$.result", "OutputPath": "$.result", "End": true
    }
  }
})json";

constexpr const char* kInlineMapMocks = R"({
  "StateMachines": {"Map": {"TestCases": {"Bench": {"Publish": "Published"}}}},
  "MockedResponses": {"Published": {
      "0-1000000": {"Return": {"MessageId": "00000000-0000-4000-8000-000000000002"}}}}
})";

void BM_InlineMap(benchmark::State& state) {
  const int64_t items = state.range(0);
  std::optional<ScriptedMachine> loaded =
      LoadScriptedMachine(state, kInlineMapDefinition, kInlineMapMocks, "Map", "Bench");
  if (!loaded) return;
  asl::Json item_list = asl::Json::array();
  for (int64_t i = 0; i < items; ++i) item_list.push_back("item-" + std::to_string(i));
  const std::string input = asl::Dump(asl::Json{{"items", item_list}});

  int64_t events = 0;
  for (auto _ : state) {
    ScriptedBackend backend(loaded->states);
    Simulation simulation;
    simulation.AddBackend(&backend);
    ExecutionSpec spec;
    spec.machine = loaded->machine;
    spec.state_machine_name = "Map";
    spec.name = "bench";
    spec.input_text = input;
    Execution& execution = simulation.StartExecution(std::move(spec));
    simulation.Run();
    if (execution.status() != ExecutionStatus::kSucceeded ||
        execution.history().count() != 9 * items + 6 ||
        execution.output() != asl::Json{{"count", items}}) {
      state.SkipWithError("the Map did not succeed with 9N + 6 events and {\"count\": N}");
      return;
    }
    events += execution.history().count();
  }
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(9 * items + 6);
}
BENCHMARK(BM_InlineMap)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sim
