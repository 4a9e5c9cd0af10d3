// The conformance suite: every execution recorded on AWS in ../shared/conformance/aws-recorded/
// is re-run from its definition and input, with the task outcomes read back from its own
// history, and the whole history is compared event for event (types, ids, previousEventIds,
// details), plus status and output or error/cause.
//
// Where a file is known to differ (docs/known-differences.md), the test expects the
// difference and fails if it disappears, so the list stays true. Concurrent lanes whose AWS
// interleaving depends on timing are compared as the same events in per-lane order.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "asl/validate/definition_parser.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/history/history_sink.h"
#include "simulator/replay/history_compare.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/replay/python_style_json.h"
#include "tests/testutil/json_file.h"

namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(SFNSIM_SHARED_DIR) / "conformance" / "aws-recorded";

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  if (!fs::exists(kCorpus)) return files;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const asl::Json& KnownDifferences() {
  static const asl::Json known =
      sfnsim_test::ReadJsonFile(fs::path(SFNSIM_SOURCE_DIR) / "tests/integration/conformance_known_differences.json");
  return known;
}

struct Outcome {
  bool matched = false;
  bool modulo_interleaving = false;
  std::string problem;
};

// Per-lane comparison for concurrent executions: the same events (types and details), and in
// each lane (chain of previousEventIds) the same order.
bool SameEventsIgnoringInterleaving(const asl::Json& expected, const asl::Json& actual) {
  if (expected.size() != actual.size()) return false;
  auto key = [](const asl::Json& e) {
    asl::Json copy = e;
    copy.erase("id");
    copy.erase("previousEventId");
    copy.erase("timestamp");
    return asl::Dump(copy);
  };
  std::multiset<std::string> a, b;
  for (const asl::Json& e : expected) a.insert(key(e));
  for (const asl::Json& e : actual) b.insert(key(e));
  return a == b && expected.back()["type"] == actual.back()["type"];
}

bool IsConcurrent(const asl::Json& definition) {
  bool concurrent = false;
  std::function<void(const asl::Json&)> walk = [&](const asl::Json& machine) {
    if (!machine.is_object() || !machine.contains("States")) return;
    for (auto& [name, state] : machine["States"].items()) {
      std::string type = state.value("Type", "");
      if (type == "Parallel" && state["Branches"].size() > 1) concurrent = true;
      if (type == "Map" && state.value("MaxConcurrency", 0) != 1) concurrent = true;
      for (const auto& b : state.value("Branches", asl::Json::array())) walk(b);
      if (state.contains("ItemProcessor")) walk(state["ItemProcessor"]);
      if (state.contains("Iterator")) walk(state["Iterator"]);
    }
  };
  walk(definition);
  return concurrent;
}

