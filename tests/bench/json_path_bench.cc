// Benchmarks of the path layer: the per-state hot paths (definite Find, payload templates).
// Build with `cmake --build build --target sfnsim_bench`.

#include <benchmark/benchmark.h>

#include "asl/path/json_path.h"
#include "asl/template/payload_template.h"

namespace asl {
namespace {

const Json& SmallDocument() {
  static const Json doc = Json::parse(R"({
    "orderId": "o-123", "customer": {"id": 42, "name": "Ada", "tier": "gold"},
    "items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2}], "total": 17.5})");
  return doc;
}

// A definite path read in place: what InputPath, OutputPath and Choice variables do.
void BM_FindDefinite(benchmark::State& state) {
  JsonPath path = std::move(JsonPath::Parse("$.customer.tier")).value();
  const Json& doc = SmallDocument();
  for (auto _ : state) benchmark::DoNotOptimize(path.Find(doc));
}
BENCHMARK(BM_FindDefinite);

void BM_FindDefiniteWithIndex(benchmark::State& state) {
  JsonPath path = std::move(JsonPath::Parse("$.items[1].qty")).value();
  const Json& doc = SmallDocument();
  for (auto _ : state) benchmark::DoNotOptimize(path.Find(doc));
}
BENCHMARK(BM_FindDefiniteWithIndex);

void BM_EvaluateWildcard(benchmark::State& state) {
  JsonPath path = std::move(JsonPath::Parse("$.items[*].sku")).value();
  const Json& doc = SmallDocument();
  for (auto _ : state) benchmark::DoNotOptimize(path.Evaluate(doc));
}
BENCHMARK(BM_EvaluateWildcard);

void BM_ParsePath(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(JsonPath::Parse("$.customer['name'].first[0]"));
}
BENCHMARK(BM_ParsePath);

// A Parameters block with three ".$" fields and one static field.
void BM_PayloadTemplateThreeFields(benchmark::State& state) {
  PayloadTemplate tmpl = std::move(PayloadTemplate::Compile(Json::parse(R"({
    "OrderId.$": "$.orderId", "Tier.$": "$.customer.tier", "FirstSku.$": "$.items[0].sku",
    "Source": "checkout"})"))).value();
  const Json& doc = SmallDocument();
  EvalContext context{doc};
  for (auto _ : state) benchmark::DoNotOptimize(tmpl.Evaluate(context));
}
BENCHMARK(BM_PayloadTemplateThreeFields);

}  // namespace
}  // namespace asl
