// sfnsim jsonata (the command): the output formats and exit codes issue 18 specifies, through the binary.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/cli_test_util.h"

namespace sfnsim_test {
namespace {

using nlohmann::json;

CliResult Jsonata(const std::string& args, const ScratchDir& dir) {
  return RunSfnsim("jsonata " + args, dir);
}

TEST(CliJsonataTest, ResultAsJsonWithIntegersAsJavaScriptPrintsThem) {
  ScratchDir dir;
  std::string input = dir.Write("in.json", R"({"Account": {"Order": [{"Price": 2.5, "Qty": 2},
                                                                {"Price": 1, "Qty": 3}]}})");
  CliResult r = Jsonata("'$sum(Account.Order.(Price * Qty))' --format json --input " + input, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"result\":8}\n");
  EXPECT_EQ(r.err, "");
}

TEST(CliJsonataTest, TextFormatPrintsTheValueIndented) {
  ScratchDir dir;
  CliResult r = Jsonata("'{\"a\": [1, 2.5]}'", dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\n  \"a\": [\n    1,\n    2.5\n  ]\n}\n");
}

TEST(CliJsonataTest, WithoutInputTheInputIsUndefined) {
  ScratchDir dir;
  CliResult json_out = Jsonata("'$' --format json", dir);
  EXPECT_EQ(json_out.exit_code, 0);
  EXPECT_EQ(json_out.out, "{\"undefined\":true}\n");
  CliResult text_out = Jsonata("'missing.field'", dir);
  EXPECT_EQ(text_out.exit_code, 0);
  EXPECT_EQ(text_out.out, "");
  EXPECT_NE(text_out.err.find("undefined"), std::string::npos) << text_out.err;
}

TEST(CliJsonataTest, InputFromStdin) {
  ScratchDir dir;
  std::string input = dir.Write("in.json", R"({"a": [1, 2, 3]})");
  CliResult r = RunSfnsim("jsonata 'a[-1]' --input - --format json < " + input, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"result\":3}\n");
}

TEST(CliJsonataTest, BindingsNameVariables) {
  ScratchDir dir;
  std::string bindings = dir.Write("b.json", R"({"rate": 0.5, "name": "x"})");
  CliResult r = Jsonata("'$name & \":\" & $string(10 * $rate)' --format json --bindings " +
                            bindings, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"result\":\"x:5\"}\n");
}

TEST(CliJsonataTest, ParseErrorIsExitOneWithCodePositionAndToken) {
  ScratchDir dir;
  CliResult r = Jsonata("'Account.(' --format json", dir);
  EXPECT_EQ(r.exit_code, 1);
  json out = json::parse(r.out);
  ASSERT_TRUE(out.contains("error")) << r.out;
  EXPECT_EQ(out.size(), 1u);
  const json& e = out["error"];
  EXPECT_EQ(e["code"].get<std::string>().substr(0, 2), "S0") << r.out;
  EXPECT_TRUE(e.contains("message"));
  EXPECT_TRUE(e["position"].is_number()) << r.out;
  EXPECT_TRUE(e.contains("token"));
}

TEST(CliJsonataTest, EvaluationErrorIsExitOneAndTextShowsWhere) {
  ScratchDir dir;
  CliResult json_out = Jsonata("'$undefinedFunction(1)' --format json", dir);
  EXPECT_EQ(json_out.exit_code, 1);
  json e = json::parse(json_out.out)["error"];
  EXPECT_EQ(e["code"], "T1006");
  EXPECT_EQ(e["token"], "undefinedFunction");
  EXPECT_TRUE(e["position"].is_number());

  CliResult text_out = Jsonata("'1 + $undefinedFunction(1)'", dir);
  EXPECT_EQ(text_out.exit_code, 1);
  EXPECT_EQ(text_out.out, "");
  EXPECT_NE(text_out.err.find("T1006"), std::string::npos) << text_out.err;
  // The expression, then a caret under the offending token.
  EXPECT_NE(text_out.err.find("  1 + $undefinedFunction(1)\n"), std::string::npos)
      << text_out.err;
  EXPECT_NE(text_out.err.find("^\n"), std::string::npos) << text_out.err;
}

