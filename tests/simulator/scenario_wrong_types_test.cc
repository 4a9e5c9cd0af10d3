// Every field of a scenario (and so of a world: a scenario holds one) replaced by a value of
// every JSON type: loading never crashes, and every problem is located (file, line, JSON
// pointer) and says what was expected. A `definition_file: 5` used to abort.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "simulator/scenario/scenario.h"

namespace {

namespace fs = std::filesystem;

// A scenario that sets every documented field (docs/world.md, docs/scenarios.md) once.
constexpr const char* kEveryField = R"({
  "name": "every-field", "description": "d",
  "seed": 1, "partition": "aws", "region": "us-east-1", "account": "123456789012",
  "latency": {"default": [1, 2], "sns": {"min_ms": 1, "max_ms": 2}, "sns:publish": 5},
  "sns": {"topics": [{"name": "t", "content_based_deduplication": false,
                      "subscriptions": [{"queue": "q", "raw_message_delivery": true}]}]},
  "sqs": {"queues": [{"name": "q", "url": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                      "content_based_deduplication": false, "max_message_bytes": 262144}]},
  "lambda": {"functions": [
    {"name": "f1", "command": "cat", "working_directory": ".", "duration_ms": [1, 2],
     "timeout_seconds": 3},
    {"name": "f2", "echo": true},
    {"name": "f3", "responses": [{"payload": {"a": 1}, "function_error": false, "duration_ms": 5},
                                 {"payload_text": "{}"},
                                 {"service_error": {"code": "X", "message": "m", "status": 500}}]}]},
  "state_machines": [
    {"name": "M", "type": "STANDARD",
     "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}},
    {"name": "F", "type": "EXPRESS", "definition_file": "def.json", "logical_id": "",
     "substitutions": {"A": "b", "N": 1}}],
  "athena": {"databases": ["default"],
             "workgroups": ["primary", {"name": "etl", "output_location": "s3://r/",
                                        "enforce_configuration": true}],
             "max_active_queries": 25, "queue_when_busy": false, "queue_time_ms": 200,
             "planning_time_ms": 100, "base_run_time_ms": 1500, "micros_per_row_scanned": 2.0,
             "micros_per_result_row": 1.0, "service_processing_time_ms": 30,
             "usd_per_tb_scanned": 5.0,
             "tables": [{"database": "default", "name": "orders", "csv": "t.csv",
                         "columns": ["id INTEGER"], "indexed_columns": ["id"]},
                        {"database": "default", "generator": "customers", "name": "customers",
                         "rows": 10, "seed": 1, "first_year": 2004, "last_year": 2024,
                         "yearly_growth": 1.2, "virtual": false}]},
  "callbacks": [{"state": "W", "resource": "r", "after_ms": 1, "heartbeat_every_ms": 1,
                 "heartbeat_until_ms": 2, "succeed": {"output": {}}},
                {"state": "X", "fail": {"error": "E", "cause": "C"}},
                {"state": "Y", "none": true, "heartbeat_every_ms": 1, "heartbeat_until_ms": 5}],
  "quotas": {"start_execution": {"enabled": true, "capacity": 10, "refill_per_second": 1.0,
                                 "error": {"code": "T", "message": "m", "status": 400}},
             "state_transitions": false,
             "lambda_concurrency": {"enabled": true, "limit": 5, "error": {"code": "T"}},
             "max_open_executions": 100},
  "faults": [{"name": "n", "service": "sns", "api": "publish", "state": "S", "resource": "r",
              "rate": 0.5, "calls": [1, 2], "window": {"from_ms": 0, "to_ms": 10},
              "mode": "fail", "error": {"code": "X", "message": "m", "status": 500},
              "delay_ms": 0},
             {"service": "sqs", "rate": 1, "error": {"name": "E", "cause": "c"}},
             {"service": "lambda", "mode": "delay", "delay_ms": 5, "rate": 1}],
  "start": {"state_machine": "M", "input": {"a": 1}, "name": "run-1"},
  "expect": {"status": "SUCCEEDED", "error": "E", "cause": "C", "all_executions_succeeded": true,
             "executions": {"min": 1, "max": 2}, "executions_by_status": {"SUCCEEDED": 1},
             "messages": {"t": 1},
             "rows": {"topic": "t", "key": "k", "query": "SELECT 1", "once": 1, "duplicated": 0,
                      "lost": 0, "unexpected": 0},
             "max_history_events": 100, "min_history_margin": 1,
             "duration": {"min": "1s", "max": "2h"}, "max_unhandled_faults": 0,
             "faults": {"injected": 1}, "max_bucket_imbalance": 2.0},
  "report": {"bucket": "/bucketId"}
})";

// The same start read from files, and a replayed start.
constexpr const char* kStartFromFiles = R"({
  "state_machines": [{"name": "M",
     "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}],
  "start": {"state_machine": "M", "input_file": "input.json", "replay": "history.json"}
})";

class ScenarioWrongTypesTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sfnsim_wrong_types_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Write("def.json", R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})");
    Write("t.csv", "id\n1\n");
    Write("input.json", R"({"a": 1})");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // Loads `document` written as the scenario file; the formatted diagnostics (empty: loaded).
  std::vector<std::string> Load(const asl::Json& document) {
    std::string path = Write("s.json", document.dump(2));
    auto loaded = sim::LoadScenario(path);
    std::vector<std::string> out;
    if (loaded.ok()) return out;
    for (const asl::Diagnostic& d : loaded.error().items()) {
      out.push_back(asl::FormatDiagnostic(d, asl::SourceMap{}));
    }
    return out;
  }

  // Every JSON pointer of `value` (the root excluded), parents before children.
  static void Pointers(const asl::Json& value, const std::string& at, std::vector<std::string>& out) {
    if (value.is_object()) {
      for (auto it = value.begin(); it != value.end(); ++it) {
        std::string p = asl::PointerJoin(at, it.key());
        out.push_back(p);
        Pointers(*it, p, out);
      }
    } else if (value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i) {
        std::string p = asl::PointerJoin(at, std::to_string(i));
        out.push_back(p);
        Pointers(value[i], p, out);
      }
    }
  }

  // Replaces every field of `base` by each wrong value in turn; each load must end, and each
  // problem must name the file, a line and a pointer.
  void MutateEveryField(const asl::Json& base) {
    ASSERT_EQ(Load(base), std::vector<std::string>{}) << "the unmutated scenario must load";
    const asl::Json kValues[] = {-1, 2.5, "x", true, nullptr, asl::Json::array({1, "y"}),
                                 asl::Json({{"zz", 1}})};
    std::vector<std::string> pointers;
    Pointers(base, "", pointers);
    std::string file = (dir_ / "s.json").string();
    int refused = 0;
    for (const std::string& pointer : pointers) {
      for (const asl::Json& value : kValues) {
        asl::Json mutated = base;
        mutated[asl::Json::json_pointer(pointer)] = value;
        std::vector<std::string> errors = Load(mutated);
        if (!errors.empty()) ++refused;
        for (const std::string& e : errors) {
          // "FILE:LINE: /POINTER: message"
          EXPECT_EQ(e.rfind(file + ":", 0), 0u) << pointer << " = " << value.dump() << ": " << e;
          EXPECT_NE(e.find(": /"), std::string::npos)
              << pointer << " = " << value.dump() << ": " << e;
        }
      }
    }
    // Most replacements are wrong: a loader that accepted everything would fail here.
    EXPECT_GT(refused, static_cast<int>(pointers.size()) * 3);
  }

  fs::path dir_;
};

TEST_F(ScenarioWrongTypesTest, EveryFieldOfEveryTypeIsRefusedWithItsLocation) {
  MutateEveryField(asl::Json::parse(kEveryField));
}

TEST_F(ScenarioWrongTypesTest, StartFromFilesEveryType) {
  Write("history.json", R"({"events": [
    {"timestamp": "2024-05-01T10:00:00+00:00", "type": "ExecutionStarted", "id": 1,
     "previousEventId": 0, "executionStartedEventDetails": {"input": "{}",
     "inputDetails": {"truncated": false}, "roleArn": "arn:aws:iam::123456789012:role/r"}}]})");
  MutateEveryField(asl::Json::parse(kStartFromFiles));
}

TEST_F(ScenarioWrongTypesTest, TheReportedDefectsNameTheFieldAndTheExpectedType) {
  struct Case {
    const char* pointer;
    asl::Json value;
    const char* message;  // part of the diagnostic of `pointer`
  };
  const Case kCases[] = {
      {"/state_machines/1/definition_file", 5, "/state_machines/1/definition_file: expected a "
                                               "string, got a number"},
      // Written but null: the field is there, with the wrong type (not "missing").
      {"/state_machines/1/definition_file", nullptr, "/state_machines/1/definition_file: "
                                                     "expected a string, got null"},
      {"/state_machines/1/substitutions", 5, "/state_machines/1/substitutions: expected an "
                                             "object of name: value, got a number"},
      // Beside an inline definition, substitutions would be silently unused.
      {"/state_machines/0/substitutions", 5, "/state_machines/0/substitutions: expected an "
                                             "object of name: value, got a number"},
      {"/state_machines/0/substitutions", asl::Json::object({{"A", "b"}}),
       "/state_machines/0/substitutions: substitutions apply to a \"definition_file\""},
      {"/state_machines/0/name", true, "/state_machines/0/name: expected a string, got a boolean"},
      {"/athena/tables/0/csv", asl::Json::array(), "/athena/tables/0/csv: expected a string, got "
                                                   "an array"},
      {"/athena/tables/1/generator", 7, "/athena/tables/1/generator: expected a string"},
      {"/start/input_file", 1, "/start/input_file: expected a string"},
      {"/lambda/functions/0/command", asl::Json::object(), "/lambda/functions/0/command: expected "
                                                           "a command: a string (run with /bin/sh "
                                                           "-c) or an array [program, argument...], "
                                                           "got an object"},
      {"/lambda/functions/0/timeout_seconds", 901, "/lambda/functions/0/timeout_seconds: 901 is "
                                                   "out of range [1, 900]"},
      {"/faults/0/window/from_ms", "0", "/faults/0/window/from_ms: expected an integer"},
      {"/latency/default", "fast", "/latency/default: expected milliseconds"},
  };
  asl::Json base = asl::Json::parse(kEveryField);
  base["start"].erase("input");
  for (const Case& c : kCases) {
    asl::Json mutated = base;
    mutated[asl::Json::json_pointer(c.pointer)] = c.value;
    std::vector<std::string> errors = Load(mutated);
    bool found = false;
    for (const std::string& e : errors) found = found || e.find(c.message) != std::string::npos;
    EXPECT_TRUE(found) << c.pointer << " = " << c.value.dump() << ": "
                       << (errors.empty() ? std::string("loaded") : errors.front());
  }
}

}  // namespace
