// Choice rule evaluation: the per-transition cost of a typical Choice state.
#include <benchmark/benchmark.h>

#include "asl/choice/choice_rule.h"

namespace asl {
namespace {

ChoiceRule CompileBenchRule(bool* ok) {
  DiagnosticList diagnostics;
  ChoiceRule rule = ChoiceRule::Compile(Json::parse(R"({
      "And": [
        {"Variable": "$.order.total", "NumericLessThanPath": "$.limits.max"},
        {"Variable": "$.order.file", "StringMatches": "invoice-*-2024*.pdf"},
        {"Variable": "$.order.customer.id", "IsPresent": true}
      ],
      "Next": "Approve"
    })"),
                                        "/States/Check/Choices/0", true, diagnostics);
  *ok = rule.valid() && diagnostics.empty();
  return rule;
}

// Every operand true: the whole And is evaluated.
void BM_ChoiceAndAllTrue(benchmark::State& state) {
  bool ok = false;
  ChoiceRule rule = CompileBenchRule(&ok);
  if (!ok) {
    state.SkipWithError("rule did not compile");
    return;
  }
  const Json input = Json::parse(R"({
      "order": {"total": 120.5, "file": "invoice-7731-2024-03.pdf",
                "customer": {"id": "c-42", "name": "Ada"}, "lines": [1, 2, 3]},
      "limits": {"max": 1000}
    })");
  const EvalContext context{input};
  for (auto _ : state) {
    Result<bool> result = rule.Evaluate(context);
    if (!result.ok() || !result.value()) {
      state.SkipWithError("unexpected result");
      return;
    }
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ChoiceAndAllTrue);

// The first operand is false: And stops there.
void BM_ChoiceAndShortCircuit(benchmark::State& state) {
  bool ok = false;
  ChoiceRule rule = CompileBenchRule(&ok);
  if (!ok) {
    state.SkipWithError("rule did not compile");
    return;
  }
  const Json input = Json::parse(R"({
      "order": {"total": 5000, "file": "invoice-7731-2024-03.pdf", "customer": {"id": "c-42"}},
      "limits": {"max": 1000}
    })");
  const EvalContext context{input};
  for (auto _ : state) {
    Result<bool> result = rule.Evaluate(context);
    if (!result.ok() || result.value()) {
      state.SkipWithError("unexpected result");
      return;
    }
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ChoiceAndShortCircuit);

// Compiling the rule (done once per definition load).
void BM_ChoiceCompile(benchmark::State& state) {
  const Json definition = Json::parse(R"({
      "And": [
        {"Variable": "$.order.total", "NumericLessThanPath": "$.limits.max"},
        {"Variable": "$.order.file", "StringMatches": "invoice-*-2024*.pdf"},
        {"Variable": "$.order.customer.id", "IsPresent": true}
      ],
      "Next": "Approve"
    })");
  for (auto _ : state) {
    DiagnosticList diagnostics;
    ChoiceRule rule = ChoiceRule::Compile(definition, "/States/Check/Choices/0", true, diagnostics);
    benchmark::DoNotOptimize(rule);
  }
}
BENCHMARK(BM_ChoiceCompile);

}  // namespace
}  // namespace asl
