// The reference pipeline (docs/pipeline.md) end to end in a World: the production orchestrator
// queries Athena per bucket and starts an executor chain per query; executors page the results,
// publish every record to SNS and hand over to a new execution of themselves. Every customer is
// published exactly once, also when 1% of the publishes fail and the workflow's retries handle
// them.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>

#include "simulator/data/customer_generator.h"
#include "tests/simulator/world_test_util.h"

namespace {

namespace fs = std::filesystem;
using sfnsim_test::Machine;
using sfnsim_test::ReadJsonFile;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

const fs::path kFixtures = fs::path(SFNSIM_SOURCE_DIR) / "fixtures";
constexpr int64_t kRows = 6000;


// The pipeline's two spellings: (c) in JSONPath and (d) in JSONata with workflow variables.
enum class Version { kJsonPath, kJsonata };

std::unique_ptr<WorldRun> RunPipeline(const std::string& faults,
                                      Version version = Version::kJsonPath) {
  std::string prefix = version == Version::kJsonPath ? "production" : "jsonata";
  std::string executor = "backfill-" + prefix + "-executor";
  // The 2024 bucket holds 1,022 customers: more than a page, so with a history limit of 8,000
  // (one page per execution) its executor hands over once.
  auto run = std::make_unique<WorldRun>(WorldFromText(fmt::format(R"({{
      "seed": 11,
      "sns": {{"topics": [{{"name": "customer-backfill"}}]}},
      "athena": {{"databases": ["retail"],
                  "tables": [{{"generator": "customers", "database": "retail", "rows": {}}}]}},
      "state_machines": [{{"name": "{}", "definition_file": "{}"}}],
      "faults": {}}})",
      kRows, executor,
      (kFixtures / ("definitions/" + prefix + "_executor.asl.json")).string(), faults)));
  if (!run->Install()) return run;
  asl::Json input =
      ReadJsonFile((kFixtures / ("inputs/" + prefix + "_orchestrator.input.json")).string());
  input["historyLimit"] = 8000;
  run->Start(Machine(ReadJsonFile(
                 (kFixtures / ("definitions/" + prefix + "_orchestrator.asl.json")).string())),
             asl::Dump(input), "backfill-" + prefix + "-orchestrator", "backfill");
  run->simulation->Run();
  return run;
}

// Each event as "id/previous type name": what must not change between the two spellings.
std::vector<std::string> Shape(const std::vector<asl::Json>& events) {
  std::vector<std::string> out;
  for (const asl::Json& e : events) {
    std::string name;
    for (const char* key : {"stateEnteredEventDetails", "stateExitedEventDetails"}) {
      if (e.contains(key)) name = e[key]["name"].get<std::string>();
    }
    out.push_back(fmt::format("{}/{} {} {}", e["id"].get<int64_t>(),
                              e["previousEventId"].get<int64_t>(),
                              e["type"].get<std::string>(), name));
  }
  return out;
}

void ExpectEveryCustomerOnce(WorldRun& run) {
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded)
      << run.execution->error().name << ": " << run.execution->error().cause;
  for (const auto& e : run.simulation->executions()) {
    EXPECT_EQ(e->status(), sim::ExecutionStatus::kSucceeded) << e->name() << " " << e->error().cause;
  }
  const auto& messages = run.world->sns().messages();
  EXPECT_EQ(messages.size(), static_cast<size_t>(kRows));
  std::map<std::string, int> customers;
  std::set<std::string> correlation_ids;
  for (const auto& m : messages) {
    asl::Json body = asl::Json::parse(m.body);
    ++customers[body["customerId"].get<std::string>()];
    correlation_ids.insert(m.correlation_id);
    // The correlation id names the execution that published the record.
    EXPECT_TRUE(m.correlation_id.ends_with("-" + body["customerId"].get<std::string>()));
    EXPECT_NE(m.correlation_id.find(m.execution_arn.substr(m.execution_arn.rfind(':') + 1)),
              std::string::npos);
  }
  EXPECT_EQ(customers.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(correlation_ids.size(), static_cast<size_t>(kRows));
  for (const auto& [customer, count] : customers) EXPECT_EQ(count, 1) << customer;
}

TEST(PipelineTest, EveryCustomerIsPublishedOnce) {
  auto run = RunPipeline("[]");
  ExpectEveryCustomerOnce(*run);
  // One orchestrator, one executor per bucket (21), plus the 2024 bucket's handover.
  EXPECT_EQ(run->simulation->executions().size(), 1u + 21u + 1u);
  sim::CustomerGenerator generator({1, kRows});
  EXPECT_EQ(generator.RowsInYear(2024), 1022);
  std::vector<std::string> links;
  for (const auto& e : run->simulation->executions()) {
    if (e->name().ends_with("-2")) links.push_back(e->name());
  }
  ASSERT_EQ(links.size(), 1u);
}

TEST(PipelineTest, OnePercentPublishFailuresAreRetried) {
  auto run = RunPipeline(R"([{"service": "sns", "api": "publish", "rate": 0.01}])");
  ExpectEveryCustomerOnce(*run);
  const sim::FaultInjectingBackend& faults = *run->world->faults();
  EXPECT_GT(faults.fired(0), 20);
  for (const sim::InjectedFault& f : faults.injected()) {
    EXPECT_EQ(f.error, "SNS.InternalErrorException");
    EXPECT_EQ(f.handling, sim::FailureHandling::kRetried);
    EXPECT_EQ(f.index, 0);  // the first retrier names SNS.InternalErrorException
  }
}

// docs/pipeline.md (d): the JSONata version has the same states in the same order, so every
// execution writes the same events as the JSONPath version, also with retried failures.
TEST(PipelineTest, TheJsonataVersionWritesTheSameHistories) {
  const std::string faults = R"([{"service": "sns", "api": "publish", "rate": 0.01}])";
  auto json_path = RunPipeline(faults, Version::kJsonPath);
  auto jsonata = RunPipeline(faults, Version::kJsonata);
  ExpectEveryCustomerOnce(*jsonata);
  EXPECT_EQ(Shape(jsonata->sink.events()), Shape(json_path->sink.events()));
  ASSERT_EQ(jsonata->child_sinks.size(), json_path->child_sinks.size());
  for (const auto& [name, sink] : json_path->child_sinks) {
    auto it = jsonata->child_sinks.find(name);
    ASSERT_NE(it, jsonata->child_sinks.end()) << name;
    EXPECT_EQ(Shape(it->second->events()), Shape(sink->events())) << name;
  }
}

}  // namespace
