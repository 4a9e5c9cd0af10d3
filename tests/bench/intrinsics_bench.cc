// Evaluation cost of compiled intrinsic calls (the parse happens once, at load time).
// Run: ./build/sfnsim_bench --benchmark_filter=Intrinsic

#include <benchmark/benchmark.h>

#include <cstdlib>

#include "asl/intrinsics/intrinsic_call.h"

namespace {

asl::IntrinsicCall MustParse(std::string_view text) {
  auto call = asl::IntrinsicCall::Parse(text);
  if (!call.ok()) std::abort();
  return std::move(call).value();
}

void Evaluate(benchmark::State& state, std::string_view text, const asl::Json& input) {
  const asl::IntrinsicCall call = MustParse(text);
  asl::Random random(1);
  const asl::EvalContext context{input, nullptr, &random};
  for (auto _ : state) {
    asl::Result<asl::Json> result = call.Evaluate(context);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_IntrinsicMathAddLiterals(benchmark::State& state) {
  Evaluate(state, "States.MathAdd(1, 2)", asl::Json::object());
}
BENCHMARK(BM_IntrinsicMathAddLiterals);

void BM_IntrinsicMathAddPath(benchmark::State& state) {
  Evaluate(state, "States.MathAdd($.loop.counter, -1)",
           asl::Json::parse(R"({"loop":{"counter":41},"other":"x"})"));
}
BENCHMARK(BM_IntrinsicMathAddPath);

void BM_IntrinsicMathAddNested(benchmark::State& state) {
  Evaluate(state, "States.MathAdd(States.MathAdd($.a, 1.5), States.ArrayLength($.items))",
           asl::Json::parse(R"({"a":40,"items":[1,2,3]})"));
}
BENCHMARK(BM_IntrinsicMathAddNested);

void BM_IntrinsicFormatLiteralTemplate(benchmark::State& state) {
  Evaluate(state, "States.Format('Hello, {}! You have {} new messages.', $.name, $.count)",
           asl::Json::parse(R"({"name":"Arnav","count":3})"));
}
BENCHMARK(BM_IntrinsicFormatLiteralTemplate);

void BM_IntrinsicFormatTemplateFromInput(benchmark::State& state) {
  Evaluate(state, "States.Format($.template, $.name)",
           asl::Json::parse(R"({"template":"Hello, my name is {}.","name":"Arnav"})"));
}
BENCHMARK(BM_IntrinsicFormatTemplateFromInput);

void BM_IntrinsicFormatObject(benchmark::State& state) {
  Evaluate(state, "States.Format('order {} by {}', $.order.id, $.order)",
           asl::Json::parse(R"({"order":{"id":17,"customer":"ann","lines":[1,2.5,"x"]}})"));
}
BENCHMARK(BM_IntrinsicFormatObject);

void BM_IntrinsicParseFormat(benchmark::State& state) {
  for (auto _ : state) {
    auto call = asl::IntrinsicCall::Parse(
        "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit($.arn, '/'), 2), "
        "States.MathAdd($.a, 1), 'x')");
    benchmark::DoNotOptimize(call);
  }
}
BENCHMARK(BM_IntrinsicParseFormat);

}  // namespace
