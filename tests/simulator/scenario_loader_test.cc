// Scenario files: a complete scenario read into its parts, and every kind of mistake reported
// with the file, the line and what was expected.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "simulator/scenario/scenario.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kPassMachine =
    "state_machines: [{name: M, definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}}]\n";

class ScenarioLoaderTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("sfnsim_scenario_" + std::to_string(getpid()) + "_" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  // Every diagnostic of loading `path`, formatted as sfnsim prints them.
  static std::vector<std::string> Errors(const std::string& path) {
    auto loaded = sim::LoadScenario(path);
    std::vector<std::string> out;
    if (loaded.ok()) return out;
    for (const asl::Diagnostic& d : loaded.error().items()) {
      out.push_back(asl::FormatDiagnostic(d, asl::SourceMap{}));
    }
    return out;
  }
  fs::path dir_;
};

TEST_F(ScenarioLoaderTest, ReadsEveryPart) {
  Write("input.json", R"({"bucket": "2007"})");
  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(name: story
description: a test
start:
  state_machine: M
  input_file: input.json
  name: run-1
report:
  bucket: /bucketId
expect:
  status: FAILED
  error: States.Runtime
  cause: The execution reached the maximum number of history events (25000).
  all_executions_succeeded: false
  executions: {min: 2, max: 30}
  executions_by_status: {FAILED: {min: 1}, SUCCEEDED: 3}
  messages: {customer-backfill: 3564}
  rows:
    topic: customer-backfill
    key: customerId
    query: SELECT customer_id FROM retail.customers
    lost: {min: 1}
    duplicated: 0
  max_history_events: 25000
  min_history_margin: 0
  duration: {min: 90s, max: 2h30m}
  max_unhandled_faults: 3
  faults: {unhandled: {min: 1}, retried: 0}
)");
  auto loaded = sim::LoadScenario(path);
  ASSERT_TRUE(loaded.ok()) << Errors(path).front();
  const sim::Scenario& s = *loaded;
  EXPECT_EQ(s.name, "story");
  EXPECT_EQ(s.description, "a test");
  EXPECT_EQ(s.start.state_machine, "M");
  EXPECT_EQ(s.start.execution_name, "run-1");
  EXPECT_EQ(s.start.input_text, R"({"bucket": "2007"})");  // verbatim
  EXPECT_EQ(s.report.bucket_pointer, "/bucketId");
  const sim::Expectations& x = s.expect;
  EXPECT_EQ(x.status, "FAILED");
  EXPECT_EQ(x.error, "States.Runtime");
  EXPECT_EQ(x.cause, "The execution reached the maximum number of history events (25000).");
  EXPECT_EQ(x.all_succeeded, false);
  ASSERT_TRUE(x.executions);
  EXPECT_EQ(x.executions->ToString(), "between 2 and 30");
  EXPECT_EQ(x.executions_by_status.at("FAILED").ToString(), ">= 1");
  EXPECT_EQ(x.executions_by_status.at("SUCCEEDED").ToString(), "3");
  EXPECT_EQ(x.messages.at("customer-backfill").ToString(), "3564");
  ASSERT_TRUE(x.rows);
  EXPECT_FALSE(x.rows->exactly_once);
  EXPECT_EQ(x.rows->sql, "SELECT customer_id FROM retail.customers");
  EXPECT_EQ(x.rows->lost->ToString(), ">= 1");
  EXPECT_EQ(x.rows->duplicated->ToString(), "0");
  EXPECT_FALSE(x.rows->once);
  EXPECT_FALSE(x.rows->unexpected);
  EXPECT_EQ(x.max_history_events, 25000);
  EXPECT_EQ(x.min_history_margin, 0);
  EXPECT_EQ(x.duration_ms->min, 90'000);
  EXPECT_EQ(x.duration_ms->max, 9'000'000);
  EXPECT_EQ(x.max_unhandled_faults, 3);
  EXPECT_EQ(x.faults.at("unhandled").ToString(), ">= 1");
  EXPECT_EQ(x.faults.at("retried").ToString(), "0");
  // Lines, for the JUnit report: of the key, or of the entry inside a map.
  EXPECT_EQ(x.lines.at("status"), 11);
  EXPECT_EQ(x.lines.at("executions_by_status.SUCCEEDED"), 16);
  EXPECT_EQ(x.lines.at("messages.customer-backfill"), 17);
  EXPECT_EQ(x.lines.at("rows.lost"), 22);
  EXPECT_EQ(x.lines.at("faults.retried"), 28);
}

TEST_F(ScenarioLoaderTest, NameDefaultsToTheFileAndPublishedOnceIsExact) {
  std::string path = Write("my_story.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  published_once: {topic: t, key: /a/b, query: SELECT 1}
)");
  auto loaded = sim::LoadScenario(path);
  ASSERT_TRUE(loaded.ok()) << Errors(path).front();
  EXPECT_EQ(loaded->name, "my_story");
  EXPECT_EQ(loaded->start.input_text, "{}");
  ASSERT_TRUE(loaded->expect.rows);
  EXPECT_TRUE(loaded->expect.rows->exactly_once);
  EXPECT_EQ(loaded->expect.rows->key, "/a/b");
}

TEST_F(ScenarioLoaderTest, EveryWorldKeyIsAScenarioKey) {
  // The scenario loader checks top-level keys against its own copy of the world's list.
  std::string path =
      Write("world_keys.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
seed: 3
partition: aws
region: eu-west-1
account: "123456789012"
latency: {default: 10}
sns: {topics: [{name: t}]}
sqs: {queues: [{name: q}]}
lambda: {functions: [{name: f, echo: true}]}
athena: {databases: [retail]}
callbacks: []
quotas: {sns_publish: false}
faults: []
)");
  auto loaded = sim::LoadScenario(path);
  ASSERT_TRUE(loaded.ok()) << Errors(path).front();
  EXPECT_EQ(loaded->world.seed, 3u);
}

TEST_F(ScenarioLoaderTest, UnknownKeysAreLocatedWithASuggestion) {
  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(start:
  state_machine: M
  nmae: run
expcet:
  status: SUCCEEDED
expect:
  stauts: SUCCEEDED
  rows: {topic: t, key: k, query: SELECT 1, lsot: 1}
report: {buckets: /x}
)");
  const std::string f = path;
  EXPECT_EQ(Errors(path),
            (std::vector<std::string>{
                f + ":5: /expcet: unknown field \"expcet\" (did you mean \"expect\"?)",
                f + ":4: /start/nmae: unknown field \"nmae\" (did you mean \"name\"?)",
                f + ":8: /expect/stauts: unknown field \"stauts\" (did you mean \"status\"?)",
                f + ":9: /expect/rows/lsot: unknown field \"lsot\" (did you mean \"lost\"?)",
                f + ":9: /expect/rows: give a bound on at least one of \"once\", \"duplicated\", "
                    "\"lost\", \"unexpected\" (or use published_once)",
                f + ":10: /report/buckets: unknown field \"buckets\" (did you mean \"bucket\"?)",
            }));
}

TEST_F(ScenarioLoaderTest, AnUnknownTopLevelKeyDoesNotHideTheStateMachines) {
  // One typo must not discard the world and then report the start's state machine as missing.
  std::string path =
      Write("s.yaml", std::string(kPassMachine) + "start: {state_machine: M}\nfoo: 1\n");
  std::vector<std::string> errors = Errors(path);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with(path + ":3: /foo: unknown field \"foo\" (expected one of: "
                                           "name, description, start, expect, report, seed,"))
      << errors[0];
}

