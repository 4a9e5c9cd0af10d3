// Replay of a history whose concurrent lanes come out in another order: a divergence (ids and
// previousEventIds differ) unless the caller explicitly allows another interleaving.

#include <gtest/gtest.h>

#include "asl/validate/definition_parser.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/history/history_sink.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/replay/replay_summary.h"
#include "simulator/replay/replayer.h"

namespace {

// A Parallel whose first branch waits `first_wait` seconds and whose second waits 2.
std::shared_ptr<const asl::StateMachine> TwoBranches(int first_wait) {
  asl::Json definition = asl::Json::parse(R"({"StartAt":"P","States":{"P":{"Type":"Parallel",
      "Branches":[
        {"StartAt":"W1","States":{"W1":{"Type":"Wait","Seconds":1,"Next":"A"},
                                  "A":{"Type":"Pass","End":true}}},
        {"StartAt":"W2","States":{"W2":{"Type":"Wait","Seconds":2,"Next":"B"},
                                  "B":{"Type":"Pass","End":true}}}],
      "End":true}}})");
  definition["States"]["P"]["Branches"][0]["States"]["W1"]["Seconds"] = first_wait;
  asl::ParsedDefinition parsed = asl::ParseDefinition(definition);
  EXPECT_NE(parsed.machine, nullptr);
  return std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine));
}

sim::RecordedExecution Record(std::shared_ptr<const asl::StateMachine> machine) {
  sim::Simulation simulation;
  sim::MemorySink sink;
  sim::ExecutionSpec spec;
  spec.machine = std::move(machine);
  spec.name = "run";
  spec.sink = &sink;
  simulation.StartExecution(std::move(spec));
  simulation.Run();
  sim::HistoryDocument page;
  page.value = sink.ToJson();
  page.source.file = "history.json";
  auto recorded = sim::ReadRecordedExecution({page}, nullptr);
  EXPECT_TRUE(recorded.ok()) << recorded.error();
  return recorded.ok() ? std::move(recorded.value()) : sim::RecordedExecution{};
}

TEST(ReplayInterleaving, ReorderedLanesAreADivergenceByDefault) {
  sim::RecordedExecution recorded = Record(TwoBranches(1));
  auto outcomes = sim::RecordedOutcomes::FromEvents(recorded.events);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error();
  // Branch 1 now waits 3 s: branch 2's events come first, so ids and links differ from the
  // recording's although every event is still there.
  auto changed = TwoBranches(3);
  sim::ReplayReport report = sim::Replay(changed, recorded, *outcomes, {});
  ASSERT_TRUE(report.divergence.has_value());
  EXPECT_FALSE(report.modulo_interleaving);
  EXPECT_FALSE(report.identical());
  std::string summary = sim::FormatReplaySummary(recorded, *outcomes, report);
  EXPECT_NE(summary.find("diverged"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("identical"), std::string::npos) << summary;

  // Only on request is it the same events in another order.
  sim::ReplayOptions lenient;
  lenient.allow_interleaving = true;
  sim::ReplayReport allowed = sim::Replay(changed, recorded, *outcomes, lenient);
  EXPECT_FALSE(allowed.divergence.has_value());
  EXPECT_TRUE(allowed.modulo_interleaving);
  EXPECT_TRUE(allowed.identical());
  summary = sim::FormatReplaySummary(recorded, *outcomes, allowed);
  EXPECT_NE(summary.find("same events, other order (allowed by --allow-interleaving)"),
            std::string::npos)
      << summary;
}

TEST(ReplayInterleaving, TheSameDefinitionIsIdenticalWithoutLeniency) {
  sim::RecordedExecution recorded = Record(TwoBranches(1));
  auto outcomes = sim::RecordedOutcomes::FromEvents(recorded.events);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error();
  sim::ReplayReport report = sim::Replay(TwoBranches(1), recorded, *outcomes, {});
  EXPECT_TRUE(report.identical())
      << (report.divergence ? report.divergence->Describe() : report.status);
  EXPECT_FALSE(report.modulo_interleaving);
}

}  // namespace
