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


std::unique_ptr<WorldRun> RunPipeline(const std::string& faults) {
  // The 2024 bucket holds 1,022 customers: more than a page, so with a history limit of 8,000
  // (one page per execution) its executor hands over once.
  auto run = std::make_unique<WorldRun>(WorldFromText(fmt::format(R"({{
      "seed": 11,
      "sns": {{"topics": [{{"name": "customer-backfill"}}]}},
      "athena": {{"databases": ["retail"],
                  "tables": [{{"generator": "customers", "database": "retail", "rows": {}}}]}},
      "state_machines": [{{"name": "backfill-production-executor",
                           "definition_file": "{}"}}],
      "faults": {}}})",
      kRows, (kFixtures / "definitions/production_executor.asl.json").string(), faults)));
  if (!run->Install()) return run;
  asl::Json input = ReadJsonFile((kFixtures / "inputs/production_orchestrator.input.json").string());
  input["historyLimit"] = 8000;
  run->Start(Machine(ReadJsonFile((kFixtures / "definitions/production_orchestrator.asl.json").string())),
             asl::Dump(input), "backfill-production-orchestrator", "backfill");
  run->simulation->Run();
  return run;
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

}  // namespace