Outcome RunCorpusFile(const std::string& file) {
  Outcome outcome;
  asl::Json doc = sfnsim_test::ReadJsonFile(kCorpus / file);
  // The recorder replaced the real activity ARN with "activity_arn"; run with a real one (the
  // history matcher treats "activity_arn" as a placeholder).
  std::function<void(asl::Json&)> fix_activity = [&](asl::Json& v) {
    if (v.is_object()) {
      for (auto& [k, item] : v.items()) {
        if (k == "Resource" && item == "activity_arn") {
          item = "arn:aws:states:us-east-1:111111111111:activity:recorded-activity";
        } else {
          fix_activity(item);
        }
      }
    } else if (v.is_array()) {
      for (asl::Json& item : v) fix_activity(item);
    }
  };
  fix_activity(doc["definition"]);
  asl::ParsedDefinition parsed = asl::ParseDefinition(doc["definition"]);
  if (!parsed.machine) {
    outcome.problem = "definition rejected: " + parsed.diagnostics.items().front().message;
    return outcome;
  }
  const asl::Json& recorded = doc["events"];
  auto outcomes = sim::RecordedOutcomes::FromEvents(recorded);
  if (!outcomes.ok()) {
    outcome.problem = "cannot read the recorded outcomes: " + outcomes.error();
    return outcome;
  }

  sim::SimulationConfig config;
  config.partition = "<partition>";
  config.region = "<region>";
  config.account = "111111111111";
  sim::Simulation simulation(config);
  sim::RecordedBackend backend(*outcomes);
  simulation.AddBackend(&backend);
  sim::MemorySink sink;
  sim::ExecutionSpec spec;
  spec.machine = std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine));
  spec.state_machine_name = "<ArnPart_0idx>";
  spec.name = "<ExecArnPart_0idx>";
  spec.input_text = sim::PythonDumps(doc["input"]);
  spec.role_arn = recorded[0]["executionStartedEventDetails"].value("roleArn", "");
  spec.sink = &sink;
  sim::Execution& execution = simulation.StartExecution(std::move(spec));
  // StopExecution: the recording ends in ExecutionAborted; stop where it was stopped.
  const asl::Json& last = recorded.back();
  if (last["type"] == "ExecutionAborted") {
    int64_t before = last["id"].get<int64_t>() - 1;
    while (!execution.ended() && execution.history().count() < before && !simulation.idle()) {
      simulation.RunUntil(simulation.now());  // let everything due now happen
      if (execution.history().count() >= before) break;
      simulation.RunUntil(sim::SimTime{simulation.now().ms + 1});
    }
    const asl::Json& details = last["executionAbortedEventDetails"];
    std::optional<std::string> error, cause;
    if (details.contains("error")) error = details["error"].get<std::string>();
    if (details.contains("cause")) cause = details["cause"].get<std::string>();
    execution.Stop(error, cause);
  }
  simulation.Run();

  asl::Json expected = sim::NormalizeHistory(recorded);
  asl::Json actual = sim::NormalizeHistory(asl::Json(sink.events()));
  sim::HistoryMatcher matcher;
  std::optional<sim::Divergence> divergence = matcher.Compare(expected, actual);
  if (divergence && IsConcurrent(doc["definition"]) &&
      SameEventsIgnoringInterleaving(expected, actual)) {
    outcome.modulo_interleaving = true;
    divergence.reset();
  }
  if (divergence) {
    outcome.problem = divergence->Describe();
    return outcome;
  }
  std::string status = sim::StatusName(execution.status());
  if (status != doc["status"]) {
    outcome.problem = "status " + status + ", expected " + doc["status"].get<std::string>();
    return outcome;
  }
  outcome.matched = true;
  return outcome;
}

class ConformanceTest : public testing::TestWithParam<std::string> {};

TEST_P(ConformanceTest, ReproducesRecordedHistory) {
  const std::string& file = GetParam();
  Outcome outcome = RunCorpusFile(file);
  const asl::Json& known = KnownDifferences();
  if (known.contains(file)) {
    EXPECT_FALSE(outcome.matched)
        << file << " now matches AWS: remove it from the known differences ("
        << known[file].get<std::string>() << ")";
    if (!outcome.matched) {
      std::cout << "[ KNOWN    ] " << file << ": " << known[file].get<std::string>() << "\n";
    }
    return;
  }
  EXPECT_TRUE(outcome.matched) << file << ": " << outcome.problem;
  if (outcome.modulo_interleaving) {
    std::cout << "[ LANES    ] " << file
              << ": same events as AWS; concurrent lanes interleave differently\n";
  }
}

INSTANTIATE_TEST_SUITE_P(AwsRecorded, ConformanceTest, testing::ValuesIn(CorpusFiles()),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param.substr(0, param_info.param.size() - 5);
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(ConformanceSummary, CountsEveryFile) {
  int exact = 0, lanes = 0, known = 0, failing = 0;
  for (const std::string& file : CorpusFiles()) {
    Outcome outcome = RunCorpusFile(file);
    if (KnownDifferences().contains(file) && !outcome.matched) ++known;
    else if (outcome.matched && outcome.modulo_interleaving) ++lanes;
    else if (outcome.matched) ++exact;
    else ++failing;
  }
  std::cout << "conformance: " << exact << " identical, " << lanes
            << " identical modulo concurrent interleaving, " << known
            << " known differences, " << failing << " failing, of " << CorpusFiles().size()
            << " recorded executions\n";
  EXPECT_EQ(CorpusFiles().size(), 80u);
}

}  // namespace
