// The conformance suite: every execution recorded on AWS in tests/data/conformance/aws-recorded/
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

#include "asl/base/diagnostic.h"
#include "asl/validate/definition_parser.h"
#include "simulator/world/world_config.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/recorded_outcomes.h"
#include "simulator/replay/replayer.h"
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

// What a recording's outside world held that its history does not show (an ItemReader's S3
// object), as world documents per file: the replay serves those calls from them.
const asl::Json& Worlds() {
  static const asl::Json worlds =
      sfnsim_test::ReadJsonFile(fs::path(SFNSIM_SOURCE_DIR) / "tests/integration/conformance_worlds.json");
  return worlds;
}

struct Outcome {
  bool matched = false;
  bool modulo_interleaving = false;
  std::string problem;
};

// Replays the file through simulator/replay (the path `sfnsim replay` takes): its definition,
// input and recorded task outcomes, compared event for event.
Outcome RunCorpusFile(const std::string& file) {
  Outcome outcome;
  auto recorded = sim::LoadRecordedExecution({(kCorpus / file).string()}, "");
  if (!recorded.ok()) {
    outcome.problem = "cannot read the recording: " + recorded.error();
    return outcome;
  }
  asl::ParsedDefinition parsed = asl::ParseDefinition(*recorded->definition);
  if (!parsed.machine) {
    outcome.problem = "definition rejected: " + parsed.diagnostics.items().front().message;
    return outcome;
  }
  auto outcomes = sim::RecordedOutcomes::FromEvents(recorded->events);
  if (!outcomes.ok()) {
    outcome.problem = "cannot read the recorded outcomes: " + outcomes.error();
    return outcome;
  }
  // AWS's own interleaving of concurrent lanes depended on its timing: accepted here, and
  // counted apart below, explicitly (a plain replay calls that a divergence).
  sim::ReplayOptions options;
  options.allow_interleaving = true;
  sim::WorldConfig world;
  if (Worlds().contains(file)) {
    asl::SourceMap source;
    source.file = "conformance_worlds.json#/" + file;
    auto declared = sim::ParseWorld(Worlds()[file], source, "");
    if (!declared.ok()) {
      outcome.problem = "bad world: " + declared.error().items().front().message;
      return outcome;
    }
    world = std::move(*declared);
    options.world = &world;
  }
  sim::ReplayReport report =
      sim::Replay(std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine)), *recorded,
                  *outcomes, options);
  if (!report.setup_error.empty()) {
    outcome.problem = "the replay could not run: " + report.setup_error;
    return outcome;
  }
  outcome.modulo_interleaving = report.modulo_interleaving;
  if (report.divergence) {
    outcome.problem = report.divergence->Describe();
    return outcome;
  }
  if (report.status != report.recorded_status) {
    outcome.problem = "status " + report.status + ", expected " + report.recorded_status;
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