TEST(CliJsonataTest, UnreadableOrMalformedFilesAreUsageErrorsNamingTheFile) {
  ScratchDir dir;
  std::string bad = dir.Write("bad.json", "[1, 2");
  CliResult malformed = Jsonata("'$' --input " + bad, dir);
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_NE(malformed.err.find(bad + ":1:"), std::string::npos) << malformed.err;
  EXPECT_NE(malformed.err.find("the input must be JSON"), std::string::npos) << malformed.err;

  CliResult missing = Jsonata("'$' --input " + dir.Path("nope.json"), dir);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.json"), std::string::npos) << missing.err;

  std::string array = dir.Write("array.json", "[1]");
  CliResult not_object = Jsonata("'$x' --bindings " + array, dir);
  EXPECT_EQ(not_object.exit_code, 2);
  EXPECT_NE(not_object.err.find("must be a JSON object"), std::string::npos) << not_object.err;
  EXPECT_EQ(not_object.out, "");
}

TEST(CliJsonataTest, BadUsageIsExitTwo) {
  ScratchDir dir;
  EXPECT_EQ(RunSfnsim("jsonata", dir).exit_code, 2);
  EXPECT_EQ(Jsonata("'1' --format yaml", dir).exit_code, 2);
  EXPECT_EQ(Jsonata("'1' --seed -1", dir).exit_code, 2);
  EXPECT_EQ(Jsonata("'1' --now yesterday", dir).exit_code, 2);
  EXPECT_EQ(Jsonata("'1' --input - --bindings -", dir).exit_code, 2);
}

TEST(CliJsonataTest, NowAndSeedMakeRunsRepeatable) {
  ScratchDir dir;
  CliResult at = Jsonata("'$millis()' --now 2026-01-31T12:00:00Z --format json", dir);
  EXPECT_EQ(at.out, "{\"result\":1769860800000}\n") << at.err;
  CliResult millis = Jsonata("'$millis()' --now 1500 --format json", dir);
  EXPECT_EQ(millis.out, "{\"result\":1500}\n") << millis.err;

  std::string first = Jsonata("'[$random(), $random()]' --seed 7 --format json", dir).out;
  EXPECT_EQ(first, Jsonata("'[$random(), $random()]' --seed 7 --format json", dir).out);
  EXPECT_NE(first, Jsonata("'[$random(), $random()]' --seed 8 --format json", dir).out);
}

TEST(CliJsonataTest, RunawayExpressionsStopWithU1001) {
  ScratchDir dir;
  CliResult loop =
      Jsonata("'($f := function($n) { $f($n + 1) }; $f(0))' --timeout-ms 200 --format json", dir);
  EXPECT_EQ(loop.exit_code, 1);
  EXPECT_EQ(json::parse(loop.out)["error"]["code"], "U1001") << loop.out;
  CliResult deep =
      Jsonata("'($f := function($n) { 1 + $f($n + 1) }; $f(0))' --format json", dir);
  EXPECT_EQ(deep.exit_code, 1);
  EXPECT_EQ(json::parse(deep.out)["error"]["code"], "U1001") << deep.out;
}

TEST(CliJsonataTest, StepFunctionsFunctionSet) {
  ScratchDir dir;
  // AWS's additions are there ...
  CliResult partition = Jsonata("'$partition([1, 2, 3], 2)' --format json", dir);
  EXPECT_EQ(partition.out, "{\"result\":[[1,2],[3]]}\n") << partition.err;
  CliResult uuid = Jsonata("'$uuid()' --seed 3 --format json", dir);
  EXPECT_EQ(uuid.exit_code, 0);
  EXPECT_EQ(uuid.out, Jsonata("'$uuid()' --seed 3 --format json", dir).out);
  EXPECT_NE(uuid.out, Jsonata("'$uuid()' --seed 4 --format json", dir).out);
  // ... and $eval, which Step Functions refuses, is not.
  CliResult eval = Jsonata("'$eval(\"1 + 1\")' --format json", dir);
  EXPECT_EQ(eval.exit_code, 1);
  EXPECT_EQ(json::parse(eval.out)["error"]["code"], "T1006") << eval.out;
}

}  // namespace
}  // namespace sfnsim_test
