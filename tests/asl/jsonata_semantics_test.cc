// Regression tests for the evaluator's path and function semantics (issue 18, items 1-2): an
// array input as one item, the parent operator `%`, `[]` after `~>`, and the string functions
// that count characters. Expected values were taken from jsonata 2.2.2 on inputs of our own.

#include <gtest/gtest.h>

#include <string>

#include "asl/jsonata/jsonata.h"

namespace asl::jsonata {
namespace {

Evaluation EvalText(std::string_view source, const std::string& input_text = "null") {
  auto compiled = Expression::Compile(source);
  if (auto* error = std::get_if<Error>(&compiled)) return Evaluation{std::nullopt, *error};
  Json input = Json::parse(input_text);
  return std::get<Expression>(compiled).Evaluate(&input);
}

void ExpectResult(std::string_view source, const std::string& input, const std::string& expected) {
  Evaluation ev = EvalText(source, input);
  ASSERT_FALSE(ev.error.has_value()) << source << ": " << ev.error->code << " " << ev.error->message;
  ASSERT_TRUE(ev.result.has_value()) << source << ": undefined";
  EXPECT_EQ(*ev.result, Json::parse(expected)) << source;
}

void ExpectError(std::string_view source, const std::string& input, const std::string& code) {
  Evaluation ev = EvalText(source, input);
  ASSERT_TRUE(ev.error.has_value()) << source << ": no error";
  EXPECT_EQ(ev.error->code, code) << source << ": " << ev.error->message;
}

const char kOrders[] = R"({"shop": {"name": "S", "orders": [
  {"id": "o1", "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}]},
  {"id": "o2", "items": [{"sku": "c", "qty": 5}]}]}})";

TEST(JsonataSemantics, AnArrayInputIsOneItemOfTheFirstStep) {
  // The whole array is the first step's single input: the predicate indexes the flattened
  // lookup, not each item's own array.
  const std::string input = R"([{"p": [{"n": 0}]}, {"p": [{"n": 1}]}])";
  ExpectResult("p[0]", input, R"({"n": 0})");
  ExpectResult("$.p[0].n", input, "[0, 1]");
  ExpectResult("$[1]", input, R"({"p": [{"n": 1}]})");
  ExpectResult("$[1].p", input, R"([{"n": 1}])");
  ExpectResult("(p)[1].n", input, "1");
  ExpectResult("$string()", "[1, true]", R"("[1,true]")");
}

TEST(JsonataSemantics, ParentOperatorReadsTheStepsInput) {
  ExpectResult(R"(shop.orders.items.{ "sku": sku, "order": %.id, "shop": %.%.name })", kOrders,
               R"([{"sku": "a", "order": "o1", "shop": "S"}, {"sku": "b", "order": "o1", "shop": "S"},
                   {"sku": "c", "order": "o2", "shop": "S"}])");
  ExpectResult(R"(shop.orders.items[%.id = "o2"].sku)", kOrders, R"("c")");
  ExpectResult("shop.orders.items.sku^(>%.qty)", kOrders, R"(["c", "a", "b"])");
  ExpectResult(R"(shop.orders.items.( $o := %; $o.id & ":" & sku ))", kOrders,
               R"(["o1:a", "o1:b", "o2:c"])");
  ExpectResult("shop.orders.%.name", kOrders, R"(["S", "S"])");
  ExpectResult("shop.orders.items.%.%.name", kOrders, R"(["S", "S", "S"])");
}

TEST(JsonataSemantics, ParentOperatorWithoutAParentIsRefused) {
  ExpectError("%", kOrders, "S0217");
  ExpectError(R"({"a": 1}.%)", kOrders, "S0217");
  ExpectError("$.%", kOrders, "S0217");
  ExpectError("shop.orders.%.%.%", kOrders, "S0217");
  // Resolved, but the parent is an object: the arithmetic refuses it.
  ExpectError("shop.(% + 1)", kOrders, "T2001");
  // A call's procedure is not searched for a parent: `%()` calls undefined.
  ExpectError("shop.%()", kOrders, "T1006");
}

