#pragma once
// Shared helpers of the Athena model tests: requests, a generated numbers table, and a fixture
// with a model holding retail.numbers (10 rows).

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "simulator/services/athena/athena_model.h"

namespace athena_test {

using sim::AthenaConfig;
using sim::AthenaModel;
using sim::AthenaTableSource;
using sim::SimTime;

constexpr int64_t kEpoch = 1700000000000;  // 2023-11-14T22:13:20Z
inline SimTime At(int64_t ms) { return SimTime{kEpoch + ms}; }

inline asl::Json StartRequest(const std::string& sql, const std::string& database = "retail") {
  asl::Json request = {{"QueryString", sql},
                       {"QueryExecutionContext", {{"Database", database}}},
                       {"ResultConfiguration", {{"OutputLocation", "s3://results/athena/"}}},
                       {"WorkGroup", "primary"}};
  return request;
}

inline asl::Json IdRequest(const std::string& id) { return {{"QueryExecutionId", id}}; }

// A table of `rows` rows: id 1..rows, label 'row-<id>', half = id / 2.0, even (boolean).
inline AthenaTableSource NumbersTable(const std::string& name, int64_t rows) {
  AthenaTableSource source;
  source.database = "retail";
  source.name = name;
  source.columns = {"id INTEGER", "label VARCHAR", "half DOUBLE", "even BOOLEAN"};
  source.generated_rows = rows;
  source.generator = [](int64_t row, std::vector<std::string>& values) {
    int64_t id = row + 1;
    values = {std::to_string(id), "row-" + std::to_string(id), std::to_string(id / 2.0),
              id % 2 == 0 ? "true" : "false"};
  };
  return source;
}

class AthenaFixture : public ::testing::Test {
 protected:
  static AthenaConfig Config() {
    AthenaConfig config;
    config.databases = {"default", "retail"};
    return config;
  }

  void SetUp() override {
    model_ = std::make_unique<AthenaModel>(Config());
    ASSERT_TRUE(model_->AddTable(NumbersTable("numbers", 10)).ok());
  }

  // Starts a query that must be accepted; returns its id.
  std::string Start(const std::string& sql, SimTime now) {
    auto started = model_->StartQueryExecution(StartRequest(sql), now);
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
    return started.ok() ? started.value()["QueryExecutionId"].get<std::string>() : "";
  }

  std::string ErrorOf(const asl::Result<asl::Json, sim::AwsError>& result) {
    EXPECT_FALSE(result.ok());
    return result.ok() ? "" : result.error().code + ": " + result.error().message;
  }

  // The query's status at `now`.
  asl::Json Status(const std::string& id, SimTime now) {
    auto execution = model_->GetQueryExecution(IdRequest(id), now);
    EXPECT_TRUE(execution.ok());
    return execution.ok() ? execution.value()["QueryExecution"]["Status"] : asl::Json();
  }

  SimTime Done(const std::string& id) { return *model_->CompletionTime(id); }

  std::unique_ptr<AthenaModel> model_;
};

}  // namespace athena_test
