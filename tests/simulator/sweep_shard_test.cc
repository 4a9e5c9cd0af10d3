// Sharded sweeps: which runs a shard has (--shard K/N and auto/N from the array-job index), the
// result file a shard writes and how a reader refuses anything else, and merging shards back
// into the unsharded run's outputs.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "simulator/scenario/report_format.h"
#include "simulator/scenario/shard_merge.h"
#include "simulator/scenario/shard_result.h"
#include "simulator/scenario/summary_json.h"
#include "simulator/scenario/sweep_shard.h"

namespace {

using sim::ShardSpec;

sim::EnvironmentLookup ShardEnvironment(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::string ShardSpecError(const std::string& text, std::map<std::string, std::string> env = {}) {
  auto parsed = sim::ParseShardSpec(text, ShardEnvironment(std::move(env)));
  return parsed.ok() ? "" : parsed.error();
}

TEST(ShardSpecTest, ReadsKOfN) {
  for (auto [text, index, count] : {std::tuple<const char*, size_t, size_t>{"0/4", 0, 4},
                                    {"3/4", 3, 4},
                                    {"0/1", 0, 1},
                                    {"9999/10000", 9999, 10000},
                                    {"007/8", 7, 8}}) {
    auto parsed = sim::ParseShardSpec(text, ShardEnvironment({}));
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error();
    EXPECT_EQ(*parsed, (ShardSpec{index, count})) << text;
  }
}

TEST(ShardSpecTest, RefusesWhatIsNotKOfN) {
  EXPECT_NE(ShardSpecError("0/0").find("N must be at least 1"), std::string::npos);
  EXPECT_NE(ShardSpecError("3/2").find("shard 3 does not exist, shards are 0 to 1"),
            std::string::npos);
  EXPECT_NE(ShardSpecError("4/4").find("shard 4 does not exist, shards are 0 to 3"),
            std::string::npos);
  EXPECT_NE(ShardSpecError("x/4").find("K \"x\" is not a number or \"auto\""), std::string::npos);
  EXPECT_NE(ShardSpecError("1").find("has no '/'"), std::string::npos);
  EXPECT_NE(ShardSpecError("1/10001").find("N \"10001\" is not a number from 1 to 10000"),
            std::string::npos);
  for (const char* bad : {"/4", "1/", "-1/4", "1/-4", "1/4x", " 1/4", "1/ 4", "1.0/4", "1/4/2",
                          "+1/4", "", "/", "99999999999999999999999/4", "1/99999999999999999999",
                          "AUTO/4"}) {
    std::string error = ShardSpecError(bad);
    EXPECT_NE(error, "") << bad;
    EXPECT_NE(error.find(std::string("\"") + bad + "\""), std::string::npos) << error;
  }
}

TEST(ShardSpecTest, AutoReadsTheArrayJobIndex) {
  auto parsed = sim::ParseShardSpec("auto/4", ShardEnvironment({{"JOB_COMPLETION_INDEX", "2"}}));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(*parsed, (ShardSpec{2, 4}));
  parsed = sim::ParseShardSpec("auto/4", ShardEnvironment({{"AWS_BATCH_JOB_ARRAY_INDEX", "3"}}));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(*parsed, (ShardSpec{3, 4}));
  // Both set: Kubernetes' wins; one set to "" counts as unset.
  parsed = sim::ParseShardSpec(
      "auto/4",
      ShardEnvironment({{"JOB_COMPLETION_INDEX", "1"}, {"AWS_BATCH_JOB_ARRAY_INDEX", "3"}}));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->index, 1u);
  parsed = sim::ParseShardSpec(
      "auto/4",
      ShardEnvironment({{"JOB_COMPLETION_INDEX", ""}, {"AWS_BATCH_JOB_ARRAY_INDEX", "3"}}));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->index, 3u);

  std::string none = ShardSpecError("auto/4");
  EXPECT_NE(none.find("neither JOB_COMPLETION_INDEX"), std::string::npos) << none;
  EXPECT_NE(none.find("AWS_BATCH_JOB_ARRAY_INDEX"), std::string::npos) << none;
  std::string range = ShardSpecError("auto/4", {{"JOB_COMPLETION_INDEX", "4"}});
  EXPECT_NE(range.find("JOB_COMPLETION_INDEX is \"4\", expected a shard index from 0 to 3"),
            std::string::npos)
      << range;
  std::string word = ShardSpecError("auto/4", {{"AWS_BATCH_JOB_ARRAY_INDEX", "one"}});
  EXPECT_NE(word.find("AWS_BATCH_JOB_ARRAY_INDEX is \"one\""), std::string::npos) << word;
  EXPECT_NE(ShardSpecError("auto/0", {{"JOB_COMPLETION_INDEX", "0"}}), "");
}

