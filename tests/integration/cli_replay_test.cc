// sfnsim replay and sfnsim calibrate from the command line: the conformance recordings replay as
// identical, a mutated recording diverges at the right event, bad input exits 2 with the file
// named, and the production story: an injected SNS failure recorded, replayed against the Retry
// fix (now retried, the execution succeeds), saved as a scenario that passes.

#include <gtest/gtest.h>

#include <filesystem>

#include "asl/base/json.h"
#include "tests/integration/cli_test_util.h"
#include "tests/testutil/json_file.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const fs::path kReplayCliCorpus = fs::path(SFNSIM_SHARED_DIR) / "conformance" / "aws-recorded";
const fs::path kReplayCliSource = fs::path(SFNSIM_SOURCE_DIR);
// The replay scenarios read ../../fixtures, and the saved ones (in scratch directories) the
// repository's definitions: allowed explicitly (docs/security.md).
const std::string kRunInSource = "run --quiet --allow-outside " + kReplayCliSource.string() + " ";

TEST(CliReplay, EveryRecordingReplaysIdenticalButTheKnownDifferences) {
  ScratchDir dir;
  asl::Json known = sfnsim_test::ReadJsonFile(
      kReplayCliSource / "tests/integration/conformance_known_differences.json");
  // Recordings whose outside world is not in their history (an ItemReader's S3 object) replay
  // with `--world` (conformance_test.cc reads the same file).
  asl::Json worlds =
      sfnsim_test::ReadJsonFile(kReplayCliSource / "tests/integration/conformance_worlds.json");
  int identical = 0, differing = 0, interleaved = 0;
  for (const auto& entry : fs::directory_iterator(kReplayCliCorpus)) {
    if (entry.path().extension() != ".json") continue;
    std::string file = entry.path().filename().string();
    std::string world_flag;
    if (worlds.contains(file)) {
      world_flag = " --world " + dir.Write(file + ".world.json", worlds[file].dump());
    }
    auto r = RunSfnsim("replay " + entry.path().string() + world_flag, dir);
    if (known.contains(file)) {
      EXPECT_NE(r.exit_code, 0) << file << " now replays identical: update the known differences";
      ++differing;
      continue;
    }
    if (file == "map_inline_concurrent_timeout_aborts.json") {
      // AWS interleaved its concurrent iterations by its own timing: the same events with other
      // ids and links, which a plain replay calls a divergence (issue 16, defect 13; the
      // conformance suite accepts it explicitly with ReplayOptions::allow_interleaving).
      EXPECT_EQ(r.exit_code, 1) << file << "\n" << r.out << r.err;
      EXPECT_NE(r.out.find("\ndiverged at event "), std::string::npos) << file << "\n" << r.out;
      ++interleaved;
      continue;
    }
    EXPECT_EQ(r.exit_code, 0) << file << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("\nidentical: "), std::string::npos) << file << "\n" << r.out;
    ++identical;
  }
  // The five recorded JSONata cases replay identical too, and the ItemReader failure since
  // issue 19.
  EXPECT_EQ(identical, 75);
  EXPECT_EQ(interleaved, 1);
  EXPECT_EQ(differing, 4);
}

TEST(CliReplay, MutatedRecordedOutcomeDivergesWhereTheRunUsesIt) {
  ScratchDir dir;
  asl::Json doc = sfnsim_test::ReadJsonFile(kReplayCliCorpus / "lambda_retry_then_catch.json");
  // Event 14 is the last attempt's LambdaFunctionFailed: record another error there. The replay
  // serves that error (event 14 matches), and the Catch puts it into the state's output, which
  // the recording's event 15 still shows with the original error.
  ASSERT_EQ(doc["events"][13]["type"], "LambdaFunctionFailed");
  doc["events"][13]["lambdaFunctionFailedEventDetails"]["error"] = "Lambda.ServiceException";
  std::string path = dir.Write("mutated.json", doc.dump());
  auto r = RunSfnsim("replay " + path, dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("diverged at event 15 (state \"InvokeLambdaWithRetry\"), at "
                       "/stateExitedEventDetails/output/Error\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  expected: {\"id\":15,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"Error\":\"Lambda.ServiceException\""), std::string::npos) << r.out;
}

