// The reference's error texts (asl/jsonata/error_messages.h): Step Functions copies them into
// causes, e.g. the recorded "T1006: Attempted to invoke a non-function"
// (conformance/aws-recorded/jsonata_evaluation_failed_pass.json). Expected texts were taken from
// jsonata 2.2.2.

#include <gtest/gtest.h>

#include <string>

#include "asl/jsonata/jsonata.h"

namespace asl::jsonata {
namespace {

Error ErrorOf(std::string_view source) {
  auto compiled = Expression::Compile(source);
  if (auto* error = std::get_if<Error>(&compiled)) return *error;
  Json input = {{"a", "text"}};
  Evaluation ev = std::get<Expression>(compiled).Evaluate(&input);
  EXPECT_TRUE(ev.error.has_value()) << source;
  return ev.error.value_or(Error{});
}

void ExpectMessage(std::string_view source, std::string_view code, std::string_view message) {
  Error error = ErrorOf(source);
  EXPECT_EQ(error.code, code) << source;
  EXPECT_EQ(error.message, message) << source;
}

TEST(JsonataErrorMessages, TheReferenceTextsWithTheirTokens) {
  ExpectMessage("$randomSeeded(1)", "T1006", "Attempted to invoke a non-function");
  ExpectMessage("uppercase('x')", "T1005",
                "Attempted to invoke a non-function. Did you mean $uppercase?");
  ExpectMessage("a + 1", "T2001", "The left side of the \"+\" operator must evaluate to a number");
  ExpectMessage("1 * a", "T2002", "The right side of the \"*\" operator must evaluate to a number");
  ExpectMessage("[1..a]", "T2004",
                "The right side of the range operator (..) must evaluate to an integer");
  ExpectMessage("1 ~> 2", "T2006",
                "The right side of the function application operator ~> must be a function");
  ExpectMessage("a < {}", "T2010",
                "The expressions either side of operator \"<\" must evaluate to numeric or string "
                "values");
  ExpectMessage("\"abc", "S0101", "String literal must be terminated by a matching quote");
  ExpectMessage("%", "S0217",
                "The object representing the 'parent' cannot be derived from this expression");
  ExpectMessage("$match('abc', function($s) { 5 })", "T1010",
                "The matcher function argument passed to function \"match\" does not return the "
                "correct object structure");
}

TEST(JsonataErrorMessages, UserMessagesAreKept) {
  ExpectMessage("$error('stop here')", "D3137", "stop here");
  ExpectMessage("$error()", "D3137", "$error() function evaluated");
  ExpectMessage("$assert(false, 'must hold')", "D3141", "must hold");
  ExpectMessage("$assert(false)", "D3141", "$assert() statement failed");
}

}  // namespace
}  // namespace asl::jsonata