std::vector<sim::BatchRun> ShardTestPlan(size_t runs) {
  std::vector<sim::BatchRun> plan(runs);
  for (size_t i = 0; i < runs; ++i) {
    plan[i].index = i;
    plan[i].key = "s.seed" + std::to_string(i);
  }
  return plan;
}

TEST(ShardSliceTest, EveryRunInExactlyOneShardRoundRobin) {
  for (size_t total = 0; total <= 20; ++total) {
    for (size_t count = 1; count <= 7; ++count) {
      std::vector<int> seen(total, 0);
      size_t sum = 0;
      for (size_t k = 0; k < count; ++k) {
        auto slice = sim::SliceOf(ShardTestPlan(total), ShardSpec{k, count});
        EXPECT_EQ(slice.size(), sim::RunsInShard(total, ShardSpec{k, count}));
        sum += slice.size();
        for (size_t j = 0; j < slice.size(); ++j) {
          EXPECT_EQ(slice[j].index, k + j * count);  // in plan order, index mod N == K
          EXPECT_EQ(slice[j].key, "s.seed" + std::to_string(slice[j].index));
          ++seen[slice[j].index];
        }
      }
      EXPECT_EQ(sum, total);
      for (int s : seen) EXPECT_EQ(s, 1);
    }
  }
  // More shards than runs: the last ones are empty.
  EXPECT_EQ(sim::RunsInShard(3, ShardSpec{5, 8}), 0u);
  EXPECT_TRUE(sim::SliceOf(ShardTestPlan(3), ShardSpec{5, 8}).empty());
}

// A run with expectations, costs with many digits, buckets and markup in its names.
sim::ScenarioReport ShardTestReport(uint64_t seed, bool passes) {
  sim::ScenarioReport r;
  r.scenario = "back<fill>";
  r.file = "scenarios/back&fill.yaml";
  r.seed = seed;
  r.start_time = "2024-01-01T00:00:00Z";
  sim::ExecutionRecord start;
  start.state_machine = "orchestrator";
  start.name = "backfill";
  start.status = passes ? "SUCCEEDED" : "FAILED";
  start.history_events = 100 + static_cast<int64_t>(seed);
  r.executions = {start};
  r.duration_ms = 1234 * static_cast<int64_t>(seed);
  r.cost.step_functions_usd = 0.1 / 3 * static_cast<double>(seed);
  r.cost.sns_usd = 2.5717999999999996;
  r.expectations = {{"status", passes, "SUCCEEDED", start.status, 3},
                    {"duration", true, "< 1h", "20m", 0}};
  return r;
}

sim::SweepIdentity ShardTestSweep(size_t runs) {
  sim::SweepIdentity sweep;
  sweep.scenarios = {{"scenarios/a.yaml", true, "a", std::string(64, 'a')},
                     {"scenarios/broken.yaml", false, "", ""}};
  sweep.seeds.clear();
  for (size_t i = 0; i < runs; ++i) sweep.seeds.push_back(i + 1);
  sweep.max_steps = 1'000'000'000;
  sweep.runs = runs;
  return sweep;
}

// The shards of a sweep of `reports`, each written to text and read back.
std::vector<sim::NamedShardResult> ShardTestShards(const std::vector<sim::ScenarioReport>& reports,
                                                   size_t count) {
  std::vector<sim::NamedShardResult> out;
  for (size_t k = 0; k < count; ++k) {
    sim::ShardResult result;
    result.sfnsim_version = "9.9.9";
    result.sweep = ShardTestSweep(reports.size());
    result.shard = {k, count};
    for (const sim::BatchRun& run : sim::SliceOf(ShardTestPlan(reports.size()), result.shard)) {
      result.runs.push_back(sim::ShardRunOf(run, reports[run.index]));
      if (run.index == 1) result.runs.back().output_error = "cannot write x (--log): No space";
    }
    std::string file = "shard" + std::to_string(k) + ".json";
    auto read = sim::ParseShardResult(sim::FormatShardResult(result), file);
    EXPECT_TRUE(read.ok()) << read.error();
    if (read.ok()) out.push_back({file, std::move(read).value()});
  }
  return out;
}