TEST(JsonataSemantics, EmptyPredicateAfterApplyKeepsTheArray) {
  ExpectResult("[7] ~> $map(function($v) { $v })[]", "null", "[7]");
  ExpectResult("[7] ~> $map(function($v) { $v })", "null", "7");
}

TEST(JsonataSemantics, StringFunctionsCountCharactersNotUtf16Units) {
  ExpectResult(R"($length("😀a"))", "null", "2");
  ExpectResult(R"($substring("😀ab", 1, 1))", "null", R"("a")");
  ExpectResult(R"($substring("😀💩", 0, 1))", "null", R"("😀")");
  // Fractional and negative arguments as JavaScript's slice takes them (truncated).
  ExpectResult(R"($substring("abcdef", -2.5, 1.6))", "null", R"("e")");
  ExpectResult(R"($substring("abcdef", 1.5, 2.7))", "null", R"("bcd")");
  ExpectResult(R"($pad("ab", 4.9, "xy"))", "null", R"("abxy")");
  ExpectResult(R"($pad("ab", -4.9))", "null", R"("  ab")");
}

TEST(JsonataSemantics, StringOfAnIntegerIsExact) {
  ExpectResult("$string(12345678901234567)", "null", R"("12345678901234568")");
  ExpectResult("$string(1.23456789012345678)", "null", R"("1.23456789012346")");
  ExpectResult(R"($string([5890840712243076]))", "null", R"("[5890840712243076]")");
}

TEST(JsonataSemantics, FunctionsInConcatenationAndAsMapArguments) {
  ExpectResult(R"("a" & /x/)", "null", R"("a")");
  ExpectResult(R"("a" & $uppercase)", "null", R"("a")");
  // $string's second parameter has a default in the reference, so $map passes one argument.
  ExpectResult("$map([1, 2], $string)", "null", R"(["1", "2"])");
}

TEST(JsonataSemantics, CustomMatcherLambdas) {
  // A matcher finding each "-": {match, start, end, groups, next}, `next` resuming after it.
  const std::string matcher =
      R"($m := function($s, $o) {( $b := $substringBefore($s, "-");
           $st := $length($b) + ($exists($o) ? $o : 0);
           $b != $s ? {"match": "-", "start": $st, "end": $st + 1, "groups": [],
                       "next": function() { $m($substringAfter($s, "-"), $st + 1) }} )})";
  ExpectResult("(" + matcher + R"(; $split("a-b-c", $m) ))", "null", R"(["a", "b", "c"])");
  ExpectResult("(" + matcher + R"(; $replace("a-b-c", $m, "+") ))", "null", R"("a+b+c")");
  ExpectResult("(" + matcher + R"(; $replace("a-b-c", $m, "+", 1) ))", "null", R"("a+b-c")");
  ExpectResult("(" + matcher + R"(; $contains("abc", $m) ))", "null", "false");
  ExpectResult("(" + matcher + R"(; $match("a-b", $m) ))", "null",
               R"({"match": "-", "index": 1, "groups": []})");
  ExpectError(R"($split("abc", $uppercase))", "null", "T1010");
}

TEST(JsonataSemantics, ParseErrorsOfTheReference) {
  ExpectError("[1!2]", "null", "S0204");
  ExpectError("a!", "null", "S0204");
  ExpectError("λ($a)<(sa<n>)>{$a}", "null", "S0402");
  Evaluation ev = EvalText(R"($decodeUrlComponent("%E0%A4%A"))");
  ASSERT_TRUE(ev.error.has_value());
  EXPECT_EQ(ev.error->code, "D3140");
  EXPECT_EQ(ev.error->message, R"(Malformed URL passed to $decodeUrlComponent(): "%E0%A4%A")");
}

}  // namespace
}  // namespace asl::jsonata
