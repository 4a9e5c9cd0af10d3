// Sharded sweeps from the command line: `sfnsim run --shard K/N --shard-result FILE` on each
// slice, then `sfnsim merge`, gives the unsharded run's stdout, JUnit, --json and exit code byte
// for byte; `--shard auto/N` reads the array-job index; bad shards, bad results and incomplete
// sets of shards are usage errors naming what is wrong.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/integration/cli_test_util.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::CliResult;
using sfnsim_test::RunSfnsim;
using sfnsim_test::ScratchDir;

const std::string kShardFixtures = (fs::path(SFNSIM_SOURCE_DIR) / "fixtures").string();
const std::string kShardRun = "run --allow-outside " + kShardFixtures + " ";

// The (b) pipeline (no Retry) over 200 customers in two year buckets; `faults` decides whether
// the seed loses rows, so a sweep has passing and failing runs.
std::string ShardScenario(const std::string& name, const std::string& faults) {
  std::string text = "name: " + name + R"(
seed: 7
sns: {topics: [{name: customer-backfill}]}
athena:
  databases: [retail]
  tables: [{database: retail, generator: customers, rows: 200, seed: 1}]
state_machines:
  - {name: backfill-orchestrator, definition_file: FIXTURES/definitions/orchestrator.asl.json}
  - {name: backfill-executor, definition_file: FIXTURES/definitions/executor.asl.json}
faults: )" + faults + R"(
start:
  state_machine: backfill-orchestrator
  name: backfill
  input:
    buckets:
      - {id: "2023", predicate: registration_year = 2023}
      - {id: "2024", predicate: registration_year = 2024}
    topicArn: arn:aws:sns:us-east-1:123456789012:customer-backfill
    athena: {database: retail, workGroup: primary, outputLocation: "s3://results/"}
    executorStateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:backfill-executor
report: {bucket: /bucketId}
expect:
  all_executions_succeeded: true
)";
  for (size_t at; (at = text.find("FIXTURES")) != std::string::npos;) {
    text.replace(at, 8, kShardFixtures);
  }
  return text;
}

// The environment variables --shard auto/N reads, cleared for each test and restored after.
class CliShardTest : public testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"}) {
      if (const char* value = std::getenv(name)) saved_.emplace_back(name, value);
      unsetenv(name);
    }
  }
  void TearDown() override {
    for (const char* name : {"JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"}) unsetenv(name);
    for (const auto& [name, value] : saved_) setenv(name.c_str(), value.c_str(), 1);
  }
  std::vector<std::pair<std::string, std::string>> saved_;
};