TEST(ShardResultTest, RoundTripsByteForByte) {
  std::vector<sim::ScenarioReport> reports = {ShardTestReport(1, true), ShardTestReport(2, false),
                                              ShardTestReport(3, true)};
  sim::ShardResult result;
  result.sfnsim_version = "9.9.9";
  result.sweep = ShardTestSweep(3);
  result.shard = {0, 1};
  for (const sim::BatchRun& run : ShardTestPlan(3)) {
    result.runs.push_back(sim::ShardRunOf(run, reports[run.index]));
  }
  std::string text = sim::FormatShardResult(result);
  auto read = sim::ParseShardResult(text, "r.json");
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(sim::FormatShardResult(*read), text);
  EXPECT_EQ(read->sweep, result.sweep);
  EXPECT_EQ(read->shard, result.shard);
  ASSERT_EQ(read->runs.size(), 3u);
  EXPECT_EQ(read->runs[1].verdict, sim::BatchVerdict::kFailed);
  EXPECT_EQ(read->runs[1].summary, sim::FormatSummary(reports[1]));
  EXPECT_EQ(read->runs[2].json.dump(2), sim::RunSummaryJson(reports[2]).dump(2));
  // Each scenario's own seed is written as null and read back as such.
  result.sweep.seeds = {std::nullopt};
  auto own = sim::ParseShardResult(sim::FormatShardResult(result), "r.json");
  ASSERT_TRUE(own.ok()) << own.error();
  EXPECT_EQ(own->sweep.seeds, (std::vector<std::optional<uint64_t>>{std::nullopt}));
}

TEST(ShardResultTest, JUnitAndJsonArePartsOfTheUnshardedDocuments) {
  std::vector<sim::ScenarioReport> reports = {ShardTestReport(1, true), ShardTestReport(2, false)};
  reports[1].setup_error = "world: no such table";
  std::vector<sim::JUnitSuite> suites;
  asl::Json runs = asl::Json::array();
  for (const auto& r : reports) {
    suites.push_back(sim::JUnitSuiteOf(r));
    runs.push_back(sim::RunSummaryJson(r));
  }
  EXPECT_EQ(sim::JoinJUnit(suites), sim::FormatJUnit(reports));
  EXPECT_EQ(sim::SummaryDocumentOf(runs, "1").dump(2), sim::SummaryDocument(reports, "1").dump(2));
  EXPECT_EQ(sim::RunVerdictOf(reports[0]), sim::BatchVerdict::kPassed);
  EXPECT_EQ(sim::RunVerdictOf(reports[1]), sim::BatchVerdict::kNotRun);
}

TEST(ShardResultTest, EveryTruncationIsRefusedWithTheFileNamed) {
  sim::ShardResult result;
  result.sfnsim_version = "9.9.9";
  result.sweep = ShardTestSweep(2);
  result.shard = {0, 1};
  for (const sim::BatchRun& run : ShardTestPlan(2)) {
    result.runs.push_back(sim::ShardRunOf(run, ShardTestReport(run.index + 1, true)));
  }
  std::string text = sim::FormatShardResult(result);
  for (size_t length = 0; length + 2 < text.size(); length += 7) {
    auto read = sim::ParseShardResult(text.substr(0, length), "cut.json");
    ASSERT_FALSE(read.ok()) << length;
    EXPECT_EQ(read.error().rfind("cut.json:", 0), 0u) << read.error();
  }
}