// --allow-interleaving (the library's ReplayOptions::allow_interleaving): the recording AWS
// interleaved by its own timing passes with the flag, said plainly; a real difference still
// diverges with it.
TEST(CliReplay, AllowInterleavingAcceptsOnlyAnotherOrderOfTheSameEvents) {
  ScratchDir dir;
  const std::string interleaved =
      (kReplayCliCorpus / "map_inline_concurrent_timeout_aborts.json").string();
  auto r = RunSfnsim("replay " + interleaved, dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("\ndiverged at event "), std::string::npos) << r.out;

  r = RunSfnsim("replay --allow-interleaving " + interleaved, dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\nsame events, other order (allowed by --allow-interleaving): "),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("\nidentical: "), std::string::npos) << r.out;
  r = RunSfnsim("replay --allow-interleaving --format json " + interleaved, dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  asl::Json summary = asl::Json::parse(r.out);
  EXPECT_EQ(summary["identical"], true) << r.out;
  EXPECT_EQ(summary["moduloInterleaving"], true) << r.out;

  // A recording in which one event's details differ is a divergence, flag or not.
  asl::Json doc = sfnsim_test::ReadJsonFile(interleaved);
  asl::Json& events = doc["events"];
  ASSERT_EQ(events.back()["type"], "ExecutionFailed");
  events.back()["executionFailedEventDetails"]["error"] = "States.TaskFailed";
  std::string changed = dir.Write("changed.json", doc.dump());
  r = RunSfnsim("replay --allow-interleaving " + changed, dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("\ndiverged at event "), std::string::npos) << r.out;
}

TEST(CliReplay, UnreadableInputExitsTwoNamingTheFile) {
  ScratchDir dir;
  asl::Json doc = sfnsim_test::ReadJsonFile(kReplayCliCorpus / "pass_result.json");
  asl::Json first = {{"events", asl::Json::array({doc["events"][0]})}, {"NextToken", "x"}};
  asl::Json last = {{"events", asl::Json::array({doc["events"][3]})}};
  std::string def = dir.Write("def.json", doc["definition"].dump());
  std::string p1 = dir.Write("page1.json", first.dump());
  std::string p3 = dir.Write("page3.json", last.dump());
  auto r = RunSfnsim("replay " + p3 + " " + p1 + " --definition " + def, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("events 2-3 are missing between " + p1 + " (events 1-1) and " + p3 +
                       " (events 4-4): a page was not given"),
            std::string::npos)
      << r.err;

  std::string broken = dir.Write("broken.json", "{\"events\": [");
  r = RunSfnsim("replay " + broken + " --definition " + def, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(broken), std::string::npos) << r.err;

  // A history of another definition.
  asl::Json other = sfnsim_test::ReadJsonFile(kReplayCliCorpus / "lambda_retry_then_catch.json");
  std::string history = dir.Write("lambda.json", asl::Json{{"events", other["events"]}}.dump());
  r = RunSfnsim("replay " + history + " --definition " + def, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("the history is not of this definition: it starts in state "
                       "\"InvokeLambdaWithRetry\""),
            std::string::npos)
      << r.err;

  r = RunSfnsim("replay " + history, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--definition is required"), std::string::npos) << r.err;
}

// The production story of docs/replay.md, end to end.
TEST(CliReplay, ProductionFailureReplayedAgainstTheRetryFixAndSaved) {
  ScratchDir dir;
  const std::string replay_dir = (kReplayCliSource / "scenarios/replay").string();
  auto made = RunSfnsim(
      kRunInSource + replay_dir + "/make_production_failure.yaml --history-dir " + dir.Path("prod"),
      dir);
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  std::string history, name;
  for (const auto& entry : fs::directory_iterator(dir.Path("prod"))) {
    std::string file = entry.path().filename().string();
    if (file.starts_with("backfill-production-executor.")) {
      history = entry.path().string();
      // --history-dir names files <state machine>.<execution name>.json
      name = file.substr(std::string("backfill-production-executor.").size());
      name = name.substr(0, name.size() - 5);
    }
  }
  ASSERT_FALSE(history.empty());
  const std::string names = " --name " + name + " --state-machine-name backfill-production-executor";

  // The same definition: identical.
  auto same = RunSfnsim("replay " + history + names + " --definition " + replay_dir +
                            "/production_executor_before_retry.asl.json",
                        dir);
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("\nidentical: "), std::string::npos) << same.out;
  EXPECT_NE(same.out.find("recorded: FAILED at event"), std::string::npos) << same.out;

  // The Retry fix: the recorded failure is now retried and the execution succeeds.
  const std::string fixed = (kReplayCliSource / "fixtures/definitions/production_executor.asl.json").string();
  auto fix = RunSfnsim("replay " + history + names + " --definition " + fixed + " --world " + replay_dir +
                           "/production_world.yaml --save-test " + dir.Path("saved") +
                           " --test-name publish_failure",
                       dir);
  EXPECT_EQ(fix.exit_code, 1) << fix.out << fix.err;  // it diverges from the recording
  EXPECT_NE(fix.out.find("now: the SNS.InternalErrorException at event "), std::string::npos)
      << fix.out;
  EXPECT_NE(fix.out.find("is now retried and the execution succeeds\n"), std::string::npos)
      << fix.out;
  EXPECT_NE(fix.out.find("replayed: SUCCEEDED at event"), std::string::npos) << fix.out;

  // The saved scenario passes with the fix...
  auto saved = RunSfnsim(kRunInSource + dir.Path("saved/publish_failure.yaml"), dir);
  EXPECT_EQ(saved.exit_code, 0) << saved.out << saved.err;
  // ...and fails once the definition goes back to the one without Retry.
  std::string yaml = ScratchDir::Read(dir.Path("saved/publish_failure.yaml"));
  const std::string key = "\"definition_file\":\"";
  size_t at = yaml.find(key);
  ASSERT_NE(at, std::string::npos) << yaml;
  at += key.size();
  size_t end = yaml.find('"', at);
  EXPECT_EQ(yaml.substr(at, end - at), fs::relative(fixed, dir.Path("saved")).generic_string());
  std::string before = (kReplayCliSource / "scenarios/replay/production_executor_before_retry.asl.json").string();
  yaml.replace(at, end - at, before);
  std::string reverted = dir.Write("saved/reverted.yaml", yaml);
  auto regressed = RunSfnsim(kRunInSource + reverted, dir);
  EXPECT_EQ(regressed.exit_code, 1) << regressed.out << regressed.err;
}

TEST(CliCalibrate, PrintsALatencySectionFromHistories) {
  ScratchDir dir;
  const std::string replay_dir = (kReplayCliSource / "scenarios/replay").string();
  auto made = RunSfnsim(
      kRunInSource + replay_dir + "/make_production_failure.yaml --history-dir " + dir.Path("prod"),
      dir);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string files;
  for (const auto& entry : fs::directory_iterator(dir.Path("prod"))) files += " " + entry.path().string();
  auto r = RunSfnsim("calibrate" + files, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("latency:\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  \"sns:publish\": ["), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# Athena query durations"), std::string::npos) << r.out;
  // The engine's steps beside them: that run had no engine latency, and calibrate measures none.
  EXPECT_NE(r.out.find("engine_latency:\n  standard:\n    transition: [0, 0]\n    state: [0, 0]\n"),
            std::string::npos)
      << r.out;
  auto json = RunSfnsim("calibrate" + files + " --format json", dir);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  asl::Json figures = asl::Json::parse(json.out)["engine_latency"]["standard"]["task_schedule"];
  EXPECT_GT(figures["count"].get<int64_t>(), 0) << json.out;
  EXPECT_EQ(figures["fitted"], asl::Json({0, 0})) << json.out;

  auto corpus = RunSfnsim("calibrate " + (kReplayCliCorpus / "sns_publish.json").string(), dir);
  EXPECT_EQ(corpus.exit_code, 2);
  EXPECT_NE(corpus.err.find("sns_publish.json: the events have no real timestamps"),
            std::string::npos)
      << corpus.err;
}

}  // namespace
