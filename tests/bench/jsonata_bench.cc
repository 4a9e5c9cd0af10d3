// Benchmarks of the JSONata engine on what Step Functions evaluates per state: an `Arguments`
// template compiled once, `$states` resolved through the variables callback, the shared
// FunctionSet::StepFunctions(). Target (issue 18): <= 2 us per evaluation in Release.

#include <benchmark/benchmark.h>

#include "asl/jsonata/jsonata.h"

namespace asl::jsonata {
namespace {

const Json& StatesDocument() {
  static const Json states = Json::parse(R"({
    "input": {"orderId": "o-123", "customer": {"id": 42, "name": "Ada", "tier": "gold"},
              "items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 2}, {"sku": "c", "qty": 5}],
              "total": 17.5, "region": "eu-west-1"},
    "context": {"Execution": {"Id": "arn:aws:states:eu-west-1:123456789012:execution:m:e"}}})");
  return states;
}

// Six fields reading $states.input paths, one string concatenation, one $count.
constexpr const char* kArgumentsTemplate =
    "{'OrderId': $states.input.orderId, 'CustomerId': $states.input.customer.id,"
    " 'Tier': $states.input.customer.tier, 'FirstSku': $states.input.items[0].sku,"
    " 'Label': $states.input.customer.name & '-' & $states.input.region,"
    " 'ItemCount': $count($states.input.items)}";

// What a JSONata state's expressions are evaluated with: Step Functions' functions and $states
// resolved through the variables callback, as asl/runtime does.
EvaluateOptions StepFunctionsOptions() {
  EvaluateOptions options;
  options.functions = &FunctionSet::StepFunctions();
  options.variables = [](std::string_view name) -> const Json* {
    return name == "states" ? &StatesDocument() : nullptr;
  };
  return options;
}

void BM_JsonataArgumentsTemplate(benchmark::State& state) {
  Expression expression = std::get<Expression>(Expression::Compile(kArgumentsTemplate));
  EvaluateOptions options = StepFunctionsOptions();
  for (auto _ : state) benchmark::DoNotOptimize(expression.Evaluate(nullptr, options));
}
BENCHMARK(BM_JsonataArgumentsTemplate);

// One path, the smallest useful expression: the fixed cost of an evaluation.
void BM_JsonataSinglePath(benchmark::State& state) {
  Expression expression = std::get<Expression>(Expression::Compile("$states.input.orderId"));
  EvaluateOptions options = StepFunctionsOptions();
  for (auto _ : state) benchmark::DoNotOptimize(expression.Evaluate(nullptr, options));
}
BENCHMARK(BM_JsonataSinglePath);

void BM_JsonataCompileTemplate(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Expression::Compile(kArgumentsTemplate));
}
BENCHMARK(BM_JsonataCompileTemplate);

}  // namespace
}  // namespace asl::jsonata