TEST_F(ScenarioLoaderTest, WrongTypesAndValuesSayWhatWasExpected) {
  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  status: DONE
  error: 5
  all_executions_succeeded: "yes"
  executions: lots
  executions_by_status: {RUNNING: 1, FAILED: -2}
  messages: [t]
  max_history_events: 0
  min_history_margin: 1.5
  faults: {ignored: 0}
  max_unhandled_faults: -1
)");
  const std::string f = path;
  EXPECT_EQ(Errors(path),
            (std::vector<std::string>{
                f + ":4: /expect/status: \"DONE\" is not an execution status (SUCCEEDED, FAILED, "
                    "TIMED_OUT, ABORTED)",
                f + ":5: /expect/error: expected a string, got a number",
                f + ":6: /expect/all_executions_succeeded: expected true or false, got a string",
                f + ":7: /expect/executions: expected a count (an integer) or {min, max}",
                f + ":8: /expect/executions_by_status/RUNNING: \"RUNNING\" is not an execution "
                    "status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED)",
                f + ":8: /expect/executions_by_status/FAILED: -2 is not a count (0 or more)",
                f + ":9: /expect/messages: expected an object of name: count (an integer or {min, "
                    "max})",
                f + ":10: /expect/max_history_events: 0 is out of range [1, 9223372036854775807]",
                f + ":11: /expect/min_history_margin: expected an integer, got 1.5",
                f + ":13: /expect/max_unhandled_faults: -1 is out of range [0, "
                    "9223372036854775807]",
                f + ":12: /expect/faults/ignored: \"ignored\" is not a fault count (injected, "
                    "retried, caught, unhandled)",
            }));
}