// `text` with the first `from` replaced by `to`.
std::string ShardTestEdit(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ShardResultTest, RefusesResultsThatAreNotExactlyTheShardsRuns) {
  sim::ShardResult result;
  result.sfnsim_version = "9.9.9";
  result.sweep = ShardTestSweep(5);
  result.shard = {1, 2};  // runs 1 and 3
  for (const sim::BatchRun& run : sim::SliceOf(ShardTestPlan(5), result.shard)) {
    result.runs.push_back(sim::ShardRunOf(run, ShardTestReport(run.index + 1, true)));
  }
  const std::string good = sim::FormatShardResult(result);
  ASSERT_TRUE(sim::ParseShardResult(good, "r.json").ok());
  struct BadShardResult {
    std::string text;
    std::string error;  // expected within the message
  };
  std::vector<BadShardResult> cases = {
      {"", "r.json: the document is empty"},
      {"[]", "r.json: /: expected an object {format"},
      {"null", "r.json: /: expected an object"},
      {std::string("{\"format\": \"x\"\0}", 17), "r.json:"},
      {"{}", "r.json: /: expected a member \"format\""},
      {ShardTestEdit(good, "sfnsim shard result 1", "sfnsim shard result 2"),
       "r.json: /format: expected \"sfnsim shard result 1\", found \"sfnsim shard result 2\""},
      {ShardTestEdit(good, "\"sfnsim_version\": \"9.9.9\"", "\"sfnsim_version\": 9"),
       "r.json: /sfnsim_version: expected a string"},
      {ShardTestEdit(good, "\"count\": 2", "\"count\": 0"), "/shard/count: expected 1 or more"},
      {ShardTestEdit(good, "\"index\": 1,\n  \"count\"", "\"index\": 2,\n  \"count\""),
       "/shard/index: expected a whole number from 0 to 1"},
      {ShardTestEdit(good, "\"count\": 2", "\"count\": 2.0"), "/shard/count: expected a whole"},
      {ShardTestEdit(good, "\"count\": 2", "\"count\": -2"), "/shard/count: expected a whole"},
      {ShardTestEdit(good, "\"runs\": 5", "\"runs\": 7"),
       "/runs: 2 runs, but shard 1 of 2 of a 7-run sweep has 3"},
      {ShardTestEdit(good, "\"index\": 3", "\"index\": 4"),
       "/runs/1/index: run 4 of the plan, but the shard's run 1 is run 3"},
      {ShardTestEdit(good, "\"verdict\": \"passed\"", "\"verdict\": \"ok\""),
       "/runs/0/verdict: expected \"passed\", \"failed\" or \"not_run\", found \"ok\""},
      {ShardTestEdit(good, "\"junit\"", "\"JUnit\""), "/runs/0: expected a member \"junit\""},
      {ShardTestEdit(good, "\"seeds\": [", "\"seeds\": {\"a\": ["), "r.json:"},
      {ShardTestEdit(good, "\"seeds\": [", "\"seeds\": [-1, "),
       "/sweep/seeds/0: expected a whole number"},
      {ShardTestEdit(good, "\"loaded\": true", "\"loaded\": 1"),
       "/sweep/scenarios/0/loaded: expected true or false"},
      {ShardTestEdit(good, "\"json\": {", "\"json\": [{"), "r.json:"},
  };
  // Removing the second run entirely leaves one run where two belong.
  std::string one_run = good;
  size_t second = one_run.find(",\n  {\n   \"index\": 3");
  ASSERT_NE(second, std::string::npos);
  size_t end = one_run.find("\n ]\n}", second);
  one_run.erase(second, end - second);
  cases.push_back({one_run, "/runs: 1 runs, but shard 1 of 2 of a 5-run sweep has 2"});
  for (const BadShardResult& c : cases) {
    auto read = sim::ParseShardResult(c.text, "r.json");
    ASSERT_FALSE(read.ok()) << c.error;
    EXPECT_NE(read.error().find(c.error), std::string::npos) << read.error();
  }
}

TEST(ShardMergeTest, ShardsMergeToTheUnshardedOutputsInAnyOrder) {
  std::vector<sim::ScenarioReport> reports;
  for (uint64_t seed = 1; seed <= 7; ++seed) reports.push_back(ShardTestReport(seed, seed != 5));
  for (size_t count : {1u, 2u, 3u, 7u, 9u}) {
    std::vector<sim::NamedShardResult> shards = ShardTestShards(reports, count);
    ASSERT_EQ(shards.size(), count);
    std::reverse(shards.begin(), shards.end());
    auto merged = sim::MergeShardResults(std::move(shards), "9.9.9");
    ASSERT_TRUE(merged.ok()) << merged.error();
    ASSERT_EQ(merged->runs.size(), reports.size());
    for (size_t i = 0; i < reports.size(); ++i) {
      EXPECT_EQ(merged->runs[i].index, i);
      EXPECT_EQ(merged->runs[i].summary, sim::FormatSummary(reports[i]));
    }
    EXPECT_EQ(sim::MergedJUnit(*merged), sim::FormatJUnit(reports));
    EXPECT_EQ(sim::MergedSummaryDocument(*merged).dump(2),
              sim::SummaryDocument(reports, "9.9.9").dump(2));
    EXPECT_EQ(sim::MergedVerdict(*merged), sim::VerdictOf(reports));
    EXPECT_EQ(merged->runs[1].output_error, "cannot write x (--log): No space");
  }
}