TEST_F(CliShardTest, ThreeShardsMergeToTheUnshardedRunByteForByte) {
  ScratchDir dir;
  // Two scenarios (a plan of scenario-major runs) and 5 seeds: 10 runs over 3 shards of 4, 3, 3.
  std::string lossy =
      dir.Write("lossy.yaml", ShardScenario("lossy", "[{service: sns, api: publish, rate: 0.02}]"));
  std::string clean = dir.Write("clean.yaml", ShardScenario("clean", "[]"));
  const std::string sweep = kShardRun + lossy + " " + clean + " --seeds 3-7 ";
  CliResult whole = RunSfnsim(sweep + "-j2 --junit " + dir.Path("whole.xml") + " --json " +
                                  dir.Path("whole.json"),
                              dir);
  // Some seeds lose rows and some do not: the verdict is a failure the merge must repeat.
  ASSERT_EQ(whole.exit_code, 1) << whole.out << whole.err;
  ASSERT_NE(whole.out.find("result      PASS"), std::string::npos) << whole.out;
  for (int k = 0; k < 3; ++k) {
    std::string n = std::to_string(k);
    CliResult shard = RunSfnsim(sweep + "--shard " + n + "/3 --shard-result " +
                                    dir.Path("shard" + n + ".json") + " --history-dir " +
                                    dir.Path("histories" + n),
                                dir);
    EXPECT_TRUE(shard.exit_code == 0 || shard.exit_code == 1) << shard.err;
    EXPECT_TRUE(fs::exists(dir.Path("shard" + n + ".json")));
  }
  // Per-run outputs keep the unsharded run's keys: shard 1 has runs 1, 4 and 7 of the plan.
  for (const char* key : {"lossy.seed4", "lossy.seed7", "clean.seed5"}) {
    EXPECT_TRUE(fs::exists(dir.Path(std::string("histories1/") + key))) << key;
  }
  EXPECT_FALSE(fs::exists(dir.Path("histories1/lossy.seed3")));

  CliResult merged = RunSfnsim("merge " + dir.Path("shard2.json") + " " + dir.Path("shard0.json") +
                                   " " + dir.Path("shard1.json") + " --junit " +
                                   dir.Path("merged.xml") + " --json " + dir.Path("merged.json"),
                               dir);
  EXPECT_EQ(merged.exit_code, whole.exit_code) << merged.err;
  EXPECT_EQ(merged.out, whole.out);
  EXPECT_EQ(merged.err, "");
  EXPECT_EQ(ScratchDir::Read(dir.Path("merged.xml")), ScratchDir::Read(dir.Path("whole.xml")));
  EXPECT_EQ(ScratchDir::Read(dir.Path("merged.json")), ScratchDir::Read(dir.Path("whole.json")));
  EXPECT_NE(ScratchDir::Read(dir.Path("merged.xml")).find("<testsuites"), std::string::npos);

  // The same shards again give the same result files (determinism across processes).
  CliResult again = RunSfnsim(sweep + "--shard 1/3 --shard-result " + dir.Path("again1.json"),
                              dir);
  EXPECT_EQ(ScratchDir::Read(dir.Path("again1.json")), ScratchDir::Read(dir.Path("shard1.json")));

  // Incomplete, duplicated or foreign sets of shards are refused, naming the files.
  CliResult missing = RunSfnsim("merge " + dir.Path("shard0.json") + " " + dir.Path("shard2.json"),
                                dir);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find("shard 1 of 3 is missing"), std::string::npos) << missing.err;
  CliResult twice = RunSfnsim("merge " + dir.Path("shard0.json") + " " + dir.Path("shard1.json") +
                                  " " + dir.Path("again1.json") + " " + dir.Path("shard2.json"),
                              dir);
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("shard1.json and " + dir.Path("again1.json") + " are both shard 1 of 3"),
            std::string::npos)
      << twice.err;
  CliResult other = RunSfnsim(kShardRun + lossy + " " + clean +
                                  " --seeds 3-6,8 --shard 1/3 --shard-result " +
                                  dir.Path("other1.json"),
                              dir);
  ASSERT_TRUE(other.exit_code == 0 || other.exit_code == 1) << other.err;
  CliResult mixed = RunSfnsim("merge " + dir.Path("shard0.json") + " " + dir.Path("other1.json") +
                                  " " + dir.Path("shard2.json"),
                              dir);
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("are slices of different sweeps (/sweep/seeds/4 differs)"),
            std::string::npos)
      << mixed.err;
}

TEST_F(CliShardTest, EmptyShardsAndTheWholeSweepAsOneShard) {
  ScratchDir dir;
  std::string clean = dir.Write("clean.yaml", ShardScenario("clean", "[]"));
  // 2 runs, 4 shards: shards 2 and 3 have nothing to run and still write a result.
  for (int k = 0; k < 4; ++k) {
    std::string n = std::to_string(k);
    CliResult r = RunSfnsim(kShardRun + clean + " --seeds 1-2 --shard " + n +
                                "/4 --shard-result " + dir.Path("r" + n + ".json"),
                            dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (k >= 2) {
      EXPECT_EQ(r.out, "");
    }
  }
  EXPECT_NE(ScratchDir::Read(dir.Path("r3.json")).find("\"runs\": []"), std::string::npos);
  CliResult whole = RunSfnsim(kShardRun + clean + " --seeds 1-2 --junit " + dir.Path("w.xml"),
                              dir);
  CliResult merged = RunSfnsim("merge " + dir.Path("r0.json") + " " + dir.Path("r1.json") + " " +
                                   dir.Path("r2.json") + " " + dir.Path("r3.json") + " --junit " +
                                   dir.Path("m.xml"),
                               dir);
  EXPECT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(merged.out, whole.out);
  EXPECT_EQ(ScratchDir::Read(dir.Path("m.xml")), ScratchDir::Read(dir.Path("w.xml")));
  // --shard-result alone: the sweep as shard 0 of 1, which merges on its own.
  CliResult one = RunSfnsim(kShardRun + clean + " --seeds 1-2 --shard-result " + dir.Path("one.json"),
                            dir);
  EXPECT_EQ(one.out, whole.out);
  CliResult alone = RunSfnsim("merge " + dir.Path("one.json"), dir);
  EXPECT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(alone.out, whole.out);
}

TEST_F(CliShardTest, AutoTakesTheIndexFromEitherArrayJobVariable) {
  ScratchDir dir;
  std::string clean = dir.Write("clean.yaml", ShardScenario("clean", "[]"));
  const std::string run = kShardRun + clean + " --seeds 1-3 --shard auto/3 --shard-result ";
  CliResult none = RunSfnsim(run + dir.Path("none.json"), dir);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("sfnsim run: --shard \"auto/3\": neither JOB_COMPLETION_INDEX"),
            std::string::npos)
      << none.err;
  EXPECT_FALSE(fs::exists(dir.Path("none.json")));

  setenv("JOB_COMPLETION_INDEX", "1", 1);
  CliResult k8s = RunSfnsim(run + dir.Path("k8s.json"), dir);
  EXPECT_EQ(k8s.exit_code, 0) << k8s.err;
  EXPECT_NE(ScratchDir::Read(dir.Path("k8s.json")).find("\"index\": 1,\n  \"count\": 3"),
            std::string::npos);
  EXPECT_NE(k8s.out.find("seed 2\n"), std::string::npos) << k8s.out;
  unsetenv("JOB_COMPLETION_INDEX");

  setenv("AWS_BATCH_JOB_ARRAY_INDEX", "2", 1);
  CliResult batch = RunSfnsim(run + dir.Path("batch.json"), dir);
  EXPECT_EQ(batch.exit_code, 0) << batch.err;
  EXPECT_NE(ScratchDir::Read(dir.Path("batch.json")).find("\"index\": 2,\n  \"count\": 3"),
            std::string::npos);
  EXPECT_NE(batch.out.find("seed 3\n"), std::string::npos) << batch.out;
  setenv("AWS_BATCH_JOB_ARRAY_INDEX", "3", 1);
  CliResult out_of_range = RunSfnsim(run + dir.Path("bad.json"), dir);
  EXPECT_EQ(out_of_range.exit_code, 2);
  EXPECT_NE(out_of_range.err.find("AWS_BATCH_JOB_ARRAY_INDEX is \"3\", expected a shard index "
                                  "from 0 to 2"),
            std::string::npos)
      << out_of_range.err;
  setenv("AWS_BATCH_JOB_ARRAY_INDEX", "two", 1);
  EXPECT_EQ(RunSfnsim(run + dir.Path("bad.json"), dir).exit_code, 2);
  EXPECT_FALSE(fs::exists(dir.Path("bad.json")));
}

