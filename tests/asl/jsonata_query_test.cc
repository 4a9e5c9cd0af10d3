// asl/playground/jsonata_query: the outcome texts `sfnsim jsonata` prints.

#include "asl/playground/jsonata_query.h"

#include <gtest/gtest.h>

#include <sstream>

namespace asl {
namespace {

JsonataOutcome Evaluate(const std::string& expression) {
  JsonataQuery query;
  query.expression = expression;
  std::istringstream no_stdin;
  return RunJsonataQuery(query, no_stdin);
}

TEST(JsonataQueryTest, ReadsStdinForDash) {
  JsonataQuery query;
  query.expression = "$count(items)";
  query.input_path = "-";
  std::istringstream in(R"({"items": [1, 2, 3]})");
  JsonataOutcome outcome = RunJsonataQuery(query, in);
  ASSERT_EQ(outcome.kind, JsonataOutcome::Kind::kResult);
  EXPECT_EQ(JsonataOutcomeJson(outcome), "{\"result\":3}\n");
}

TEST(JsonataQueryTest, MalformedStdinNamesStdinAndLine) {
  JsonataQuery query;
  query.expression = "$";
  query.input_path = "-";
  std::istringstream in("{\n  \"a\": }");
  JsonataOutcome outcome = RunJsonataQuery(query, in);
  ASSERT_EQ(outcome.kind, JsonataOutcome::Kind::kUnreadable);
  EXPECT_EQ(outcome.unreadable.rfind("<stdin>:2:", 0), 0u) << outcome.unreadable;
}

TEST(JsonataQueryTest, ErrorJsonHasAllFourFieldsNullWhenUnknown) {
  JsonataOutcome outcome;
  outcome.kind = JsonataOutcome::Kind::kError;
  outcome.error = jsonata::Error{"D3141", "boom", std::nullopt, std::nullopt};
  EXPECT_EQ(JsonataOutcomeJson(outcome),
            "{\"error\":{\"code\":\"D3141\",\"message\":\"boom\",\"position\":null,"
            "\"token\":null}}\n");
}

TEST(JsonataQueryTest, ErrorTextPointsAtTheTokenOnItsLine) {
  JsonataOutcome outcome = Evaluate("(\n  $a := 1;\n  $nope(2)\n)");
  ASSERT_EQ(outcome.kind, JsonataOutcome::Kind::kError);
  std::string text = JsonataOutcomeText(outcome, "(\n  $a := 1;\n  $nope(2)\n)");
  EXPECT_EQ(text.rfind("T1006: ", 0), 0u) << text;
  EXPECT_NE(text.find("at line 3, column"), std::string::npos) << text;
  // The reference places a call's position at its "(": the caret is under "$nope(".
  size_t shown = text.find("\n    $nope(2)\n");
  ASSERT_NE(shown, std::string::npos) << text;
  std::string caret_line = text.substr(shown + 14);
  EXPECT_EQ(caret_line, "         ^\n") << text;
}

TEST(JsonataQueryTest, UndefinedPrintsNothing) {
  JsonataOutcome outcome = Evaluate("nothing.here");
  EXPECT_EQ(outcome.kind, JsonataOutcome::Kind::kUndefined);
  EXPECT_EQ(JsonataOutcomeText(outcome, "nothing.here"), "");
  EXPECT_EQ(JsonataOutcomeJson(outcome), "{\"undefined\":true}\n");
}

}  // namespace
}  // namespace asl
