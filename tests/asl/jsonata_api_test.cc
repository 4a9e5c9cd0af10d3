// The engine's API for the simulator: shared function sets, host functions, lazy variables,
// ReferencedVariables and source().

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "asl/jsonata/jsonata.h"

namespace asl::jsonata {
namespace {

Expression ApiCompile(std::string_view source) {
  auto compiled = Expression::Compile(source);
  if (auto* error = std::get_if<Error>(&compiled))
    ADD_FAILURE() << source << ": " << error->code << " " << error->message;
  return std::get<Expression>(compiled);
}

Evaluation ApiEval(std::string_view source, const Json* input, const EvaluateOptions& options = {}) {
  return ApiCompile(source).Evaluate(input, options);
}

TEST(JsonataApi, SourceIsKept) {
  EXPECT_EQ(ApiCompile("$count( [1, 2] )").source(), "$count( [1, 2] )");
}

TEST(JsonataApi, StandardHasTheLibraryButNotTheEngineHelpers) {
  const FunctionSet& standard = FunctionSet::Standard();
  EXPECT_TRUE(standard.Contains("count"));
  EXPECT_TRUE(standard.Contains("eval"));
  for (const auto& name : standard.Names()) EXPECT_FALSE(name.starts_with("__")) << name;
  Json input = 1;
  EXPECT_FALSE(ApiEval("$__compose", &input).result.has_value());
}

TEST(JsonataApi, StepFunctionsRefusesEval) {
  EXPECT_FALSE(FunctionSet::StepFunctions().Contains("eval"));
  EvaluateOptions options;
  options.functions = &FunctionSet::StepFunctions();
  Evaluation ev = ApiEval("$eval('1 + 1')", nullptr, options);
  ASSERT_TRUE(ev.error.has_value());
  EXPECT_EQ(ev.error->code, "T1006");
  EXPECT_EQ(ApiEval("$eval('1 + 1')", nullptr).result, Json(2));
}

TEST(JsonataApi, HostFunctionGetsJsonArgumentsAndTheHostContext) {
  FunctionSet functions = FunctionSet::Standard();
  int calls = 0;
  functions.Add("tag", "<s-n?:s>", [](const HostCall& call) {
    int* counter = static_cast<int*>(call.options.host);
    ++*counter;
    std::string out = call.args[0]->get<std::string>();
    out += call.args.size() > 1 && call.args[1] ? "#" + call.args[1]->dump() : "#none";
    return HostResult::Of(Json(out));
  });
  EvaluateOptions options;
  options.functions = &functions;
  options.host = &calls;
  Json input = {{"name", "a"}};
  EXPECT_EQ(ApiEval("$tag(name, 2)", &input, options).result, Json("a#2"));
  EXPECT_EQ(ApiEval("name.$tag()", &input, options).result, Json("a#none"));  // context parameter
  EXPECT_EQ(ApiEval("$count($map(['x','y'], $tag))", &input, options).result, Json(2));
  EXPECT_EQ(calls, 4);
  // The signature is checked as for a built-in.
  functions.Add("twice", "<n:n>", [](const HostCall& call) {
    return HostResult::Of(Json(call.args[0]->get<double>() * 2));
  });
  EXPECT_EQ(ApiEval("$twice(21)", &input, options).result, Json(42));
  Evaluation bad = ApiEval("$twice('x')", &input, options);
  ASSERT_TRUE(bad.error.has_value());
  EXPECT_EQ(bad.error->code, "T0410");
}

TEST(JsonataApi, HostFunctionUndefinedAndErrors) {
  FunctionSet functions;
  functions.Add("nothing", "", [](const HostCall&) { return HostResult::Undefined(); });
  functions.Add("fail", "", [](const HostCall&) {
    return HostResult::Fail("States.Custom", "it failed");
  });
  functions.Add("structure", "", [](const HostCall& call) {
    return HostResult::Of(Json{{"n", call.args.size()}, {"first_undefined", !call.args[0]}});
  });
  EvaluateOptions options;
  options.functions = &functions;
  EXPECT_FALSE(ApiEval("$nothing()", nullptr, options).result.has_value());
  EXPECT_EQ(ApiEval("$structure(nope, 1).n", nullptr, options).result, Json(2));
  EXPECT_EQ(ApiEval("$structure(nope).first_undefined", nullptr, options).result, Json(true));
  Evaluation failed = ApiEval("1 + $fail()", nullptr, options);
  ASSERT_TRUE(failed.error.has_value());
  EXPECT_EQ(failed.error->code, "States.Custom");
  EXPECT_EQ(failed.error->message, "it failed");
  EXPECT_EQ(failed.error->token, "fail");
  EXPECT_TRUE(failed.error->position.has_value());
  // An empty set has no standard functions.
  EXPECT_EQ(ApiEval("$count([1])", nullptr, options).error->code, "T1006");
}

TEST(JsonataApi, AddReplacesAndRemoveRemoves) {
  FunctionSet functions = FunctionSet::Standard();
  functions.Add("count", "", [](const HostCall&) { return HostResult::Of(Json(42)); });
  EXPECT_TRUE(functions.Remove("uppercase"));
  EXPECT_FALSE(functions.Remove("uppercase"));
  EvaluateOptions options;
  options.functions = &functions;
  EXPECT_EQ(ApiEval("$count([1])", nullptr, options).result, Json(42));
  EXPECT_EQ(ApiEval("$uppercase('a')", nullptr, options).error->code, "T1006");
  // The shared sets are untouched.
  EXPECT_TRUE(FunctionSet::Standard().Contains("uppercase"));
  EXPECT_THROW(functions.Add("bad", "<q", [](const HostCall&) { return HostResult{}; }),
               std::invalid_argument);
}

TEST(JsonataApi, VariablesCallbackResolvesFreeNamesOncePerEvaluation) {
  Json states = {{"input", {{"a", {1, 2, 3}}, {"b", "x"}}}};
  std::vector<std::string> asked;
  EvaluateOptions options;
  options.variables = [&](std::string_view name) -> const Json* {
    asked.emplace_back(name);
    return name == "states" ? &states : nullptr;
  };
  Expression e = ApiCompile(
      "{'n': $count($states.input.a), 's': $states.input.b & '!', 'u': $unknown,"
      " 'l': ($x := 5; $x)}");
  Evaluation ev = e.Evaluate(nullptr, options);
  ASSERT_FALSE(ev.error.has_value()) << ev.error->code;
  EXPECT_EQ(*ev.result, Json::parse(R"({"n":3,"s":"x!","l":5})"));
  // $x is bound by the expression and never reaches the callback. $count is asked once, since a
  // variable the host supplies shadows a function (as bindings do in the reference).
  EXPECT_EQ(asked, (std::vector<std::string>{"count", "states", "unknown"}));
}

TEST(JsonataApi, BindingsShadowFunctionsAndTheCallback) {
  Json bindings = {{"count", 7}, {"v", "bound"}};
  Json other = "callback";
  EvaluateOptions options;
  options.bindings = &bindings;
  options.variables = [&](std::string_view) -> const Json* { return &other; };
  EXPECT_EQ(ApiEval("[$count, $v, $w]", nullptr, options).result,
            Json::parse(R"([7,"bound","callback"])"));
}

TEST(JsonataApi, OneFunctionSetServesManyEvaluations) {
  Expression e = ApiCompile("$uppercase(a) & $string($count(b))");
  Json input = {{"a", "x"}, {"b", {1, 2}}};
  for (int i = 0; i < 100; ++i) ASSERT_EQ(e.Evaluate(&input).result, Json("X2"));
}

std::vector<std::string> ApiNames(const std::vector<VariableReference>& refs, bool called) {
  std::vector<std::string> out;
  for (const auto& r : refs)
    if (r.called == called) out.push_back(r.name);
  return out;
}

TEST(JsonataApi, ReferencedVariablesListsFreeNamesAndCalls) {
  Expression e = ApiCompile(
      "($total := $sum($states.input.items.price); $f := function($x) { $x * $rate };"
      " $states.input.items ~> $map($f) ~> $join(',') & $total & $y)");
  auto refs = e.ReferencedVariables();
  EXPECT_EQ(ApiNames(refs, false), (std::vector<std::string>{"states", "rate", "states", "y"}));
  EXPECT_EQ(ApiNames(refs, true), (std::vector<std::string>{"sum", "map", "join"}));
  ASSERT_FALSE(refs.empty());
  EXPECT_EQ(refs[1].name, "states");
  EXPECT_EQ(refs[1].fields, (std::vector<std::string>{"input", "items", "price"}));
}

TEST(JsonataApi, ReferencedVariablesFollowsScopes) {
  // Read before the block binds it: free. Inside a lambda, a later binding of the enclosing
  // block counts (recursion). Focus and index bindings bind for the rest of the path.
  auto refs = ApiCompile("[$a, ($a := 1; $a), ($g := function($n) { $n ? $g($n - 1) : $b }),"
                          " items@$i#$p.{'v': $i, 'p': $p, 'q': $q}, $states.context.Execution.Id]")
                  .ReferencedVariables();
  std::vector<std::string> names;
  for (const auto& r : refs) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "q", "states"}));
  EXPECT_EQ(refs.back().fields, (std::vector<std::string>{"context", "Execution", "Id"}));
  EXPECT_TRUE(ApiCompile("$ & $$.a").ReferencedVariables().empty());
  auto partial = ApiCompile("$substring(?, 1)").ReferencedVariables();
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_TRUE(partial[0].called);
}

}  // namespace
}  // namespace asl::jsonata