std::string ShardMergeError(std::vector<sim::NamedShardResult> shards,
                            const std::string& version = "9.9.9") {
  auto merged = sim::MergeShardResults(std::move(shards), version);
  return merged.ok() ? "" : merged.error();
}

TEST(ShardMergeTest, RefusesMixedDuplicateAndMissingShards) {
  std::vector<sim::ScenarioReport> reports;
  for (uint64_t seed = 1; seed <= 5; ++seed) reports.push_back(ShardTestReport(seed, true));
  auto shards = ShardTestShards(reports, 3);
  ASSERT_EQ(shards.size(), 3u);

  EXPECT_EQ(ShardMergeError({}), "no shard results to merge");
  EXPECT_EQ(ShardMergeError({shards[0], shards[2]}),
            "shard 1 of 3 is missing: every shard's result is needed (sfnsim run --shard K/3 "
            "--shard-result FILE for K = 0 to 2)");
  EXPECT_NE(ShardMergeError({shards[1]}).find("shards 0 and 2 of 3 are missing"),
            std::string::npos);
  auto twice = shards[1];
  twice.file = "copy.json";
  EXPECT_NE(ShardMergeError({shards[0], shards[1], twice, shards[2]})
                .find("shard1.json and copy.json are both shard 1 of 3"),
            std::string::npos);
  EXPECT_NE(ShardMergeError(shards, "9.9.10")
                .find("shard0.json: written by sfnsim 9.9.9, but this is sfnsim 9.9.10"),
            std::string::npos);
  auto other_version = shards;
  other_version[2].result.sfnsim_version = "9.9.8";
  EXPECT_NE(ShardMergeError(other_version).find("shard2.json: written by sfnsim 9.9.8"),
            std::string::npos);

  auto edited = shards;
  edited[1].result.sweep.scenarios[0].sha256 = std::string(64, 'b');
  EXPECT_NE(ShardMergeError(edited).find("shard0.json and shard1.json are slices of different "
                                         "sweeps (/sweep/scenarios/0/sha256 differs)"),
            std::string::npos)
      << ShardMergeError(edited);
  edited = shards;
  edited[2].result.sweep.seeds.back() = 99;
  EXPECT_NE(ShardMergeError(edited).find("(/sweep/seeds/4 differs)"), std::string::npos);
  edited = shards;
  edited[2].result.sweep.max_steps = 5;
  EXPECT_NE(ShardMergeError(edited).find("(/sweep/max_steps differs)"), std::string::npos);
  edited = shards;
  edited[2].result.sweep.scenarios.pop_back();
  EXPECT_NE(ShardMergeError(edited).find("(/sweep/scenarios differs)"), std::string::npos);

  // Another count: slices of a 2-way split do not complete a 3-way one.
  auto halves = ShardTestShards(reports, 2);
  EXPECT_NE(ShardMergeError({shards[0], halves[1]})
                .find("shard1.json is shard 1 of 2, but shard0.json is shard 0 of 3"),
            std::string::npos);
  // Results made other than by ParseShardResult are checked too: never an out-of-range read.
  auto short_runs = shards;
  short_runs[0].result.runs.pop_back();
  EXPECT_NE(ShardMergeError(short_runs).find("shard0.json: does not hold run 3"),
            std::string::npos);
}

TEST(ShardMergeTest, VerdictFollowsTheBatchRule) {
  using V = sim::BatchVerdict;
  EXPECT_EQ(sim::VerdictOf(std::vector<V>{}), V::kPassed);
  EXPECT_EQ(sim::VerdictOf(std::vector<V>{V::kPassed, V::kFailed}), V::kFailed);
  EXPECT_EQ(sim::VerdictOf(std::vector<V>{V::kFailed, V::kNotRun, V::kPassed}), V::kNotRun);
}

}  // namespace
