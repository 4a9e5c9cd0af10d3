// Benchmarks of the Athena model: loading generated tables (rows/s), running a bucket query,
// and paging through a large result (pages/s). Figures come from a Release build:
//   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target sfnsim_bench
//   ./build-release/sfnsim_bench --benchmark_filter=Athena

#include <benchmark/benchmark.h>

#include <memory>

#include "simulator/data/customer_generator.h"
#include "simulator/services/athena/athena_model.h"

namespace sim {
namespace {

AthenaConfig RetailConfig() {
  AthenaConfig config;
  config.databases = {"default", "retail"};
  return config;
}

asl::Json StartRequest(const std::string& sql) {
  return {{"QueryString", sql},
          {"QueryExecutionContext", {{"Database", "retail"}}},
          {"ResultConfiguration", {{"OutputLocation", "s3://bench/"}}}};
}

// Generating the rows alone, for comparison with loading them.
void BM_AthenaGenerateCustomerRows(benchmark::State& state) {
  CustomerGenerator generator({.seed = 1, .rows = CustomerGenerator::kMaxRows});
  std::vector<std::string> values;
  int64_t row = 0;
  for (auto _ : state) {
    generator.Row(row, values);
    benchmark::DoNotOptimize(values.data());
    row = (row + 7919) % generator.rows();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AthenaGenerateCustomerRows);

// Adding a generated customers table of state.range(0) rows: the pass over every row that
// checks the values, counts their bytes and learns the columns' order (the table is then
// regenerated during scans, not stored). items_per_second = rows per second.
void BM_AthenaLoadGeneratedCustomers(benchmark::State& state) {
  auto generator = std::make_shared<const CustomerGenerator>(
      CustomerGeneratorConfig{.seed = 1, .rows = state.range(0)});
  for (auto _ : state) {
    auto model = std::make_unique<AthenaModel>(RetailConfig());
    auto loaded = model->AddTable(CustomerTableSource(generator));
    if (!loaded.ok()) state.SkipWithError(loaded.error().c_str());
    state.PauseTiming();  // tearing the database down is not loading
    model.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AthenaLoadGeneratedCustomers)
    ->Arg(1000000)
    ->Arg(8000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

// StartQueryExecution of one year bucket on 1,000,000 customers (the query runs on SQLite at
// submission, so this is the cost of running it; past 1 MiB the result is only counted, and
// read again when paged). Without an index every row is generated.
void BM_AthenaRunBucketQuery(benchmark::State& state) {
  auto generator = std::make_shared<const CustomerGenerator>(
      CustomerGeneratorConfig{.seed = 1, .rows = 1000000});
  AthenaConfig config = RetailConfig();
  config.max_active_queries = 1 << 30;
  AthenaModel model(config);
  if (!model.AddTable(CustomerTableSource(generator)).ok()) state.SkipWithError("load");
  int64_t now = 0;
  for (auto _ : state) {
    auto started = model.StartQueryExecution(
        StartRequest("SELECT customer_id, registration_date, email, country, tier FROM "
                     "customers WHERE registration_year = 2020 ORDER BY customer_id"),
        SimTime{now++});
    if (!started.ok()) state.SkipWithError(started.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * generator->RowsInYear(2020));
}
BENCHMARK(BM_AthenaRunBucketQuery)->Unit(benchmark::kMillisecond)->Iterations(5);

// The same query with registration_year indexed: only the bucket's rows are generated (and what
// adding the table then costs).
void BM_AthenaRunBucketQueryIndexed(benchmark::State& state) {
  auto generator = std::make_shared<const CustomerGenerator>(
      CustomerGeneratorConfig{.seed = 1, .rows = 1000000});
  AthenaConfig config = RetailConfig();
  config.max_active_queries = 1 << 30;
  AthenaModel model(config);
  AthenaTableSource source = CustomerTableSource(generator);
  source.indexed_columns = {"registration_year"};
  if (!model.AddTable(source).ok()) state.SkipWithError("load");
  int64_t now = 0;
  for (auto _ : state) {
    auto started = model.StartQueryExecution(
        StartRequest("SELECT customer_id, registration_date, email, country, tier FROM "
                     "customers WHERE registration_year = 2020 ORDER BY customer_id"),
        SimTime{now++});
    if (!started.ok()) state.SkipWithError(started.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * generator->RowsInYear(2020));
}
BENCHMARK(BM_AthenaRunBucketQueryIndexed)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_AthenaLoadGeneratedCustomersIndexed(benchmark::State& state) {
  auto generator = std::make_shared<const CustomerGenerator>(
      CustomerGeneratorConfig{.seed = 1, .rows = state.range(0)});
  for (auto _ : state) {
    auto model = std::make_unique<AthenaModel>(RetailConfig());
    AthenaTableSource source = CustomerTableSource(generator);
    source.indexed_columns = {"registration_year"};
    auto loaded = model->AddTable(source);
    if (!loaded.ok()) state.SkipWithError(loaded.error().c_str());
    state.PauseTiming();
    model.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AthenaLoadGeneratedCustomersIndexed)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

// The same query on a virtual customers table (rows generated during the scan): the
// per-query cost of not loading.
void BM_AthenaRunBucketQueryOnVirtualTable(benchmark::State& state) {
  auto generator = std::make_shared<const CustomerGenerator>(
      CustomerGeneratorConfig{.seed = 1, .rows = 1000000});
  AthenaConfig config = RetailConfig();
  config.max_active_queries = 1 << 30;
  AthenaModel model(config);
  AthenaTableSource source = CustomerTableSource(generator);
  source.virtual_table = true;
  if (!model.AddTable(source).ok()) state.SkipWithError("create");
  int64_t now = 0;
  for (auto _ : state) {
    auto started = model.StartQueryExecution(
        StartRequest("SELECT customer_id, registration_date, email, country, tier FROM "
                     "customers WHERE registration_year = 2020 ORDER BY customer_id"),
        SimTime{now++});
    if (!started.ok()) state.SkipWithError(started.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * generator->RowsInYear(2020));
}
BENCHMARK(BM_AthenaRunBucketQueryOnVirtualTable)->Unit(benchmark::kMillisecond)->Iterations(3);

// GetQueryResults through a 100,000-row result, 1000 rows a page (101 pages with the header).
// items_per_second = pages per second.
void BM_AthenaPageThrough100000Rows(benchmark::State& state) {
  auto generator =
      std::make_shared<const CustomerGenerator>(CustomerGeneratorConfig{.seed = 1, .rows = 100000});
  AthenaModel model(RetailConfig());
  if (!model.AddTable(CustomerTableSource(generator)).ok()) state.SkipWithError("load");
  auto started = model.StartQueryExecution(
      StartRequest("SELECT customer_id, registration_date, email, country, tier FROM customers "
                   "ORDER BY customer_id"),
      SimTime{0});
  std::string id = started.value()["QueryExecutionId"];
  SimTime done = *model.CompletionTime(id);
  int64_t pages = 0;
  for (auto _ : state) {
    std::optional<std::string> token;
    do {
      asl::Json request = {{"QueryExecutionId", id}, {"MaxResults", 1000}};
      if (token) request["NextToken"] = *token;
      auto page = model.GetQueryResults(request, done);
      ++pages;
      token.reset();
      if (page.ok() && page.value().contains("NextToken")) {
        token = page.value()["NextToken"].get<std::string>();
      }
      benchmark::DoNotOptimize(page);
    } while (token);
  }
  state.SetItemsProcessed(pages);
  state.counters["pages"] = static_cast<double>(pages) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_AthenaPageThrough100000Rows)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sim