TEST_F(ScenarioLoaderTest, BucketImbalanceNeedsBucketsAndARatio) {
  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  max_bucket_imbalance: 0.5
)");
  EXPECT_EQ(Errors(path),
            (std::vector<std::string>{
                path + ":4: /expect/max_bucket_imbalance: 0.5 is out of range [1, 1000000000]",
            }));
  path = Write("t.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  max_bucket_imbalance: 1.5
)");
  EXPECT_EQ(Errors(path),
            (std::vector<std::string>{
                path + ":4: /expect/max_bucket_imbalance: needs report.bucket (the JSON pointer "
                       "where an executor's input names its bucket)",
            }));
  path = Write("u.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
report: {bucket: /bucketId}
expect:
  max_bucket_imbalance: 1.5
)");
  auto scenario = sim::LoadScenario(path);
  ASSERT_TRUE(scenario.ok());
  EXPECT_EQ(scenario->expect.max_bucket_imbalance, 1.5);
}

TEST_F(ScenarioLoaderTest, BadCountBounds) {
  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  executions: {min: 5, max: 2}
  messages:
    a: {}
    b: {min: -1}
    c: {most: 3}
    d: "7"
)");
  const std::string f = path;
  EXPECT_EQ(Errors(path),
            (std::vector<std::string>{
                f + ":4: /expect/executions: min 5 is above max 2",
                f + ":6: /expect/messages/a: give \"min\", \"max\" or both",
                f + ":7: /expect/messages/b/min: -1 is out of range [0, 9223372036854775807]",
                f + ":8: /expect/messages/c/most: unknown field \"most\" (expected one of: "
                    "min, max)",
                f + ":8: /expect/messages/c: give \"min\", \"max\" or both",
                f + ":9: /expect/messages/d: expected a count (an integer) or {min, max}",
            }));
}

TEST_F(ScenarioLoaderTest, BadDurations) {
  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  duration: {min: 2h, max: 90m}
)");
  EXPECT_EQ(Errors(path), std::vector<std::string>{path + ":4: /expect/duration: min 2h 0m 0s is "
                                                          "above max 1h 30m 0s"});
  for (const char* bad : {"3 days", "1h30", "h", "-5s", "1w", "999999999999d", "\"\""}) {
    path = Write("s.yaml", std::string(kPassMachine) +
                               "start: {state_machine: M}\nexpect:\n"
                               "  duration: {max: " +
                               bad + "}\n");
    std::vector<std::string> errors = Errors(path);
    ASSERT_EQ(errors.size(), 1u) << bad;
    EXPECT_TRUE(errors[0].starts_with(path + ":4: /expect/duration/max: ")) << errors[0];
    EXPECT_TRUE(errors[0].ends_with(" is not a duration (e.g. 90s, 15m, 2h30m, 1d)")) << errors[0];
  }
  path = Write("s.yaml", std::string(kPassMachine) +
                             "start: {state_machine: M}\nexpect:\n"
                             "  duration: 24h\n");
  EXPECT_EQ(Errors(path),
            std::vector<std::string>{path + ":4: /expect/duration: expected an object, got a "
                                            "string"});
}

