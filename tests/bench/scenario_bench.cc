// The whole default scenario (scenarios/backfill.yaml: the production orchestrator and executors,
// Athena over generated customers, 0.1 % SNS publish failures, every expectation checked), in one
// process, run after run. The argument is the customer count written over the file's `rows`
// (20,000 makes one iteration about a second; 100,000 is the file as it is). Loading the
// scenario file is outside the timing; building the world (Athena tables included) is inside,
// as in `sfnsim run`.
//   ./build/sfnsim_bench --benchmark_filter=DefaultScenario

#include <benchmark/benchmark.h>

#include <string>

#include "asl/load/source_text.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"

namespace sim {
namespace {

void BM_DefaultScenario(benchmark::State& state) {
  const std::string path = std::string(SFNSIM_SOURCE_DIR) + "/scenarios/backfill.yaml";
  auto document = asl::ReadDocumentFile(path);
  if (!document.ok()) {
    state.SkipWithError("cannot read scenarios/backfill.yaml");
    return;
  }
  asl::Json& tables = document->value["athena"]["tables"];
  if (!tables.is_array() || tables.size() != 1) {
    state.SkipWithError("scenarios/backfill.yaml no longer has exactly one Athena table");
    return;
  }
  tables[0]["rows"] = state.range(0);
  auto scenario = ParseScenario(document->value, document->source,
                                std::string(SFNSIM_SOURCE_DIR) + "/scenarios");
  if (!scenario.ok()) {
    state.SkipWithError("the modified scenario does not parse");
    return;
  }

  int64_t events = 0;
  int64_t published = 0;
  int64_t executions = 0;
  for (auto _ : state) {
    ScenarioReport report = RunScenario(scenario.value(), RunOptions{});
    if (!report.passed()) {
      state.SkipWithError("an expectation of the scenario failed");
      return;
    }
    for (const ExecutionRecord& e : report.executions) events += e.history_events;
    published += static_cast<int64_t>(report.published.size());
    executions = static_cast<int64_t>(report.executions.size());
  }
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["published_per_second"] =
      benchmark::Counter(static_cast<double>(published), benchmark::Counter::kIsRate);
  state.counters["executions"] = static_cast<double>(executions);
}
BENCHMARK(BM_DefaultScenario)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenario)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sim