TEST_F(CliShardTest, BadShardsAndResultsAreUsageErrors) {
  ScratchDir dir;
  std::string clean = dir.Write("clean.yaml", ShardScenario("clean", "[]"));
  const std::string run = kShardRun + clean + " --seeds 1-2 ";
  for (const char* bad : {"0/0", "3/2", "x/4", "4/4", "1", "-1/4", "1/4/4"}) {
    CliResult r = RunSfnsim(run + "--shard " + bad + " --shard-result " + dir.Path("r.json"), dir);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_EQ(r.out, "") << bad;  // refused before anything runs
    EXPECT_NE(r.err.find(std::string("sfnsim run: --shard \"") + bad + "\""), std::string::npos)
        << r.err;
  }
  CliResult no_result = RunSfnsim(run + "--shard 0/2", dir);
  EXPECT_EQ(no_result.exit_code, 2);
  EXPECT_NE(no_result.err.find("--shard 0/2 needs --shard-result FILE"), std::string::npos);
  CliResult lock = RunSfnsim(run + "--shard 0/2 --shard-result " + dir.Path("r.json") +
                                 " --lock " + dir.Path("sfnsim.lock.json"),
                             dir);
  EXPECT_EQ(lock.exit_code, 2);
  EXPECT_NE(lock.err.find("--lock records what one process's passing runs verified"),
            std::string::npos);
  CliResult unwritable = RunSfnsim(run + "--shard 0/2 --shard-result " + dir.Path("no/such/r.json"),
                                   dir);
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_NE(unwritable.err.find("(--shard-result)"), std::string::npos) << unwritable.err;

  // merge: a missing file, a truncated one, something that is not a result.
  ASSERT_EQ(RunSfnsim(run + "--shard 0/1 --shard-result " + dir.Path("r.json"), dir).exit_code, 0);
  std::string text = ScratchDir::Read(dir.Path("r.json"));
  std::string cut = dir.Write("cut.json", text.substr(0, text.size() / 2));
  std::string scenario_as_result = clean;
  for (const std::string& file : {dir.Path("absent.json"), cut, scenario_as_result}) {
    CliResult r = RunSfnsim("merge " + file + " --junit " + dir.Path("m.xml"), dir);
    EXPECT_EQ(r.exit_code, 2) << file;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("sfnsim merge: " + file), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.Path("m.xml")));
  }
  CliResult usage = RunSfnsim("merge " + dir.Path("r.json") + " --no-such-flag", dir);
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_NE(usage.err.find("--no-such-flag"), std::string::npos);
  EXPECT_EQ(RunSfnsim("merge", dir).exit_code, 2);  // RESULT is required
  CliResult help = RunSfnsim("merge --help", dir);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes as sfnsim run's"), std::string::npos) << help.out;
}

}  // namespace