TEST_F(ScenarioLoaderTest, DurationsParseAndPrint) {
  EXPECT_EQ(sim::ParseDurationMillis(asl::Json("2h30m")), 9'000'000);
  EXPECT_EQ(sim::ParseDurationMillis(asl::Json("1d")), 86'400'000);
  EXPECT_EQ(sim::ParseDurationMillis(asl::Json("1m500ms")), 60'500);
  EXPECT_EQ(sim::ParseDurationMillis(asl::Json(1500)), 1500);
  EXPECT_EQ(sim::ParseDurationMillis(asl::Json(-1)), std::nullopt);
  EXPECT_EQ(sim::ParseDurationMillis(asl::Json("15")), std::nullopt);
  EXPECT_EQ(sim::ParseDurationMillis(asl::Json("106751991168d")), std::nullopt);  // overflows
  EXPECT_EQ(sim::FormatDuration(999), "999ms");
  EXPECT_EQ(sim::FormatDuration(111'409), "1m 51.409s");
  EXPECT_EQ(sim::FormatDuration(90'000'000), "1d 1h 0m 0s");
}

TEST_F(ScenarioLoaderTest, StartMistakes) {
  std::string no_start = Write("no_start.yaml", kPassMachine);
  EXPECT_EQ(Errors(no_start),
            std::vector<std::string>{no_start + ":1: missing \"start\": which state machine the "
                                                "run starts, and its input"});

  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(start:
  state_machine: orchestrator
  input: {}
  input_file: x.json
)");
  EXPECT_EQ(Errors(path),
            (std::vector<std::string>{
                path + ":2: /start: give \"input\" or \"input_file\", not both",
                path + ":3: /start/state_machine: \"orchestrator\" is not a state machine of this "
                       "scenario (state_machines: M)",
            }));

  path = Write("s.yaml", std::string(kPassMachine) + "start: {input: {}}\n");
  EXPECT_EQ(Errors(path), std::vector<std::string>{path + ":2: /start: required field "
                                                          "\"state_machine\" is missing"});
}

TEST_F(ScenarioLoaderTest, MissingAndBrokenFilesAreNamed) {
  std::string missing = (dir_ / "nope.yaml").string();
  std::vector<std::string> errors = Errors(missing);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("nope.yaml"), std::string::npos) << errors[0];

  std::string path = Write(
      "s.yaml", std::string(kPassMachine) + "start: {state_machine: M, input_file: gone.json}\n");
  EXPECT_EQ(Errors(path), std::vector<std::string>{path + ":2: /start/input_file: " +
                                                   (dir_ / "gone.json").string() +
                                                   ": cannot read: No such file or directory"});

  Write("broken.json", "{\"a\": \n");
  path = Write("s.yaml",
               std::string(kPassMachine) + "start: {state_machine: M, input_file: broken.json}\n");
  errors = Errors(path);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with(
      path + ":2: /start/input_file: " + (dir_ / "broken.json").string() + ":2:"))
      << errors[0];
  EXPECT_NE(errors[0].find("the input must be JSON"), std::string::npos) << errors[0];

  path = Write("s.yaml", R"(state_machines: [{name: M, definition_file: missing.asl.json}]
start: {state_machine: M}
)");
  errors = Errors(path);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with(path + ":1: /state_machines/0/definition_file: ")) << errors[0];
  EXPECT_NE(errors[0].find("missing.asl.json"), std::string::npos) << errors[0];

  path = Write("s.yaml", "start: [\n");
  errors = Errors(path);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with(path + ":")) << errors[0];

  path = Write("s.yaml", "- a list\n");
  errors = Errors(path);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], path + ":1: a scenario is an object, not an array");
}

TEST_F(ScenarioLoaderTest, RowsAndPublishedOnceAreOneCheck) {
  std::string path = Write("s.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  published_once: {topic: t, key: k, query: SELECT 1}
  rows: {topic: t, key: k, query: SELECT 1, lost: 0}
)");
  EXPECT_EQ(Errors(path),
            std::vector<std::string>{path + ":5: /expect/rows: give \"published_once\" or "
                                            "\"rows\", not both (both check the same query)"});
  path = Write("s.yaml", std::string(kPassMachine) + R"(start: {state_machine: M}
expect:
  published_once: {topic: t, query: SELECT 1}
)");
  EXPECT_EQ(Errors(path), std::vector<std::string>{path + ":4: /expect/published_once: required "
                                                          "field \"key\" is missing"});
}

}  // namespace
